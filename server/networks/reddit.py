"""Reddit: share intent only.

The submit page takes a link and a title, not a body, so the employee's text goes to the clipboard (for
the body or a first comment). No length limit is declared: the text is not prefilled anywhere, and
Reddit's 300-character limit applies to the title, which is the link's own.
"""

from .composer import composer_url
from .descriptor import Intent

name = "reddit"
label = {"fr": "Reddit", "en": "Reddit"}
length = None
prefills_text = False
needs_instance = False
posts_directly = False

SUBMIT_URL = "https://www.reddit.com/submit"


def build_intent(text: str, url: str, *, title: str | None = None, instance: str | None = None) -> Intent:
    """The submit page with link and title; the text goes to the clipboard."""
    return Intent(composer_url(SUBMIT_URL, ("url", url), ("title", title)), copy_text=text.strip() or None)
