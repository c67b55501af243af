"""Reading text as words: folding, leetspeak, squeezing, and the way back to the original offsets."""

import pytest

from server.charter.engine.words import WordView, normalize_phrase, read_token, runs_match


@pytest.mark.parametrize(("token", "words"), [
    ("Très", "tres"),
    ("m3rde", "merde"),
    ("$hit", "shit"),
    ("s@lope", "salope"),
    ("sh!t", "shit"),
    ("merde!", "merde"),
    ("!important", "important"),
    ("@AcmePay", "acmepay"),
    ("l’arnaque", "l arnaque"),
    ("qu'il", "qu il"),
    ("p.u.t.a.i.n", "putain"),
    ("U.S.A.", "usa"),
    ("e.g.", "e g"),
    ("fuuuuck", "fuck"),
    ("mer\u200bde", "merde"),
    ("ﬁn", "fin"),
    ("\u0455\u0430lope", "salope"),
    ("A55", "a55"),
    ("B2B", "b2b"),
    ("12/03/2024", "12 03 2024"),
    ("1\u202f234,56€", "1 234 56"),
    ("#AcmeLife", "acmelife"),
])
def test_tokens_read_as_folded_words(token, words):
    assert read_token(token)[0] == words


@pytest.mark.parametrize(("written", "expected", "matches"), [
    ((1, 1, 1, 1), (1, 1, 1, 1), True),
    ((1, 5, 1, 1), (1, 1, 1, 1), True),  # fuuuuck
    ((1, 2, 1, 1), (1, 1, 1, 1), False),  # a doubled letter is spelling, not emphasis
    ((1, 1), (1, 2), False),  # "as" is not "ass"
    ((1, 3), (1, 2), True),  # "asss" is
    ((1, 1), (1, 1, 1), False),
])
def test_run_lengths_separate_spelling_from_emphasis(written, expected, matches):
    assert runs_match(written, expected) is matches


def test_phrases_normalise_like_text():
    assert normalize_phrase("Fils  de   PUTE") == ("fils de pute", (1,) * 12)
    assert normalize_phrase("chiffre d’affaires")[0] == "chifre d afaires"


def test_word_view_maps_matches_back_to_the_original_text():
    text = "Un   FILS-de\npute, vraiment"
    view = WordView(text)
    start = view.searchable.index("fils de pute")
    span = view.locate(start, start + len("fils de pute"))
    assert text[span.start : span.end] == "FILS-de\npute"


def test_word_view_hides_the_given_spans():
    view = WordView("lien example.com/merde fin", [(5, 22)])
    assert view.words() == ["lien", "fin"]
