"""The rule catalogue: stable ids, default severities, and how a charter overrides them."""

from __future__ import annotations

# Stable rule ids and their default severities. Pages, stored findings and charters refer to these ids.
RULES: dict[str, str] = {
    "profanity": "block",
    "banned_term": "block",
    "confidential": "block",
    "review_term": "review",
    "competitor": "warn",
    "brand_spelling": "warn",
    "pii.email": "block",
    "pii.phone": "block",
    "pii.iban": "block",
    "pii.card": "block",
    "pii.national_id": "block",
    "secret": "block",
    "link_not_approved": "block",
    "disclosure_missing": "warn",
    "hashtags_max": "warn",
    "hashtag_required": "warn",
    "length": "block",
    "parrot": "warn",
}

# What a charter may set in "severity"; "off" disables the rule.
SEVERITY_CHOICES = ("block", "review", "warn", "off")

# The charter's term lists and the rule each one feeds.
TERM_RULES = {
    "banned_terms": "banned_term",
    "confidential_terms": "confidential",
    "review_terms": "review_term",
    "competitors": "competitor",
    "brand_terms": "brand_spelling",
}


def _prefixes() -> frozenset[str]:
    return frozenset(rule.split(".", 1)[0] for rule in RULES if "." in rule)


RULE_PREFIXES = _prefixes()


def known_rule_or_prefix(name: str) -> bool:
    """Whether a charter's severity key names a rule (``pii.phone``) or a family of rules (``pii``)."""
    return name in RULES or name in RULE_PREFIXES


class SeverityTable:
    """A charter's severity for each rule: full id wins over prefix, which wins over the default."""

    def __init__(self, overrides: dict[str, str]):
        self._overrides = dict(overrides)

    def override(self, rule: str) -> str | None:
        """The charter's own severity for a rule, or None when it keeps the default."""
        if rule in self._overrides:
            return self._overrides[rule]
        return self._overrides.get(rule.split(".", 1)[0]) if "." in rule else None

    def severity(self, rule: str, default: str | None = None) -> str | None:
        """The severity to report, or None when the charter switched the rule off."""
        chosen = self.override(rule) or default or RULES[rule]
        return None if chosen == "off" else chosen

    def enabled(self, rule: str) -> bool:
        """False when the charter set the rule to ``off``."""
        return self.override(rule) != "off"
