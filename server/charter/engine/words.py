"""Reading text as words: the one normalised string every term rule is matched against.

A text is split at its spaces into tokens (other white space, such as line breaks, separates words
inside a token); each distinct token is read once per process (cached) into zero or more *words*:

* characters folded (see `folding`): case, accents, look-alikes, invisible characters;
* punctuation and symbols separate words, so elision (``l'arnaque``, ``qu’il``), hyphens and hashtags
  fall apart naturally;
* leetspeak decoded only inside a token that has at least two letters, at least one leet character,
  no more digits than letters and no digit outside ``0 1 3 4 5 7`` (``m3rde``, ``sh1t``, ``$hit``,
  ``s@lope``): numbers, amounts, dates, ``A55`` or ``B2B`` stay as they are;
* single letters separated by one punctuation character are joined (``p.u.t.a.i.n``, ``f-u-c-k``);
* repeated letters are squeezed (``fuuuck`` → ``fuck``, ``connard`` → ``conard``) and the run lengths
  are kept, so a match can insist on the term's own double letters (see `runs_match`).

The words of all tokens, joined by single spaces and padded with a space at each end, form
`WordView.searchable`; terms are normalised the same way (`normalize_phrase`) and searched as
`` term `` so only whole words and phrases match. Other readings of parts of the text (letters spelled
out across tokens, hashtags and CamelCase split into words: see `readings`) are appended as variants
after a ``\\x00`` fence, so the plain reading of the same text is still there for the other terms.
"""

from __future__ import annotations

import bisect
import itertools
import operator
import re
from dataclasses import dataclass

from .folding import LEET_SYMBOLS, fold_char, is_combining
from .readings import VariantWord, compounds, masked_words, spelled_phrases

_LEET = str.maketrans("013457@$!", "oieastasi")
_LEET_DIGITS = frozenset("013457")
# Distinct tokens remembered per process (a few hundred bytes each); the cache starts over when full.
_CACHE_LIMIT = 50_000
_TEXT_OF = operator.itemgetter(0)
_PACKED_OF = operator.itemgetter(2)
# A cached token also carries its word count and its length + 1 (the space after it) packed in one int,
# so one C-level running sum gives both "words before token i" and "offset of token i".
_PACK = 32
_LOW = (1 << _PACK) - 1

# A word as read from one token: its squeezed text, its span in the token, and its run lengths.
Word = tuple[str, int, int, tuple[int, ...]]


_REPEATED_LETTER = re.compile(r"([^\W\d_])\1")


def squeeze(letters: str) -> tuple[str, tuple[int, ...]]:
    """Squeeze repeated letters (never digits) and return the run length behind each kept character."""
    if not _REPEATED_LETTER.search(letters):
        return letters, (1,) * len(letters)  # most words: nothing to squeeze, found by one C-level search
    kept: list[str] = []
    runs: list[int] = []
    previous = ""
    for char in letters:
        if char == previous and char.isalpha():
            runs[-1] += 1
            continue
        kept.append(char)
        runs.append(1)
        previous = char
    return "".join(kept), tuple(runs)


def runs_match(text_runs: tuple[int, ...], term_runs: tuple[int, ...]) -> bool:
    """Whether written letters honour a term's letters: same runs, or a run stretched to 3+ for emphasis.

    ``fuuuck`` and ``merdeeee`` match ``fuck`` and ``merde``; ``as`` does not match ``ass`` and
    ``cull`` does not match ``cul``: a doubled letter is spelling, three or more is emphasis.
    """
    if len(text_runs) != len(term_runs):
        return False
    return all(
        written == expected or (written >= 3 and written > expected)
        for written, expected in zip(text_runs, term_runs, strict=True)
    )


def _folded_with_origins(token: str) -> list[tuple[str, int]]:
    return [(folded, index) for index, char in enumerate(token) for folded in fold_char(char)]


def _split_pieces(chars: list[tuple[str, int]], keep: frozenset[str]) -> list[list[tuple[str, int]]]:
    pieces: list[list[tuple[str, int]]] = []
    current: list[tuple[str, int]] = []
    for char, origin in chars:
        if char.isalnum() or char in keep:
            current.append((char, origin))
        elif current:
            pieces.append(current)
            current = []
    if current:
        pieces.append(current)
    return pieces


