"""The admin editor's form: charter documents to form fields and back, and errors put next to their input.

Term lists are textareas with one entry per line; the quiz is a fieldset per question, choices one per
line in each language and the right one given by its number (from 1). The form is turned into a charter
document and validated by the same code as a JSON import, so both refuse exactly the same things.
"""

from __future__ import annotations

import re
from itertools import zip_longest
from typing import Any

from flask_babel import gettext as _

from server.charter.engine import RULES
from server.charter.quiz import LANGUAGES

LINE_FIELDS = ("banned_terms", "confidential_terms", "review_terms", "competitors", "brand_terms",
               "allowed_domains", "disclosure_markers", "hashtags_required", "profanity_disabled", "profanity_extra",
               "exact_terms", "role_addresses")
# Languages a charter's profanity lists can be in, with their names as their speakers write them.
PROFANITY_LANGUAGES = (("fr", "Français"), ("en", "English"), ("de", "Deutsch"), ("es", "Español"),
                       ("it", "Italiano"), ("nl", "Nederlands"))
SEVERITY_KEYS = ("pii", *RULES)
SEVERITY_CHOICES = ("block", "review", "warn", "off")
_INDEX = re.compile(r"\[(\d+)\]")


def severity_field(rule: str) -> str:
    """The form field of a rule's severity (``pii.email`` → ``severity_pii_email``)."""
    return "severity_" + rule.replace(".", "_")


def _lines(form, name: str) -> list[str]:
    return [line.strip() for line in (form.get(name) or "").splitlines() if line.strip()]


def _number(form, name: str) -> Any:
    raw = (form.get(name) or "").strip()
    if not raw:
        return None
    try:
        return int(raw) if re.fullmatch(r"-?\d+", raw) else float(raw.replace(",", "."))
    except ValueError:
        return raw  # the validator names the field and says what it expects


def _similarity(form) -> Any:
    percent = _number(form, "max_similarity")
    return round(percent / 100, 4) if isinstance(percent, int | float) else percent


def _question(form, index: int) -> dict[str, Any] | None:
    prefix = f"quiz-{index}-"
    if form.get(prefix + "remove"):
        return None
    values = {key: (form.get(prefix + key) or "").strip()
              for key in ("question-fr", "question-en", "explanation-fr", "explanation-en", "answer")}
    choices = {language: _lines(form, f"{prefix}choices-{language}") for language in LANGUAGES}
    if not any(values.values()) and not any(choices.values()):
        return None  # the blank slot offered for a new question
    answer = _number(form, prefix + "answer")
    return {
        "question": {language: values[f"question-{language}"] for language in LANGUAGES},
        "choices": [{"fr": fr or "", "en": en or ""} for fr, en in zip_longest(choices["fr"], choices["en"])],
        "answer": answer - 1 if isinstance(answer, int) else answer,
        "explanation": {language: values[f"explanation-{language}"] for language in LANGUAGES},
        "_slot": index,
        "_choice_counts": (len(choices["fr"]), len(choices["en"])),
    }


def quiz_from_form(form) -> list[dict[str, Any]]:
    """The questions of the form's quiz fieldsets, blank and removed ones left out."""
    count = _number(form, "quiz_count")
    count = min(count, 50) if isinstance(count, int) and count > 0 else 0
    return [question for question in (_question(form, index) for index in range(count)) if question]


def document_from_form(form) -> dict[str, Any]:
    """The charter document the editor's fields describe (not yet validated)."""
    document: dict[str, Any] = {
        "name": (form.get("name") or "").strip(),
        "languages": [code for code, _name in PROFANITY_LANGUAGES if code in form.getlist("languages")],
        "region": (form.get("region") or "").strip().upper(),
        "text": {language: form.get(f"text_{language}") or "" for language in LANGUAGES},
    }
    for key in ("banned_terms", "confidential_terms", "review_terms", "competitors", "brand_terms", "allowed_domains",
                "exact_terms", "role_addresses"):
        document[key] = _lines(form, key)
    document["disclosure"] = {"required": bool(form.get("disclosure_required")),
                              "markers": _lines(form, "disclosure_markers")}
    document["hashtags"] = {"max": _number(form, "hashtags_max"), "required": _lines(form, "hashtags_required")}
    document["pii"] = bool(form.get("pii"))
    document["secrets"] = bool(form.get("secrets"))
    document["originality"] = {"max_similarity": _similarity(form)}
    document["severity"] = {rule: form.get(severity_field(rule)) for rule in SEVERITY_KEYS
                            if form.get(severity_field(rule)) in SEVERITY_CHOICES}
    document["profanity"] = {"disabled": _lines(form, "profanity_disabled"), "extra": _lines(form, "profanity_extra")}
    document["moderation"] = form.get("moderation") or "terms"
    document["quiz"] = quiz_from_form(form)
    return document


