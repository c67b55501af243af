"""Employees and the charter: acknowledging a version, taking the quiz, and where each person stands.

Acknowledgement is per version; a minor version (published without asking for a new acknowledgement)
is covered by the acknowledgement of an earlier one. The quiz is taken once before a first share: a pass
of any version's quiz counts, and a charter without a quiz asks for none.
"""

from __future__ import annotations

from dataclasses import dataclass

from flask_babel import lazy_gettext as _l
from peewee import IntegrityError, fn

from server import audit
from server.auth.models import User
from server.charter import versions
from server.charter.models import CharterAcknowledgement, CharterQuizAttempt, CharterVersion
from server.charter.quiz import QuizGrade, grade
from server.db import database
from server.errors import Conflict, InvalidInput, NotFound
from server.privacy import exporter


def acknowledged_version(user: User) -> CharterVersion | None:
    """The newest version `user` acknowledged, or None."""
    return (CharterVersion.select().join(CharterAcknowledgement)
            .where(CharterAcknowledgement.user == user)
            .order_by(CharterVersion.number.desc()).first())


def acknowledgement_of(user: User, version: CharterVersion) -> CharterAcknowledgement | None:
    """When `user` acknowledged `version`, if they did."""
    return CharterAcknowledgement.get_or_none(CharterAcknowledgement.user == user,
                                              CharterAcknowledgement.version == version)


def requires_acknowledgement(user: User) -> bool:
    """Whether `user` must (re)read the charter: they have not acknowledged the version in force.

    "In force" is the newest version that asked for acknowledgement; False when there is no charter.
    """
    required = versions.latest_acknowledgement_required()
    if required is None:
        return False
    return not (CharterAcknowledgement.select().join(CharterVersion)
                .where(CharterAcknowledgement.user == user, CharterVersion.number >= required.number).exists())


def acknowledge(user: User, number: int) -> CharterAcknowledgement:
    """Record that `user` read version `number` and will follow it (idempotent).

    Only the current version can be acknowledged: a page left open while a new version was published
    gets Conflict, so nobody confirms a text they have not seen.
    """
    current = versions.current_version()
    if current is None:
        raise NotFound(_l("No charter has been published yet."))
    if number != current.number:
        raise Conflict(_l("Version %(number)s of the charter has been published since: please read it first.",
                          number=current.number), fields={"version": [str(number)]})
    existing = acknowledgement_of(user, current)
    if existing is not None:
        return existing
    try:
        with database.atomic():
            row = CharterAcknowledgement.create(user=user, version=current)
            audit.record("charter.acknowledge", actor=user, target=current, number=current.number)
    except IntegrityError:  # the same person clicked twice at once
        return acknowledgement_of(user, current)
    return row


def _current_quiz() -> tuple[int, int, list] | None:
    row = (CharterVersion.select(CharterVersion.id, CharterVersion.number, CharterVersion.quiz)
           .order_by(CharterVersion.number.desc()).first())
    return (row.id, row.number, row.quiz) if row else None


def has_passed_quiz(user: User) -> bool:
    """Whether `user` passed the charter's quiz once (True when the current charter has no quiz)."""
    current = _current_quiz()
    if current is None or not current[2]:
        return True
    return CharterQuizAttempt.select().where(CharterQuizAttempt.user == user,
                                             CharterQuizAttempt.passed == True).exists()  # noqa: E712


def last_passed_attempt(user: User) -> CharterQuizAttempt | None:
    """The most recent passed attempt of `user`, if any."""
    return (CharterQuizAttempt.select().where(CharterQuizAttempt.user == user,
                                              CharterQuizAttempt.passed == True)  # noqa: E712
            .order_by(CharterQuizAttempt.id.desc()).first())


def _checked_answers(quiz: list, answers: list) -> list[int]:
    problems = {}
    for index, question in enumerate(quiz):
        chosen = answers[index] if index < len(answers) else None
        if isinstance(chosen, bool) or not isinstance(chosen, int) or not 0 <= chosen < len(question["choices"]):
            problems[index] = [str(_l("Choose one of the answers."))]
    if len(answers) > len(quiz):
        problems["_schema"] = [str(_l("There are more answers than questions."))]
    if problems:
        raise InvalidInput(_l("Please answer every question."), fields={"answers": problems})
    return list(answers[:len(quiz)])


@dataclass(frozen=True)
class QuizSubmission:
    """A stored attempt, the version it was for, and the grade with explanations in one language."""

    attempt: CharterQuizAttempt
    version_number: int
    grade: QuizGrade


def submit_quiz(user: User, answers: list, language: str) -> QuizSubmission:
    """Grade `answers` (one choice index per question, from 0) against the current quiz and store the attempt.

    Unanswered or out-of-range answers raise InvalidInput naming each question (``answers.<index>``).
    """
    current = _current_quiz()
    if current is None or not current[2]:
        raise NotFound(_l("The charter has no quiz."))
    version_id, number, quiz = current
    result = grade(quiz, _checked_answers(quiz, answers), language)
    attempt = CharterQuizAttempt.create(user=user, version=version_id, answers=list(answers), score=result.score,
                                        total=result.total, passed=result.passed)
    return QuizSubmission(attempt=attempt, version_number=number, grade=result)


@dataclass(frozen=True)
class VersionStanding:
    """How many active people acknowledged a version and passed a quiz, for the admin overview."""

    acknowledged: int
    quiz_passed: int
    people: int


def standing(version: CharterVersion) -> VersionStanding:
    """Counts of active people who acknowledged `version` and who ever passed the quiz."""
    active = User.select(User.id).where(User.active == True)  # noqa: E712
    acknowledged = (CharterAcknowledgement.select(fn.COUNT(CharterAcknowledgement.id))
                    .where(CharterAcknowledgement.version == version, CharterAcknowledgement.user.in_(active))
                    .scalar())
    passed = (CharterQuizAttempt.select(fn.COUNT(fn.DISTINCT(CharterQuizAttempt.user)))
              .where(CharterQuizAttempt.passed == True, CharterQuizAttempt.user.in_(active))  # noqa: E712
              .scalar())
    return VersionStanding(acknowledged=acknowledged or 0, quiz_passed=passed or 0, people=active.count())


def _iso(value):
    return value.isoformat() + "Z" if value else None


@exporter("charter")
def _export(user: User) -> dict:
    acknowledgements = (CharterAcknowledgement.select(CharterAcknowledgement, CharterVersion).join(CharterVersion)
                        .where(CharterAcknowledgement.user == user).order_by(CharterAcknowledgement.id))
    attempts = (CharterQuizAttempt.select(CharterQuizAttempt, CharterVersion).join(CharterVersion)
                .where(CharterQuizAttempt.user == user).order_by(CharterQuizAttempt.id))
    return {
        "acknowledgements": [{"version": row.version.number, "acknowledged_at": _iso(row.acknowledged_at)}
                             for row in acknowledgements],
        "quiz_attempts": [{"version": row.version.number, "answers": row.answers, "score": row.score,
                           "total": row.total, "passed": row.passed, "at": _iso(row.created_at)}
                          for row in attempts],
    }
