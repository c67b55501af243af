"""Character folding: case, accents (NFKD), Unicode look-alikes (TR39 skeleton) and invisible characters.

Each character folds independently, so a folded string can always be traced back to the original text.
The fold of one character is:

* ``""`` for combining marks and format characters (zero-width space, joiners, soft hyphen, bidi
  marks): they are dropped, so ``m\\u200berde`` reads ``merde``;
* ``" "`` for anything that is not a letter or a digit (punctuation, symbols, emoji, spaces), except
  the leetspeak symbols ``@ $ !`` which the word reader decides about in context;
* otherwise its lower-case, accent-free, Latin-skeleton form: ``É`` → ``e``, Cyrillic ``ѕ`` → ``s``,
  fullwidth ``ｆ`` → ``f``; a few compatibility characters expand (``ﬁ`` → ``fi``).

The look-alike table comes from Unicode's confusables data as shipped by `confusable-homoglyphs`:
every non-ASCII letter that Unicode lists as confusable with a single ASCII letter maps to it.
"""

from __future__ import annotations

import functools
import unicodedata

from confusable_homoglyphs import utils as homoglyph_data

LEET_SYMBOLS = frozenset("@$!")
_DROPPED_CATEGORIES = frozenset({"Mn", "Me", "Cf"})


@functools.cache
def latin_skeleton() -> dict[str, str]:
    """Non-ASCII letters that Unicode's confusables data says look like one ASCII letter."""
    table: dict[str, str] = {}
    for char, lookalikes in homoglyph_data.load("confusables.json").items():
        if len(char) != 1 or char.isascii() or not char.isalpha():
            continue
        for lookalike in lookalikes:
            target = lookalike["c"]
            if len(target) == 1 and target.isascii() and target.isalpha():
                table[char] = target.lower()
                break
    return table


def _fold_char(char: str) -> str:
    if char in LEET_SYMBOLS:
        return char
    if unicodedata.category(char) in _DROPPED_CATEGORIES:
        return ""
    skeleton = latin_skeleton()
    if char in skeleton:
        return skeleton[char]
    decomposed = unicodedata.normalize("NFKD", char.lower())
    pieces = []
    for part in decomposed:
        if unicodedata.category(part) in _DROPPED_CATEGORIES:
            continue
        part = skeleton.get(part, part).lower()
        pieces.append(part if part.isalnum() else " ")
    folded = "".join(pieces)
    if not folded:
        return "" if not char.isspace() else " "
    return " " if folded.isspace() else folded


class _FoldTable(dict):
    """Code point → folded string, filled on first sight of each character."""

    def __missing__(self, code: int) -> str:
        folded = _fold_char(chr(code))
        self[code] = folded
        return folded


FOLD_TABLE = _FoldTable()
for _code in range(128):
    FOLD_TABLE[_code] = _fold_char(chr(_code))


def fold_char(char: str) -> str:
    """The folded form of one character (see the module docstring)."""
    return FOLD_TABLE[ord(char)]


def fold(text: str) -> str:
    """Fold a whole string; its length may differ from the input (dropped or expanded characters)."""
    return text.translate(FOLD_TABLE)


def is_combining(char: str) -> bool:
    """Whether a character belongs to the grapheme before it (an accent written separately)."""
    return unicodedata.category(char) in ("Mn", "Me")
