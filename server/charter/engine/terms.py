"""One Aho-Corasick automaton for every term of every term rule, searched over a `WordView`.

Keys are normalised terms padded with a space on each side, searched in the padded, normalised text:
a match is therefore always a whole word or a whole phrase, with no boundary check afterwards. Each key
holds the entries of every rule that uses it (value = key length and entries); an entry matches only if
the written letters honour its run lengths (`words.runs_match`).

Terms made only of symbols (an emoji) have no words; they are looked up in the original text instead.
A phrase also gets a glued key (``internalonly``) found only in a hashtag's glued reading, and single
words are kept by length so a masked word (``sh*t``) can be resolved against them (see `readings`).
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

import ahocorasick

from .errors import CharterError
from .readings import GLUE, MaskedWord
from .words import WordSpan, WordView, normalize_phrase, runs_match, squeeze

# Internal rules carried by the same automaton: phrases that excuse a profanity, disclosure markers.
ALLOW_RULE = "_allow"
MARKER_RULE = "_marker"
# Rules whose single words a masked word may stand for: brand spelling judges the letters as written.
_MASKABLE = frozenset({"profanity", "banned_term", "confidential", "review_term", "competitor"})


@dataclass(frozen=True)
class TermEntry:
    """A term of one rule: the form the charter or list wrote, its run lengths and its own severity."""

    rule: str
    term: str
    runs: tuple[int, ...]
    severity: str | None = None
    source: str | None = None


@dataclass(frozen=True)
class TermHit:
    """An entry found in the text, with its span in the original text."""

    entry: TermEntry
    start: int
    end: int


class TermIndex:
    """Collects terms at compile time, then finds them all in one pass per check."""

    def __init__(self):
        self._entries: dict[str, list[TermEntry]] = {}
        self._symbol_terms: list[TermEntry] = []
        self._automaton: ahocorasick.Automaton | None = None
        self._words_by_length: dict[int, set[str]] = {}
        self._word_blobs: dict[int, str] = {}
        # The first word of every key: a reading of the text none of whose words is one cannot match.
        self.starts: frozenset[str] = frozenset()

    def add(self, rule: str, term: str, *, path: str, form: str | None = None, glue: bool = True, **extra) -> bool:
        """Add a term (searched as `form`, default the term itself); False when it has no words.

        A phrase is also added glued, for hashtags written in one word, unless `glue` is False (the
        inflected forms of a phrase: a glued hashtag is read in the form the charter wrote).

        A term with no letters or digits is kept as a symbol term when it has visible symbols (🖕);
        a term that normalises to a single ASCII letter or digit would match everywhere and is refused.
        """
        key, runs = normalize_phrase(form or term)
        if not key:
            if not (form or term).strip():
                raise CharterError(path, "must contain letters, digits or symbols")
            self._symbol_terms.append(TermEntry(rule, term, (), **extra))
            return False
        if len(key) == 1 and key.isascii():
            raise CharterError(path, f"“{term}” is too short once normalised: it would match everywhere")
        self._add_key(key, TermEntry(rule, term, runs, **extra))
        if " " in key and glue and rule != MARKER_RULE:
            glued, glued_runs = _glued(key, runs)
            self._add_key(GLUE + glued, TermEntry(rule, term, (1, *glued_runs), **extra))
        elif rule in _MASKABLE:
            written = key if runs.count(1) == len(runs) else "".join(
                char * run for char, run in zip(key, runs, strict=True))
            self._words_by_length.setdefault(len(written), set()).add(written)
        return True

    def _add_key(self, key: str, entry: TermEntry) -> None:
        entries = self._entries.setdefault(f" {key} ", [])
        if entry not in entries:
            entries.append(entry)

    def build(self) -> None:
        """Make the automaton; call once after the last `add`."""
        if not self._entries:
            return
        automaton = ahocorasick.Automaton()
        for key, entries in self._entries.items():
            automaton.add_word(key, (len(key), tuple(entries)))
        automaton.make_automaton()
        self._automaton = automaton
        self._word_blobs = {length: "\n".join(sorted(words)) for length, words in self._words_by_length.items()}
        self.starts = frozenset(key.split(" ", 2)[1] for key in self._entries)

    @property
    def size(self) -> int:
        """How many distinct searchable keys the index holds."""
        return len(self._entries) + len(self._symbol_terms)

    def search(self, view: WordView, text: str) -> list[TermHit]:
        """Every entry found in the text, minus profanity excused by an allowed phrase."""
        hits: list[TermHit] = []
        excused: list[tuple[int, int]] = []
        if self._automaton is not None:
            for end, (length, entries) in self._automaton.iter(view.searchable):
                start = end - length + 2
                span = view.locate(start, end)
                if span is None:
                    continue
                self._collect(entries, span, hits, excused)
        for masked in view.masked_words:
            self._resolve_masked(masked, hits)
        for entry in self._symbol_terms:
            hits.extend(_symbol_hits(entry, text))
        if excused:
            hits = [hit for hit in hits if not _is_excused(hit, excused)]
        if len(hits) > 1:
            hits = _without_covered_profanity(hits)
        return hits

    def _resolve_masked(self, masked: MaskedWord, hits: list[TermHit]) -> None:
        """A masked word is the one listed single word it can stand for, or nothing when it fits several."""
        blob = self._word_blobs.get(len(masked.pattern))
        if not blob:
            return
        fits = re.findall(f"^{masked.pattern}$", blob, re.MULTILINE)
        if len(fits) != 1:
            return
        key, runs = squeeze(fits[0])
        for entry in self._entries.get(f" {key} ", ()):
            if entry.runs == runs and entry.rule in _MASKABLE:
                hits.append(TermHit(entry, masked.start, masked.end))

    @staticmethod
    def _collect(entries, span: WordSpan, hits: list[TermHit], excused: list[tuple[int, int]]) -> None:
        for entry in entries:
            if not runs_match(span.runs, entry.runs):
                continue
            if entry.rule == ALLOW_RULE:
                excused.append((span.start, span.end))
            else:
                hits.append(TermHit(entry, span.start, span.end))


def _symbol_hits(entry: TermEntry, text: str) -> list[TermHit]:
    needle = entry.term.strip()
    hits, index = [], text.find(needle)
    while index != -1:
        hits.append(TermHit(entry, index, index + len(needle)))
        index = text.find(needle, index + len(needle))
    return hits


def _is_excused(hit: TermHit, excused: list[tuple[int, int]]) -> bool:
    # Overlap, not only containment: "ta gueule de bois" is a hangover, not "ta gueule".
    return hit.entry.rule == "profanity" and any(s < hit.end and hit.start < e for s, e in excused)


def _without_covered_profanity(hits: list[TermHit]) -> list[TermHit]:
    """Drop a profanity match lying inside a longer blocking one ("con", "un con" inside "c'est un con")."""
    blocking = [(hit.start, hit.end) for hit in hits if hit.entry.rule == "profanity" and hit.entry.severity == "block"]
    if not blocking:
        return hits
    return [hit for hit in hits if hit.entry.rule != "profanity"
            or not any(s <= hit.start and hit.end <= e and (s, e) != (hit.start, hit.end) for s, e in blocking)]


def _glued(key: str, runs: tuple[int, ...]) -> tuple[str, tuple[int, ...]]:
    """A phrase's words written together, squeezed again (``chiffre effectif`` → ``chifrefectif``)."""
    words = key.split(" ")
    if all(left[-1] != right[0] for left, right in itertools.pairwise(words)):
        # No letter meets its double across a word boundary: nothing to squeeze again (the usual case).
        return "".join(words), tuple(run for char, run in zip(key, runs, strict=True) if char != " ")
    written = "".join(char * run for char, run in zip(key, runs, strict=True) if char != " ")
    return squeeze(written)


def comparable(term: str) -> tuple[str, tuple[int, ...]]:
    """The form used to match `profanity.disabled` to list entries: as the matcher reads them."""
    key, runs = normalize_phrase(term)
    return (key, runs) if key else (term.strip(), ())
