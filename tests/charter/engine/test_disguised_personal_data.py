"""Personal data written to dodge detection, role addresses, and numbers that only look like cards."""

import pytest
from stdnum import luhn

CHARTER = {"allowed_domains": ["acme.com", "acme.fr"]}

EMAILS = [
    "écrivez à jean (at) gmail (dot) com",
    "jean[at]gmail[dot]com",
    "jean.dupont [at] gmail [dot] com",
    "marie arobase orange point fr",
    "marie.durand arobase free.fr",
    "JEAN AT GMAIL DOT COM",
    "jean(at)gmail.com",
    "jean {at} yahoo {dot} fr",
    "jean (arobase) laposte (point) net",
    "john.smith(@)outlook(dot)com",
    "paul <at> acme <dot> com",             # a personal address on the company's domain
    "j.martin (at) acme (dot) fr",
]


@pytest.mark.parametrize("text", EMAILS)
def test_an_address_written_with_words_for_its_symbols_is_personal_data(check, found, text):
    result = check(text, CHARTER)
    assert found(result, "pii.email"), result.findings
    assert result.verdict == "block"


NOT_EMAILS = [
    "we met at acme dot com headquarters",
    "rendez-vous at 10 (at) the office",
    "see you AT the event",
    "le point sur la situation",
    "salut (at) toi",
]


@pytest.mark.parametrize("text", NOT_EMAILS)
def test_ordinary_sentences_with_at_and_dot_are_not_addresses(check, found, text):
    assert found(check(text, CHARTER), "pii.email") == []


ROLE_ADDRESSES = [
    "Postulez : jobs@acme.com",
    "Contact presse : presse@acme.fr",
    "contact@acme.com pour une démo",
    "write to careers@acme.com",
    "recrutement@acme.fr",
    "questions: hello@acme.com",
    "support@help.acme.com",
    "jobs+linkedin@acme.com",
    "contact (at) acme (dot) com",
    "JOBS@ACME.COM",
]


@pytest.mark.parametrize("text", ROLE_ADDRESSES)
def test_role_addresses_on_allowed_domains_are_not_personal_data(check, found, text):
    result = check(text, CHARTER)
    assert found(result, "pii.email") == []


@pytest.mark.parametrize("text", ["jobs@gmail.com", "contact@acme-jobs.net", "jean.dupont@acme.com",
                                  "presse@acme.com.evil.io"])
def test_role_names_elsewhere_and_personal_names_anywhere_stay_personal_data(check, found, text):
    assert found(check(text, CHARTER), "pii.email")


def test_the_role_address_list_is_the_charter_s_own(check, found):
    charter = {**CHARTER, "role_addresses": ["talents"]}
    assert found(check("talents@acme.com", charter), "pii.email") == []
    assert found(check("jobs@acme.com", charter), "pii.email") == ["jobs@acme.com"]


IBANS = [
    "IBAN FR76 3000 6000 0112 3456 7890 189",
    "iban fr76 3000 6000 0112 3456 7890 189",
    "Fr76 3000 6000 0112 3456 7890 189",
    "FR7630006000011234567890189",
    "FR 76 3000 6000 0112 3456 7890 189",
    "FR76 30006 00001 12345678901 89",
    "fr76-3000-6000-0112-3456-7890-189",
    "FR76.3000.6000.0112.3456.7890.189",
    "DE89 3704 0044 0532 0130 00",
    "de89370400440532013000",
    "gb29 nwbk 6016 1331 9268 19",
    "virement sur BE71 0961 2345 6769 merci",
    "nl91 abna 0417 1643 00",
    "IT60 X054 2811 1010 0000 0123 456",
]


@pytest.mark.parametrize("text", IBANS)
def test_ibans_are_found_in_any_case_and_spacing(check, found, text):
    assert found(check(text, CHARTER), "pii.iban"), text


@pytest.mark.parametrize("text", ["FR76 3000 6000 0112 3456 7890 188", "ab12 cdef ghij klmn op", "le 12 mars 2024"])
def test_iban_shapes_with_a_wrong_checksum_are_not_ibans(check, found, text):
    assert found(check(text, CHARTER), "pii.iban") == []


PHONES = [
    "06 12 34 56 78", "06.12.34.56.78", "06-12-34-56-78", "06/12/34/56/78", "06_12_34_56_78",
    "06·12·34·56·78", "06|12|34|56|78", "06 . 12 . 34 . 56 . 78", "06 - 12 - 34 - 56 - 78",
    "+33 6 12 34 56 78", "+33 (0)6 12 34 56 78", "0612345678", "+44 20 7946 0958", "(+33) 6-12-34-56-78",
]


@pytest.mark.parametrize("text", PHONES)
def test_phone_numbers_are_found_with_any_separator(check, found, text):
    assert found(check(f"appelez-moi au {text} demain", CHARTER), "pii.phone"), text


@pytest.mark.parametrize("text", ["le 12/03/2024", "version 2.3.14", "1 234 567 €", "réf. 2024-0001-778",
                                  "12_34_56", "de 9h à 18h"])
def test_numbers_that_are_not_phones_stay_clean(check, found, text):
    assert found(check(text, CHARTER), "pii") == []


def _with_luhn(prefix: str, length: int) -> str:
    body = prefix + "7" * (length - len(prefix) - 1)
    return body + luhn.calc_check_digit(body)


CARDS = [
    "4111 1111 1111 1111",            # Visa, 16
    "5555 5555 5555 4444",            # Mastercard 5x
    "2223 0031 2200 3222",            # Mastercard 2-series
    "3782 822463 10005",              # American Express, 15
    "6011 1111 1111 1117",            # Discover
    "3566 0020 2036 0505",            # JCB
    _with_luhn("62", 16),              # UnionPay
    _with_luhn("4", 19),               # Visa, 19
]


@pytest.mark.parametrize("text", CARDS)
def test_card_numbers_with_an_issuer_prefix_and_length_are_cards(check, found, text):
    assert found(check(f"ma carte {text} expire bientôt", CHARTER), "pii.card"), text


NOT_CARDS = [
    _with_luhn("40", 13),             # an EAN-13 barcode that happens to pass Luhn
    _with_luhn("978", 13),            # an ISBN-13
    _with_luhn("9", 16),              # an order number: no issuer starts with 9
    _with_luhn("1", 16),
    _with_luhn("7", 16),
    _with_luhn("34", 16),             # American Express prefix, wrong length
    _with_luhn("51", 15),             # Mastercard prefix, wrong length
]


@pytest.mark.parametrize("number", NOT_CARDS)
def test_numbers_passing_luhn_without_an_issuer_prefix_and_length_are_not_cards(check, found, number):
    assert luhn.is_valid(number)
    assert found(check(f"commande n° {number} expédiée", CHARTER), "pii.card") == []
