"""Other ways the same text can be read as words, besides the plain reading of `words.WordView`.

People hide a term by writing it differently; each way gets its own reading, added to the view as a
*variant* (words behind a NUL fence, with their spans in the original text) so every term rule sees it:

* **spelled phrases**: letters one space (or one dot, dash, slash, zero-width character) apart, words
  two or more spaces apart: ``i n t e r n a l   o n l y`` reads ``internal only``;
* **compounds**: a hashtag or a CamelCase word read as its words: ``#BordelDeMerde`` reads ``bordel de
  merde``, ``InternalOnly`` reads ``internal only``; a hashtag is also read glued (``#internalonly``),
  matched against the glued form of phrases (see `GLUE`);
* **masked words**: ``sh*t``, ``p*tain``, ``b#tch``, ``c_nnard``: a symbol among ``* # @ _`` standing
  for a letter inside a word. These are not variants: the term index resolves them against its
  single-word terms and accepts one only when exactly one listed term fits (`MaskedWord`).

Each reader starts with a cheap test over the whole text (a substring or one regular expression), so a
post without such writing pays almost nothing.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

import regex

from .folding import fold

# Marks the glued reading of a hashtag and the glued keys of phrases; folding never produces it, so
# a glued key is only ever found in a hashtag's glued reading.
GLUE = "\x01"
MASK_SYMBOLS = "*#@_"

_SPELLED_GATE = regex.compile(r" \S \S \S ")
_SPELLED = regex.compile(r"(?<![\p{L}\p{N}])\p{L}(?:[\s.\-·/\u200b-\u200d\u2060\ufeff]{1,4}\p{L}){2,}(?![\p{L}\p{N}])")
_SPELLED_SEPARATORS = frozenset(" \t\n.-·/\u200b\u200c\u200d\u2060\ufeff")
_SPELLED_GAP = regex.compile(r"[\u200b-\u200d\u2060\ufeff]")
_HUMP = regex.compile(r"\p{Ll}\p{Lu}")
_HUMPS = regex.compile(r"\p{Lu}?[\p{Ll}\p{M}]+|\p{Lu}+(?![\p{Ll}\p{M}])|\p{N}+")
# Symbols with a letter on each side; the whole word around them is read afterwards.
_MASK_RUN = regex.compile(r"[*#@_]+(?<=\p{L}[*#@_]+)(?=\p{L})")

# A variant word: its searchable text, its span in the original text and its run lengths.
VariantWord = tuple[str, int, int, tuple[int, ...]]


@dataclass(frozen=True)
class MaskedWord:
    """A word with symbols standing for letters: its span and its pattern (``sh.t``, one dot per symbol)."""

    start: int
    end: int
    pattern: str


def _one_word(letters: str, start: int, end: int) -> VariantWord | None:
    from .words import read_token  # words imports this module

    text, words = read_token(letters)
    if len(words) != 1:
        return None
    return (text, start, end, words[0][3])


def _spelled_start(text: str, start: int) -> int:
    """Back over letters spelled before the gate's three ("n e   p a s": the gate first sees "p a s")."""
    while True:
        index = start - 1
        while index >= 0 and start - index <= 4 and text[index] in _SPELLED_SEPARATORS:
            index -= 1
        if index == start - 1 or index < 0 or not text[index].isalpha() or (index and text[index - 1].isalnum()):
            return start
        start = index


def spelled_phrases(text: str) -> list[list[VariantWord]]:
    """Letter-by-letter writing read as words (three letters at least, see the module docstring)."""
    padded = f" {text} "
    gate = _SPELLED_GATE.search(padded)
    variants = []
    while gate:
        # The gate's first letter is at gate.start() in `text` (the padding shifts by one).
        match = _SPELLED.match(text, _spelled_start(text, gate.start()))
        if not match:
            gate = _SPELLED_GATE.search(padded, gate.start() + 2)
            continue
        gate = _SPELLED_GATE.search(padded, match.end() + 1)
        words: list[VariantWord] = []
        letters: list[tuple[int, str]] = []
        previous = None
        for index in range(match.start(), match.end()):
            char = text[index]
            if not char.isalpha():
                continue
            if previous is not None and len(_SPELLED_GAP.sub("", text[previous + 1 : index])) > 1:
                words.append(_one_word("".join(c for _, c in letters), letters[0][0], letters[-1][0] + 1))
                letters = []
            letters.append((index, char))
            previous = index
        words.append(_one_word("".join(c for _, c in letters), letters[0][0], letters[-1][0] + 1))
        if all(words) and (len(words) > 1 or len(words[0][3]) >= 3):
            variants.append(words)
    return variants


