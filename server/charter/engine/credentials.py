"""Secrets that must never be posted: API keys, tokens, private keys, passwords inside URLs or in words.

Patterns are written here from the documented shapes of each provider's credentials (the same shapes
detect-secrets and gitleaks describe). Each pattern has literal markers; one Aho-Corasick pass finds
which markers the text holds, and only those patterns run, which keeps ordinary posts cheap.

A password given in words (``password: Hunter2!``, ``mdp = …``, ``pwd=…``, ``le code wifi est …``) is a
secret too: a label (`PASSWORD_LABELS`, French and English, any case), then ``:``, ``=``, *is* or *est*,
then a value of 4 to 64 characters that looks like a password: written after ``=``, or holding a digit,
a symbol or a capital after its first letter. Placeholders (``****``, ``<password>``, ``${PWD}``), links
and plain words (``password: required``) are not secrets.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

import ahocorasick

_TAIL = r"(?![A-Za-z0-9_\-])"


@dataclass(frozen=True)
class SecretShape:
    """A kind of credential, the literal markers that gate it and its pattern."""

    kind: str
    markers: tuple[str, ...]
    pattern: re.Pattern
    # Characters a match extends over to its left (a URL's scheme before "://"): the pattern itself
    # starts with a literal so the regex engine can skip through the text.
    extends_left_over: str = ""


SECRET_SHAPES = (
    SecretShape("aws_access_key", ("AKIA", "ASIA", "ABIA", "ACCA"),
                re.compile(r"(?<![A-Z0-9])(?:AKIA|ASIA|ABIA|ACCA)[0-9A-Z]{16}(?![A-Z0-9])")),
    SecretShape("aws_secret_key", ("aws_secret", "AWS_SECRET", "aws secret", "AWS secret", "AWS Secret", "AWS SECRET"),
                re.compile(r"(?i)aws[_ ]secret(?:[_ ]access)?(?:[_ ]key)?\s*[:=]\s*[\"']?([A-Za-z0-9/+=]{40})"
                           r"(?![A-Za-z0-9/+=])")),
    SecretShape("github_token", ("ghp_", "gho_", "ghu_", "ghs_", "ghr_"),
                re.compile(r"\bgh[pousr]_[A-Za-z0-9]{36,255}" + _TAIL)),
    SecretShape("github_token", ("github_pat_",), re.compile(r"\bgithub_pat_[A-Za-z0-9_]{60,255}" + _TAIL)),
    SecretShape("gitlab_token", ("glpat-",), re.compile(r"\bglpat-[A-Za-z0-9_\-]{20,}" + _TAIL)),
    SecretShape("slack_token", ("xox",), re.compile(r"\bxox[abposre]-[A-Za-z0-9-]{10,}" + _TAIL)),
    SecretShape("slack_webhook", ("hooks.slack.com",),
                re.compile(r"https://hooks\.slack\.com/(?:services|workflows)/[A-Za-z0-9/_\-]{20,}")),
    SecretShape("stripe_key", ("_live_", "_test_"),
                re.compile(r"\b(?:sk|rk)_(?:live|test)_[A-Za-z0-9]{16,}" + _TAIL)),
    SecretShape("google_api_key", ("AIza",), re.compile(r"\bAIza[0-9A-Za-z_\-]{35}" + _TAIL)),
    SecretShape("jwt", ("eyJ",),
                re.compile(r"\beyJ[A-Za-z0-9_\-]{8,}\.eyJ[A-Za-z0-9_\-]{8,}\.[A-Za-z0-9_\-]{8,}" + _TAIL)),
    SecretShape("private_key", ("PRIVATE KEY",),
                re.compile(r"-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----"
                           r"(?:[\s\S]*?-----END (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----)?")),
    SecretShape("openai_key", ("sk-proj-", "sk-svcacct-", "sk-admin-", "T3BlbkFJ"),
                re.compile(r"\bsk-(?:(?:proj|svcacct|admin)-[A-Za-z0-9_\-]{40,}|[A-Za-z0-9]{20}T3BlbkFJ[A-Za-z0-9]{20})"
                           + _TAIL)),
    SecretShape("sendgrid_key", ("SG.",), re.compile(r"\bSG\.[A-Za-z0-9_\-]{22}\.[A-Za-z0-9_\-]{43}" + _TAIL)),
    SecretShape("npm_token", ("npm_",), re.compile(r"\bnpm_[A-Za-z0-9]{36}" + _TAIL)),
    SecretShape("pypi_token", ("pypi-",), re.compile(r"\bpypi-AgEIcHlwaS5vcmc[A-Za-z0-9_\-]{50,}" + _TAIL)),
    SecretShape("telegram_bot_token", (":AA",), re.compile(r"\b\d{8,10}:AA[A-Za-z0-9_\-]{33}" + _TAIL)),
    SecretShape("azure_storage_key", ("AccountKey=",), re.compile(r"AccountKey=[A-Za-z0-9+/]{86}==")),
    SecretShape("url_credentials", ("://",), re.compile(r"://[^\s/:@]+:[^\s/@]+@[\w.\-]+"),
                extends_left_over="abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789+.-"),
)


# Labels that announce a password, longest first (the label is matched as a whole word, any case).
PASSWORD_LABELS = (
    ("mot de passe wifi", "wifi_password"), ("mot de passe wi-fi", "wifi_password"),
    ("wifi password", "wifi_password"), ("wi-fi password", "wifi_password"), ("wifi code", "wifi_password"),
    ("wi-fi code", "wifi_password"), ("code wifi", "wifi_password"), ("code wi-fi", "wifi_password"),
    ("clé wifi", "wifi_password"), ("clé wi-fi", "wifi_password"), ("cle wifi", "wifi_password"),
    ("wpa key", "wifi_password"), ("clé wpa", "wifi_password"), ("wifi", "wifi_password"), ("wi-fi", "wifi_password"),
    ("mot de passe", "password"), ("mot-de-passe", "password"), ("password", "password"), ("passwd", "password"),
    ("passcode", "password"), ("passphrase", "password"), ("pwd", "password"), ("mdp", "password"),
    ("pass", "password"), ("code d'accès", "password"), ("code d’accès", "password"), ("access code", "password"),
)
_PASSWORD_VALUE = re.compile(
    r"\s*(?P<sep>[:=]|\s(?:is|est|:)\s)\s*[\"'«“]?\s?(?P<value>[^\s\"'»”]{4,64})", re.IGNORECASE)
_PLACEHOLDER = re.compile(r"[<{\[$%*•.]|\*{3,}|x{4,}", re.IGNORECASE)


def _looks_like_password(value: str, separator: str) -> bool:
    if "://" in value or _PLACEHOLDER.match(value) or len(set(value)) < 3:
        return False
    if separator.strip() == "=":
        return True
    return (any(char.isdigit() for char in value) or not value.isalnum()
            or any(char.isupper() for char in value[1:]))


def find_passwords(text: str) -> list[SecretMatch]:
    """Passwords and Wi-Fi codes given in words (see the module docstring)."""
    lower = text.lower()
    if len(lower) != len(text):  # a few characters lower-case to two ("İ"): keep offsets aligned
        lower = "".join(char.lower() if len(char.lower()) == 1 else char for char in text)
    found: list[SecretMatch] = []
    # Every label occurrence in one pass, leftmost first and the longest label first at one place.
    hits = sorted(((last + 1 - len(label), -len(label), label, kind)
                   for last, (label, kind) in _label_automaton().iter(lower)))
    for index, _length, label, kind in hits:
        after = index + len(label)
        if (index and lower[index - 1].isalnum()) or (after < len(lower) and lower[after].isalnum()):
            continue
        match = _PASSWORD_VALUE.match(text, after)
        if not match:
            continue
        value = match.group("value").rstrip(".,;:)")
        start = match.start("value")
        end = start + len(value)
        if _looks_like_password(value, match.group("sep")) and not any(
                start < other.end and other.start < end for other in found):
            found.append(SecretMatch(kind, start, end))
    return found


@functools.cache
def _label_automaton() -> ahocorasick.Automaton:
    automaton = ahocorasick.Automaton()
    for label, kind in PASSWORD_LABELS:
        automaton.add_word(label, (label, kind))
    automaton.make_automaton()
    return automaton


@functools.cache
def _marker_automaton() -> ahocorasick.Automaton:
    automaton = ahocorasick.Automaton()
    for index, shape in enumerate(SECRET_SHAPES):
        for marker in shape.markers:
            shapes = automaton.get(marker, ())
            automaton.add_word(marker, (*shapes, index))
    automaton.make_automaton()
    return automaton


@dataclass(frozen=True)
class SecretMatch:
    """A credential found in the text and what kind it looks like."""

    kind: str
    start: int
    end: int


def _extend_left(text: str, start: int, characters: str) -> int:
    while start and text[start - 1] in characters:
        start -= 1
    return start


def find_secrets(text: str) -> list[SecretMatch]:
    """Every credential-shaped string in the text (links included: a token in a URL still leaks)."""
    found: list[SecretMatch] = []
    present = {index for _, indexes in _marker_automaton().iter(text) for index in indexes}
    for index in sorted(present):
        shape = SECRET_SHAPES[index]
        for match in shape.pattern.finditer(text):
            start, end = match.span(match.lastindex or 0)
            if shape.extends_left_over:
                start = _extend_left(text, start, shape.extends_left_over)
            if not any(start < other.end and other.start < end for other in found):
                found.append(SecretMatch(shape.kind, start, end))
    for password in find_passwords(text):
        if not any(password.start < other.end and other.start < password.end for other in found):
            found.append(password)
    return found
