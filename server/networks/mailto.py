"""E-mail (registry name ``email``): a ``mailto:`` link opening the employee's mail program, filled in.

RFC 6068 wants line breaks in a mailto body written ``%0D%0A``; mail programs accept a bare ``%0A`` too,
but CRLF is what the standard promises to work everywhere. The module is not called ``email`` so that
it never shadows the standard library's.
"""

from .composer import encode, text_with_link
from .descriptor import Intent

name = "email"
label = {"fr": "E-mail", "en": "E-mail"}
length = None
prefills_text = True
needs_instance = False
posts_directly = False


def build_intent(text: str, url: str, *, title: str | None = None, instance: str | None = None) -> Intent:
    """``mailto:?subject=…&body=…`` (no recipient: the employee chooses)."""
    body = text_with_link(text, url).replace("\r\n", "\n").replace("\n", "\r\n")
    params = [("subject", title), ("body", body)]
    query = "&".join(f"{key}={encode(value)}" for key, value in params if value)
    return Intent(f"mailto:?{query}")
