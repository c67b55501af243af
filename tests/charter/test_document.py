"""The charter document: what imports, exports and the CLI read — validated, normalised, named errors."""

import json

import pytest

from server.charter.document import export_document, read_document
from server.charter.engine import CharterError
from server.charter.quiz import grade, questions_for, read_quiz


def test_a_document_is_compiled_and_normalised(document):
    read = read_document(document)
    assert read.compiled.check("Notre offre est neutre en carbone").verdict == "block"
    assert "version" not in read.rules
    assert read.rules["region"] == "FR" and read.rules["profanity"] == {"disabled": [], "extra": []}
    assert list(read.rules)[:4] == ["name", "languages", "region", "banned_terms"]
    assert read.text["en"].startswith("# Our charter") and len(read.quiz) == 2


def test_normalising_twice_changes_nothing(document):
    once = read_document(document)
    assert read_document(once.rules).rules == once.rules


def test_rules_are_trimmed_and_domains_lowercased(document):
    document["allowed_domains"] = ["  ACME-Energie.example. "]
    document["banned_terms"] = [" neutre en carbone "]
    rules = read_document(document).rules
    assert rules["allowed_domains"] == ["acme-energie.example"] and rules["banned_terms"] == ["neutre en carbone"]


def test_text_and_quiz_are_optional_and_then_absent(document):
    del document["text"], document["quiz"]
    read = read_document(document)
    assert read.text is None and read.quiz is None


@pytest.mark.parametrize("change, path", [
    ({"hashtags": {"max": -1}}, "hashtags.max"),
    ({"banned_terms": ["ok", ""]}, "banned_terms[1]"),
    ({"allowed_domains": ["https://acme.example/page"]}, "allowed_domains[0]"),
    ({"severity": {"competitor": "panic"}}, "severity.competitor"),
    ({"banned_term": ["typo"]}, "banned_term"),
    ({"text": {"de": "Hallo"}}, "text.de"),
    ({"text": "plain"}, "text"),
    ({"name": "x" * 201}, "name"),
    ({"quiz": {"question": "?"}}, "quiz"),
    ({"quiz": [{"question": "?", "choices": ["a"], "answer": 0, "explanation": "!"}]}, "quiz[0].choices"),
    ({"quiz": [{"question": "?", "choices": ["a", "b"], "answer": 2, "explanation": "!"}]}, "quiz[0].answer"),
    ({"quiz": [{"question": "?", "choices": ["a", "b"], "answer": True, "explanation": "!"}]}, "quiz[0].answer"),
    ({"quiz": [{"question": {"fr": " "}, "choices": ["a", "b"], "answer": 0, "explanation": "!"}]},
     "quiz[0].question"),
    ({"quiz": [{"question": "?", "choices": ["a", {"it": "b"}], "answer": 0, "explanation": "!"}]},
     "quiz[0].choices[1].it"),
    ({"quiz": [{"question": "?", "choices": ["a", "b"], "answer": 0, "explanation": "!", "hint": "x"}]},
     "quiz[0].hint"),
])
def test_a_bad_field_is_named(document, change, path):
    document.update(change)
    with pytest.raises(CharterError) as raised:
        read_document(document)
    assert raised.value.path == path


def test_a_document_must_be_an_object():
    with pytest.raises(CharterError) as raised:
        read_document([1, 2])
    assert raised.value.path == "charter"


def test_the_export_has_the_issue_shape_with_text_and_quiz(document):
    read = read_document(document)
    exported = export_document(4, read.rules, read.text, read.quiz)
    assert list(exported)[:3] == ["name", "version", "languages"] and exported["version"] == 4
    for key in ("banned_terms", "confidential_terms", "review_terms", "competitors", "brand_terms", "allowed_domains",
                "disclosure", "hashtags", "pii", "secrets", "originality", "severity", "region", "profanity"):
        assert key in exported
    assert list(exported)[-2:] == ["text", "quiz"]
    again = read_document(json.loads(json.dumps(exported)))
    assert (again.rules, again.text, again.quiz) == (read.rules, read.text, read.quiz)


def test_a_quiz_text_in_one_language_serves_both():
    quiz = read_quiz([{"question": "Vrai ?", "choices": [{"fr": "Oui"}, {"en": "No"}], "answer": 0,
                       "explanation": {"en": "Because."}}])
    assert questions_for(quiz, "en") == [{"number": 1, "question": "Vrai ?", "choices": ["Oui", "No"]}]
    assert questions_for(quiz, "fr")[0]["choices"] == ["Oui", "No"]


def test_grading_explains_every_answer_and_needs_all_right(document):
    quiz = read_quiz(document["quiz"])
    result = grade(quiz, [0, 1], "fr")
    assert (result.score, result.total, result.passed) == (1, 2, False)
    wrong = result.outcomes[1]
    assert not wrong.is_right and wrong.choices[wrong.right_answer] == "Non"
    assert wrong.explanation == "Il reste confidentiel."
    assert grade(quiz, [0, 2], "en").passed
