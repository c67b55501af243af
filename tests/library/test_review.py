"""Employees propose links; curators approve or decline them; the proposer is told, in their language."""

from email import message_from_bytes, policy
from pathlib import Path

import pytest
from flask_babel import force_locale, gettext

from server.library.models import Link, LinkStatus
from server.notifications import Notification
from server.privacy import delete_user, export_user_data


def mails(app):
    return [message_from_bytes(path.read_bytes(), policy=policy.default)
            for path in sorted((Path(app.instance_path) / "outbox").glob("*.eml"))]


@pytest.fixture
def employee_headers(employee, bearer):
    return bearer(employee)


@pytest.fixture
def curator_headers(curator, bearer):
    return bearer(curator)


def propose(client, headers, url, note=None):
    return client.post("/api/v1/proposals", json={"url": url, "note": note}, headers=headers)


def test_a_proposal_lands_in_the_approval_queue(client, employee_headers, curator_headers, local_site):
    response = propose(client, employee_headers, f"{local_site}/page?utm_source=newsletter", "Bel article")
    assert response.status_code == 201
    body = response.get_json()
    assert body["created"] is True and body["status"] == "proposed" and body["proposal_note"] == "Bel article"
    queue = client.get("/api/v1/links", query_string={"status": "proposed"}, headers=curator_headers).get_json()
    assert [link["url"] for link in queue] == [f"{local_site}/page"]
    assert queue[0]["proposed_by"]["name"] == "Camille Durand"
    assert queue[0]["title"].startswith("Énergie")  # the preview was fetched for the curators


def test_proposing_a_known_address_returns_it_without_a_second_row(client, employee_headers, library):
    library.add("https://news.example.org/a")
    response = propose(client, employee_headers, "https://news.example.org/a?utm_source=x")
    assert response.status_code == 200
    assert response.get_json()["created"] is False and response.get_json()["status"] == "approved"
    assert Link.select().count() == 1


def test_proposing_what_a_colleague_proposed_shows_nothing_of_theirs(client, make_user, employee_headers, bearer,
                                                                     curator_headers):
    colleague = bearer(make_user(name="Océane Roux"))
    waiting = propose(client, colleague, "https://www.unreachable.example/waiting", "Mon avis perso").get_json()
    declined = propose(client, colleague, "https://www.unreachable.example/declined", "Autre avis").get_json()
    client.patch(f"/api/v1/links/{waiting['id']}", json={"title": "Titre de travail"}, headers=curator_headers)
    client.post(f"/api/v1/links/{declined['id']}/archive", json={"reason": "Concurrent cité"},
                headers=curator_headers)
    for url, status in (("https://www.unreachable.example/waiting", "proposed"),
                        ("https://www.unreachable.example/declined?utm_source=x", "archived")):
        response = propose(client, employee_headers, url, "Le mien")
        assert response.status_code == 200
        assert response.get_json() == {"url": url.split("?")[0], "status": status, "created": False,
                                       "message": "This link has already been proposed."}
    assert [p["url"] for p in client.get("/api/v1/proposals/mine", headers=employee_headers).get_json()] == []
    assert Link.get_by_id(waiting["id"]).proposal_note == "Mon avis perso"


def test_proposing_an_approved_link_shows_its_public_fields_only(client, make_user, employee_headers, bearer,
                                                                 curator_headers):
    colleague = bearer(make_user())
    theirs = propose(client, colleague, "https://www.unreachable.example/approved", "Mon avis perso").get_json()
    client.post(f"/api/v1/links/{theirs['id']}/approve", json={"category": "sector", "title": "Tribune"},
                headers=curator_headers)
    response = propose(client, employee_headers, "https://www.unreachable.example/approved")
    assert response.get_json() == {"id": theirs["id"], "url": "https://www.unreachable.example/approved",
                                   "title": "Tribune", "status": "approved", "created": False,
                                   "message": "This link is already in the library."}


def test_proposing_again_shows_the_proposer_their_own_note_and_the_reason(client, employee_headers,
                                                                          curator_headers):
    mine = propose(client, employee_headers, "https://www.unreachable.example/again", "Mon avis").get_json()
    client.post(f"/api/v1/links/{mine['id']}/archive", json={"reason": "Trop ancien"}, headers=curator_headers)
    again = propose(client, employee_headers, "https://www.unreachable.example/again").get_json()
    assert (again["id"], again["proposal_note"], again["archive_reason"]) == (mine["id"], "Mon avis", "Trop ancien")


