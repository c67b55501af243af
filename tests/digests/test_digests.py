"""Digests as employees receive them through a real SMTP server: both parts, the headers, the links; the
signed Share button; one-click unsubscribe; time zones; nothing for those who never chose."""

import re
from datetime import datetime, timedelta

import pytest
import time_machine

from server.db import utcnow
from server.digests.models import Digest, DigestPreference, Frequency
from server.library.models import Link
from server.shares.models import Share
from tests.conftest import csrf_token, sign_in_client
from tests.digests.conftest import BASE_URL, parts

MONDAY_MORNING_PARIS = datetime(2026, 12, 7, 8, 30)  # 09:30 in Paris, a Monday (UTC, naive as stored)
SHARE_LINK = re.compile(re.escape(BASE_URL) + r"/d/share/[\w.-]+")


def choose(app, user, frequency):
    from server.digests.preferences import choose_frequency

    with app.app_context():
        choose_frequency(user, frequency)


def run(app, now):
    from server.digests.sending import run_digests

    with app.app_context():
        return run_digests(now)


def approved(link, when):
    Link.update(approved_at=when).where(Link.id == link.id).execute()
    return link


@pytest.fixture
def reader(make_user):
    return make_user(email="tom@acme.example", name="Tom Becker", department="Ventes", locale="fr",
                     timezone="Europe/Paris")


def test_a_weekly_digest_arrives_with_both_parts_the_unsubscribe_headers_and_one_share_button_per_new_link(
        app, inbox, reader, make_link, admin):
    from server.library.campaigns import create_campaign

    fresh = approved(make_link("Notre usine de Lyon passe à l'hydrogène"), MONDAY_MORNING_PARIS - timedelta(days=2))
    approved(make_link("Un vieil article de l'an dernier"), MONDAY_MORNING_PARIS - timedelta(days=30))
    with app.test_request_context():
        create_campaign(admin, name="Semaine de l'hydrogène", objective="Faire connaître Lyon",
                        starts_at=MONDAY_MORNING_PARIS - timedelta(days=1))
    choose(app, reader, Frequency.WEEKLY)

    assert run(app, MONDAY_MORNING_PARIS)["sent"] == 1
    assert inbox.wait_for(1)
    [message] = inbox.to("tom@acme.example")
    assert message["Subject"] == "Les liens à partager de la semaine"
    assert message["From"] == "Porte-Voix <porte-voix@acme.example>"
    assert message.get_content_type() == "multipart/alternative"
    unsubscribe = re.fullmatch(r"<(.+)>", message["List-Unsubscribe"]).group(1)
    assert unsubscribe.startswith(BASE_URL + "/d/unsubscribe/")
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    text, html = parts(message)
    assert "Bonjour Tom Becker" in text and "Notre usine de Lyon passe à l'hydrogène" in text
    assert "Un vieil article" not in text, "only links approved since the last digest"
    assert "Semaine de l'hydrogène" in text and "Campagnes en cours" in text
    [share_in_text] = SHARE_LINK.findall(text)
    assert f'href="{share_in_text}"' in html and ">Partager</a>" in html
    assert "Notre usine de Lyon passe à l&#39;hydrogène" in html
    assert unsubscribe in text and unsubscribe in html

    client = sign_in_client(app.test_client(), reader)
    opened = client.get(share_in_text.removeprefix(BASE_URL))
    assert opened.status_code == 302 and opened.headers["Location"] == f"/share/{fresh.id}"
    assert Share.select().count() == 0, "a Share button never posts by itself"


def test_an_english_reader_gets_the_digest_in_english(app, inbox, make_user, make_link):
    reader = make_user(email="ann@acme.example", name="Ann Lee", locale="en", timezone="Europe/London")
    approved(make_link("Green hydrogen in Lyon"), MONDAY_MORNING_PARIS - timedelta(hours=5))
    choose(app, reader, Frequency.WEEKLY)
    run(app, MONDAY_MORNING_PARIS)
    assert inbox.wait_for(1)
    [message] = inbox.to("ann@acme.example")
    assert message["Subject"] == "This week's links to share"
    text, html = parts(message)
    assert "Hello Ann Lee" in text and ">Share</a>" in html


@pytest.fixture
def share_url(app, reader, make_link):
    from server.digests.signed_links import share_token

    link = make_link()
    with app.app_context():
        return f"/d/share/{share_token(reader.id, link.id)}", link


