"""Regular plural and feminine forms of a charter's own terms, so ``scam`` also catches ``scams``.

An admin who lists ``licenciement``, ``acquisition`` or ``scam`` means the plural too, and in French the
feminine of an adjective or a noun of person. The forms come from explicit rules of French and English
spelling (a stemmer would have to stem every word of every post, and stems overreach: ``organ`` and
``organisation`` share one). The rules, applied to the last letters of each word:

* French plural: ``-al`` → ``-aux`` (and ``-als``), ``-ail`` → ``-aux`` and ``-ails``, ``-au``, ``-eau``,
  ``-eu`` → ``+x`` (and ``+s``), a word ending in ``s``, ``x`` or ``z`` does not change, otherwise ``+s``;
* French feminine, for the endings that mark an adjective or a noun of person only: ``-eux`` → ``-euse``,
  ``-teur`` → ``-trice`` and ``-teuse``, ``-eur`` → ``-euse``, ``-if`` → ``-ive``, ``-ier`` → ``-ière``,
  ``-ien`` → ``-ienne``, ``-el`` → ``-elle``, ``-é`` → ``-ée``, ``-ant`` → ``-ante``, ``-ais`` → ``-aise``;
  and its plural (a bare ``+e`` would turn ``plan``, ``port`` or ``box`` into other words);
* English plural: ``-s``, ``-x``, ``-z``, ``-ch``, ``-sh`` → ``+es``, consonant + ``y`` → ``-ies``,
  ``-f``/``-fe`` → ``-ves`` (and ``+s``), otherwise ``+s``.

Only words of three letters or more made of letters are inflected; small function words (``de``, ``of``…)
and proper nouns inside a phrase (a capital after the first word) are kept as written. In a phrase the
first word, the last word, or every inflectable word together take the form (``plan social`` →
``plans sociaux``, ``chiffre d'affaires`` → ``chiffres d'affaires``). A term the charter lists in
``exact_terms`` is matched only as written.
"""

from __future__ import annotations

import functools

_FUNCTION_WORDS = frozenset({
    "de", "du", "des", "la", "le", "les", "un", "une", "et", "en", "au", "aux", "pour", "par", "sur",
    "the", "of", "and", "for", "to", "in", "on", "at", "by", "with",
})
_VOWELS = frozenset("aeiouy")
_FEMININE_ENDINGS = (
    ("eux", ("euse",)), ("teur", ("trice", "teuse")), ("eur", ("euse",)), ("if", ("ive",)), ("ier", ("ière",)),
    ("ien", ("ienne",)), ("el", ("elle",)), ("é", ("ée",)), ("ant", ("ante",)), ("ais", ("aise",)),
)


def _french_plural(word: str) -> list[str]:
    if word.endswith(("s", "x", "z")):
        return []
    if word.endswith("ail"):
        return [word + "s", word[:-3] + "aux"]
    if word.endswith("al"):
        return [word[:-2] + "aux", word + "s"]
    if word.endswith(("au", "eu")):
        return [word + "x", word + "s"]
    return [word + "s"]


def _french_feminine(word: str) -> list[str]:
    # Only endings that mark an adjective or a noun of person: a bare "+e" would turn "plan", "port" or
    # "box" into other words ("plane", "porte", "boxe").
    for ending, replacements in _FEMININE_ENDINGS:
        if word.endswith(ending):
            return [word[: -len(ending)] + replacement for replacement in replacements]
    return []


def _english_plural(word: str) -> list[str]:
    if word.endswith(("s", "x", "z", "ch", "sh")):
        return [word + "es"]
    if word.endswith("y") and word[-2] not in _VOWELS:
        return [word[:-1] + "ies"]
    if word.endswith("fe"):
        return [word[:-2] + "ves", word + "s"]
    if word.endswith("f"):
        return [word[:-1] + "ves", word + "s"]
    return [word + "s"]


@functools.lru_cache(maxsize=65536)
def word_forms(word: str) -> tuple[str, ...]:
    """The other regular forms of one word (not the word itself), French then English; () if it has none."""
    if len(word) < 3 or not word.isalpha() or word.lower() in _FUNCTION_WORDS:
        return ()
    lower = word.lower()
    feminine = _french_feminine(lower)
    forms = [*_french_plural(lower), *feminine, *(plural for form in feminine for plural in _french_plural(form)),
             *_english_plural(lower)]
    return tuple(form for form in dict.fromkeys(forms) if form != lower)


def _inflectable(words: list[str], index: int) -> bool:
    word = words[index]
    return bool(word_forms(word)) and (index == 0 or word[:1].islower()) and word[1:].islower()


def term_forms(term: str) -> tuple[str, ...]:
    """The inflected forms of a term (single word or phrase), without the term itself."""
    words = term.split(" ")
    positions = [index for index in range(len(words)) if _inflectable(words, index)]
    if not positions:
        return ()
    forms: list[str] = []
    chosen = {positions[0], positions[-1]}
    for position in sorted(chosen):
        for form in word_forms(words[position]):
            forms.append(" ".join([*words[:position], form, *words[position + 1 :]]))
    if len(positions) > 1:
        # Every inflectable word in its first form (plural): "plan social" -> "plans sociaux".
        together = [word_forms(word)[0] if index in positions else word for index, word in enumerate(words)]
        forms.append(" ".join(together))
    return tuple(form for form in dict.fromkeys(forms) if form != term)
