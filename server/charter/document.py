"""The charter as a JSON document: what admins import and export, and what `porte-voix check` reads.

The document is the engine's charter in the shape of the issue (``name``, ``version``, ``languages``,
``region``, the five term lists, ``allowed_domains``, ``disclosure``, ``hashtags``, ``pii``,
``secrets``, ``originality``, ``severity``, ``profanity``, ``exact_terms``, ``role_addresses``) plus two
keys the engine does not read:

- ``text``: ``{"fr": Markdown, "en": Markdown}``, the charter as employees read it;
- ``quiz``: the questions employees answer before a first share (see server.charter.quiz).

On import ``version`` is informational: the server numbers versions itself. Nothing here touches the
database or Flask, so the CLI can read a charter file without either.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from server.charter import engine
from server.charter.engine import CharterError, CompiledCharter
from server.charter.quiz import LANGUAGES, read_quiz

EXTRA_KEYS = ("text", "quiz")
TERM_LISTS = ("banned_terms", "confidential_terms", "review_terms", "competitors", "brand_terms")
MAX_NAME = 200
MAX_MARKDOWN = 100_000


@dataclass(frozen=True)
class CharterDocument:
    """A validated charter document: the engine's rules (normalised), the texts, the quiz, compiled rules.

    `text` and `quiz` are None when the document did not carry them (an import then keeps the current ones).
    """

    rules: dict[str, Any]
    text: dict[str, str] | None
    quiz: list[dict[str, Any]] | None
    compiled: CompiledCharter


def _text(value: Any) -> dict[str, str] | None:
    if value is None:
        return None
    if not isinstance(value, dict):
        raise CharterError("text", "must be an object with the Markdown text in fr and en")
    for key, markdown in value.items():
        if key not in LANGUAGES:
            raise CharterError(f"text.{key}", "unknown language (languages: fr, en)")
        if not isinstance(markdown, str):
            raise CharterError(f"text.{key}", "must be a string (Markdown)")
        if len(markdown) > MAX_MARKDOWN:
            raise CharterError(f"text.{key}", f"must be at most {MAX_MARKDOWN} characters")
    return {language: (value.get(language) or "").strip() for language in LANGUAGES}


def normalized_rules(compiled: CompiledCharter) -> dict[str, Any]:
    """The rules of a compiled charter with every field present, in the issue's order, without `version`.

    Storing and exporting this form keeps diffs between versions stable whatever the admin typed
    (defaults written out, domains lowercased, terms trimmed).
    """
    settings = compiled.settings
    rules: dict[str, Any] = {"name": settings.name, "languages": list(settings.languages),
                             "region": settings.region}
    rules.update({key: list(settings.terms[key]) for key in TERM_LISTS})
    rules.update({
        "allowed_domains": list(settings.allowed_domains),
        "disclosure": {"required": settings.disclosure_required, "markers": list(settings.disclosure_markers)},
        "hashtags": {"max": settings.hashtags_max, "required": list(settings.hashtags_required)},
        "pii": settings.pii,
        "secrets": settings.secrets,
        "originality": {"max_similarity": settings.max_similarity},
        "severity": dict(settings.severity),
        "profanity": {"disabled": list(settings.profanity_disabled), "extra": list(settings.profanity_extra)},
        "exact_terms": list(settings.exact_terms),
        "role_addresses": list(settings.role_addresses),
        "moderation": settings.moderation,
    })
    return rules


def read_document(data: Any) -> CharterDocument:
    """Validate a charter document (parsed JSON); raise CharterError naming the first bad field.

    Compiling is part of validating, so a document that reads here is one the engine can check with.
    """
    if not isinstance(data, dict):
        raise CharterError("charter", "must be a JSON object")
    rules = {key: value for key, value in data.items() if key not in EXTRA_KEYS}
    name = rules.get("name")
    if isinstance(name, str) and len(name) > MAX_NAME:
        raise CharterError("name", f"must be at most {MAX_NAME} characters")
    text = _text(data.get("text"))
    quiz = read_quiz(data["quiz"]) if "quiz" in data else None
    compiled = engine.compile(rules)
    return CharterDocument(rules=normalized_rules(compiled), text=text, quiz=quiz, compiled=compiled)


def export_document(number: int, rules: dict[str, Any], text: dict[str, str], quiz: list[dict[str, Any]]
                    ) -> dict[str, Any]:
    """The document of a stored version, ready for json.dumps: the rules with `version` second, then text, quiz."""
    document = {"name": rules.get("name", ""), "version": number}
    document.update({key: value for key, value in rules.items() if key not in ("name", "version")})
    document["text"] = {language: text.get(language, "") for language in LANGUAGES}
    document["quiz"] = quiz
    return document