@functools.lru_cache(maxsize=8192)
def _compound_words(body: str, hashtag: bool) -> tuple[tuple[VariantWord, ...], ...]:
    """The split and glued readings of one alphanumeric run, with spans relative to the run."""
    readings = []
    pieces = list(_HUMPS.finditer(body))
    if len(pieces) > 1:
        words = [_one_word(piece.group(), piece.start(), piece.end()) for piece in pieces]
        if all(words):
            readings.append(tuple(words))
    if hashtag:
        glued = glue(fold(body))
        if glued[0]:
            readings.append(((GLUE + glued[0], 0, len(body), (1, *glued[1])),))
    return tuple(readings)


def glue(folded: str) -> tuple[str, tuple[int, ...]]:
    """Letters and digits of a folded string written together, squeezed (see `words.squeeze`)."""
    from .words import squeeze

    return squeeze("".join(char for char in folded if char.isalnum()))


def _word_around(text: str, start: int, end: int) -> tuple[int, int]:
    while start and text[start - 1].isalnum():
        start -= 1
    while end < len(text) and text[end].isalnum():
        end += 1
    return start, end


def compounds(text: str) -> list[list[VariantWord]]:
    """Hashtags and CamelCase words read as their words, and hashtags read glued."""
    spans: dict[tuple[int, int], bool] = {}
    for hump in _HUMP.finditer(text):
        spans.setdefault(_word_around(text, hump.start(), hump.end()), False)
    index = text.find("#")
    while index != -1:
        if index + 1 < len(text) and text[index + 1].isalnum() and not (index and text[index - 1].isalnum()):
            spans[_word_around(text, index + 1, index + 2)] = True
        index = text.find("#", index + 1)
    variants = []
    for (start, end), hashtag in spans.items():
        hashtag = hashtag or (start and text[start - 1] == "#" and not (start > 1 and text[start - 2].isalnum()))
        for reading in _compound_words(text[start:end], bool(hashtag)):
            variants.append([(word, start + begin, start + finish, runs) for word, begin, finish, runs in reading])
    return variants


def masked_words(text: str) -> list[MaskedWord]:
    """Words with ``* # @ _`` between letters, as many letters as symbols at least, two letters or more."""
    found = []
    cursor = 0
    for symbols in _MASK_RUN.finditer(text):
        if symbols.start() < cursor:
            continue
        start, end = _masked_around(text, symbols.start(), symbols.end())
        cursor = end
        if (start and text[start - 1] in MASK_SYMBOLS) or (end < len(text) and text[end] in MASK_SYMBOLS):
            continue
        written = text[start:end]
        masks = sum(char in MASK_SYMBOLS for char in written)
        letters = fold("".join(char for char in written if char not in MASK_SYMBOLS)).replace(" ", "")
        if len(letters) < 2 or masks > len(letters) or not letters.isalpha():
            continue
        pattern = "".join("." if char in MASK_SYMBOLS else fold(char).strip() for char in written)
        found.append(MaskedWord(start, end, pattern))
    return found


def _masked_around(text: str, start: int, end: int) -> tuple[int, int]:
    """The whole word around a run of mask symbols: letters and further symbols followed by letters."""
    while start and (text[start - 1].isalpha() or (text[start - 1] in MASK_SYMBOLS and start > 1
                                                  and text[start - 2].isalpha())):
        start -= 1
    while end < len(text) and (text[end].isalpha() or (text[end] in MASK_SYMBOLS and end + 1 < len(text)
                                                      and text[end + 1].isalpha())):
        end += 1
    return start, end
