"""Compiling a charter once per version: validated settings, one term automaton, the link policy."""

from __future__ import annotations

import functools
import json
import re
from typing import Any

from .checks import TextCheck
from .errors import CharterError
from .hashtags import hashtag_key
from .inflections import term_forms
from .link_policy import LinkPolicy
from .results import Context, Result
from .rules import TERM_RULES, SeverityTable
from .settings import CharterSettings, read_settings
from .terms import ALLOW_RULE, MARKER_RULE, TermIndex, comparable
from .wordlists import load_word_list

_CAMEL_HUMP = re.compile(r"(?<=[a-z0-9])(?=[A-Z])")
_WORD_GLUE = re.compile(r"[\s\-_.]+")
_EMPTY_CONTEXT = Context()
# Term rules whose terms also match their regular plural and feminine forms (names are left as written).
_INFLECTED_RULES = frozenset({"banned_term", "confidential", "review_term", "profanity"})


def brand_forms(term: str) -> tuple[str, ...]:
    """How a brand may be miswritten: split at its humps (``Acme Pay``) or glued (``acmecloud``)."""
    forms = [term, _CAMEL_HUMP.sub(" ", term), _WORD_GLUE.sub("", term)]
    return tuple(dict.fromkeys(forms))


class CompiledCharter:
    """A charter ready to check texts: build it with `compile`, then call `check` as often as needed."""

    def __init__(self, settings: CharterSettings):
        self.settings = settings
        self.severities = SeverityTable(settings.severity)
        self.link_policy = LinkPolicy(settings.allowed_domains)
        self.terms = TermIndex()
        self._exact = {comparable(term) for term in settings.exact_terms}
        self._add_profanity()
        self._add_charter_terms()
        for index, marker in enumerate(settings.disclosure_markers):
            self.terms.add(MARKER_RULE, marker, path=f"disclosure.markers[{index}]")
        self.terms.build()

    def _add_profanity(self) -> None:
        if not self.severities.enabled("profanity"):
            return
        disabled = {comparable(term) for term in self.settings.profanity_disabled}
        # "fr-CA" uses the French list: lists exist per base language.
        for language in dict.fromkeys(code.split("-")[0] for code in self.settings.languages):
            word_list = load_word_list(language)
            for entry in word_list.entries:
                if any(comparable(form) in disabled for form in entry.forms):
                    continue
                for form in entry.forms:
                    self.terms.add("profanity", form, path=f"profanity list {language}: {form}",
                                   severity=entry.severity, source=language)
            for phrase in word_list.allowed_phrases:
                self.terms.add(ALLOW_RULE, phrase, path=f"profanity list {language}: {phrase}")
            for phrase in word_list.insult_phrases():
                if comparable(phrase.split(" ")[-1]) not in disabled:
                    self.terms.add("profanity", phrase, path=f"profanity list {language}: {phrase}",
                                   severity="block", source=language)
        for index, term in enumerate(self.settings.profanity_extra):
            self._add_inflected("profanity", term, f"profanity.extra[{index}]", severity="block", source="charter")

    def _add_inflected(self, rule: str, term: str, path: str, **extra) -> None:
        """Add a charter term, and its plural and feminine forms unless the charter lists it as exact."""
        self.terms.add(rule, term, path=path, **extra)
        if rule in _INFLECTED_RULES and comparable(term) not in self._exact:
            for form in term_forms(term):
                self.terms.add(rule, term, path=path, form=form, glue=False, **extra)

    def _add_charter_terms(self) -> None:
        for list_name, rule in TERM_RULES.items():
            if not self.severities.enabled(rule):
                continue
            for index, term in enumerate(self.settings.terms[list_name]):
                path = f"{list_name}[{index}]"
                if rule == "brand_spelling":
                    for form in brand_forms(term):
                        self.terms.add(rule, term, path=path, form=form)
                else:
                    self._add_inflected(rule, term, path)

    def required_hashtags(self, campaign: tuple[str, ...] = ()) -> list[str]:
        """The charter's required hashtags then the campaign's, without duplicates."""
        names: dict[str, str] = {}
        if isinstance(campaign, str):
            campaign = (campaign,)
        for name in (*self.settings.hashtags_required, *campaign):
            if isinstance(name, str) and name.strip("# "):
                names.setdefault(hashtag_key(name), name.strip())
        return list(names.values())

    def check(self, text: str, context: Context | None = None) -> Result:
        """Check a text against this charter; spans in the findings point into `text` as given."""
        if not isinstance(text, str):
            raise TypeError("text must be a string")
        return TextCheck(self, text, context or _EMPTY_CONTEXT).run()


@functools.lru_cache(maxsize=32)
def _compile_canonical(canonical: str) -> CompiledCharter:
    return CompiledCharter(read_settings(json.loads(canonical)))


def compile(charter: dict[str, Any]) -> CompiledCharter:
    """Validate and compile a charter (a dict as stored in JSON); raise CharterError naming a bad field.

    Compiling is cached by the charter's canonical JSON, so calling it again with an equal charter
    returns the same compiled object at the cost of one ``json.dumps``.
    """
    try:
        canonical = json.dumps(charter, sort_keys=True, ensure_ascii=False)
    except (TypeError, ValueError) as error:
        raise CharterError("charter", "must be JSON data (objects, lists, strings, numbers, booleans)") from error
    return _compile_canonical(canonical)


compile_charter = compile


def check(compiled: CompiledCharter, text: str, context: Context | None = None) -> Result:
    """Sugar for ``compiled.check(text, context)``."""
    return compiled.check(text, context)
