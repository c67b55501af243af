"""What the employee's "Our charter" page shows: the text, what changed since their acknowledgement,
the rules that matter when writing, and where they stand with the acknowledgement and the quiz."""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup

from server.auth.models import User
from server.charter import training, versions
from server.charter.diff import CharterChanges, compare
from server.charter.models import CharterAcknowledgement, CharterQuizAttempt, CharterVersion
from server.charter.text import render_markdown
from server.errors import NotFound


@dataclass(frozen=True)
class WritingRules:
    """The rules an employee can follow while writing (never the confidential or review term lists)."""

    disclosure_markers: list[str]
    allowed_domains: list[str]
    hashtags_max: int | None
    required_hashtags: list[str]
    brand_terms: list[str]

    @classmethod
    def of(cls, rules: dict) -> WritingRules:
        disclosure = rules.get("disclosure") or {}
        hashtags = rules.get("hashtags") or {}
        return cls(disclosure_markers=list(disclosure.get("markers") or []) if disclosure.get("required") else [],
                   allowed_domains=list(rules.get("allowed_domains") or []), hashtags_max=hashtags.get("max"),
                   required_hashtags=list(hashtags.get("required") or []),
                   brand_terms=list(rules.get("brand_terms") or []))


@dataclass(frozen=True)
class CharterReading:
    """Everything the page needs for one person in one language."""

    version: CharterVersion
    html: Markup
    text_language: str
    acknowledgement: CharterAcknowledgement | None
    acknowledged: CharterVersion | None
    needs_acknowledgement: bool
    changes: CharterChanges | None
    writing_rules: WritingRules
    passed_attempt: CharterQuizAttempt | None

    @property
    def quiz_questions(self) -> int:
        return len(self.version.quiz)


def _text_language(version: CharterVersion, language: str) -> str:
    own = version.text_fr if language == "fr" else version.text_en
    if own:
        return language
    return "en" if language == "fr" else "fr"


def reading_for(user: User, language: str) -> CharterReading | None:
    """The current charter as `user` should read it, or None when none has been published."""
    current = versions.current_version()
    if current is None:
        return None
    acknowledged = training.acknowledged_version(user)
    changes = None
    if acknowledged is not None and acknowledged.number < current.number:
        changes = compare(acknowledged, current, for_employees=True)
    return CharterReading(
        version=current, html=render_markdown(current.text(language)),
        text_language=_text_language(current, language),
        acknowledgement=training.acknowledgement_of(user, current), acknowledged=acknowledged,
        needs_acknowledgement=training.requires_acknowledgement(user), changes=changes,
        writing_rules=WritingRules.of(current.rules), passed_attempt=training.last_passed_attempt(user))


def changes_between(older_number: int, newer_number: int | None = None, *, for_employees: bool) -> CharterChanges:
    """What changed from one version to another (the current one by default); NotFound for unknown numbers."""
    newer = versions.get_version(newer_number) if newer_number else versions.current_version()
    if newer is None:
        raise NotFound()
    return compare(versions.get_version(older_number), newer, for_employees=for_employees)
