"""Telegram: share intent only.

``t.me/share/url`` requires the link in ``url`` and shows it above the text, so a link the employee
already wrote into the text is taken out of ``text`` rather than shown twice.
"""

from .composer import composer_url, text_without_link
from .descriptor import Intent, LengthLimit

name = "telegram"
label = {"fr": "Telegram", "en": "Telegram"}
length = LengthLimit(4_096, "chars")
prefills_text = True
needs_instance = False
posts_directly = False

COMPOSER_URL = "https://t.me/share/url"


def build_intent(text: str, url: str, *, title: str | None = None, instance: str | None = None) -> Intent:
    """The link in ``url``, the employee's words in ``text``."""
    return Intent(composer_url(COMPOSER_URL, ("url", url), ("text", text_without_link(text, url))))
