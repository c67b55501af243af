"""Counting a text the way each network counts it (facts: shared/reference/networks.md).

* ``chars``: code points.
* ``graphemes``: user-perceived characters (Bluesky): ``é`` written as ``e`` + accent is one, a family
  emoji is one, CR LF is one.
* ``twitter``: twitter-text v3 weights: code points in U+0000–U+10FF, U+2000–U+200D, U+2010–U+201F and
  U+2032–U+2037 weigh 1, every other code point 2 (CJK …), an emoji sequence 2 whatever its length,
  and every link (with or without scheme) 23; the text is NFC-normalised first.
* ``mastodon``: graphemes, every link *with a scheme* counts 23, ``@user@domain`` counts as ``@user``.

Most posts take a fast path (one pattern search proves every character is simple); the exact,
slower walk over graphemes runs only for the rest, or to find where the limit is crossed.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator

import regex

from .links import LinkSpan
from .results import LengthLimit

URL_WEIGHT = 23
_GRAPHEME = regex.compile(r"\X")
_EMOJI = regex.compile(r"[\p{Extended_Pictographic}\U0001F1E6-\U0001F1FF\u20E3]")
# Characters that are one grapheme each and weigh 1 on X: the fast path applies to texts made of them.
_NOT_SIMPLE = re.compile(r"[^\u0000-\u02ff\u2010-\u201f\u2032-\u2037]")
_TWITTER_LIGHT = ((0x0000, 0x10FF), (0x2000, 0x200D), (0x2010, 0x201F), (0x2032, 0x2037))


def _counted_links(links: list[LinkSpan], counting: str) -> list[LinkSpan]:
    if counting == "twitter":
        return [link for link in links if link.is_link]
    if counting == "mastodon":
        return [link for link in links if link.kind in ("url", "handle")]
    return []


def _link_weight(link: LinkSpan) -> int:
    if link.kind == "handle":
        return len(_GRAPHEME.findall(link.text.rsplit("@", 1)[0]))
    return URL_WEIGHT


def _code_point_weight(char: str) -> int:
    code = ord(char)
    return 1 if any(low <= code <= high for low, high in _TWITTER_LIGHT) else 2


def _grapheme_weight(grapheme: str, counting: str) -> int:
    if counting != "twitter":
        return 1
    if _EMOJI.search(grapheme):
        return 2
    return sum(_code_point_weight(char) for char in unicodedata.normalize("NFC", grapheme))


def _units(text: str, counting: str, links: list[LinkSpan]) -> Iterator[tuple[int, int]]:
    """(start, weight) of each counted unit: a link, or a grapheme outside links."""
    cursor = 0
    for link in [*_counted_links(links, counting), LinkSpan(len(text), len(text), "end", "", "")]:
        for grapheme in _GRAPHEME.finditer(text, cursor, link.start):
            yield grapheme.start(), _grapheme_weight(grapheme.group(), counting)
        if link.kind != "end":
            yield link.start, _link_weight(link)
        cursor = link.end


def _fast_count(text: str, counting: str, links: list[LinkSpan]) -> int | None:
    if counting == "chars":
        return len(text)
    if _NOT_SIMPLE.search(text):
        return None
    total = len(text) if counting == "twitter" else len(text) - text.count("\r\n")
    for link in _counted_links(links, counting):
        total += _link_weight(link) - (link.end - link.start)
    return total


def measure(text: str, limit: LengthLimit, links: list[LinkSpan]) -> tuple[int, int | None]:
    """The text's length as the network counts it, and where it first goes over the limit (or None)."""
    if limit.counting == "chars":
        return len(text), (limit.max if len(text) > limit.max else None)
    total = _fast_count(text, limit.counting, links)
    if total is not None and total <= limit.max:
        return total, None
    total, overflow = 0, None
    for start, weight in _units(text, limit.counting, links):
        total += weight
        if overflow is None and total > limit.max:
            overflow = start
    return total, overflow
