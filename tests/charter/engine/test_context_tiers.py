"""Ambiguous profanity entries take their severity from the words around them."""

import pytest

INNOCENT = [
    "Un baiser pour l'équipe !",
    "Gros baisers de Lyon",
    "Il faut bander la plaie tout de suite",
    "bander les yeux du gagnant",
    "Chili con carne à la cantine",
    "ma pédale de frein est usée",
    "il suce un bonbon",
    "tapette à mouches offerte",
    "une fine gueule, ce chef",
    "une gueule de bois mémorable",
    "ta gueule de bois d'hier",
    "un pain bâtard bien cuit",
    "bite sized lessons",
    "a good sound bite",
    "Dick Tracy is back",
    "Moby Dick on the reading list",
    "he was the butt of the joke",
    "the rugby hooker scored",
]


@pytest.mark.parametrize("text", INNOCENT)
def test_innocent_uses_of_ambiguous_words_are_clean(check, text):
    assert [(f.rule, f.excerpt) for f in check(text).findings if f.rule == "profanity"] == []


INSULTS = [
    ("Quel con, ce fournisseur", "Quel con"),
    ("c'est un con", "c'est un con"),
    ("pauvre con", "pauvre con"),
    ("espèce de crétin", "espèce de crétin"),
    ("tu es un abruti", "tu es un abruti"),
    ("t'es débile", "t'es débile"),
    ("sale bâtard", "sale bâtard"),
    ("vous êtes des imbéciles", "vous êtes des imbéciles"),
    ("bande de cons", "bande de cons"),
    ("you dick", "you dick"),
    ("such a prick", "such a prick"),
    ("what a dick", "what a dick"),
    ("you're a spastic", "you're a spastic"),
    ("stupid poof", "stupid poof"),
]


@pytest.mark.parametrize(("text", "excerpt"), INSULTS)
def test_an_ambiguous_word_aimed_at_a_person_blocks(check, found, text, excerpt):
    result = check(text)
    assert result.verdict == "block"
    assert found(result, "profanity") == [excerpt]


OTHER_USES = ["c'est débile", "quel bordel ce matin", "il va bander", "dick is here", "a prick of the needle"]


@pytest.mark.parametrize("text", OTHER_USES)
def test_other_uses_of_ambiguous_words_warn(check, text):
    result = check(text)
    assert result.verdict == "warn"
    assert {f.severity for f in result.findings} == {"warn"}


def test_switching_an_entry_off_switches_off_its_insult_patterns(check):
    result = check("pauvre con", {"profanity": {"disabled": ["con"]}})
    assert [f.excerpt for f in result.findings if f.severity == "block" and f.excerpt != "pauvre con"] == []
