"""Personal data: parsed phone numbers and checksummed IBANs, cards and NIRs, never mere shapes."""

import pytest

CHARTER = {"languages": [], "allowed_domains": ["acme.com"]}

FOUND = [
    # (text, rule, excerpt)
    ("Appelez le +33 6 12 34 56 78 demain", "pii.phone", "+33 6 12 34 56 78"),
    ("Appelez le 06 12 34 56 78.", "pii.phone", "06 12 34 56 78"),
    ("tél. 01.23.45.67.89", "pii.phone", "01.23.45.67.89"),
    ("tél. 0612345678", "pii.phone", "0612345678"),
    ("tél. (+33) 6 12 34 56 78", "pii.phone", "(+33) 6 12 34 56 78"),
    ("call +1 (415) 555-0132 now", "pii.phone", "+1 (415) 555-0132"),
    ("London +44 20 7946 0958", "pii.phone", "+44 20 7946 0958"),
    ("IBAN FR76 3000 6000 0112 3456 7890 189 merci", "pii.iban", "FR76 3000 6000 0112 3456 7890 189"),
    ("IBAN FR7630006000011234567890189", "pii.iban", "FR7630006000011234567890189"),
    ("IBAN GB82 WEST 1234 5698 7654 32 BIC", "pii.iban", "GB82 WEST 1234 5698 7654 32"),
    ("carte 4111 1111 1111 1111 exp 12/26", "pii.card", "4111 1111 1111 1111"),
    ("carte 5555-5555-5555-4444", "pii.card", "5555-5555-5555-4444"),
    ("card 378282246310005", "pii.card", "378282246310005"),
    ("NIR 1 85 05 78 006 084 91", "pii.national_id", "1 85 05 78 006 084 91"),
    ("NIR 185057800608491", "pii.national_id", "185057800608491"),
    ("NIR 2 55 08 2A 123 456 46", "pii.national_id", "2 55 08 2A 123 456 46"),
    ("écrivez à jean.dupont@gmail.com", "pii.email", "jean.dupont@gmail.com"),
    ("write to jean+fr@acme.com.", "pii.email", "jean+fr@acme.com"),
]


@pytest.mark.parametrize(("text", "rule", "excerpt"), FOUND)
def test_personal_data_is_found_and_blocked(check, text, rule, excerpt):
    findings = [f for f in check(text, CHARTER).findings if f.rule.startswith("pii")]
    assert [(f.rule, f.excerpt, f.severity) for f in findings] == [(rule, excerpt, "block")]
    assert text[findings[0].start : findings[0].end] == excerpt


NOT_PERSONAL = [
    "le 12/03/2024", "le 12-03-2024 à 14:30", "2024-03-12T10:00", "12.03.2024", "v2.3.14", "version 10.0.19045",
    "1 234 567,89 €", "1 234 567 890 €", "$1,234,567.89", "12 345 678 EUR", "réf. 2024-0001-778",
    "commande n° 20240001778", "order 2024 2025 2026", "en 2023 2024 2025", "à 14h30", "192.168.1.1",
    "ISBN 978-2-07-036822-8", "SIRET 732 829 320 00074", "+33", "tel 07 00 00 00 00",
    "FR76 3000 6000 0112 3456 7890 188", "4111 1111 1111 1112", "1 85 05 78 006 084 36",
    "ticket 45821", "1234 5678 9012 3456", "année 2024, 40 % de 12 000 clients",
]


@pytest.mark.parametrize("text", NOT_PERSONAL)
def test_dates_versions_amounts_references_and_bad_checksums_are_not_personal_data(check, text):
    assert [f for f in check(text, CHARTER).findings if f.rule.startswith("pii")] == []


def test_the_phone_region_comes_from_the_charter(check, found):
    assert found(check("call (415) 555-0132", CHARTER), "pii.phone") == []
    assert found(check("call (415) 555-0132", {**CHARTER, "region": "US"}), "pii.phone") == ["(415) 555-0132"]


def test_personal_data_rules_only_run_when_the_charter_asks(check):
    text = "+33 6 12 34 56 78, jean@gmail.com, FR76 3000 6000 0112 3456 7890 189"
    assert check(text, {**CHARTER, "pii": False}).findings == []


def test_pii_prefix_sets_every_personal_data_rule_and_a_full_id_wins(check):
    charter = {**CHARTER, "severity": {"pii": "warn", "pii.phone": "block"}}
    result = check("+33 6 12 34 56 78 ou jean@gmail.com", charter)
    assert {f.rule: f.severity for f in result.findings} == {"pii.phone": "block", "pii.email": "warn"}


def test_fediverse_handles_are_not_email_addresses(check):
    assert check("suivez @alice@mastodon.social", CHARTER).findings == []


def test_numbers_inside_links_are_left_to_the_link_rule(check):
    assert check("https://acme.com/call/0612345678", CHARTER).findings == []


def test_numbers_written_one_after_another_are_each_recognised(check):
    text = "FR76 3000 6000 0112 3456 7890 189 4111 1111 1111 1111 1 85 05 78 006 084 91 06 12 34 56 78"
    findings = [(f.rule, f.excerpt) for f in check(text, CHARTER).findings]
    assert findings == [
        ("pii.iban", "FR76 3000 6000 0112 3456 7890 189"),
        ("pii.card", "4111 1111 1111 1111"),
        ("pii.national_id", "1 85 05 78 006 084 91"),
        ("pii.phone", "06 12 34 56 78"),
    ]