def test_the_proposal_form_says_already_proposed_without_the_colleagues_note(client, make_user, employee, bearer):
    from tests.conftest import csrf_token, sign_in_client

    propose(client, bearer(make_user()), "https://www.unreachable.example/form", "Mon avis perso")
    sign_in_client(client, employee)
    response = client.post("/to-share/propose", data={"url": "https://www.unreachable.example/form",
                                                      "csrf_token": csrf_token(client)}, follow_redirects=True)
    page = response.get_data(as_text=True)
    assert response.status_code == 200 and "This link has already been proposed." in page
    assert "Mon avis perso" not in page


@pytest.mark.parametrize("body, field", [
    ({"url": "file:///etc/passwd"}, "url"),
    ({"url": ""}, "url"),
    ({}, "url"),
    ({"url": "https://a.example.org/", "note": "x" * 1001}, "note"),
])
def test_bad_proposals_are_422_naming_the_field(client, employee_headers, body, field):
    response = client.post("/api/v1/proposals", json=body, headers=employee_headers)
    assert response.status_code == 422 and field in response.get_json()["error"]["fields"]
    assert Link.select().count() == 0


def test_the_proposer_is_told_of_the_approval_in_their_language(app, client, employee, employee_headers,
                                                              curator_headers):
    employee.locale = "fr"
    employee.save()
    link = propose(client, employee_headers, "https://www.unreachable.example/tribune").get_json()
    approved = client.post(f"/api/v1/links/{link['id']}/approve", json={"category": "sector", "title": "Tribune"},
                           headers=curator_headers)
    assert approved.status_code == 200
    with app.test_request_context(), force_locale("fr"):
        in_french = gettext("Your proposal is in the library")  # whatever the catalogue says today
    notice = Notification.get()
    assert notice.user_id == employee.id and notice.kind == "library.proposal_approved"
    assert notice.subject == in_french
    assert "Tribune" in notice.body and notice.url == f"/to-share/{link['id']}"
    assert mails(app)[-1]["Subject"] == in_french
    mine = client.get("/api/v1/proposals/mine", headers=employee_headers).get_json()
    assert [(p["title"], p["status"]) for p in mine] == [("Tribune", "approved")]


def test_the_proposer_is_told_why_a_proposal_is_declined(client, employee_headers, curator_headers):
    link = propose(client, employee_headers, "https://www.unreachable.example/pub").get_json()
    declined = client.post(f"/api/v1/links/{link['id']}/archive", json={"reason": "Trop commercial."},
                           headers=curator_headers)
    assert declined.get_json()["status"] == "archived"
    notice = Notification.get()
    assert notice.subject == "Your proposal was not retained" and "Reason: Trop commercial." in notice.body
    mine = client.get("/api/v1/proposals/mine", headers=employee_headers).get_json()
    assert mine[0]["archive_reason"] == "Trop commercial."


def test_archiving_an_approved_link_tells_nobody(client, library, curator_headers, employee):
    link = library.add(proposed_by=employee)
    client.post(f"/api/v1/links/{link.id}/archive", json={}, headers=curator_headers)
    assert Notification.select().count() == 0


def test_approving_needs_a_category(client, employee_headers, curator_headers):
    link = propose(client, employee_headers, "https://www.unreachable.example/x").get_json()
    response = client.post(f"/api/v1/links/{link['id']}/approve", json={}, headers=curator_headers)
    assert response.status_code == 422 and "category" in response.get_json()["error"]["fields"]
    assert Link.get_by_id(link["id"]).status == LinkStatus.PROPOSED
    assert Notification.select().count() == 0


def test_proposals_are_in_the_export_and_survive_the_proposers_deletion(app, client, employee, employee_headers):
    propose(client, employee_headers, "https://www.unreachable.example/y", "À partager")
    with app.test_request_context():
        export = export_user_data(employee)
        assert export["library"]["proposals"][0]["url"] == "https://www.unreachable.example/y"
        assert export["library"]["proposals"][0]["note"] == "À partager"
        delete_user(employee, actor=None)
    link = Link.get()
    assert link.proposed_by is None and link.status == LinkStatus.PROPOSED


def test_the_navigation_counts_what_waits_for_curators(client, curator, employee_headers, library):
    from tests.conftest import sign_in_client

    propose(client, employee_headers, "https://www.unreachable.example/z")
    page = sign_in_client(client, curator).get("/").get_data(as_text=True)
    assert 'href="/admin/library/"' in page and '<span class="badge"' in page