def take_quiz_slots(document: dict[str, Any]) -> tuple[list[int], int | None]:
    """Remove the form's bookkeeping from the document's quiz; return each question's form slot, and the
    slot of the first question whose French and English choice lists differ in length (or None)."""
    slots, unaligned = [], None
    for question in document.get("quiz", []):
        slot = question.pop("_slot")
        french, english = question.pop("_choice_counts")
        slots.append(slot)
        if unaligned is None and french and english and french != english:
            unaligned = slot
    return slots, unaligned


def form_values(document: dict[str, Any], quiz_slots: int = 1) -> dict[str, Any]:
    """Field values for the editor from a charter document (a stored version's export)."""
    values: dict[str, Any] = {
        "name": document.get("name", ""), "languages": document.get("languages", list(LANGUAGES)),
        "region": document.get("region", "FR"),
        "disclosure_required": document.get("disclosure", {}).get("required", False),
        "hashtags_max": document.get("hashtags", {}).get("max"),
        "pii": document.get("pii", True), "secrets": document.get("secrets", True),
        "max_similarity": round(document.get("originality", {}).get("max_similarity", 0.9) * 100, 2),
        "moderation": document.get("moderation", "terms"),
    }
    for language in LANGUAGES:
        values[f"text_{language}"] = document.get("text", {}).get(language, "")
    nested = {"disclosure_markers": ("disclosure", "markers"), "hashtags_required": ("hashtags", "required"),
              "profanity_disabled": ("profanity", "disabled"), "profanity_extra": ("profanity", "extra")}
    for field in LINE_FIELDS:
        items = document.get(nested[field][0], {}).get(nested[field][1], []) if field in nested else document.get(
            field, [])
        values[field] = "\n".join(items)
    for rule in SEVERITY_KEYS:
        values[severity_field(rule)] = document.get("severity", {}).get(rule, "")
    values["quiz"] = [_question_values(question) for question in document.get("quiz", [])]
    values["quiz"] += [_question_values(None) for _ in range(quiz_slots)]
    return values


def _question_values(question: dict[str, Any] | None) -> dict[str, str]:
    if question is None:
        return dict.fromkeys(("question-fr", "question-en", "choices-fr", "choices-en", "answer", "explanation-fr",
                              "explanation-en"), "")
    values = {f"{key}-{language}": question[key].get(language, "")
              for key in ("question", "explanation") for language in LANGUAGES}
    for language in LANGUAGES:
        values[f"choices-{language}"] = "\n".join(choice.get(language, "") for choice in question["choices"])
    answer = question.get("answer")
    values["answer"] = str(answer + 1) if isinstance(answer, int) else str(answer or "")
    return values


def values_from_form(form) -> dict[str, Any]:
    """The form as submitted, to show it again unchanged next to its errors."""
    values = {key: form.get(key, "") for key in form}
    values["languages"] = form.getlist("languages")
    for flag in ("disclosure_required", "pii", "secrets", "needs_acknowledgement"):
        values[flag] = bool(form.get(flag))
    count = _number(form, "quiz_count")
    count = min(count, 50) if isinstance(count, int) and count > 0 else 0
    values["quiz"] = [{**{key: form.get(f"quiz-{index}-{key}", "") for key in _question_values(None)},
                       "remove": bool(form.get(f"quiz-{index}-remove"))} for index in range(count)]
    return values


def field_of(path: str, quiz_slots: list[int] = ()) -> str:
    """The form field where an error at a charter path belongs (``hashtags.max`` → ``hashtags_max``;
    ``quiz[1].answer`` → the fieldset of the form slot that question came from)."""
    if path.startswith("quiz["):
        index = int(_INDEX.search(path).group(1))
        return f"quiz-{quiz_slots[index] if index < len(quiz_slots) else index}"
    if path.startswith("severity."):
        return severity_field(path.removeprefix("severity."))
    if path == "originality.max_similarity" or path == "originality":
        return "max_similarity"
    if path == "charter":
        return "_form"
    return _INDEX.split(path, maxsplit=1)[0].replace(".", "_")


def error_message(path: str, problem: str) -> str:
    """The engine's explanation, with the line number when the error is about one line of a list."""
    match = _INDEX.search(path)
    if match and not path.startswith("quiz["):
        return _("Line %(line)s: %(problem)s", line=int(match.group(1)) + 1, problem=problem)
    if path.startswith("quiz["):
        return f"{path.split('.', 1)[1] if '.' in path else path}: {problem}"
    return problem


def field_label_of(name: str):
    """The label of an editor field, for the list of errors at the top of the form."""
    from server.charter.labels import field_label

    if name.startswith("quiz-"):
        return _("Quiz, question %(number)s", number=int(name.removeprefix("quiz-")) + 1)
    if name in ("text_fr", "text_en"):
        return _("Text in French") if name == "text_fr" else _("Text in English")
    if name == "max_similarity":
        return field_label("originality.max_similarity")
    if name == "since":
        return _("Replay the shares since")
    for rule in SEVERITY_KEYS:
        if severity_field(rule) == name:
            return field_label(f"severity.{rule}")
    for group in ("disclosure", "hashtags", "profanity"):
        if name.startswith(group + "_"):
            return field_label(name.replace("_", ".", 1))
    return field_label(name)
