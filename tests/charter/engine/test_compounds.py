"""Hashtags and CamelCase read as their words for every term rule, with spans on the original text."""

import pytest

CHARTER = {
    "banned_terms": ["plan social", "arnaque"],
    "confidential_terms": ["internal only", "projet Zéphyr", "chiffre d'affaires"],
    "review_terms": ["rachat Globex", "due diligence"],
    "competitors": ["Initech Cloud"],
    "allowed_domains": ["acme.com"],
}

CASES = [
    # (text, rule, excerpt)
    ("#ShitHappens au bureau", "profanity", "Shit"),
    ("quel #BordelDeMerde ce lundi", "profanity", "Merde"),
    ("#PutainDeProjet", "profanity", "Putain"),
    ("#FuckMondays", "profanity", "Fuck"),
    ("#InternalOnly: the roadmap", "confidential", "InternalOnly"),
    ("#internalonly roadmap", "confidential", "internalonly"),
    ("#INTERNALONLY roadmap", "confidential", "INTERNALONLY"),
    ("doc InternalOnly attached", "confidential", "InternalOnly"),
    ("#ProjetZéphyr avance", "confidential", "ProjetZéphyr"),
    ("#projetzephyr avance", "confidential", "projetzephyr"),
    ("#ChiffreDAffaires record", "confidential", "ChiffreDAffaires"),
    ("#PlanSocial en vue", "banned_term", "PlanSocial"),
    ("#plansocial en vue", "banned_term", "plansocial"),
    ("#StopArnaque", "banned_term", "Arnaque"),
    ("#RachatGlobex ?", "review_term", "RachatGlobex"),
    ("#DueDiligence starts", "review_term", "DueDiligence"),
    ("#duediligence starts", "review_term", "duediligence"),
    ("better than #InitechCloud", "competitor", "InitechCloud"),
    ("better than InitechCloud", "competitor", "InitechCloud"),
]


@pytest.mark.parametrize(("text", "rule", "excerpt"), CASES)
def test_hashtags_and_camel_case_are_read_as_their_words(check, found, text, rule, excerpt):
    result = check(text, CHARTER)
    assert excerpt in found(result, rule)


def test_the_span_of_a_word_inside_a_hashtag_points_into_the_original_text(check):
    text = "Lundi : #BordelDeMerde !"
    result = check(text, CHARTER)
    spans = {(f.start, f.end) for f in result.findings if f.rule == "profanity"}
    assert (text.index("Merde"), text.index("Merde") + 5) in spans
    assert result.verdict == "block"


CLEAN = [
    "#AcmeLife #Fintech #Payments",
    "notre #ServiceClient répond vite",
    "McDonald and LinkedIn and iPhone and JavaScript",
    "#ConSultants du mois",          # 'con' inside a longer word stays whole
    "le #PlanDeCharge est prêt",
    "#InternalTools et #OnlyFans",  # two hashtags never make one phrase
    "#Scunthorpe #Essex #Sussex",
    "#CulturalFit #ClassicRock",
    "#BiteSized tips",
]


@pytest.mark.parametrize("text", CLEAN)
def test_ordinary_hashtags_and_brand_names_stay_clean(check, text):
    result = check(text, CHARTER)
    assert [(f.rule, f.excerpt) for f in result.findings if f.severity == "block"] == []
