"""Copy (registry name ``copy``): no network at all. The page copies the text with its link.

The module is not called ``copy`` so that it never shadows the standard library's.
"""

from .composer import text_with_link
from .descriptor import Intent

name = "copy"
label = {"fr": "Copier le texte", "en": "Copy text"}
length = None
prefills_text = False
needs_instance = False
posts_directly = False


def build_intent(text: str, url: str, *, title: str | None = None, instance: str | None = None) -> Intent:
    """No composer URL; the text with the link is what the page copies."""
    return Intent(None, copy_text=text_with_link(text, url))