def test_a_share_button_asks_an_anonymous_visitor_to_sign_in_then_leads_to_the_compose_page(app, share_url):
    path, link = share_url
    response = app.test_client().get(path)
    assert response.status_code == 302
    assert response.headers["Location"] == f"/login?next=/share/{link.id}"


def test_a_share_button_opens_nothing_for_another_person(app, share_url, make_user):
    path, _link = share_url
    client = sign_in_client(app.test_client(), make_user(email="eve@acme.example", locale="en"))
    response = client.get(path)
    assert response.status_code == 403
    assert "written for someone else" in response.get_data(as_text=True)


def test_a_share_button_expires_after_two_weeks(app, share_url, reader):
    path, _link = share_url
    client = sign_in_client(app.test_client(), reader)
    with time_machine.travel(datetime.now() + timedelta(days=15)):
        response = client.get(path, headers={"Accept-Language": "fr"})
    assert response.status_code == 410
    assert "Ce lien a expiré" in response.get_data(as_text=True)


def test_a_tampered_share_button_or_one_signed_for_another_purpose_is_refused(app, share_url, reader):
    from server.digests.signed_links import unsubscribe_token

    path, _link = share_url
    client = sign_in_client(app.test_client(), reader)
    token = path.rsplit("/", 1)[1]
    tampered = token[:-3] + ("AAA" if token[-3:] != "AAA" else "BBB")
    assert client.get(f"/d/share/{tampered}").status_code == 400
    with app.app_context():
        other_purpose = unsubscribe_token(reader.id)
    response = client.get(f"/d/share/{other_purpose}")
    assert response.status_code == 400
    assert "Ce lien n’est pas valide" in response.get_data(as_text=True)


