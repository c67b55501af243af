"""Building composer (share-intent) URLs: the encoding rules and where the link goes.

Every parameter is percent-encoded from UTF-8 with nothing left safe, so ``&``, ``#``, ``+``, ``%``,
``/`` and newlines (``%0A``) survive any composer's query parser.
"""

import re
from urllib.parse import quote

LINK_SEPARATOR = "\n\n"
"""What goes between the employee's text and the link when we append it (a blank line reads best on
every network that prefills text)."""


def encode(value: str) -> str:
    """Percent-encode one query value (UTF-8, nothing safe)."""
    return quote(value, safe="")


def composer_url(base: str, *params: tuple[str, str | None]) -> str:
    """``base?name=value&…`` in the order given, skipping parameters whose value is None or empty."""
    query = "&".join(f"{name}={encode(value)}" for name, value in params if value)
    return f"{base}?{query}" if query else base


def _link_pattern(link: str) -> str:
    # The link, not the start of a longer URL: "https://a.example/x" is not in "https://a.example/xy".
    return rf"{re.escape(link)}(?![\w/?#&=%~+-])"


def contains_link(text: str, link: str) -> bool:
    """Whether the employee already put the link in the text (so we must not add it twice)."""
    return bool(link) and re.search(_link_pattern(link), text) is not None


def text_with_link(text: str, link: str) -> str:
    """The text with the link at the end, unless it is already inside.

    Used where a composer has a single text field, and for the text the page copies to the clipboard.
    """
    text = text.strip()
    if not link or contains_link(text, link):
        return text
    return f"{text}{LINK_SEPARATOR}{link}" if text else link


def text_without_link(text: str, link: str) -> str:
    """The text with the link taken out, for composers that always add the link themselves (Telegram)."""
    if not contains_link(text, link):
        return text.strip()
    # Take the white space before each occurrence with it, so "see https://x here" reads "see here".
    return re.sub(rf"\s?{_link_pattern(link)}", "", text).strip()
