"""The charter's own terms match their regular plural and feminine forms, unless listed as exact."""

import pytest

from server.charter.engine.inflections import term_forms

CHARTER = {
    "banned_terms": ["scam", "licenciement", "plan social", "escroc", "menteur"],
    "confidential_terms": ["prototype", "bureau"],
    "review_terms": ["acquisition", "rachat", "journal", "licencié", "company"],
    "competitors": ["Globex"],
    "languages": [],
}

CASES = [
    # (text, rule, excerpt, listed term)
    ("these scams again", "banned_term", "scams", "scam"),
    ("des licenciements", "banned_term", "licenciements", "licenciement"),
    ("des plans sociaux", "banned_term", "plans sociaux", "plan social"),
    ("des escrocs", "banned_term", "escrocs", "escroc"),
    ("une menteuse", "banned_term", "menteuse", "menteur"),
    ("des menteurs", "banned_term", "menteurs", "menteur"),
    ("nos prototypes", "confidential", "prototypes", "prototype"),
    ("les bureaux", "confidential", "bureaux", "bureau"),
    ("nos acquisitions", "review_term", "acquisitions", "acquisition"),
    ("deux rachats", "review_term", "rachats", "rachat"),
    ("les journaux", "review_term", "journaux", "journal"),
    ("une licenciée", "review_term", "licenciée", "licencié"),
    ("des licenciées", "review_term", "licenciées", "licencié"),
    ("two companies", "review_term", "companies", "company"),
    ("des SCAMS", "banned_term", "SCAMS", "scam"),
]


@pytest.mark.parametrize(("text", "rule", "excerpt", "term"), CASES)
def test_plural_and_feminine_forms_match_and_name_the_listed_term(check, text, rule, excerpt, term):
    result = check(text, CHARTER)
    assert [(f.rule, f.excerpt, f.params["term"]) for f in result.findings] == [(rule, excerpt, term)]


def test_a_term_marked_exact_matches_only_as_written(check, found):
    charter = {**CHARTER, "exact_terms": ["scam", "Acquisition"]}
    assert found(check("these scams", charter), "banned_term") == []
    assert found(check("a scam", charter), "banned_term") == ["scam"]
    assert found(check("nos acquisitions", charter), "review_term") == []
    assert found(check("des licenciements", charter), "banned_term") == ["licenciements"]


def test_names_are_not_inflected(check, found):
    assert found(check("les Globexs", CHARTER), "competitor") == []


CLEAN = [
    "le plan de la salle",        # 'plan' alone is not 'plan social'
    "un port, une porte",
    "scampi et scamorza",
    "la journaliste",
    "les escroqueries",           # a different word
    "un bureau-tique",
]


@pytest.mark.parametrize("text", CLEAN)
def test_inflections_never_reach_other_words(check, text):
    charter = {**CHARTER, "confidential_terms": ["prototype"],
               "banned_terms": ["scam", "plan social", "escroc", "port"]}
    assert [(f.rule, f.excerpt) for f in check(text, charter).findings if f.excerpt not in ("port",)] == []


def test_the_rules_give_the_regular_forms():
    assert term_forms("scam") == ("scams",)
    assert "plans sociaux" in term_forms("plan social")
    assert "chiffres d'affaires" in term_forms("chiffre d'affaires")
    assert term_forms("box") == ("boxes",)  # never "boxe": a bare +e makes other words
    assert "directrice" in term_forms("directeur")
    assert term_forms("de") == ()
