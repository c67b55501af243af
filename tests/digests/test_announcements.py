"""Administrators' announcements through a real SMTP server: an audience, a preview, a test on oneself, one
sending; leaders relay them to their team once, with their own word."""

import pytest

from server.digests.models import AnnouncementDelivery
from tests.conftest import csrf_token, sign_in_client
from tests.digests.conftest import parts


@pytest.fixture
def people(make_user, admin):
    return {"admin": admin,
            "leader": make_user("leader", email="lou@acme.example", name="Lou Petit", department="Ventes",
                                locale="fr"),
            "seller": make_user(email="sam@acme.example", name="Sam Roux", department="Ventes", locale="fr"),
            "engineer": make_user(email="ines@acme.example", name="Inès Bo", department="Ingénierie", locale="en")}


def admin_client(app, admin):
    client = sign_in_client(app.test_client(), admin)
    return client, csrf_token(client)


def test_an_announcement_to_a_department_is_previewed_tried_on_oneself_then_sent_once(app, inbox, people):
    from server.auth.models import Department

    client, token = admin_client(app, people["admin"])
    sales = Department.get(Department.name == "Ventes")
    created = client.post("/admin/announcements", data={
        "subject": "La semaine de l'hydrogène commence", "body": "Partagez nos articles sur Lyon.\n\nMerci !",
        "audience": "department", "department_id": sales.id, "csrf_token": token})
    assert created.status_code == 302
    page = client.get(created.headers["Location"], headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert "2 recipients" in page and "Send to 2 people" in page
    preview = client.get(created.headers["Location"] + "/preview.html").get_data(as_text=True)
    assert "Partagez nos articles sur Lyon." in preview

    assert client.post(created.headers["Location"] + "/test", data={"csrf_token": token}).status_code == 302
    assert inbox.wait_for(1)
    [test] = inbox.messages
    assert test["To"] == "Alice Martin <alice@acme.example>" and test["Subject"].startswith("[Test]")
    assert AnnouncementDelivery.select().count() == 0, "a test is no sending"

    assert client.post(created.headers["Location"] + "/send", data={"csrf_token": token}).status_code == 302
    again = client.post(created.headers["Location"] + "/send", data={"csrf_token": token}, follow_redirects=True)
    assert "already sent" in again.get_data(as_text=True)
    assert inbox.wait_for(3)
    assert sorted(m["To"] for m in inbox.messages[1:]) == ["Lou Petit <lou@acme.example>",
                                                          "Sam Roux <sam@acme.example>"]
    text, html = parts(inbox.to("sam@acme.example")[0])
    assert "Bonjour Sam Roux" in text and "Participer est volontaire" in text and "Merci !" in html
    assert len(inbox.messages) == 3


def test_an_announcement_to_an_interest_reaches_its_followers(app, inbox, people):
    from server.digests.announcements import audience_of, create_announcement
    from server.library.interests import interests_named, set_interests_of

    with app.test_request_context():
        [hydrogen] = interests_named(["Hydrogène"])
        set_interests_of(people["engineer"], [hydrogen.id])
        announcement = create_announcement(people["admin"], "H2", "Du nouveau", "interest", hydrogen.id)
    assert [person.email for person in audience_of(announcement)] == ["ines@acme.example"]


def test_a_bad_announcement_says_which_field_is_wrong(app, people):
    client, token = admin_client(app, people["admin"])
    response = client.post("/admin/announcements", data={"subject": "", "body": "x", "audience": "department",
                                                          "department_id": "999", "csrf_token": token},
                           headers={"Accept-Language": "en"})
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert 'id="subject-error"' in page and "Write a subject." in page


def test_a_leader_relays_an_announcement_to_their_team_once_with_their_word(app, inbox, people):
    from server.digests.announcements import create_announcement, send_announcement

    with app.test_request_context():
        announcement = create_announcement(people["admin"], "Lancement", "La campagne commence.")
        send_announcement(announcement, people["admin"])
    assert inbox.wait_for(4)
    client = sign_in_client(app.test_client(), people["leader"])
    token = csrf_token(client)
    page = client.get("/team/announcements").get_data(as_text=True)
    assert "Lancement" in page and "Relayer à mon équipe" in page
    relay = f"/team/announcements/{announcement.id}/relay"
    assert client.post(relay, data={"note": "On compte sur vous !", "csrf_token": token}).status_code == 302
    assert inbox.wait_for(5)
    [relayed] = inbox.messages[4:]
    assert relayed["To"] == "Sam Roux <sam@acme.example>"
    text, _html = parts(relayed)
    assert "Lou Petit relaie cette annonce à l’équipe" in text and "On compte sur vous !" in text
    twice = client.post(relay, data={"note": "Encore", "csrf_token": token}, follow_redirects=True)
    assert "déjà relayé" in twice.get_data(as_text=True)
    assert len(inbox.messages) == 5
