"""Masking: a symbol among * # @ _ standing for a letter inside a word, when exactly one listed term fits."""

import pytest

CHARTER = {"banned_terms": ["arnaque", "escroquerie"], "confidential_terms": ["Orion"], "review_terms": ["rachat"],
           "competitors": ["Globex"]}

MASKED = [
    # (text, rule, excerpt)
    ("c'est de la m*rde", "profanity", "m*rde"),
    ("p*tain, encore une panne", "profanity", "p*tain"),
    ("quel c*nnard ce client", "profanity", "c*nnard"),
    ("une vraie s@lope", "profanity", "s@lope"),
    ("enc_lé de fournisseur", "profanity", "enc_lé"),
    ("bordel de m##de", "profanity", "m##de"),
    ("sh*t happens", "profanity", "sh*t"),
    ("what a b#tch of a week", "profanity", "b#tch"),
    ("f**k this deadline", "profanity", "f**k"),
    ("a**hole manager", "profanity", "a**hole"),
    ("b*llsh*t metrics", "profanity", "b*llsh*t"),
    ("mothe_fucker", "profanity", "mothe_fucker"),
    ("c'est une arn*que", "banned_term", "arn*que"),
    ("une escr#querie", "banned_term", "escr#querie"),
    ("le projet Or*on", "confidential", "Or*on"),
    ("un r@chat en vue", "review_term", "r@chat"),
    ("better than Gl*bex", "competitor", "Gl*bex"),
]


@pytest.mark.parametrize(("text", "rule", "excerpt"), MASKED)
def test_a_masked_letter_inside_a_word_is_the_one_listed_term_it_stands_for(check, found, text, rule, excerpt):
    result = check(text, CHARTER)
    assert excerpt in found(result, rule)


def test_a_masked_profanity_blocks_like_the_word_itself(check):
    assert check("sh*t happens").verdict == "block"
    assert check("p*tain de réunion").verdict == "block"


def test_a_mask_that_fits_two_listed_terms_is_not_guessed(check, found):
    charter = {"banned_terms": ["rachat", "racket"], "languages": []}
    assert found(check("un r*c**t", charter), "banned_term") == []
    assert found(check("un r*chat", charter), "banned_term") == ["r*chat"]


CLEAN = [
    "C# and F# developers wanted",
    "user_id and hot_dog are column names",
    "snake_case_names are fine",
    "the *important* part",
    "5*3 = 15 and a*b",
    "rendez-vous à 10h @ l'accueil",
    "#hashtag_like_this",
    "f*** (one letter and three stars says nothing)",
    "m_ rde",
    "note_de_frais.xlsx est en ligne",
    "le s@lon du livre",
]


@pytest.mark.parametrize("text", CLEAN)
def test_symbols_that_do_not_hide_exactly_one_listed_word_are_clean(check, text):
    result = check(text, {"allowed_domains": ["acme.com"]})
    assert [f.rule for f in result.findings if f.rule == "profanity"] == []