def test_one_click_unsubscribe_works_without_signing_in_and_stops_the_next_digest(app, inbox, reader, make_link):
    approved(make_link(), MONDAY_MORNING_PARIS - timedelta(days=1))
    choose(app, reader, Frequency.WEEKLY)
    run(app, MONDAY_MORNING_PARIS)
    assert inbox.wait_for(1)
    url = re.fullmatch(r"<(.+)>", inbox.messages[0]["List-Unsubscribe"]).group(1).removeprefix(BASE_URL)

    # What a mail client does (RFC 8058): a POST with no cookie and no CSRF token.
    response = app.test_client().post(url, data={"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    assert DigestPreference.get_by_id(reader.id).frequency == Frequency.OFF

    approved(make_link("Encore du nouveau"), MONDAY_MORNING_PARIS + timedelta(days=6))
    assert run(app, MONDAY_MORNING_PARIS + timedelta(days=7)) == {"recorded": 0, "sent": 0, "empty": 0}


def test_the_unsubscribe_page_asks_before_unsubscribing(app, reader):
    from server.digests.signed_links import unsubscribe_token

    choose(app, reader, Frequency.DAILY)
    with app.app_context():
        url = f"/d/unsubscribe/{unsubscribe_token(reader.id)}"
    client = app.test_client()
    page = client.get(url, headers={"Accept-Language": "fr"})
    assert page.status_code == 200 and "Arrêter les lettres" in page.get_data(as_text=True)
    assert DigestPreference.get_by_id(reader.id).frequency == Frequency.DAILY, "opening the link changes nothing"
    done = client.post(url, headers={"Accept-Language": "fr"})
    assert "Vous ne recevrez plus de lettre" in done.get_data(as_text=True)
    assert DigestPreference.get_by_id(reader.id).frequency == Frequency.OFF


def test_each_reader_gets_the_digest_in_their_own_morning(app, inbox, make_user, make_link):
    tokyo = make_user(email="yuki@acme.example", name="Yuki", locale="en", timezone="Asia/Tokyo")
    paris = make_user(email="lea@acme.example", name="Léa", locale="fr", timezone="Europe/Paris")
    for person in (tokyo, paris):
        choose(app, person, Frequency.WEEKLY)
    approved(make_link(), datetime(2026, 12, 6, 12, 0))

    early = datetime(2026, 12, 7, 0, 30)  # Monday 09:30 in Tokyo, Monday 01:30 in Paris
    assert run(app, early)["sent"] == 1
    assert inbox.wait_for(1) and [m["To"] for m in inbox.messages] == ["Yuki <yuki@acme.example>"]

    later = datetime(2026, 12, 7, 7, 15)  # Monday 08:15 in Paris
    assert run(app, later)["sent"] == 1
    assert inbox.wait_for(2)
    assert sorted(m["To"] for m in inbox.messages) == ["Léa <lea@acme.example>", "Yuki <yuki@acme.example>"]
    assert run(app, later + timedelta(hours=3))["sent"] == 0, "one digest per week"


def test_daily_digests_come_on_working_days_and_skip_days_with_nothing_new(app, inbox, reader, make_link):
    choose(app, reader, Frequency.DAILY)
    approved(make_link(), datetime(2026, 12, 7, 6, 0))
    assert run(app, datetime(2026, 12, 7, 8, 0))["sent"] == 1
    assert run(app, datetime(2026, 12, 8, 8, 0)) == {"recorded": 1, "sent": 0, "empty": 1}
    assert run(app, datetime(2026, 12, 12, 9, 0))["recorded"] == 0, "Saturday"
    assert inbox.wait_for(1) and len(inbox.messages) == 1
    assert Digest.select().count() == 2


def test_nobody_gets_a_digest_without_choosing_and_the_programme_invites_each_person_once(
        app, inbox, reader, make_link, admin):
    from server.digests.preferences import invite_to_digests

    approved(make_link(), MONDAY_MORNING_PARIS - timedelta(days=1))
    assert run(app, MONDAY_MORNING_PARIS)["recorded"] == 0

    with app.app_context():
        assert invite_to_digests(admin) == 2  # the reader and the admin
        assert invite_to_digests(admin) == 0, "nobody is invited twice"
    assert inbox.wait_for(2)
    [invitation] = inbox.to("tom@acme.example")
    assert invitation["Subject"] == "Souhaitez-vous recevoir chaque semaine des liens à partager ?"
    text, _html = parts(invitation)
    subscribe = re.search(re.escape(BASE_URL) + r"/d/subscribe/[\w.-]+", text).group(0).removeprefix(BASE_URL)

    client = app.test_client()
    assert client.get(subscribe).status_code == 200
    assert DigestPreference.get_by_id(reader.id).chosen_at is None, "opening the link chooses nothing"
    assert client.post(subscribe).status_code == 200
    assert DigestPreference.get_by_id(reader.id).frequency == Frequency.WEEKLY
    assert run(app, MONDAY_MORNING_PARIS)["sent"] == 1


def test_the_account_page_sets_the_frequency_and_previews_the_digest(app, reader, make_link):
    approved(make_link("Lyon accueille le salon de l'hydrogène"), utcnow())
    client = sign_in_client(app.test_client(), reader)
    page = client.get("/account").get_data(as_text=True)
    assert "Lettre par e-mail" in page and "Vous n’avez pas encore choisi" in page
    token = csrf_token(client)
    response = client.post("/account/digest", data={"frequency": "daily", "csrf_token": token})
    assert response.status_code == 302
    assert DigestPreference.get_by_id(reader.id).frequency == Frequency.DAILY
    refused = client.post("/account/digest", data={"frequency": "hourly", "csrf_token": token},
                          follow_redirects=True)
    assert refused.status_code == 200 and "Choisissez" in refused.get_data(as_text=True)
    assert DigestPreference.get_by_id(reader.id).frequency == Frequency.DAILY

    preview = client.get("/account/digest/preview").get_data(as_text=True)
    assert "Les liens à partager du jour" in preview
    email = client.get("/account/digest/preview.html")
    assert "Lyon accueille le salon de l&#39;hydrogène" in email.get_data(as_text=True)
    assert "frame-ancestors 'self'" in email.headers["Content-Security-Policy"]


def test_an_employee_export_holds_their_digest_choice_and_deleting_the_account_removes_their_digests(
        app, inbox, reader, make_link):
    from server.privacy import delete_user

    approved(make_link(), MONDAY_MORNING_PARIS - timedelta(days=1))
    choose(app, reader, Frequency.WEEKLY)
    run(app, MONDAY_MORNING_PARIS)
    client = sign_in_client(app.test_client(), reader)
    export = client.get("/account/export.json").get_json()
    assert export["digests"]["frequency"] == "weekly"
    assert [d["period"] for d in export["digests"]["digests_sent"]] == ["W2026-50"]
    with app.test_request_context():
        delete_user(reader, None)
    assert Digest.select().count() == 0 and DigestPreference.select().count() == 0


def test_the_worker_looks_for_due_digests_every_quarter_of_an_hour():
    from server.digests.jobs import send_digests

    task = send_digests.task_class()
    assert task.validate_datetime(datetime(2026, 12, 7, 8, 15))
    assert not task.validate_datetime(datetime(2026, 12, 7, 8, 7))
