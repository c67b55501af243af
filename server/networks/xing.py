"""XING: share intent only.

The share page takes the link alone, so the employee's text goes to the clipboard. No length limit is
declared: the text is not prefilled, and XING documents none for shares.
"""

from .composer import composer_url
from .descriptor import Intent

name = "xing"
label = {"fr": "XING", "en": "XING"}
length = None
prefills_text = False
needs_instance = False
posts_directly = False

SHARE_URL = "https://www.xing.com/spi/shares/new"


def build_intent(text: str, url: str, *, title: str | None = None, instance: str | None = None) -> Intent:
    """The share page with the link; the text goes to the clipboard."""
    return Intent(composer_url(SHARE_URL, ("url", url)), copy_text=text.strip() or None)
