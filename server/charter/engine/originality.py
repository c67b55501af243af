"""The parrot effect: a post that is a near copy of the suggested caption.

Both texts are compared word by word after the same normalisation as the term rules (case, accents,
look-alikes, punctuation, links left out), with rapidfuzz's normalised Indel similarity over the word
sequences: reordering a few words or adding a hashtag still reads as a copy, rewriting does not.
Comparing words rather than characters is also what keeps this rule cheap on 3,000-character posts.
"""

from __future__ import annotations

import functools

from rapidfuzz.distance import Indel

from .links import find_links
from .words import WordView


@functools.lru_cache(maxsize=1024)
def suggestion_words(suggested: str) -> tuple[str, ...]:
    """The suggested caption's words, cached: the same caption is compared with every post (and every
    live check while the employee types) made from it."""
    hidden = [(link.start, link.end) for link in find_links(suggested)]
    return tuple(WordView(suggested, hidden).words())


def similarity(words: list[str], suggested: str, threshold: float) -> float | None:
    """The similarity (0–1) when it is above `threshold`, else None."""
    reference = suggestion_words(suggested)
    if not words or not reference:
        return None
    score = Indel.normalized_similarity(words, reference, score_cutoff=threshold)
    return score if score > threshold else None
