"""The charter's own terms: banned, confidential, review, competitor, and brand spelling."""

import pytest

CHARTER = {
    "banned_terms": ["projet Zéphyr", "licenciements", "arnaque"],
    "confidential_terms": ["Orion", "chiffre d'affaires T3"],
    "review_terms": ["rachat", "acquisition"],
    "competitors": ["Globex", "Initech"],
    "brand_terms": ["AcmePay", "Acme Cloud"],
    "languages": [],
}

TERM_CASES = [
    # (text, rule, excerpt as written)
    ("Le projet Zéphyr avance", "banned_term", "projet Zéphyr"),
    ("le PROJET zephyr", "banned_term", "PROJET zephyr"),
    ("le projet   Zéphyr", "banned_term", "projet   Zéphyr"),
    ("le projet\nZéphyr", "banned_term", "projet\nZéphyr"),
    ("les l1cenciements", "banned_term", "l1cenciements"),
    ("le dossier d'Orion", "confidential", "Orion"),
    ("le dossier d’ORION", "confidential", "ORION"),
    ("notre chiffre d’affaires T3", "confidential", "chiffre d’affaires T3"),
    ("un rachat ?", "review_term", "rachat"),
    ("Acquisition!", "review_term", "Acquisition"),
    ("mieux que Globex", "competitor", "Globex"),
    ("mieux que #Globex", "competitor", "Globex"),
    ("Initech's offer", "competitor", "Initech"),
    ("qu'Initech", "competitor", "Initech"),
    ("c'est de l'arnaque", "banned_term", "arnaque"),
    ("c’est de l’ARNAQUE !", "banned_term", "ARNAQUE"),
    ("j'arnaque", "banned_term", "arnaque"),
]


@pytest.mark.parametrize(("text", "rule", "excerpt"), TERM_CASES)
def test_charter_terms_match_case_accent_and_spacing_insensitively(check, found, text, rule, excerpt):
    assert found(check(text, CHARTER), rule) == [excerpt]


@pytest.mark.parametrize("text", ["Orionis", "globexcorp", "la projection", "orion.acme.com is ours", "un rachat-", ""])
def test_charter_terms_match_whole_words_only(check, text):
    result = check(text, {**CHARTER, "review_terms": [], "allowed_domains": ["acme.com"]})
    assert [f.rule for f in result.findings] == []


def test_charter_terms_have_their_default_severities(check):
    result = check("projet Zéphyr, Orion, rachat, Globex", CHARTER)
    assert {f.rule: f.severity for f in result.findings} == {
        "banned_term": "block", "confidential": "block", "review_term": "review", "competitor": "warn"}
    assert result.verdict == "block"


def test_severity_override_by_full_id(check):
    result = check("Globex", {**CHARTER, "severity": {"competitor": "review"}})
    assert [(f.rule, f.severity) for f in result.findings] == [("competitor", "review")]
    assert result.verdict == "review"


def test_severity_off_disables_a_rule(check):
    assert check("rachat", {**CHARTER, "severity": {"review_term": "off"}}).findings == []


def test_a_term_in_two_lists_is_reported_by_each_rule(check):
    result = check("Orion", {"banned_terms": ["Orion"], "confidential_terms": ["orion"], "languages": []})
    assert sorted(f.rule for f in result.findings) == ["banned_term", "confidential"]


def test_term_findings_name_the_term_in_params(check):
    (finding,) = check("le PROJET zephyr", CHARTER).findings
    assert finding.params == {"term": "projet Zéphyr"}
    assert finding.message_key == "banned_term"
    assert "PROJET zephyr" in finding.message["fr"] and "PROJET zephyr" in finding.message["en"]


BRAND_MISSPELLINGS = [
    ("Payez avec acmepay", "acmepay"),
    ("Payez avec ACMEPAY", "ACMEPAY"),
    ("Payez avec Acme Pay", "Acme Pay"),
    ("Payez avec acme-pay", "acme-pay"),
    ("Payez avec Acme  Pay", "Acme  Pay"),
    ("Payez avec Acm3Pay", "Acm3Pay"),
    ("#acmepay", "acmepay"),
]


@pytest.mark.parametrize(("text", "excerpt"), BRAND_MISSPELLINGS)
def test_brand_spelling_flags_other_case_or_spacing_and_offers_the_canonical_form(check, text, excerpt):
    (finding,) = check(text, CHARTER).findings
    expected = ("brand_spelling", "warn", excerpt, "AcmePay")
    assert (finding.rule, finding.severity, finding.excerpt, finding.fix) == expected
    assert text[finding.start : finding.end] == excerpt
    assert finding.params == {"canonical": "AcmePay"}


@pytest.mark.parametrize("text", [
    "Payez avec AcmePay", "AcmePay's new card", "#AcmePay", "d'AcmePay", "suivez @acmepay",
    "voir acme.com/acmepay", "Acme Cloud est là", "l'Acme Cloud",
])
def test_brand_spelling_leaves_the_canonical_form_handles_and_links_alone(check, text):
    assert check(text, {**CHARTER, "allowed_domains": ["acme.com"]}).findings == []


def test_brand_with_two_words_is_flagged_when_glued_or_recased(check, found):
    result = check("acmecloud, AcmeCloud, acme cloud", CHARTER)
    assert found(result, "brand_spelling") == ["acmecloud", "AcmeCloud", "acme cloud"]
    assert {f.fix for f in result.findings} == {"Acme Cloud"}


def test_findings_are_sorted_by_start_then_rule(check):
    result = check("rachat Globex rachat", CHARTER)
    assert [(f.start, f.rule) for f in result.findings] == sorted((f.start, f.rule) for f in result.findings)
    assert [f.excerpt for f in result.findings] == ["rachat", "Globex", "rachat"]
