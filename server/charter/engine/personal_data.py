"""Personal data: phone numbers, IBANs, payment cards and French social security numbers (NIR).

Numbers are parsed and checked, never guessed from their shape: a phone number must be a valid number
for `phonenumbers` (default region from the charter), an IBAN, a card and a NIR must carry a valid
checksum (`python-stdnum`). A card number must also start with a prefix an issuer uses and have a length
that issuer uses (`CARD_ISSUERS`): product barcodes and order numbers pass the Luhn check one time in ten.
An IBAN is found in any case and any spacing (``fr76 3000 6000 0112 3456 7890 189``, ``FR 76-3000…``);
a phone number with any separator between its digit groups (spaces, dots, dashes, slashes, underscores,
middle dots, bars). A cheap pattern picks candidates first, because the libraries are too slow
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
# The same with the rarer separators, used only when the text holds one (the wider class is slower).
_ODD_SEPARATORS = "_·|•"
_ODD_DIGIT_RUN = regex.compile(r"[0-9][0-9 \u00a0\u202f.\-/()_·|•]{5,}[0-9]")
# An IBAN's check digits, then its body in any case and spacing; the country code is read before them.
# Found from its check digits (digits are rare in prose, letters are not), then read on with `_IBAN_BODY`.
# Two digits first, the letters checked behind them: the regex engine then skips through prose quickly.
_IBAN_CHECK_DIGITS = regex.compile(r"[0-9]{2}(?<=[A-Za-z]{2}[ \u00a0\-.]?[0-9]{2})")
_IBAN_BODY = re.compile(r"[0-9]{2}(?:[ \u00a0\-.]?[A-Za-z0-9]){11,30}")
_IBAN_SEPARATORS = " \u00a0-."
_ODD_PHONE_SEPARATORS = re.compile(r"[_·|•/]")
_CORSICAN_NIR = re.compile(r"\b[12378] ?\d{2} ?\d{2} ?2[ABab] ?\d{3} ?\d{3} ?\d{2}\b")
_AMOUNT_AFTER = re.compile(r"\s?(?:€|\$|£|%|[kKmM]€|EUR|USD|GBP|CHF)")
_SEPARATORS = re.compile(r"[ \u00a0\u202f.\-/()_·|•]")
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


# Issuer identification number ranges (ISO/IEC 7812, as the networks publish them) and the lengths each
# network issues: (first digits from, to, lengths). Visa's 13-digit cards are no longer issued, and a
# 13-digit number starting with 4 is far more often an EAN-13 barcode.
CARD_ISSUERS = (
    ("visa", 4, 4, (16, 19)),
    ("mastercard", 51, 55, (16,)),
    ("mastercard", 2221, 2720, (16,)),
    ("american_express", 34, 34, (15,)),
    ("american_express", 37, 37, (15,)),
    ("diners_club", 300, 305, (14, 16, 17, 18, 19)),
    ("diners_club", 36, 36, (14, 16, 17, 18, 19)),
    ("diners_club", 38, 39, (16, 17, 18, 19)),
    ("discover", 6011, 6011, (16, 17, 18, 19)),
    ("discover", 644, 649, (16, 17, 18, 19)),
    ("discover", 65, 65, (16, 17, 18, 19)),
    ("jcb", 3528, 3589, (16, 17, 18, 19)),
    ("unionpay", 62, 62, (16, 17, 18, 19)),
    ("maestro", 5018, 5018, (12, 13, 14, 15, 16, 17, 18, 19)),
    ("maestro", 5020, 5020, (12, 13, 14, 15, 16, 17, 18, 19)),
    ("maestro", 5038, 5038, (12, 13, 14, 15, 16, 17, 18, 19)),
    ("maestro", 5893, 5893, (12, 13, 14, 15, 16, 17, 18, 19)),
    ("maestro", 6304, 6304, (12, 13, 14, 15, 16, 17, 18, 19)),
    ("maestro", 6759, 6759, (12, 13, 14, 15, 16, 17, 18, 19)),
    ("maestro", 6761, 6763, (12, 13, 14, 15, 16, 17, 18, 19)),
    ("mir", 2200, 2204, (16, 17, 18, 19)),
)


def card_issuer(digits: str) -> str | None:
    """The network that issues card numbers with this prefix and this length, or None."""
    for name, low, high, lengths in CARD_ISSUERS:
        width = len(str(low))
        if len(digits) in lengths and low <= int(digits[:width]) <= high:
            return name
    return None


def _is_card(candidate: str) -> bool:
    digits = _SEPARATORS.sub("", candidate)
    if not (13 <= len(digits) <= 19) or not (digits.isascii() and digits.isdigit()) or not card_issuer(digits):
        return False
    if not luhn.is_valid(digits):
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
    # phonenumbers knows spaces, dots and dashes; other separators become spaces (same length).
    window = _ODD_PHONE_SEPARATORS.sub(" ", text[start:end])
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


def _iban(text: str, body: re.Match) -> list[PersonalData]:
    """The IBAN whose check digits start `body`: its country code is the two letters before them."""
    start = body.start()
    if start and text[start - 1] in _IBAN_SEPARATORS:
        start -= 1
    if start < 2 or not text[start - 2 : start].isalpha() or not text[start - 2 : start].isascii():
        return []
    start -= 2
    if start and text[start - 1].isalnum():
        return []
    # Characters kept (letters and digits) and where each ends in the text, so the IBAN can stop early:
    # the body may run into a word after the IBAN.
    compact, ends = [], []
    for index in range(start, body.end()):
        if text[index].isalnum():
            compact.append(text[index].upper())
            ends.append(index + 1)
    for length in range(min(len(compact), 34), 14, -1):
        if ends[length - 1] < len(text) and text[ends[length - 1]].isalnum():
            continue
        if iban.is_valid("".join(compact[:length])):
            return [PersonalData("pii.iban", start, ends[length - 1])]
    return []


def _candidates(text: str, region: str, hidden: list[tuple[int, int]]) -> list[PersonalData]:
    found = []
    for digits in _IBAN_CHECK_DIGITS.finditer(text):
        match = _IBAN_BODY.match(text, digits.start())
        if match and not _overlaps(match.start(), match.end(), hidden):
            found.extend(_iban(text, match))
    taken = [(data.start, data.end) for data in found]
    digit_run = _ODD_DIGIT_RUN if any(separator in text for separator in _ODD_SEPARATORS) else _DIGIT_RUN
    for match in digit_run.finditer(text):
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
