"""Finding links and hashtags in an employee's text, as the networks' own composers do.

Used where a client must treat them specially: LinkedIn leaves them unescaped, Bluesky turns them into
facets, and reconciliation ignores links (networks shorten or rewrite them).
"""

import re

_URL = re.compile(r"https?://[^\s<>\"]+", re.IGNORECASE)
_HASHTAG = re.compile(r"(?:(?<=\s)|^)#(\w*[^\W\d_]\w*)")
_TRAILING = ".,;:!?'\"…»”’"
_OPENING = {")": "(", "]": "[", "}": "{"}


def link_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each http(s) link, without the punctuation that ends a sentence around it.

    A closing bracket stays when the link opened it (Wikipedia-style ``…_(ville)``), goes otherwise
    (``(voir https://exemple.fr)``).
    """
    spans = []
    for match in _URL.finditer(text):
        start, end = match.span()
        end = _trim(text, start, end)
        if text[start:end].rstrip("/").lower() not in ("http:", "https:"):
            spans.append((start, end))
    return spans


def _trim(text: str, start: int, end: int) -> int:
    while end > start:
        last = text[end - 1]
        link = text[start:end]
        if last in _TRAILING or (last in _OPENING and link.count(last) > link.count(_OPENING[last])):
            end -= 1
        else:
            break
    return end


def hashtag_spans(text: str) -> list[tuple[int, int, str]]:
    """(start, end, tag without ``#``) of each hashtag: ``#`` after a space or at the start, then a word
    with at least one letter (``#2026`` and ``C#`` are not hashtags)."""
    links = link_spans(text)
    found = []
    for match in _HASHTAG.finditer(text):
        start, end = match.span()
        # A "#fragment" inside a link is part of the link.
        if not any(s <= start < e for s, e in links):
            found.append((start, end, match.group(1)))
    return found


def replace_links(text: str, replacement: str) -> str:
    """The text with every link replaced by ``replacement``."""
    pieces, last = [], 0
    for start, end in link_spans(text):
        pieces += [text[last:start], replacement]
        last = end
    pieces.append(text[last:])
    return "".join(pieces)
