"""Counting a text the way each network counts it (facts: shared/reference/networks.md).

* ``chars``: code points.
* ``graphemes``: user-perceived characters (Bluesky): ``é`` written as ``e`` + accent is one, a family
  emoji is one, CR LF is one.
* ``twitter``: twitter-text v3 weights: code points in U+0000–U+10FF, U+2000–U+200D, U+2010–U+201F and
  U+2032–U+2037 weigh 1, every other code point 2 (CJK …), an emoji sequence 2 whatever its length,
  and every link (with or without scheme) 23; the text is NFC-normalised first.
* ``mastodon``: graphemes, every link *with a scheme* counts 23, ``@user@domain`` counts as ``@user``.

Runs of simple characters are counted as a block; only the few zones around other characters are
segmented into graphemes, so a long post costs one pattern scan plus a little work per emoji.
"""

from __future__ import annotations

import functools
import unicodedata
from collections.abc import Iterator

import regex

from .links import LinkSpan
from .results import LengthLimit

URL_WEIGHT = 23
_GRAPHEME = regex.compile(r"\X")
_EMOJI = regex.compile(r"[\p{Extended_Pictographic}\U0001F1E6-\U0001F1FF\u20E3]")
# Characters that are one grapheme each and weigh 1 on X: the fast path applies to texts made of them.
# (`regex` skips through a long post several times faster than `re` with this class.)
_NOT_SIMPLE = regex.compile(r"[^\u0000-\u02ff\u2010-\u201f\u2032-\u2037]+")
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


@functools.lru_cache(maxsize=4096)
def _zone_units(zone: str, counting: str) -> tuple[tuple[int, int], ...]:
    """(offset, weight) of each grapheme of a zone; zones repeat (the same emoji, €, …), hence the cache."""
    return tuple(
        (grapheme.start(), _grapheme_weight(grapheme.group(), counting)) for grapheme in _GRAPHEME.finditer(zone)
    )


def _segment_blocks(text: str, start: int, end: int, counting: str) -> Iterator[tuple[int, int, bool]]:
    """(start, weight, uniform) blocks of a link-free segment.

    Runs of simple characters (one grapheme and weight 1 each) come as one *uniform* block; only the
    zones around other characters (an accent written apart, an emoji, CJK) are split into graphemes:
    segmenting every character with ``\\X`` would cost most of a millisecond on a long post.
    """
    cursor = start
    for zone in _NOT_SIMPLE.finditer(text, start, end):
        # A combining mark or an emoji modifier belongs with the character before it.
        zone_start = max(cursor, zone.start() - 1)
        if zone_start > cursor:
            run = text[cursor:zone_start]
            yield cursor, len(run) - (run.count("\r\n") if counting != "twitter" else 0), True
        for offset, weight in _zone_units(text[zone_start : zone.end()], counting):
            yield zone_start + offset, weight, False
        cursor = zone.end()
    if cursor < end:
        run = text[cursor:end]
        yield cursor, len(run) - (run.count("\r\n") if counting != "twitter" else 0), True


def _blocks(text: str, counting: str, links: list[LinkSpan]) -> Iterator[tuple[int, int, bool]]:
    cursor = 0
    for link in _counted_links(links, counting):
        yield from _segment_blocks(text, cursor, link.start, counting)
        yield link.start, _link_weight(link), False
        cursor = link.end
    yield from _segment_blocks(text, cursor, len(text), counting)


def measure(text: str, limit: LengthLimit, links: list[LinkSpan]) -> tuple[int, int | None]:
    """The text's length as the network counts it, and where it first goes over the limit (or None)."""
    if limit.counting == "chars":
        return len(text), (limit.max if len(text) > limit.max else None)
    total, overflow = 0, None
    for start, weight, uniform in _blocks(text, limit.counting, links):
        if overflow is None and total + weight > limit.max:
            overflow = start + (limit.max - total) if uniform else start
        total += weight
    return total, overflow