def _decode_leet(piece: list[tuple[str, int]]) -> list[tuple[str, int]]:
    """Strip mention/emphasis symbols at the edges and decode leetspeak where the token allows it."""
    first, last = 0, len(piece)
    while first < last and piece[first][0] in "@!":
        first += 1
    while last > first and piece[last - 1][0] == "!":
        last -= 1
    piece = piece[first:last]
    chars = "".join(char for char, _ in piece)
    letters = sum(char.isalpha() for char in chars)
    digits = [char for char in chars if char.isdigit()]
    leet = sum(char in _LEET_DIGITS or char in LEET_SYMBOLS for char in chars)
    if letters >= 2 and leet and len(digits) <= letters and all(d in _LEET_DIGITS for d in digits):
        return [(char.translate(_LEET), origin) for char, origin in piece]
    return piece


def _join_spelled_letters(pieces: list[list[tuple[str, int]]], token: str) -> list[list[tuple[str, int]]]:
    """Join runs of 3+ single letters one punctuation character apart (``p.u.t.a.i.n``)."""
    joined: list[list[tuple[str, int]]] = []
    run: list[list[tuple[str, int]]] = []

    def flush():
        if len(run) >= 3:
            joined.append([char for piece in run for char in piece])
        else:
            joined.extend(run)
        run.clear()

    for piece in pieces:
        single = len(piece) == 1 and piece[0][0].isalpha()
        gap = piece[0][1] - 1
        if single and run and gap - run[-1][-1][1] == 1 and not token[gap].isspace():
            run.append(piece)
            continue
        flush()
        if single:
            run.append(piece)
        else:
            joined.append(piece)
    flush()
    return joined


def read_token(token: str) -> tuple[str, tuple[Word, ...]]:
    """Read one token (no spaces) into words (uncached; see `WordView` for the cached path)."""
    if token.isascii() and token.isalpha():
        # Plain ASCII letters, the bulk of any text or term list: folding is lowering.
        text, runs = squeeze(token.lower())
        return text, ((text, 0, len(token), runs),)
    pieces = _split_pieces(_folded_with_origins(token), LEET_SYMBOLS)
    decoded = []
    for piece in pieces:
        decoded.extend(_split_pieces(_decode_leet(piece), frozenset()))
    words = []
    for piece in _join_spelled_letters(decoded, token):
        text, runs = squeeze("".join(char for char, _ in piece))
        start, end = piece[0][1], piece[-1][1] + 1
        while end < len(token) and is_combining(token[end]):
            end += 1
        words.append((text, start, end, runs))
    return " ".join(word[0] for word in words), tuple(words)


_TOKEN_CACHE: dict[str, tuple[str, tuple[Word, ...], int]] = {}


def _read_cached(token: str) -> tuple[str, tuple[Word, ...], int]:
    if len(_TOKEN_CACHE) >= _CACHE_LIMIT:
        _TOKEN_CACHE.clear()
    text, words = read_token(token)
    entry = _TOKEN_CACHE[token] = (text, words, (len(words) << _PACK) | (len(token) + 1))
    return entry


def normalize_phrase(phrase: str) -> tuple[str, tuple[int, ...]]:
    """A term's searchable form (words joined by single spaces) and the run lengths behind it."""
    words = [word for token in phrase.split() for word in read_token(token)[1]]
    key = " ".join(word[0] for word in words)
    runs: list[int] = []
    for index, word in enumerate(words):
        if index:
            runs.append(1)
        runs.extend(word[3])
    return key, tuple(runs)


@dataclass(frozen=True)
class WordSpan:
    """Where a run of searchable words came from in the original text."""

    start: int
    end: int
    runs: tuple[int, ...]


def blank_spans(text: str, spans: list[tuple[int, int]]) -> str:
    """Replace each span by spaces (same length), so links and addresses are not read as words."""
    if not spans:
        return text
    pieces, cursor = [], 0
    for start, end in sorted(spans):
        if start < cursor:
            start = cursor
        if end <= start:
            continue
        pieces.append(text[cursor:start])
        pieces.append(" " * (end - start))
        cursor = end
    pieces.append(text[cursor:])
    return "".join(pieces)


