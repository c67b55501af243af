"""Microsoft Teams: share intent only.

The URL Microsoft's launcher script opens (``data-href``, ``data-msg-text``), used directly so no
third-party script loads. The link travels in ``href`` (Teams shows it as a preview card), the words in
``msgText``. No length limit is declared: Teams caps messages by size (about 28 KB), far above a share.
"""

from .composer import composer_url
from .descriptor import Intent

name = "teams"
label = {"fr": "Microsoft Teams", "en": "Microsoft Teams"}
length = None
prefills_text = True
needs_instance = False
posts_directly = False

SHARE_URL = "https://teams.microsoft.com/share"


def build_intent(text: str, url: str, *, title: str | None = None, instance: str | None = None) -> Intent:
    """The Teams share dialog with the link and the message."""
    return Intent(composer_url(SHARE_URL, ("href", url), ("msgText", text.strip())))
