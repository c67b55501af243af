"""WhatsApp: share intent only (``wa.me`` opens the app or WhatsApp Web with the message ready)."""

from .composer import composer_url, text_with_link
from .descriptor import Intent, LengthLimit

name = "whatsapp"
label = {"fr": "WhatsApp", "en": "WhatsApp"}
# WhatsApp caps a message at 65,536 characters; a share never comes near it.
length = LengthLimit(65_536, "chars")
prefills_text = True
needs_instance = False
posts_directly = False

COMPOSER_URL = "https://wa.me/"


def build_intent(text: str, url: str, *, title: str | None = None, instance: str | None = None) -> Intent:
    """One text field: the link goes inside the text."""
    return Intent(composer_url(COMPOSER_URL, ("text", text_with_link(text, url))))
