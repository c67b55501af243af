"""Reading a charter's JSON into checked settings, with an error that names the bad field.

Every key is optional. Defaults: languages ``["fr", "en"]``, region ``"FR"``, no terms, no allowed
domain (only the share's approved link may appear), disclosure not required, no hashtag limit,
``pii`` and ``secrets`` on, ``originality.max_similarity`` 0.9, no ``exact_terms`` (the charter's banned,
confidential and review terms also match their regular plural and feminine forms, see `inflections`),
``role_addresses`` = `DEFAULT_ROLE_ADDRESSES` (the local parts of the company's own role addresses, not
personal data on an allowed domain), ``moderation`` ``"terms"`` (outside
campaigns, shares with a ``review`` verdict wait for a moderator; ``"none"`` releases everything not
blocked, ``"every_share"`` holds every share). Unknown keys are refused (a typo such
as ``banned_term`` would otherwise silently disable a rule); metadata may use ``description`` or any
key starting with ``_``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import phonenumbers

from .errors import CharterError
from .rules import RULES, SEVERITY_CHOICES, known_rule_or_prefix

TERM_LISTS = ("banned_terms", "confidential_terms", "review_terms", "competitors", "brand_terms")
_KNOWN_KEYS = frozenset({
    "name", "version", "description", "languages", "region", *TERM_LISTS, "allowed_domains",
    "disclosure", "hashtags", "pii", "secrets", "originality", "severity", "profanity",
    "exact_terms", "role_addresses", "moderation",
})
# Local parts of the addresses a company publishes on purpose (French and English): ``jobs@acme.com``
# on an allowed domain is a door the company opened, not a person's address.
DEFAULT_ROLE_ADDRESSES = (
    "contact", "info", "infos", "hello", "bonjour", "jobs", "job", "careers", "career", "carrieres",
    "recrutement", "recruiting", "recrute", "rh", "hr", "presse", "press", "media", "medias", "support",
    "help", "aide", "sales", "ventes", "commercial", "service-client", "serviceclient", "customer-service",
    "partenaires", "partners", "investors", "investisseurs", "events", "evenements", "newsletter",
    "marketing", "communication", "dpo", "privacy", "rgpd", "legal", "juridique", "accueil", "office",
)
_LOCAL_PART = re.compile(r"[a-z0-9][a-z0-9._+\-]*")
MODERATION_LEVELS = ("none", "terms", "every_share")
_DOMAIN = re.compile(r"(?:[^\W_](?:[\w-]*[^\W_])?\.)+[^\W\d_][\w-]*[^\W_]")
_LANGUAGE = re.compile(r"[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*")


@dataclass(frozen=True)
class CharterSettings:
    """A validated charter, every field present (defaults filled in)."""

    name: str = ""
    version: int | None = None
    languages: tuple[str, ...] = ("fr", "en")
    region: str = "FR"
    terms: dict[str, tuple[str, ...]] = field(default_factory=dict)
    allowed_domains: tuple[str, ...] = ()
    disclosure_required: bool = False
    disclosure_markers: tuple[str, ...] = ()
    hashtags_max: int | None = None
    hashtags_required: tuple[str, ...] = ()
    pii: bool = True
    secrets: bool = True
    max_similarity: float = 0.9
    severity: dict[str, str] = field(default_factory=dict)
    profanity_disabled: tuple[str, ...] = ()
    profanity_extra: tuple[str, ...] = ()
    exact_terms: tuple[str, ...] = ()
    role_addresses: tuple[str, ...] = DEFAULT_ROLE_ADDRESSES
    moderation: str = "terms"


def _object(value: Any, path: str, keys: tuple[str, ...] = ()) -> dict:
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise CharterError(path, "must be an object")
    for key in value:
        if keys and key not in keys:
            raise CharterError(f"{path}.{key}", f"unknown field (fields: {', '.join(keys)})")
    return value


def _boolean(value: Any, path: str, default: bool) -> bool:
    if value is None:
        return default
    if not isinstance(value, bool):
        raise CharterError(path, "must be true or false")
    return value


def _strings(value: Any, path: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list):
        raise CharterError(path, "must be a list of strings")
    for index, item in enumerate(value):
        if not isinstance(item, str) or not item.strip():
            raise CharterError(f"{path}[{index}]", "must be a non-empty string")
    return tuple(item.strip() for item in value)


def _non_negative_int(value: Any, path: str) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise CharterError(path, "must be a non-negative integer")
    return value


def _hashtags(value: Any) -> tuple[str, ...]:
    names = _strings(value, "hashtags.required")
    for index, name in enumerate(names):
        if not any(char.isalnum() for char in name):
            raise CharterError(f"hashtags.required[{index}]", "must be a hashtag such as #AcmeLife")
    return names


def _domains(value: Any) -> tuple[str, ...]:
    domains = []
    for index, domain in enumerate(_strings(value, "allowed_domains")):
        domain = domain.lower().rstrip(".").removeprefix("*.")
        if "/" in domain or ":" in domain or "@" in domain:
            raise CharterError(f"allowed_domains[{index}]", "must be a domain name such as acme.com, not a URL")
        if not _DOMAIN.fullmatch(domain):
            raise CharterError(f"allowed_domains[{index}]", "must be a domain name such as acme.com")
        domains.append(domain)
    return tuple(domains)


def _severity(value: Any) -> dict[str, str]:
    overrides = {}
    for rule, severity in _object(value, "severity").items():
        if not known_rule_or_prefix(rule):
            raise CharterError(f"severity.{rule}", f"unknown rule (rules: {', '.join(RULES)})")
        if severity not in SEVERITY_CHOICES:
            raise CharterError(f"severity.{rule}", f"must be one of {', '.join(SEVERITY_CHOICES)}")
        overrides[rule] = severity
    return overrides


def _role_addresses(value: Any) -> tuple[str, ...]:
    if value is None:
        return DEFAULT_ROLE_ADDRESSES
    names = []
    for index, name in enumerate(_strings(value, "role_addresses")):
        name = name.lower().removesuffix("@")
        if not _LOCAL_PART.fullmatch(name):
            raise CharterError(f"role_addresses[{index}]", "must be the part before the @, such as jobs or presse")
        names.append(name)
    return tuple(dict.fromkeys(names))


def _similarity(value: Any) -> float:
    similarity = _object(value, "originality", ("max_similarity",)).get("max_similarity", 0.9)
    if isinstance(similarity, bool) or not isinstance(similarity, int | float) or not 0 < similarity <= 1:
        raise CharterError("originality.max_similarity", "must be a number greater than 0 and at most 1")
    return float(similarity)


def _moderation(value: Any) -> str:
    if value not in MODERATION_LEVELS:
        raise CharterError("moderation", f"must be one of {', '.join(MODERATION_LEVELS)}")
    return value


def _head(charter: dict) -> dict[str, Any]:
    unknown = sorted(key for key in charter if key not in _KNOWN_KEYS and not str(key).startswith("_"))
    if unknown:
        raise CharterError(unknown[0], "unknown field")
    name = charter.get("name") or ""
    if not isinstance(name, str):
        raise CharterError("name", "must be a string")
    version = charter.get("version")
    if version is not None and (isinstance(version, bool) or not isinstance(version, int)):
        raise CharterError("version", "must be an integer")
    languages = _strings(charter.get("languages", ["fr", "en"]), "languages")
    for index, language in enumerate(languages):
        if not _LANGUAGE.fullmatch(language):
            raise CharterError(f"languages[{index}]", "must be a language code such as fr or en")
    region = charter.get("region", "FR")
    if not isinstance(region, str) or region.upper() not in phonenumbers.SUPPORTED_REGIONS:
        raise CharterError("region", "must be a two-letter country code such as FR")
    return {"name": name, "version": version, "languages": languages, "region": region.upper()}


def read_settings(charter: Any) -> CharterSettings:
    """Validate a charter (a dict from JSON) and fill in defaults; raise CharterError naming the field."""
    if not isinstance(charter, dict):
        raise CharterError("charter", "must be a JSON object")
    disclosure = _object(charter.get("disclosure"), "disclosure", ("required", "markers"))
    hashtags = _object(charter.get("hashtags"), "hashtags", ("max", "required"))
    profanity = _object(charter.get("profanity"), "profanity", ("disabled", "extra"))
    settings = CharterSettings(
        **_head(charter),
        terms={key: _strings(charter.get(key), key) for key in TERM_LISTS},
        allowed_domains=_domains(charter.get("allowed_domains")),
        disclosure_required=_boolean(disclosure.get("required"), "disclosure.required", False),
        disclosure_markers=_strings(disclosure.get("markers"), "disclosure.markers"),
        hashtags_max=_non_negative_int(hashtags.get("max"), "hashtags.max"),
        hashtags_required=_hashtags(hashtags.get("required")),
        pii=_boolean(charter.get("pii"), "pii", True),
        secrets=_boolean(charter.get("secrets"), "secrets", True),
        max_similarity=_similarity(charter.get("originality")),
        severity=_severity(charter.get("severity")),
        profanity_disabled=_strings(profanity.get("disabled"), "profanity.disabled"),
        profanity_extra=_strings(profanity.get("extra"), "profanity.extra"),
        exact_terms=_strings(charter.get("exact_terms"), "exact_terms"),
        role_addresses=_role_addresses(charter.get("role_addresses")),
        moderation=_moderation(charter.get("moderation", "terms")),
    )
    if settings.disclosure_required and not settings.disclosure_markers:
        raise CharterError("disclosure.markers", "needs at least one marker when disclosure is required")
    return settings
