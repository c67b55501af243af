"""The parrot rule: a near copy of the suggested caption gets a friendly nudge."""

import pytest

SUGGESTED = ("Acme lance AcmePay, le paiement simple pour les commerçants indépendants. "
             "Découvrez comment nous avons réduit les délais de traitement de 40 %.")
CHARTER = {"languages": [], "allowed_domains": ["acme.com"]}


@pytest.mark.parametrize("text", [
    SUGGESTED,
    SUGGESTED.upper(),
    SUGGESTED.replace(" ", "  ").replace("é", "e"),
    SUGGESTED + " https://acme.com/launch",
    SUGGESTED + " #AcmeLife",
])
def test_a_near_copy_of_the_suggestion_is_a_parrot(check, text):
    (finding,) = [f for f in check(text, CHARTER, suggested=SUGGESTED).findings if f.rule == "parrot"]
    assert (finding.severity, finding.start, finding.end) == ("warn", 0, len(text))
    assert finding.params["similarity"] > 0.9
    assert finding.params["percent"] >= 90


def test_a_text_in_the_employees_own_words_is_not_a_parrot(check):
    text = ("Fière de voir AcmePay arriver chez nos clients : mes amis commerçants vont gagner du temps, "
            "40 % de délais en moins, c'est concret.")
    assert check(text, CHARTER, suggested=SUGGESTED).findings == []


def test_the_threshold_comes_from_the_charter(check):
    text = SUGGESTED.replace("simple", "très simple").replace("indépendants", "de quartier")
    assert [f.rule for f in check(text, CHARTER, suggested=SUGGESTED).findings] == ["parrot"]
    strict = {**CHARTER, "originality": {"max_similarity": 0.99}}
    assert check(text, strict, suggested=SUGGESTED).findings == []


def test_without_a_suggestion_there_is_no_parrot(check):
    assert check(SUGGESTED, CHARTER).findings == []
    assert check(SUGGESTED, CHARTER, suggested="").findings == []


def test_quoting_the_suggestion_inside_a_much_longer_post_is_not_a_parrot(check):
    text = SUGGESTED + " " + "Voici ce que j'en pense après trois mois d'utilisation avec mes clients. " * 5
    assert check(text, CHARTER, suggested=SUGGESTED).findings == []
