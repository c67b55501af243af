"""E-mail addresses written to dodge detection, and the company's own role addresses.

Plain addresses (``jean.dupont@acme.com``) are found with the links (`links.find_links`). People also
write them ``jean (at) acme (dot) com``, ``jean[at]acme[dot]com``, ``jean arobase acme point com`` or
``JEAN AT ACME DOT COM``: the ``@`` as ``(at)``, ``[at]``, ``{at}``, ``<at>``, ``(@)``, ``(arobase)`` or
`` arobase `` between spaces (``AT`` between spaces only in capitals, since a lower-case *at* is an
everyday English word), and each dot as ``.``, ``(dot)``, ``[dot]``, ``(point)``, ``[point]`` or
`` point ``/`` dot `` between spaces. The last label must be alphabetic (a top-level domain).

A role address (``jobs@``, ``contact@``, ``presse@``… the charter's ``role_addresses``) on one of the
charter's allowed domains is an address the company publishes on purpose: it is not personal data. A
personal address stays personal data on any domain, the company's included.
"""

from __future__ import annotations

from dataclasses import dataclass

import regex

_OPEN, _CLOSE = r"[(\[{<]", r"[)\]}>]"
_BRACKETED_DOT = rf"(?:\s*{_OPEN}\s*(?i:dot|point)\s*{_CLOSE}\s*|\.)"
_DOT = rf"(?:{_BRACKETED_DOT}|\s+(?i:dot|point)\s+|\s+DOT\s+)"
# The "@" written in words is found first (a bracket or a rare word: cheap to look for), then the
# address is read on each side of it.
_AT = regex.compile(rf"\s*{_OPEN}\s*(?i:at|arobase|@)\s*{_CLOSE}\s*|\s+(?i:arobase)\s+|\s+AT\s+")
_BRACKETED_AT = regex.compile(rf"{_OPEN}\s*(?i:at|arobase|@)\s*{_CLOSE}")
_LOCAL_BEFORE = regex.compile(rf"(?<![\w.+\-])[\w+\-]+(?:{_BRACKETED_DOT}[\w+\-]+)*\Z")
_DOMAIN_AFTER = regex.compile(
    rf"[^\W_](?:[\w\-]*[^\W_])?(?:{_DOT}[^\W_](?:[\w\-]*[^\W_])?)*{_DOT}[^\W\d_]{{2,24}}(?!\w)")
_DOT_ONLY = regex.compile(_DOT)
_LOCAL_WINDOW = 96


@dataclass(frozen=True)
class ObfuscatedEmail:
    """An address written with words for its symbols: its span and its address as meant."""

    start: int
    end: int
    address: str


def find_obfuscated_emails(text: str) -> list[ObfuscatedEmail]:
    """Addresses written with ``(at)``, ``[dot]``, `` arobase ``… (see the module docstring)."""
    found: list[ObfuscatedEmail] = []
    for at_start, at_end in _written_ats(text):
        start = at_start
        while start and text[start - 1].isspace():
            start -= 1
        at = _AT.match(text, start)
        if not at or at.end() < at_end or (found and start < found[-1].end):
            continue
        local = _LOCAL_BEFORE.search(text, max(0, start - _LOCAL_WINDOW), start)
        domain = _DOMAIN_AFTER.match(text, at.end())
        if not local or not domain:
            continue
        address = f"{_DOT_ONLY.sub('.', local.group())}@{_DOT_ONLY.sub('.', domain.group())}".lower()
        found.append(ObfuscatedEmail(local.start(), domain.end(), address))
    return found


def _written_ats(text: str) -> list[tuple[int, int]]:
    """Where an "@" is written in words: brackets found by one search, words by substring search."""
    spans = [match.span() for match in _BRACKETED_AT.finditer(text)]
    lower = text.lower() if "arobase" in text or "AROBASE" in text or "Arobase" in text else ""
    for word, haystack in (("arobase", lower), (" AT ", text)):
        index = haystack.find(word) if haystack else -1
        while index != -1:
            spans.append((index, index + len(word)))
            index = haystack.find(word, index + len(word))
    return sorted(spans)


def is_role_address(address: str, role_names: tuple[str, ...], allowed_host) -> bool:
    """Whether an address is one of the company's role addresses on an allowed domain.

    `allowed_host` is the charter's ``LinkPolicy.is_allowed_host``; the local part is compared without
    case and without a ``+tag`` (``jobs+linkedin@acme.com`` is ``jobs@``).
    """
    local, _, host = address.lower().rpartition("@")
    local = local.split("+", 1)[0]
    return bool(local) and local in role_names and allowed_host(host.rstrip("."))
