"""Hashtags (maximum, required ones) and the disclosure of the employee's relationship."""

import pytest

from server.charter.engine import Context

HASHTAGS = {"languages": [], "hashtags": {"max": 3, "required": ["#AcmeLife"]}}
DISCLOSURE = {
    "languages": [],
    "disclosure": {"required": True, "markers": ["#AcmeEmployee", "je travaille chez Acme", "I work at Acme"]},
}


def test_hashtags_over_the_maximum_are_flagged_from_the_first_extra_one(check):
    text = "#AcmeLife #un #deux #trois #quatre fin"
    (finding,) = check(text, HASHTAGS).findings
    assert (finding.rule, finding.severity) == ("hashtags_max", "warn")
    assert finding.excerpt == "#trois #quatre"
    assert finding.params == {"count": 5, "max": 3}


@pytest.mark.parametrize("text", [
    "#AcmeLife C# F# #1 #2024 &#39; https://acme.com/#section a#b",
    "#AcmeLife #un #deux",
])
def test_things_that_are_not_hashtags_do_not_count(check, text):
    assert check(text, {**HASHTAGS, "allowed_domains": ["acme.com"]}).findings == []


def test_a_missing_required_hashtag_is_flagged_at_the_end_with_a_fix_that_appends_it(check):
    text = "Nouvelle offre !"
    (finding,) = check(text, HASHTAGS).findings
    assert (finding.rule, finding.start, finding.end, finding.excerpt) == ("hashtag_required", 16, 16, "")
    assert finding.fix == " #AcmeLife"
    assert finding.params == {"hashtag": "#AcmeLife"}


def test_required_hashtags_match_case_and_accent_insensitively(check):
    charter = {"languages": [], "hashtags": {"required": ["#AcmeLife", "Équipe"]}}
    assert check("#acmelife #EQUIPE", charter).findings == []


def test_campaign_hashtags_from_the_context_are_required_too(check):
    context = Context(required_hashtags=("#Launch2024", "#acmelife"))
    result = check("#AcmeLife\n", HASHTAGS, context)
    assert [(f.rule, f.fix) for f in result.findings] == [("hashtag_required", "#Launch2024")]


def test_a_required_hashtag_written_as_a_plain_word_is_still_missing(check):
    assert [f.rule for f in check("AcmeLife rocks", HASHTAGS).findings] == ["hashtag_required"]


@pytest.mark.parametrize("text", [
    "Super lancement #AcmeEmployee",
    "Super lancement #acmeemployee",
    "Je travaille chez ACME et j'en suis fier",
    "je   travaille\nchez Acmé",
    "Full disclosure: I WORK AT ACME.",
])
def test_disclosure_is_satisfied_by_any_marker_case_and_accent_insensitively(check, text):
    assert check(text, DISCLOSURE).findings == []


def test_missing_disclosure_is_flagged_at_the_end_with_the_first_marker_as_fix(check):
    text = "Super lancement"
    (finding,) = check(text, DISCLOSURE).findings
    assert (finding.rule, finding.severity, finding.start, finding.end) == ("disclosure_missing", "warn", 15, 15)
    assert finding.fix == " #AcmeEmployee"
    assert finding.params == {"marker": "#AcmeEmployee"}


def test_a_hashtag_marker_counts_only_as_a_hashtag(check, found):
    assert found(check("AcmeEmployee forever", DISCLOSURE), "disclosure_missing") == [""]


def test_disclosure_is_not_checked_unless_required(check):
    assert check("Super lancement", {"languages": [], "disclosure": {"required": False}}).findings == []


def test_empty_text_gets_fixes_without_a_leading_space(check):
    fixes = {f.rule: f.fix for f in check("", {**DISCLOSURE, **HASHTAGS}).findings}
    assert fixes == {"disclosure_missing": "#AcmeEmployee", "hashtag_required": "#AcmeLife"}
