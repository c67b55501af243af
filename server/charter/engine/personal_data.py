"""Personal data: phone numbers, IBANs, payment cards and French social security numbers (NIR).

Numbers are parsed and checked, never guessed from their shape: a phone number must be a valid number
for `phonenumbers` (default region from the charter), an IBAN, a card and a NIR must carry a valid
checksum (`python-stdnum`). A cheap pattern picks candidates first, because the libraries are too slow
to run over every post: dates, versions, amounts, years and reference numbers fail the checks or never
become candidates.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from phonenumbers import PhoneNumberMatcher
from stdnum import iban, luhn
from stdnum.fr import nir

_DIGIT_RUN = re.compile(r"\+?\(?\d[\d \u00a0\u202f.\-/()]{5,}\d")
_IBAN_CANDIDATE = re.compile(r"\b[A-Z]{2}\d{2}(?:[ \u00a0]?[A-Z0-9]){11,30}\b")
_CORSICAN_NIR = re.compile(r"\b[12378] ?\d{2} ?\d{2} ?2[ABab] ?\d{3} ?\d{3} ?\d{2}\b")
_AMOUNT_AFTER = re.compile(r"\s?(?:€|\$|£|%|[kKmM]€|EUR|USD|GBP|CHF)")
_SEPARATORS = re.compile(r"[ \u00a0\u202f.\-/()]")
_CARD_GROUPS = {(4, 4, 4, 4), (4, 6, 5), (4, 6, 4), (4, 4, 4, 4, 3), (4, 4, 4, 1), (4, 4, 4, 2), (4, 4, 4, 3)}


@dataclass(frozen=True)
class PersonalData:
    """One piece of personal data: its rule id (``pii.phone`` …) and its span in the text."""

    rule: str
    start: int
    end: int


def _is_card(candidate: str) -> bool:
    digits = _SEPARATORS.sub("", candidate)
    if not (13 <= len(digits) <= 19) or digits[0] not in "23456" or not luhn.is_valid(digits):
        return False
    separators = set(_SEPARATORS.findall(candidate))
    if not separators:
        return True
    if len(separators) > 1 or separators - {" ", "-", "\u00a0"}:
        return False
    groups = tuple(len(group) for group in _SEPARATORS.split(candidate))
    return groups in _CARD_GROUPS


def _is_nir(candidate: str) -> bool:
    compact = _SEPARATORS.sub("", candidate)
    return len(compact) == 15 and compact[0] in "12378" and nir.is_valid(compact)


def _phones(text: str, start: int, end: int, region: str) -> list[PersonalData]:
    window = text[start:end]
    return [
        PersonalData("pii.phone", start + match.start, start + match.end)
        for match in PhoneNumberMatcher(window, region)
    ]


def _digit_data(text: str, region: str, hidden: list[tuple[int, int]]) -> list[PersonalData]:
    found = []
    for match in _DIGIT_RUN.finditer(text):
        start, end = match.span()
        candidate = match.group()
        if sum(char.isdigit() for char in candidate) < 8 or _overlaps(start, end, hidden):
            continue
        if _AMOUNT_AFTER.match(text, end):
            continue
        if _is_nir(candidate):
            found.append(PersonalData("pii.national_id", start, end))
        elif _is_card(candidate):
            found.append(PersonalData("pii.card", start, end))
        else:
            found.extend(_phones(text, start, end, region))
    return found


def _ibans(text: str, hidden: list[tuple[int, int]]) -> list[PersonalData]:
    found = []
    for match in _IBAN_CANDIDATE.finditer(text):
        if _overlaps(match.start(), match.end(), hidden):
            continue
        groups = match.group().split()
        # The pattern may run into an upper-case word after the IBAN: drop groups until it checks out.
        for count in range(len(groups), 0, -1):
            candidate = " ".join(groups[:count])
            if len(candidate.replace(" ", "")) >= 15 and iban.is_valid(candidate):
                found.append(PersonalData("pii.iban", match.start(), match.start() + len(candidate)))
                break
    return found


def _overlaps(start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    return any(start < span_end and span_start < end for span_start, span_end in spans)


def find_personal_data(text: str, region: str, hidden: list[tuple[int, int]]) -> list[PersonalData]:
    """Phones, IBANs, cards and NIRs outside the `hidden` spans (links, which are judged on their own)."""
    found = _ibans(text, hidden)
    if "2A" in text or "2B" in text or "2a" in text or "2b" in text:
        found.extend(
            PersonalData("pii.national_id", m.start(), m.end())
            for m in _CORSICAN_NIR.finditer(text)
            if _is_nir(m.group())
        )
    taken = [(data.start, data.end) for data in found]
    found.extend(data for data in _digit_data(text, region, hidden) if not _overlaps(data.start, data.end, taken))
    return found
