"""Threads: share intent only (Meta's documented web intent; the API needs an Instagram business app).

``threads.com`` is the current domain (``threads.net`` redirects). ``url`` adds a link attachment; when
the employee already wrote the link into the text, the attachment is left out so it does not show twice.
"""

from .composer import composer_url, contains_link
from .descriptor import Intent, LengthLimit

name = "threads"
label = {"fr": "Threads", "en": "Threads"}
length = LengthLimit(500, "chars")
prefills_text = True
needs_instance = False
posts_directly = False

COMPOSER_URL = "https://www.threads.com/intent/post"


def build_intent(text: str, url: str, *, title: str | None = None, instance: str | None = None) -> Intent:
    """Text prefilled, link as attachment unless already in the text."""
    text = text.strip()
    link = None if contains_link(text, url) else url
    return Intent(composer_url(COMPOSER_URL, ("text", text), ("url", link)))
