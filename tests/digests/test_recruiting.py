"""Recruiting ambassadors: chosen colleagues invited with a personal message (voluntary, said plainly),
one reminder at most, and the funnel invited → opened → took part → shared."""

import re

import pytest

from server.recruiting.models import RecruitingInvitation
from tests.conftest import csrf_token, sign_in_client
from tests.digests.conftest import BASE_URL, parts

INVITATION_LINK = re.compile(re.escape(BASE_URL) + r"/r/[\w.-]+")


@pytest.fixture
def team(make_user, admin):
    return {"admin": admin,
            "leader": make_user("leader", email="lou@acme.example", name="Lou Petit", department="Ventes",
                                locale="fr"),
            "seller": make_user(email="sam@acme.example", name="Sam Roux", department="Ventes", locale="fr"),
            "buyer": make_user(email="bea@acme.example", name="Béa Noir", department="Achats", locale="fr")}


def test_a_leader_finds_colleagues_of_their_department_and_invites_them_with_a_personal_message(
        app, inbox, team, make_user):
    client = sign_in_client(app.test_client(), team["leader"])
    page = client.get("/recruiting?name=sam").get_data(as_text=True)
    assert "Sam Roux" in page and "Béa Noir" not in page, "leaders invite within their department"
    token = csrf_token(client, "/recruiting")
    response = client.post("/recruiting/invitations", data={
        "user_ids": [team["seller"].id], "message": "Sam, ta voix compte auprès des clients.", "csrf_token": token})
    assert response.status_code == 302
    assert inbox.wait_for(1)
    [message] = inbox.messages
    assert message["Subject"] == "Lou Petit vous invite à porter la voix de l’entreprise"
    text, html = parts(message)
    assert "Sam, ta voix compte auprès des clients." in text
    assert "Participer est volontaire" in text and "Participer est volontaire" in html

    refused = client.post("/recruiting/invitations", data={
        "user_ids": [team["buyer"].id], "message": "Viens !", "csrf_token": token})
    assert refused.status_code == 403
    newcomer = make_user(email="noe@acme.example", name="Noé Blanc", department="Ventes")
    empty = client.post("/recruiting/invitations", data={"user_ids": [newcomer.id], "message": " ",
                                                         "csrf_token": token})
    assert empty.status_code == 422 and 'id="message-error"' in empty.get_data(as_text=True)


def test_one_reminder_at_most_and_none_once_the_invitation_is_opened(app, inbox, team):
    from server.recruiting.service import invite

    with app.test_request_context():
        [invitation] = invite(team["admin"], [team["buyer"].id], "Béa, rejoins-nous.")
    client = sign_in_client(app.test_client(), team["admin"])
    token = csrf_token(client)
    remind = f"/recruiting/invitations/{invitation.id}/remind"
    assert client.post(remind, data={"csrf_token": token}).status_code == 302
    assert inbox.wait_for(2)
    assert inbox.messages[1]["Subject"] == "Pour rappel : Alice Martin vous invite à porter la voix de l’entreprise"
    again = client.post(remind, data={"csrf_token": token}, follow_redirects=True, headers={"Accept-Language": "en"})
    assert "A reminder was already sent" in again.get_data(as_text=True)
    assert len(inbox.messages) == 2


def test_the_funnel_counts_invited_opened_took_part_and_shared(app, inbox, team):
    from server.recruiting.service import funnel, invite

    with app.test_request_context():
        invite(team["admin"], [team["seller"].id, team["buyer"].id], "Rejoignez-nous.")
    assert inbox.wait_for(2)
    link = INVITATION_LINK.search(parts(inbox.to("sam@acme.example")[0])[0]).group(0).removeprefix(BASE_URL)

    anonymous = app.test_client().get(link)
    assert anonymous.status_code == 200 and "Sign in to take part" in anonymous.get_data(as_text=True)
    assert funnel() == {"invited": 2, "opened": 1, "took_part": 0, "shared": 0}

    client = sign_in_client(app.test_client(), team["seller"])
    page = client.get(link).get_data(as_text=True)
    assert "Je participe" in page and "volontaire" in page
    assert client.post("/participation", data={"csrf_token": csrf_token(client)}).status_code == 302
    assert funnel() == {"invited": 2, "opened": 1, "took_part": 1, "shared": 0}
    assert RecruitingInvitation.select().where(RecruitingInvitation.opened_at.is_null(False)).count() == 1

    results = sign_in_client(app.test_client(), team["admin"]).get("/results").get_data(as_text=True)
    assert "Recruiting" in results and "took part" in results
