"""Personal data: phone numbers, IBANs, payment cards and French social security numbers (NIR).

Numbers are parsed and checked, never guessed from their shape: a phone number must be a valid number
for `phonenumbers` (default region from the charter), an IBAN, a card and a NIR must carry a valid
checksum (`python-stdnum`). A cheap pattern picks candidates first, because the libraries are too slow
to run over every post: dates, versions, amounts, years and reference numbers fail the checks or never
become candidates.
"""

from __future__ import annotations

import functools
import itertools
import re
from dataclasses import dataclass

import regex
from phonenumbers import PhoneMetadata, PhoneNumberMatcher
from stdnum import iban, luhn
from stdnum.fr import nir

# Runs of ASCII digits with separators (phones, cards, NIR) and IBAN shapes (two capitals, two digits,
# then groups). Each pattern starts with a character class that the `regex` module skips through two to
# ten times faster than `re` on a long post; leading "+" or "(" are picked up afterwards.
_DIGIT_RUN = regex.compile(r"[0-9][0-9 \u00a0\u202f.\-/()]{5,}[0-9]")
_IBAN_SHAPE = regex.compile(r"[A-Z]{2}[0-9]{2}(?:[ \u00a0]?[A-Z0-9]){11,30}")
_CORSICAN_NIR = re.compile(r"\b[12378] ?\d{2} ?\d{2} ?2[ABab] ?\d{3} ?\d{3} ?\d{2}\b")
_AMOUNT_AFTER = re.compile(r"\s?(?:€|\$|£|%|[kKmM]€|EUR|USD|GBP|CHF)")
_SEPARATORS = re.compile(r"[ \u00a0\u202f.\-/()]")
_NOT_DIGIT = re.compile(r"\D")
_DIGITS = re.compile(r"\d+")
_DATE = re.compile(r"\d{1,4}[/.\-]\d{1,2}[/.\-]\d{1,4}")
_MATCHER_BUDGET = 16
_MAX_GROUPS = 64
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


@functools.cache
def _national_prefix(region: str) -> str:
    metadata = PhoneMetadata.metadata_for_region(region)
    return (metadata.national_prefix or "") if metadata else ""


def _may_be_phone(candidate: str, digits: str, region: str) -> bool:
    """Cheap refusals before asking phonenumbers: too short or long, a date, no trunk prefix."""
    if not 8 <= len(digits) <= 15 or _DATE.fullmatch(candidate):
        return False
    if candidate.startswith(("+", "(+")) or digits.startswith("00"):
        return True
    # Where the trunk prefix is 0 (France, most of Europe), a number written for people at home always
    # starts with it: "2024-0001-778" or "1 234 567 890" are references and amounts, not phones.
    return _national_prefix(region) != "0" or digits.startswith("0")


def _phones(text: str, start: int, end: int, region: str) -> list[PersonalData]:
    window = text[start:end]
    return [
        PersonalData("pii.phone", start + match.start, start + match.end)
        for match in PhoneNumberMatcher(window, region)
    ]


def _identify(candidate: str, digits: str) -> str | None:
    if len(digits) == 15 and _is_nir(candidate):
        return "pii.national_id"
    if 13 <= len(digits) <= 19 and _is_card(candidate):
        return "pii.card"
    return None


def _numbers_within(text: str, start: int, end: int, region: str) -> list[PersonalData]:
    """Numbers written one after another in one run of digit groups, longest first from the left.

    phonenumbers reads such a run as one (invalid) number, so the run is cut at group boundaries. No
    number is longer than 19 digits, and phonenumbers is asked at most `_MATCHER_BUDGET` times, so an
    endless run of digits costs little.
    """
    # Natural text never strings more than a few numbers together; an endless run is cut short.
    groups = [match.span() for match in itertools.islice(_DIGITS.finditer(text, start, end), _MAX_GROUPS)]
    found, first, budget = [], 0, [_MATCHER_BUDGET]
    while first < len(groups):
        windows, digits = [], 0
        for last in range(first, len(groups)):
            digits += groups[last][1] - groups[last][0]
            if digits > 19:
                break
            if digits >= 8:
                windows.append((last + 1, digits))
        for last, digits in reversed(windows):
            data = _number_at(text, groups[first][0], groups[last - 1][1], digits, region, budget)
            if data:
                found.append(data)
                first = last
                break
        else:
            first += 1
    return found


