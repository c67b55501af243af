"""Hashtags in a post: how many, and whether the required ones are there."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from .folding import fold

_HASHTAG = re.compile(r"#(\w+)")


@dataclass(frozen=True)
class Hashtag:
    """A hashtag as written (``#AcmeLife``), its span, and its folded name for comparisons."""

    start: int
    end: int
    text: str
    folded: str


@functools.lru_cache(maxsize=4096)
def hashtag_key(name: str) -> str:
    """The form two hashtags are compared in: no ``#``, case- and accent-insensitive."""
    return fold(name.lstrip("#")).replace(" ", "")


def find_hashtags(text: str, hidden: list[tuple[int, int]]) -> list[Hashtag]:
    """Hashtags outside links; ``C#``, ``&#39;`` and all-digit tags (``#1``) are not hashtags."""
    if "#" not in text:
        return []
    found = []
    for match in _HASHTAG.finditer(text):
        start, end = match.span()
        if start and (text[start - 1].isalnum() or text[start - 1] in "&#/_"):
            continue
        if match.group(1).isdigit() or any(start < h_end and h_start < end for h_start, h_end in hidden):
            continue
        found.append(Hashtag(start, end, match.group(), hashtag_key(match.group(1))))
    return found
