"""The curated profanity lists shipped in ``server/charter/data/profanity/<language>.txt``.

File format (one entry per line, ``#`` starts a comment line):

* ``[block]``, ``[review]`` or ``[warn]`` starts a section: the entries below it get that severity;
* an entry is one or more forms of the same word separated by ``|`` (``connard | connards``): disabling
  any one form in a charter disables the whole entry;
* ``[allow]`` lists phrases in which a listed word is innocent (``cul de sac``, ``magna cum laude``):
  a profanity match that lies inside one of them is dropped.

Context tiers for the ambiguous entries (the ones at ``warn`` because they also have an innocent use):

* their innocent uses are ``[allow]`` phrases (``un baiser``, ``chili con carne``): clean;
* ``[insult]`` lists the ones that insult a person when aimed at one, and ``[aimed]`` the words that aim
  them (an article, an intensifier, *tu es*, *you*, *such a*): each aimed word followed by an insult form
  is added as a ``block`` phrase (``pauvre con``, ``such a prick``);
* every other use keeps the entry's own severity (``warn``).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent.parent / "data" / "profanity"
_SECTIONS = ("block", "review", "warn", "allow", "aimed", "insult")


@dataclass(frozen=True)
class ListEntry:
    """One list entry: its forms, its severity and the list it came from."""

    forms: tuple[str, ...]
    severity: str
    source: str


@dataclass(frozen=True)
class WordList:
    """A language's entries and the phrases that excuse them."""

    entries: tuple[ListEntry, ...]
    allowed_phrases: tuple[str, ...]
    aimed: tuple[str, ...] = ()
    insults: tuple[str, ...] = ()

    def insult_phrases(self) -> tuple[str, ...]:
        """Every aimed word followed by every insult form: the phrases that block."""
        return tuple(f"{lead} {insult}" for lead in self.aimed for insult in self.insults)


def available_languages() -> tuple[str, ...]:
    """The languages that have a curated list (files named by a language code, such as ``fr.txt``)."""
    return tuple(sorted(path.stem for path in DATA_DIR.glob("*.txt") if path.stem.isalpha() and path.stem.islower()))


@functools.cache
def load_word_list(language: str) -> WordList:
    """Parse a language's list; a language without a list has no entries."""
    path = DATA_DIR / f"{language}.txt"
    if not path.is_file():
        return WordList((), ())
    entries: list[ListEntry] = []
    phrases: dict[str, list[str]] = {"allow": [], "aimed": [], "insult": []}
    section = "block"
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("[") and line.endswith("]"):
            section = line[1:-1].strip()
            if section not in _SECTIONS:
                raise ValueError(f"{path.name}:{number}: unknown section [{section}]")
            continue
        forms = tuple(form.strip() for form in line.split("|") if form.strip())
        if section in phrases:
            phrases[section].extend(forms)
        else:
            entries.append(ListEntry(forms, section, language))
    return WordList(tuple(entries), tuple(phrases["allow"]), tuple(phrases["aimed"]), tuple(phrases["insult"]))
