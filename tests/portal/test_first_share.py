"""The steps before a first share happen on the compose page itself and come back to the same article."""

import re

from server.audit import AuditEvent
from server.charter.models import CharterAcknowledgement
from server.shares.models import Participant, Share
from tests.conftest import csrf_token, sign_in_client


def _page(client, link):
    return client.get(f"/share/{link.id}").get_data(as_text=True)


def test_a_newcomer_takes_part_reads_the_charter_and_passes_the_quiz_without_leaving_the_article(
        client, employee, charter, link):
    sign_in_client(client, employee)
    page = _page(client, link)
    assert "2 steps before you share" in page and "Taking part is your choice" in page
    assert "Write in your own words." in page, "the charter's text is there to read"
    assert "I take part and I will follow the charter (version 1)" in page
    assert 'name="text"' not in page

    token = csrf_token(client, f"/share/{link.id}")
    response = client.post(f"/share/{link.id}/first-steps", data={"csrf_token": token, "take_part": "1",
                                                                   "version": "1"})
    assert response.headers["Location"] == f"/share/{link.id}#first-steps"
    assert Participant.select().count() == 1
    assert CharterAcknowledgement.select().where(CharterAcknowledgement.user == employee).count() == 1
    assert {e.action for e in AuditEvent.select()} >= {"participation.opt_in", "charter.acknowledge"}

    page = _page(client, link)
    assert "One step before you share" in page and "Who writes your posts?" in page

    wrong = client.post(f"/share/{link.id}/quiz", data={"csrf_token": token, "version": "1", "answer-0": "0",
                                                        "answer-1": "0"})
    assert wrong.status_code == 200
    text = wrong.get_data(as_text=True)
    assert "1 of 2 right" in text and "What is not announced stays inside." in text
    assert "Nothing is posted without you." not in text, "only the missed answers are explained"
    assert "L&#39;hydrogène vert arrive à Lyon" in text, "still the same article"

    passed = client.post(f"/share/{link.id}/quiz", data={"csrf_token": token, "version": "1", "answer-0": "0",
                                                         "answer-1": "1"})
    assert passed.headers["Location"] == f"/share/{link.id}#compose"
    page = _page(client, link)
    assert "Well done: you passed the quiz" in page and 'name="text"' in page and "steps before you share" not in page


def test_an_unanswered_question_is_named(client, employee, charter, link, ready):
    from server.charter.training import CharterQuizAttempt

    ready(employee)
    CharterQuizAttempt.delete().execute()
    sign_in_client(client, employee)
    response = client.post(f"/share/{link.id}/quiz", data={"csrf_token": csrf_token(client, f"/share/{link.id}"),
                                                           "version": "1", "answer-0": "0"})
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert "Please answer every question." in page and 'id="answer-1-error"' in page


def test_a_new_charter_version_is_read_in_line_with_what_changed(client, employee, ready, link, publish_charter):
    sign_in_client(client, ready(employee))
    publish_charter(text={"fr": "## Soyez vous-même\n\nCitez vos sources.",
                          "en": "## Be yourself\n\nCite your sources."})
    page = _page(client, link)
    assert "What changed in our charter since version 1" in page
    assert "I have read version 2 and I will follow it" in page and "Taking part" not in page
    token = csrf_token(client, f"/share/{link.id}")
    response = client.post(f"/share/{link.id}/first-steps", data={"csrf_token": token, "version": "2"})
    assert response.headers["Location"] == f"/share/{link.id}#compose"


def test_acknowledging_a_version_no_longer_in_force_says_so(client, employee, ready, link, publish_charter):
    sign_in_client(client, ready(employee))
    publish_charter(text={"fr": "Deux.", "en": "Two."})
    publish_charter(text={"fr": "Trois.", "en": "Three."})
    response = client.post(f"/share/{link.id}/first-steps", data={"csrf_token": csrf_token(client, f"/share/{link.id}"),
                                                                   "version": "2"})
    assert response.status_code == 302
    assert "I have read version 3" in _page(client, link)


def test_a_submit_refused_for_a_new_charter_keeps_the_words_on_the_server(client, employee, ready, link,
                                                                        publish_charter):
    sign_in_client(client, ready(employee))
    page = _page(client, link)
    key = re.search(r'name="idempotency_key" value="([^"]+)"', page).group(1)
    publish_charter(text={"fr": "Nouveau.", "en": "New."})
    response = client.post(f"/share/{link.id}", data={"csrf_token": csrf_token(client, f"/share/{link.id}"),
                                                      "idempotency_key": key, "text": "Bravo Lyon", "network": "x"})
    assert response.status_code == 403
    assert "I have read version 2" in response.get_data(as_text=True)
    assert Share.select().count() == 0


def test_the_networks_of_the_last_share_are_ticked_again(client, employee, ready, link, make_link):
    sign_in_client(client, ready(employee))
    page = _page(client, link)
    assert "checked>" not in page.split('name="network"', 1)[1].split("</fieldset>")[0], "nothing ticked at first"
    key = re.search(r'name="idempotency_key" value="([^"]+)"', page).group(1)
    client.post(f"/share/{link.id}", data={"csrf_token": csrf_token(client, f"/share/{link.id}"),
                                           "idempotency_key": key, "text": "Bravo Lyon", "network": ["linkedin"]})
    other = make_link(title="Un autre article")
    page = _page(client, other)
    assert re.search(r'name="network" value="linkedin" checked', page)
    assert not re.search(r'name="network" value="x" checked', page)


def test_a_link_that_cannot_be_shared_refuses_the_steps_like_its_page(client, employee, charter):
    sign_in_client(client, employee)
    response = client.post("/share/999999/first-steps", data={"csrf_token": csrf_token(client), "take_part": "1"})
    assert response.status_code == 404
    assert Participant.select().count() == 0


def test_the_share_buttons_frame_takes_the_same_steps_in_line_and_keeps_its_article(app, client, employee, charter,
                                                                                   link):
    from urllib.parse import parse_qs, urlsplit

    from server.charter.training import acknowledge
    from server.shares.pipeline import opt_in

    app.config["EMBED_ORIGINS"] = ["https://intranet.acme.example"]
    with app.test_request_context():
        opt_in(employee)
        acknowledge(employee, charter.number)
    sign_in_client(client, employee)
    door = {"url": link.url, "origin": "https://intranet.acme.example", "lang": "en"}
    page = client.get("/embed/compose", query_string=door).get_data(as_text=True)
    assert "Who writes your posts?" in page
    action = re.search(r'<form method="post" action="(/embed/first-quiz[^"]*)"', page).group(1).replace("&amp;", "&")
    token = re.search(r'<meta name="csrf-token" content="([^"]+)"', page).group(1)
    wrong = client.post(action, data={"csrf_token": token, "version": "1", "answer-0": "1", "answer-1": "1"})
    assert wrong.status_code == 200 and "Nothing is posted without you." in wrong.get_data(as_text=True)
    passed = client.post(action, data={"csrf_token": token, "version": "1", "answer-0": "0", "answer-1": "1"})
    location = urlsplit(passed.headers["Location"])
    assert location.path == "/embed/compose" and parse_qs(location.query)["url"] == [link.url]
    assert 'id="compose"' in client.get(passed.headers["Location"]).get_data(as_text=True)
