"""Results: verdict, JSON shape, messages in both languages, stable keys."""

import json

import pytest

from server.charter.engine import MESSAGE_KEYS, RULES, Context, LengthLimit, check, compile_charter
from server.charter.engine.messages import MESSAGES

EVERYTHING = {
    "banned_terms": ["Orion"], "confidential_terms": ["Zéphyr"], "review_terms": ["rachat"],
    "competitors": ["Globex"], "brand_terms": ["AcmePay"], "allowed_domains": ["acme.com"],
    "disclosure": {"required": True, "markers": ["#AcmeEmployee"]},
    "hashtags": {"max": 1, "required": ["#AcmeLife"]},
}
TEXT = ("merde Orion Zéphyr rachat Globex acmepay +33 6 12 34 56 78 FR76 3000 6000 0112 3456 7890 189 "
        "4111 1111 1111 1111 1 85 05 78 006 084 91 x@gmail.com AKIAIOSFODNN7EXAMPLE bit.ly/x #a #b")


def run():
    context = Context(length=LengthLimit(50, "chars"), suggested=TEXT)
    return compile_charter(EVERYTHING).check(TEXT, context)


def test_every_rule_can_fire_in_one_check_and_the_verdict_is_the_most_severe():
    result = run()
    assert {f.rule for f in result.findings} == set(RULES)
    assert result.verdict == "block"


def test_result_serialises_to_json_with_every_field():
    data = json.loads(json.dumps(run().to_dict()))
    assert data["verdict"] == "block"
    assert set(data["findings"][0]) == {
        "rule", "severity", "start", "end", "excerpt", "message", "message_key", "params", "fix"}


def test_every_finding_has_a_known_message_key_and_both_languages():
    for finding in run().findings:
        assert finding.message_key in MESSAGE_KEYS
        assert set(finding.message) == {"fr", "en"}
        assert all(finding.message.values())
        assert "{" not in finding.message["fr"] + finding.message["en"]


def test_every_message_has_french_and_english():
    assert all(set(languages) == {"fr", "en"} for languages in MESSAGES.values())


def test_a_clean_text_is_ok_with_no_findings():
    result = check(compile_charter({}), "Une belle journée pour toute l'équipe.")
    assert (result.verdict, result.findings) == ("ok", [])


def test_the_verdict_order_is_block_review_warn_ok():
    compiled = compile_charter({"review_terms": ["rachat"], "competitors": ["Globex"], "languages": []})
    assert compiled.check("Globex").verdict == "warn"
    assert compiled.check("Globex rachat").verdict == "review"
    assert compiled.check("Globex rachat merde").verdict == "review"  # no profanity list enabled
    assert compile_charter({"review_terms": ["rachat"]}).check("rachat merde").verdict == "block"


def test_check_refuses_what_is_not_a_string():
    with pytest.raises(TypeError):
        compile_charter({}).check(b"bytes")


@pytest.mark.parametrize("rule", sorted(RULES))
def test_every_rule_can_be_switched_off_by_the_charter(rule):
    context = Context(length=LengthLimit(50, "chars"), suggested=TEXT)
    result = compile_charter({**EVERYTHING, "severity": {rule: "off"}}).check(TEXT, context)
    assert rule not in {f.rule for f in result.findings}
    assert len({f.rule for f in result.findings}) == len(RULES) - 1
