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


def similarity(view: WordView, suggested: str, threshold: float) -> float | None:
    """The similarity (0–1) of the text's words to the suggestion's when above `threshold`, else None."""
    reference = suggestion_words(suggested)
    count = view.searchable.count(" ", 0, view.main_length) - 1
    if not count or not reference:
        return None
    # Indel similarity can never exceed 2·min/(sum) of the two lengths: a post much longer or much
    # shorter than the caption is not a copy, and needs no alignment to prove it.
    if 2 * min(count, len(reference)) / (count + len(reference)) <= threshold:
        return None
    score = Indel.normalized_similarity(view.words(), reference, score_cutoff=threshold)
    return score if score > threshold else None


def closest_caption(text: str, captions: tuple[str, ...] | list[str], at_least: float = 0.0) -> str | None:
    """Of the caption ideas a post may have started from, the one whose words are closest to the post's
    (None when none reaches `at_least`).

    The server compares a post with the ideas it showed (the link's kit), never with a text the client
    says it suggested: the parrot rule then judges the post against this one caption.
    """
    if not captions:
        return None
    hidden = [(link.start, link.end) for link in find_links(text)]
    words = WordView(text, hidden).words()
    scored = [(Indel.normalized_similarity(words, suggestion_words(caption)), caption) for caption in captions]
    score, caption = max(scored, key=lambda pair: pair[0])
    return caption if score >= at_least else None
