"""The employee's charter pages: read, see what changed, acknowledge, take the quiz, try a post."""

import re

import pytest

from server.charter.models import CharterAcknowledgement, CharterQuizAttempt
from tests.conftest import csrf_token


def text_of(response):
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.get_data(as_text=True)))


def test_an_employee_reads_the_charter_and_acknowledges_it(signed_in, employee, published):
    client, _ = signed_in(employee)
    page = client.get("/charter")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert "<h2>Our charter</h2>" in html, "the text's own # heading goes one level down"
    assert "Please read the charter below" in html
    assert 'name="version" value="1"' in html and "I have read version 1 and I will follow it" in html
    assert "#AcmeEnergie" in text_of(page) and "acme-energie.example" in text_of(page)
    assert "Projet Hélios" not in html, "confidential terms are never shown to employees"
    response = client.post("/charter/acknowledge", data={"version": "1", "csrf_token": csrf_token(client, "/charter")})
    assert response.status_code == 302 and response.headers["Location"].endswith("/charter#acknowledgement")
    assert CharterAcknowledgement.get(CharterAcknowledgement.user == employee).version.number == 1
    assert "You acknowledged version 1 on" in text_of(client.get("/charter"))


def test_the_page_shows_what_changed_since_the_acknowledged_version(signed_in, employee, publish, document, app):
    from server.charter.training import acknowledge

    publish(document)
    with app.test_request_context():
        acknowledge(employee, 1)
    document["text"]["en"] = document["text"]["en"].replace("Speak for yourself.", "Speak for **yourself**, always.")
    document["confidential_terms"].append("Borealis")
    document["competitors"].append("NordWatt")
    publish(document, note="Clearer wording")
    client, _ = signed_in(employee)
    html = client.get("/charter").get_data(as_text=True)
    assert "What changed since version 1" in html and "Clearer wording" in html
    assert "<del><span class=\"visually-hidden\">Removed: </span>Speak for yourself.</del>" in html
    assert "Speak for <strong>yourself</strong>, always." in html
    assert "<ins>NordWatt</ins>" in html
    assert "1 term added" in html and "Borealis" not in html
    assert "The charter has changed since you acknowledged version 1" in html


def test_the_changes_page_compares_with_any_earlier_version(signed_in, employee, publish, document):
    publish(document)
    document["competitors"] = ["NordWatt"]
    publish(document)
    client, _ = signed_in(employee)
    assert "<ins>NordWatt</ins>" in client.get("/charter/changes?since=1").get_data(as_text=True)
    assert client.get("/charter/changes?since=9").status_code == 404
    assert client.get("/charter/changes?since=abc").status_code == 302


def test_a_stale_acknowledgement_is_refused_with_an_explanation(signed_in, employee, publish, document):
    publish(document)
    document["competitors"] = []
    publish(document)
    client, _ = signed_in(employee)
    response = client.post("/charter/acknowledge", data={"version": "1", "csrf_token": csrf_token(client, "/charter")},
                           follow_redirects=True)
    assert "Version 2 of the charter has been published since" in text_of(response)
    assert CharterAcknowledgement.select().where(CharterAcknowledgement.user == employee).count() == 0


@pytest.mark.parametrize("version", ["", "abc", "-1"])
def test_a_bad_acknowledgement_form_is_refused(signed_in, employee, published, version):
    client, _ = signed_in(employee)
    client.post("/charter/acknowledge", data={"version": version, "csrf_token": csrf_token(client, "/charter")})
    assert CharterAcknowledgement.select().where(CharterAcknowledgement.user == employee).count() == 0


def test_the_quiz_explains_a_wrong_answer_then_is_passed(signed_in, employee, published):
    client, _ = signed_in(employee)
    form = client.get("/charter/quiz")
    assert form.status_code == 200 and "May you mention a code name?" in text_of(form)
    token = csrf_token(client, "/charter/quiz")
    wrong = client.post("/charter/quiz", data={"version": "1", "answer-0": "0", "answer-1": "1", "csrf_token": token})
    page = text_of(wrong)
    assert wrong.status_code == 200 and "1 of 2 right" in page
    assert "Your answer: Only on LinkedIn" in page and "The right answer: No" in page
    assert "It stays confidential." in page and "Try again" in page
    right = client.post("/charter/quiz", data={"version": "1", "answer-0": "0", "answer-1": "2", "csrf_token": token})
    assert "you passed the quiz" in text_of(right)
    assert [a.passed for a in CharterQuizAttempt.select().order_by(CharterQuizAttempt.id)] == [False, True]
    assert "You passed the quiz on" in text_of(client.get("/charter"))


def test_an_unanswered_question_is_pointed_out(signed_in, employee, published):
    client, _ = signed_in(employee)
    token = csrf_token(client, "/charter/quiz")
    response = client.post("/charter/quiz", data={"version": "1", "answer-0": "0", "csrf_token": token})
    html = response.get_data(as_text=True)
    assert response.status_code == 422 and 'aria-describedby="answer-1-error"' in html
    assert "Choose one of the answers." in html and 'value="0" required checked' in html
    assert CharterQuizAttempt.select().count() == 0


def test_answers_to_a_quiz_that_changed_meanwhile_are_not_graded(signed_in, employee, publish, document):
    publish(document)
    document["quiz"] = document["quiz"][:1]
    publish(document)
    client, _ = signed_in(employee)
    token = csrf_token(client, "/charter/quiz")
    response = client.post("/charter/quiz", data={"version": "1", "answer-0": "0", "answer-1": "2",
                                                  "csrf_token": token})
    assert response.status_code == 302 and response.headers["Location"].endswith("/charter/quiz")
    assert CharterQuizAttempt.select().count() == 0


def test_without_a_charter_the_page_says_so_and_there_is_no_quiz(signed_in, employee):
    client, _ = signed_in(employee)
    assert "No charter has been published yet" in text_of(client.get("/charter"))
    assert client.get("/charter/quiz").status_code == 302


def test_the_try_box_is_wired_to_the_live_check(signed_in, employee, published):
    client, _ = signed_in(employee)
    html = client.get("/charter").get_data(as_text=True)
    assert 'data-charter-check data-check-networks-from="#try-network option:checked"' in html
    assert '<script src="/static/js/charter-check.js" type="module"></script>' in html


def test_the_page_is_in_french_for_a_french_employee(signed_in, employee, published):
    employee.locale = "fr"
    employee.save()
    client, _ = signed_in(employee)
    html = client.get("/charter").get_data(as_text=True)
    assert '<html lang="fr">' in html and "<h2>Notre charte</h2>" in html


def test_the_english_text_falls_back_to_french_when_missing(signed_in, employee, publish, document):
    document["text"]["en"] = ""
    publish(document)
    client, _ = signed_in(employee)
    html = client.get("/charter").get_data(as_text=True)
    assert 'lang="fr"' in html and "This text is not available in your language yet." in html


def test_the_markdown_cannot_inject_script(signed_in, employee, publish, document):
    document["text"]["en"] = "Hello <script>alert(1)</script> [x](javascript:alert(2)) <img src=x onerror=alert(3)>"
    publish(document)
    client, _ = signed_in(employee)
    html = client.get("/charter").get_data(as_text=True)
    assert "alert(" not in html and "onerror" not in html


def test_anonymous_visitors_are_sent_to_sign_in(client):
    for path in ("/charter", "/charter/quiz", "/charter/changes?since=1"):
        assert client.get(path).status_code == 302
