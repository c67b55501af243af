"""The charter's quiz as data: a few multiple-choice questions, each with its right answer explained.

A quiz is a list of questions, in the charter's JSON under ``quiz``::

    {"question": {"fr": "…", "en": "…"},
     "choices": [{"fr": "…", "en": "…"}, …],      # 2 to 6 choices
     "answer": 1,                                  # index of the right choice, from 0
     "explanation": {"fr": "…", "en": "…"}}        # shown after an answer, right or wrong

Each text needs at least one language; the other falls back to it. Nothing here touches the database.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from server.charter.engine import CharterError

LANGUAGES = ("fr", "en")
MAX_QUESTIONS = 20
MIN_CHOICES, MAX_CHOICES = 2, 6
MAX_TEXT = 1_000
_QUESTION_KEYS = ("question", "choices", "answer", "explanation")


def localized(value: dict[str, str], language: str) -> str:
    """The text in `language`, or in the other language when that one is empty."""
    return value.get(language) or next((value[other] for other in LANGUAGES if value.get(other)), "")


def _localized_text(value: Any, path: str) -> dict[str, str]:
    if isinstance(value, str):
        value = {"fr": value, "en": value}
    if not isinstance(value, dict):
        raise CharterError(path, "must be an object with fr and en texts")
    for key, text in value.items():
        if key not in LANGUAGES:
            raise CharterError(f"{path}.{key}", "unknown language (languages: fr, en)")
        if not isinstance(text, str):
            raise CharterError(f"{path}.{key}", "must be a string")
        if len(text) > MAX_TEXT:
            raise CharterError(f"{path}.{key}", f"must be at most {MAX_TEXT} characters")
    texts = {language: (value.get(language) or "").strip() for language in LANGUAGES}
    if not any(texts.values()):
        raise CharterError(path, "needs a text in French or in English")
    return texts


def _question(value: Any, path: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise CharterError(path, "must be an object with question, choices, answer and explanation")
    for key in value:
        if key not in _QUESTION_KEYS:
            raise CharterError(f"{path}.{key}", f"unknown field (fields: {', '.join(_QUESTION_KEYS)})")
    choices = value.get("choices")
    if not isinstance(choices, list) or not MIN_CHOICES <= len(choices) <= MAX_CHOICES:
        raise CharterError(f"{path}.choices", f"must be a list of {MIN_CHOICES} to {MAX_CHOICES} choices")
    answer = value.get("answer")
    if isinstance(answer, bool) or not isinstance(answer, int) or not 0 <= answer < len(choices):
        raise CharterError(f"{path}.answer", f"must be the index of the right choice, from 0 to {len(choices) - 1}")
    return {
        "question": _localized_text(value.get("question"), f"{path}.question"),
        "choices": [_localized_text(choice, f"{path}.choices[{index}]") for index, choice in enumerate(choices)],
        "answer": answer,
        "explanation": _localized_text(value.get("explanation"), f"{path}.explanation"),
    }


def read_quiz(value: Any) -> list[dict[str, Any]]:
    """Validate a quiz and return it normalised (both languages present); raise CharterError naming the field."""
    if value is None:
        return []
    if not isinstance(value, list):
        raise CharterError("quiz", "must be a list of questions")
    if len(value) > MAX_QUESTIONS:
        raise CharterError("quiz", f"must have at most {MAX_QUESTIONS} questions")
    return [_question(question, f"quiz[{index}]") for index, question in enumerate(value)]


def questions_for(quiz: list[dict[str, Any]], language: str) -> list[dict[str, Any]]:
    """The questions as an employee sees them before answering: no right answer, no explanation."""
    return [{"number": index + 1, "question": localized(item["question"], language),
             "choices": [localized(choice, language) for choice in item["choices"]]}
            for index, item in enumerate(quiz)]


@dataclass(frozen=True)
class AnswerOutcome:
    """One question after grading, in one language."""

    number: int
    question: str
    choices: list[str]
    chosen: int
    right_answer: int
    explanation: str

    @property
    def is_right(self) -> bool:
        return self.chosen == self.right_answer


@dataclass(frozen=True)
class QuizGrade:
    """The result of one submission: every question must be right to pass (it is training, not an exam)."""

    outcomes: list[AnswerOutcome]

    @property
    def score(self) -> int:
        return sum(outcome.is_right for outcome in self.outcomes)

    @property
    def total(self) -> int:
        return len(self.outcomes)

    @property
    def passed(self) -> bool:
        return self.score == self.total


def grade(quiz: list[dict[str, Any]], answers: list[int], language: str) -> QuizGrade:
    """Grade `answers` (one choice index per question, already checked to be in range) in `language`."""
    outcomes = [AnswerOutcome(number=index + 1, question=localized(item["question"], language),
                              choices=[localized(choice, language) for choice in item["choices"]],
                              chosen=chosen, right_answer=item["answer"],
                              explanation=localized(item["explanation"], language))
                for index, (item, chosen) in enumerate(zip(quiz, answers, strict=True))]
    return QuizGrade(outcomes)