class WordView:
    """A text read as words, with the way back from searchable offsets to the original text.

    Tokens are what lies between single spaces (``str.split(" ")``, the fastest split there is); other
    white space (line breaks, tabs, no-break spaces) is read as a separator inside a token, and the
    offset of token *i* is the total length of the tokens before it plus *i*.
    """

    def __init__(self, text: str, hidden: list[tuple[int, int]] = (), starts: frozenset[str] | None = None):
        """Read `text` with the `hidden` spans blanked out.

        `starts`, when given, is every word a searched key can begin with (see `TermIndex.starts`): a
        variant reading none of whose words begins a key cannot match anything and is left out.
        """
        masked = blank_spans(text, list(hidden))
        self._tokens = masked.split(" ")
        try:
            # Iterating in C over the cache is what keeps reading a long post cheap.
            self._entries = list(map(_TOKEN_CACHE.__getitem__, self._tokens))
        except KeyError:
            self._entries = [_TOKEN_CACHE.get(token) or _read_cached(token) for token in self._tokens]
        body = " ".join(filter(None, map(_TEXT_OF, self._entries)))
        self.searchable = f" {body} " if body else " "
        self.main_length = len(self.searchable)
        # Words of the other readings (see `readings`): searchable start → (searchable end, span, runs).
        self._variant_starts: list[int] = []
        self._variant_words: list[tuple[int, int, int, tuple[int, ...]]] = []
        for variant in (*spelled_phrases(masked), *compounds(masked)):
            if starts is None or any(word[0] in starts for word in variant):
                self.add_variant(variant)
        self.masked_words = masked_words(masked)
        self._running: list[int] | None = None

    def add_variant(self, words: list[VariantWord]) -> None:
        """Append another reading of part of the text, behind a NUL fence that no term contains.

        The fence keeps a phrase from straddling the plain reading and a variant, or two variants.
        """
        pieces = ["\x00"]
        cursor = len(self.searchable) + 1
        for text, start, end, runs in words:
            pieces.append(" " + text)
            self._variant_starts.append(cursor + 1)
            cursor += 1 + len(text)
            self._variant_words.append((cursor, start, end, runs))
        pieces.append(" ")
        self.searchable += "".join(pieces)

    def words(self) -> list[str]:
        """The searchable words of the main reading, in order."""
        return self.searchable[: self.main_length].split()

    def locate(self, start: int, end: int) -> WordSpan | None:
        """Map a whole-word range of `searchable` back to the original text, with its run lengths."""
        if start >= self.main_length:
            return self._locate_variant(start, end)
        if self._running is None:
            self._running = list(itertools.accumulate(map(_PACKED_OF, self._entries)))
        first = self.searchable.count(" ", 0, start) - 1
        last = first + self.searchable.count(" ", start, end)
        runs: list[int] = []
        for index in range(first, last + 1):
            token, word = self._word_at(index)
            if runs:
                runs.append(1)
            runs.extend(self._entries[token][1][word][3])
        first_token, first_word = self._word_at(first)
        last_token, last_word = self._word_at(last)
        return WordSpan(
            self._token_start(first_token) + self._entries[first_token][1][first_word][1],
            self._token_start(last_token) + self._entries[last_token][1][last_word][2],
            tuple(runs),
        )

    def _locate_variant(self, start: int, end: int) -> WordSpan | None:
        first = bisect.bisect_left(self._variant_starts, start)
        if first == len(self._variant_starts) or self._variant_starts[first] != start:
            return None
        runs: list[int] = []
        for index in range(first, len(self._variant_words)):
            word_end, _, word_finish, word_runs = self._variant_words[index]
            if runs:
                runs.append(1)
            runs.extend(word_runs)
            if word_end >= end:
                if word_end != end:
                    return None
                return WordSpan(self._variant_words[first][1], word_finish, tuple(runs))
        return None

    def _token_start(self, token: int) -> int:
        return (self._running[token - 1] & _LOW) if token else 0

    def _word_at(self, index: int) -> tuple[int, int]:
        # The first token whose running word count exceeds `index` holds that word.
        token = bisect.bisect_right(self._running, (index << _PACK) | _LOW)
        before = (self._running[token - 1] >> _PACK) if token else 0
        return token, index - before

