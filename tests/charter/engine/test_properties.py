"""Properties that hold for any text: no exception, spans inside the text, a coherent verdict."""

import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from server.charter.engine import Context, LengthLimit, compile_charter
from server.charter.engine.results import SEVERITY_RANK

CHARTER = compile_charter({
    "banned_terms": ["projet Zéphyr", "Orion"], "confidential_terms": ["chiffre d'affaires"],
    "review_terms": ["rachat"], "competitors": ["Globex"], "brand_terms": ["AcmePay", "Acme Cloud"],
    "allowed_domains": ["acme.com"], "hashtags": {"max": 2, "required": ["#AcmeLife"]},
    "disclosure": {"required": True, "markers": ["#AcmeEmployee", "je travaille chez Acme"]},
    "profanity": {"extra": ["zut"]},
})
CONTEXTS = st.sampled_from([
    Context(),
    Context(length=LengthLimit(280, "twitter"), suggested="Acme lance AcmePay #AcmeLife", link="https://x.io/a"),
    Context(length=LengthLimit(50, "graphemes"), required_hashtags=("#Launch",)),
    Context(length=LengthLimit(60, "mastodon")),
])
# Pieces that reach every rule, glued to arbitrary Unicode so the interesting paths meet odd neighbours.
FRAGMENTS = st.sampled_from([
    "merde", "m3rde", "f u c k", "p.u.t.a.i.n", "fuuuck", "\u0455alope", "sa\u200blope", "l’", "d'", "qu'",
    "projet   zéphyr", "acmepay", "Acme Pay", "Globex", "#AcmeLife", "#x", "@acmepay", "@a@b.social",
    "https://acme.com/x", "bit.ly/x", "acme.com@evil.io", "\u0430cme.com", "e.g.", "file.txt", "www.x.fr",
    "+33 6 12 34 56 78", "FR76 3000 6000 0112 3456 7890 189", "4111 1111 1111 1111", "1 85 05 78 006 084 91",
    "jean@acme.com", "AKIAIOSFODNN7EXAMPLE", "12/03/2024", "1 234,56 €", "👨‍👩‍👧", "e\u0301", "日本", "\r\n",
    " ", "  ", ".", "-", "@", "$", "!", "#", "://", "\x00",
])
TEXTS = st.one_of(
    st.text(),
    st.lists(st.one_of(FRAGMENTS, st.text(max_size=4)), max_size=20).map("".join),
)


def assert_well_formed(text, result):
    for finding in result.findings:
        assert 0 <= finding.start <= finding.end <= len(text)
        assert finding.excerpt == text[finding.start : finding.end]
        assert finding.message["fr"] and finding.message["en"]
    expected = max((f.severity for f in result.findings), key=SEVERITY_RANK.__getitem__, default="ok")
    assert result.verdict == expected
    assert [(f.start, f.rule) for f in result.findings] == sorted((f.start, f.rule) for f in result.findings)
    json.dumps(result.to_dict())


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=TEXTS, context=CONTEXTS)
def test_any_text_is_checked_without_error_and_every_span_lies_in_the_text(text, context):
    assert_well_formed(text, CHARTER.check(text, context))


@settings(max_examples=200, deadline=None)
@given(text=TEXTS)
def test_checking_is_deterministic(text):
    assert CHARTER.check(text).to_dict() == CHARTER.check(text).to_dict()


@settings(max_examples=200, deadline=None)
@given(prefix=st.text(max_size=30), suffix=st.text(max_size=30))
def test_a_profanity_between_spaces_is_always_found_where_it_is_written(prefix, suffix):
    text = f"{prefix} merde {suffix}"
    start = len(prefix) + 1
    spans = [(f.start, f.end) for f in CHARTER.check(text).findings if f.rule == "profanity"]
    assert (start, start + 5) in spans


JSON = st.recursive(
    st.none() | st.booleans() | st.integers(-5, 10) | st.floats(allow_nan=False) | st.text(max_size=8),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4),
    max_leaves=12,
)
KEYS = st.sampled_from([
    "name", "version", "languages", "region", "banned_terms", "confidential_terms", "review_terms",
    "competitors", "brand_terms", "allowed_domains", "disclosure", "hashtags", "pii", "secrets",
    "originality", "severity", "profanity", "unknown",
])


@settings(max_examples=300, deadline=None)
@given(charter=st.dictionaries(KEYS, JSON, max_size=5))
def test_any_charter_json_either_compiles_or_raises_a_charter_error(charter):
    from server.charter.engine import CharterError

    try:
        compiled = compile_charter(charter)
    except CharterError as error:
        assert error.path and error.message
    else:
        compiled.check("merde https://evil.io +33 6 12 34 56 78 #x")
