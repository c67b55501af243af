"""What changed between two charter versions: rules field by field, texts line by line, the quiz.

Employees see what changed since the version they acknowledged; confidential terms are then counted,
not listed (a project's code name is not everyone's to learn from a changelog).
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from typing import Any

from server.charter.engine.settings import DEFAULT_ROLE_ADDRESSES
from server.charter.models import CharterVersion
from server.charter.quiz import LANGUAGES

LIST_FIELDS = ("languages", "banned_terms", "confidential_terms", "review_terms", "competitors", "brand_terms",
               "allowed_domains", "disclosure.markers", "hashtags.required", "profanity.disabled",
               "profanity.extra", "exact_terms", "role_addresses")
VALUE_FIELDS = ("name", "region", "disclosure.required", "hashtags.max", "pii", "secrets",
                "originality.max_similarity", "moderation")
HIDDEN_FROM_EMPLOYEES = frozenset({"confidential_terms"})
_ORDER = ("name", "languages", "region", "banned_terms", "confidential_terms", "review_terms", "competitors",
          "brand_terms", "allowed_domains", "disclosure.required", "disclosure.markers", "hashtags.max",
          "hashtags.required", "pii", "secrets", "originality.max_similarity", "severity", "profanity.disabled",
          "profanity.extra", "exact_terms", "role_addresses", "moderation")


@dataclass(frozen=True)
class RuleChange:
    """One field that changed: items added and removed (lists) or a value before and after."""

    field: str
    added: list = field(default_factory=list)
    removed: list = field(default_factory=list)
    before: Any = None
    after: Any = None
    hidden: bool = False  # the items are not shown, only counted

    @property
    def is_list(self) -> bool:
        return self.field in LIST_FIELDS


@dataclass(frozen=True)
class TextLine:
    kind: str  # "added", "removed", "same", or "gap" (unchanged lines left out)
    text: str = ""


@dataclass(frozen=True)
class CharterChanges:
    """Everything that differs from `older` (None: nothing before) to `newer`."""

    older: int | None
    newer: int
    rules: list[RuleChange]
    text: dict[str, list[TextLine]]
    quiz_before: int
    quiz_after: int
    quiz_changed: bool

    @property
    def empty(self) -> bool:
        return not (self.rules or any(self.text.values()) or self.quiz_changed)


def _value(rules: dict, path: str) -> Any:
    value: Any = rules
    for part in path.split("."):
        value = value.get(part) if isinstance(value, dict) else None
    if value is None and path == "role_addresses":
        # Versions stored before the field existed had the default list in effect: not a change.
        return list(DEFAULT_ROLE_ADDRESSES)
    return value


def _list_change(path: str, before: list, after: list, hide: bool) -> RuleChange | None:
    added = [item for item in after if item not in set(before)]
    removed = [item for item in before if item not in set(after)]
    if not (added or removed):
        return None
    return RuleChange(path, added=added, removed=removed, hidden=hide and path in HIDDEN_FROM_EMPLOYEES)


def _severity_changes(before: dict, after: dict) -> list[RuleChange]:
    return [RuleChange(f"severity.{rule}", before=before.get(rule), after=after.get(rule))
            for rule in sorted(set(before) | set(after)) if before.get(rule) != after.get(rule)]


def rule_changes(before: dict, after: dict, *, for_employees: bool = False) -> list[RuleChange]:
    """The fields that differ between two normalised rule sets, in the editor's order."""
    changes = []
    for path in _ORDER:
        if path == "severity":
            changes += _severity_changes(before.get("severity") or {}, after.get("severity") or {})
        elif path in LIST_FIELDS:
            change = _list_change(path, _value(before, path) or [], _value(after, path) or [], for_employees)
            changes += [change] if change else []
        elif _value(before, path) != _value(after, path):
            changes.append(RuleChange(path, before=_value(before, path), after=_value(after, path)))
    return changes


def text_changes(before: str, after: str, context: int = 1) -> list[TextLine]:
    """Changed lines of a Markdown text with `context` lines around them (blank lines ignored)."""
    old = [line for line in before.splitlines() if line.strip()]
    new = [line for line in after.splitlines() if line.strip()]
    lines: list[TextLine] = []
    for group in difflib.SequenceMatcher(None, old, new, autojunk=False).get_grouped_opcodes(context):
        if lines:
            lines.append(TextLine("gap"))
        for tag, old_start, old_end, new_start, new_end in group:
            if tag == "equal":
                lines += [TextLine("same", line) for line in old[old_start:old_end]]
                continue
            lines += [TextLine("removed", line) for line in old[old_start:old_end]]
            lines += [TextLine("added", line) for line in new[new_start:new_end]]
    return lines


def compare(older: CharterVersion | None, newer: CharterVersion, *, for_employees: bool = False) -> CharterChanges:
    """What changed from `older` to `newer`; with `for_employees`, confidential terms are only counted."""
    old_rules = older.rules if older else {}
    old_quiz = older.quiz if older else []
    return CharterChanges(
        older=older.number if older else None,
        newer=newer.number,
        rules=rule_changes(old_rules, newer.rules, for_employees=for_employees),
        text={language: text_changes(getattr(older, f"text_{language}", "") if older else "",
                                     getattr(newer, f"text_{language}")) for language in LANGUAGES},
        quiz_before=len(old_quiz),
        quiz_after=len(newer.quiz),
        quiz_changed=old_quiz != newer.quiz,
    )
