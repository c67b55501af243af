"""Compiling a charter: defaults for every missing key, and errors that name the bad field."""

import pytest

from server.charter.engine import CharterError, compile_charter

INVALID = [
    # (charter, path, words of the message)
    ({"hashtags": {"max": -1}}, "hashtags.max", "non-negative integer"),
    ({"hashtags": {"max": "5"}}, "hashtags.max", "non-negative integer"),
    ({"hashtags": {"max": True}}, "hashtags.max", "non-negative integer"),
    ({"hashtags": {"maximum": 5}}, "hashtags.maximum", "unknown field"),
    ({"hashtags": {"required": "#Acme"}}, "hashtags.required", "list of strings"),
    ({"hashtags": []}, "hashtags", "object"),
    ({"hashtags": {"required": ["#AcmeLife", "#"]}}, "hashtags.required[1]", "hashtag"),
    ({"banned_terms": ["ok", ""]}, "banned_terms[1]", "non-empty string"),
    ({"banned_terms": ["ok", 3]}, "banned_terms[1]", "non-empty string"),
    ({"banned_terms": "merde"}, "banned_terms", "list of strings"),
    ({"competitors": ["C++"]}, "competitors[0]", "too short"),
    ({"review_terms": ["X"]}, "review_terms[0]", "too short"),
    ({"confidential_terms": ["   "]}, "confidential_terms[0]", "non-empty string"),
    ({"allowed_domains": ["https://acme.com"]}, "allowed_domains[0]", "not a URL"),
    ({"allowed_domains": ["acme"]}, "allowed_domains[0]", "domain name"),
    ({"severity": {"competitors": "warn"}}, "severity.competitors", "unknown rule"),
    ({"severity": {"competitor": "fatal"}}, "severity.competitor", "block, review, warn, off"),
    ({"severity": []}, "severity", "object"),
    ({"region": "France"}, "region", "country code"),
    ({"languages": ["français"]}, "languages[0]", "language code"),
    ({"originality": {"max_similarity": 1.5}}, "originality.max_similarity", "at most 1"),
    ({"originality": {"max_similarity": 0}}, "originality.max_similarity", "greater than 0"),
    ({"disclosure": {"required": True}}, "disclosure.markers", "at least one marker"),
    ({"disclosure": {"required": "yes", "markers": ["#ad"]}}, "disclosure.required", "true or false"),
    ({"pii": "yes"}, "pii", "true or false"),
    ({"secrets": 1}, "secrets", "true or false"),
    ({"profanity": {"disabled": "merde"}}, "profanity.disabled", "list of strings"),
    ({"profanity": {"extra": ["a"]}}, "profanity.extra[0]", "too short"),
    ({"banned_term": ["merde"]}, "banned_term", "unknown field"),
    ({"version": "7"}, "version", "integer"),
    ({"name": 7}, "name", "string"),
    ({"exact_terms": "scam"}, "exact_terms", "list of strings"),
    ({"exact_terms": ["scam", ""]}, "exact_terms[1]", "non-empty string"),
    ({"role_addresses": "jobs"}, "role_addresses", "list of strings"),
    ({"role_addresses": ["jobs", "jean dupont"]}, "role_addresses[1]", "part before the @"),
    ({"role_addresses": ["jobs@acme.com"]}, "role_addresses[0]", "part before the @"),
]


@pytest.mark.parametrize(("charter", "path", "words"), INVALID)
def test_charter_errors_name_the_bad_field(charter, path, words):
    with pytest.raises(CharterError) as error:
        compile_charter(charter)
    assert error.value.path == path
    assert words in error.value.message
    assert str(error.value).startswith(f"{path}: ")


def test_a_charter_that_is_not_an_object_is_refused():
    with pytest.raises(CharterError) as error:
        compile_charter(["banned_terms"])
    assert error.value.path == "charter"


def test_a_charter_that_is_not_json_data_is_refused():
    with pytest.raises(CharterError) as error:
        compile_charter({"banned_terms": {"merde"}})
    assert error.value.path == "charter"


def test_every_key_is_optional():
    settings = compile_charter({}).settings
    assert settings.languages == ("fr", "en")
    assert settings.region == "FR"
    assert (settings.pii, settings.secrets, settings.disclosure_required) == (True, True, False)
    assert (settings.hashtags_max, settings.max_similarity) == (None, 0.9)


def test_the_documented_example_compiles():
    charter = {
        "name": "Acme", "version": 7, "languages": ["fr", "en"], "region": "FR",
        "banned_terms": [], "confidential_terms": [], "review_terms": [], "competitors": [], "brand_terms": [],
        "allowed_domains": ["acme.com"],
        "disclosure": {"required": True, "markers": ["#AcmeEmployee", "je travaille chez Acme"]},
        "hashtags": {"max": 5, "required": []}, "pii": True, "secrets": True,
        "originality": {"max_similarity": 0.9}, "severity": {"competitor": "review"},
        "profanity": {"disabled": [], "extra": []},
        "description": "metadata is welcome", "_updated_by": "admin",
    }
    compiled = compile_charter(charter)
    assert compiled.settings.name == "Acme"
    assert compiled.settings.allowed_domains == ("acme.com",)


def test_allowed_domains_are_normalised():
    compiled = compile_charter({"allowed_domains": ["ACME.com.", "*.acme.fr", "bücher.de"]})
    assert compiled.settings.allowed_domains == ("acme.com", "acme.fr", "bücher.de")
    assert compiled.check("https://xn--bcher-kva.de/x https://shop.acme.fr").findings == []


def test_compiling_the_same_charter_again_returns_the_same_compiled_object():
    first = compile_charter({"banned_terms": ["Orion"], "version": 3})
    assert compile_charter({"version": 3, "banned_terms": ["Orion"]}) is first
    assert compile_charter({"version": 4, "banned_terms": ["Orion"]}) is not first


def test_severity_accepts_rule_ids_and_the_pii_prefix():
    compiled = compile_charter({"severity": {"pii": "warn", "pii.card": "off", "parrot": "review"}})
    assert compiled.severities.severity("pii.phone") == "warn"
    assert compiled.severities.severity("pii.card") is None
    assert compiled.severities.severity("parrot") == "review"
    assert compiled.severities.severity("secret") == "block"