def _number_at(text: str, start: int, end: int, digits: int, region: str, budget: list[int]) -> PersonalData | None:
    if start and text[start - 1] == "+":
        start -= 1
    candidate = text[start:end]
    if digits >= 13 and candidate.lstrip("+")[0] in "123456":
        rule = _identify(candidate, _NOT_DIGIT.sub("", candidate))
        if rule:
            return PersonalData(rule, start, end)
    if digits <= 15 and budget[0] > 0 and _may_be_phone(candidate, _NOT_DIGIT.sub("", candidate), region):
        budget[0] -= 1
        phones = _phones(text, start, end, region)
        if phones and (phones[0].start, phones[-1].end) == (start, end):
            return phones[0]
    return None


def _number_data(text: str, start: int, end: int, region: str) -> list[PersonalData]:
    while start and text[start - 1] in "+(":
        start -= 1
    candidate = text[start:end]
    digits = _NOT_DIGIT.sub("", candidate)
    if len(digits) < 8 or _AMOUNT_AFTER.match(text, end):
        return []
    rule = _identify(candidate, digits)
    if rule:
        return [PersonalData(rule, start, end)]
    if len(digits) > 15:
        return _numbers_within(text, start, end, region)
    if _may_be_phone(candidate, digits, region):
        return _phones(text, start, end, region)
    return []


def _iban(text: str, start: int, candidate: str) -> list[PersonalData]:
    if start and text[start - 1].isalnum():
        return []
    groups = candidate.split()
    # The pattern may run into an upper-case word after the IBAN: drop groups until it checks out.
    for count in range(len(groups), 0, -1):
        iban_text = " ".join(groups[:count])
        if len(iban_text.replace(" ", "")) >= 15 and iban.is_valid(iban_text):
            return [PersonalData("pii.iban", start, start + len(iban_text))]
    return []


def _candidates(text: str, region: str, hidden: list[tuple[int, int]]) -> list[PersonalData]:
    found = []
    for match in _IBAN_SHAPE.finditer(text):
        if not _overlaps(match.start(), match.end(), hidden):
            found.extend(_iban(text, match.start(), match.group()))
    taken = [(data.start, data.end) for data in found]
    for match in _DIGIT_RUN.finditer(text):
        start, end = match.span()
        # A run that begins inside an IBAN already found (its digits) goes on after it.
        start = max([start, *(t_end for t_start, t_end in taken if t_start <= start < t_end)])
        while start < end and not text[start].isdigit():
            start += 1
        if end - start < 8 or (end < len(text) and text[end].isalnum()) or _overlaps(start, end, hidden):
            continue
        found.extend(_number_data(text, start, end, region))
    return found


def _overlaps(start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    return any(start < span_end and span_start < end for span_start, span_end in spans)


def find_personal_data(text: str, region: str, hidden: list[tuple[int, int]]) -> list[PersonalData]:
    """Phones, IBANs, cards and NIRs outside the `hidden` spans (links, which are judged on their own)."""
    found = _candidates(text, region, hidden)
    if "2A" in text or "2B" in text or "2a" in text or "2b" in text:
        taken = [(data.start, data.end) for data in found]
        found.extend(
            PersonalData("pii.national_id", m.start(), m.end())
            for m in _CORSICAN_NIR.finditer(text)
            if _is_nir(m.group()) and not _overlaps(m.start(), m.end(), taken)
        )
    return found
