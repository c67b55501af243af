"""How the charter's rules and fields are named on pages, in the reader's language."""

from flask_babel import format_percent
from flask_babel import lazy_gettext as _l

from server.charter.engine import RULES

RULE_LABELS = {
    "profanity": _l("Vulgar or offensive language"),
    "banned_term": _l("Banned terms"),
    "confidential": _l("Confidential information"),
    "review_term": _l("Sensitive topics (moderator review)"),
    "competitor": _l("Competitors"),
    "brand_spelling": _l("Brand spelling"),
    "pii.email": _l("E-mail addresses"),
    "pii.phone": _l("Phone numbers"),
    "pii.iban": _l("Bank account numbers (IBAN)"),
    "pii.card": _l("Payment card numbers"),
    "pii.national_id": _l("Social security numbers"),
    "secret": _l("Passwords and API keys"),
    "link_not_approved": _l("Links outside the allowed domains"),
    "disclosure_missing": _l("Disclosure of employment missing"),
    "hashtags_max": _l("Too many hashtags"),
    "hashtag_required": _l("Required hashtag missing"),
    "length": _l("Too long for the network"),
    "parrot": _l("Copy of the suggested text"),
    "pii": _l("Personal data (all kinds)"),
}

SEVERITY_LABELS = {
    "ok": _l("Ready to share"),
    "warn": _l("Warning"),
    "review": _l("Moderator review"),
    "block": _l("Blocked"),
    "off": _l("Off"),
}

FIELD_LABELS = {
    "name": _l("Name"),
    "languages": _l("Languages of the profanity lists"),
    "region": _l("Country for phone numbers"),
    "banned_terms": _l("Banned terms"),
    "confidential_terms": _l("Confidential terms"),
    "review_terms": _l("Terms that need a moderator's review"),
    "competitors": _l("Competitors"),
    "brand_terms": _l("Brand terms (canonical spelling)"),
    "allowed_domains": _l("Allowed domains"),
    "disclosure.required": _l("Disclosure of employment required"),
    "disclosure.markers": _l("Disclosure markers"),
    "hashtags.max": _l("Most hashtags allowed"),
    "hashtags.required": _l("Required hashtags"),
    "pii": _l("Personal data detection"),
    "secrets": _l("Password and API key detection"),
    "originality.max_similarity": _l("Largest similarity to the suggested text"),
    "severity": _l("Severity"),
    "profanity.disabled": _l("Profanity list entries switched off"),
    "profanity.extra": _l("Extra offensive terms"),
    "exact_terms": _l("Terms matched exactly as written"),
    "role_addresses": _l("Role addresses of the company"),
    "moderation": _l("Moderation of shares outside campaigns"),
}
MODERATION_LEVEL_LABELS = {"none": _l("No review"), "terms": _l("When the charter asks for it"),
                           "every_share": _l("Review every share")}


def field_label(path):
    """The label of a charter field (``severity.competitor`` → "Severity: Competitors")."""
    if path.startswith("severity."):
        rule = path.removeprefix("severity.")
        return f"{FIELD_LABELS['severity']}: {RULE_LABELS.get(rule, rule)}"
    return FIELD_LABELS.get(path, path)


def describe_value(path, value):
    """A rule's value as a reader understands it (``None`` severity → its default, booleans → on/off)."""
    if path.startswith("severity."):
        rule = path.removeprefix("severity.")
        if value is None:
            default = RULES.get(rule) or RULES.get(f"{rule}.email", "block")
            return _l("default (%(severity)s)", severity=SEVERITY_LABELS[default])
        return SEVERITY_LABELS.get(value, value)
    if value is None:
        return _l("no limit") if path == "hashtags.max" else "—"
    if isinstance(value, bool):
        return _l("on") if value else _l("off")
    if path == "originality.max_similarity":
        return format_percent(value)
    if path == "moderation":
        return MODERATION_LEVEL_LABELS.get(value, value)
    return value
