"""The digest, announcement and recruiting pages in Chromium, in French and English and at 375 px: an
employee chooses a weekly digest, previews it and follows its Share button to the compose page; an
administrator previews and sends an announcement; a leader invites a colleague."""

import os

import pytest
from playwright.sync_api import expect

from server.db import utcnow
from tests.conftest import browser_sign_in

SIZES = {"desk": {"width": 1280, "height": 900}, "phone": {"width": 375, "height": 740}}
SHOTS = os.environ.get("PV_SCREENSHOTS", "/tmp/porte-voix-digest-screenshots")


@pytest.fixture
def app(database_url, tmp_path):
    from server.db import database
    from tests.conftest import make_app

    yield make_app(database_url, tmp_path / "instance")  # e-mails go to the outbox; links on the live server
    if database.obj is not None:
        database.close()


@pytest.fixture
def open_as(browser, live_server):
    contexts = []

    def open_page(user, path, locale="en-GB", size="desk"):
        context = browser.new_context(locale=locale, viewport=SIZES[size])
        contexts.append(context)
        if user is not None:
            browser_sign_in(context, live_server, user)
        page = context.new_page()
        page.set_default_timeout(10_000)
        page.goto(f"{live_server.url}{path}")
        return page

    yield open_page
    for context in contexts:
        context.close()


def shot(page, name):
    os.makedirs(SHOTS, exist_ok=True)
    page.screenshot(path=os.path.join(SHOTS, f"{name}.png"), full_page=True)


def fits_the_width(page):
    page.wait_for_load_state("load")
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")


@pytest.fixture
def fresh_link(app, admin):
    from server.library.links import add_link

    with app.test_request_context():
        return add_link(admin, "https://acme-energie.example/news/lyon-h2", title="Lyon passe à l'hydrogène",
                        description="Notre usine de Lyon produira son hydrogène vert dès 2027.",
                        site_name="Acme Énergie", category="sector", language="fr", fetch_preview=False)


def test_an_employee_chooses_a_weekly_digest_previews_it_and_its_share_button_opens_the_compose_page(
        open_as, make_user, fresh_link):
    tom = make_user(email="tom@acme.example", name="Tom Becker", department="Ventes", locale="fr")
    page = open_as(tom, "/account", locale="fr-FR")
    section = page.get_by_role("region", name="Lettre par e-mail")
    section.get_by_label("Chaque semaine (le lundi matin)").check()
    section.get_by_role("button", name="Enregistrer mon choix de lettre").click()
    expect(page.get_by_text("Enregistré : Chaque semaine (le lundi matin).")).to_be_visible()
    assert page.get_by_label("Chaque semaine (le lundi matin)").is_checked()
    page.get_by_role("region", name="Lettre par e-mail").scroll_into_view_if_needed()
    shot(page, "account-digest-fr")

    page.get_by_role("button", name="Aperçu de ma lettre").click()
    expect(page.locator("h1")).to_have_text("Aperçu de ma lettre")
    frame = page.frame_locator("iframe.email-preview")
    assert frame.get_by_role("heading", name="Lyon passe à l'hydrogène").is_visible()
    shot(page, "digest-preview-fr")
    with page.context.expect_page() as opened:
        frame.get_by_role("link", name="Partager").click()
    compose = opened.value
    compose.wait_for_load_state()
    assert compose.url.endswith(f"/share/{fresh_link.id}"), compose.url

    phone = open_as(tom, "/account/digest/preview", locale="fr-FR", size="phone")
    assert fits_the_width(phone)
    shot(phone, "digest-preview-phone")
    english = open_as(make_user(email="ann@acme.example", name="Ann Lee", locale="en"), "/account")
    assert english.get_by_role("region", name="E-mail digest").is_visible()
    shot(english, "account-digest-en")
    account_phone = open_as(tom, "/account", locale="fr-FR", size="phone")
    assert fits_the_width(account_phone)
    shot(account_phone, "account-digest-phone")


def test_an_administrator_writes_previews_and_sends_an_announcement_that_a_leader_relays(
        open_as, admin, make_user, fresh_link):
    make_user(email="sam@acme.example", name="Sam Roux", department="Ventes")
    leader = make_user("leader", email="lou@acme.example", name="Lou Petit", department="Ventes", locale="fr")
    page = open_as(admin, "/admin/announcements")
    page.get_by_label("Subject", exact=True).fill("The hydrogen week starts")
    page.get_by_label("Message", exact=True).fill("Share our articles about Lyon.\n\nThank you!")
    page.get_by_label("A department").check()
    page.get_by_label("Department", exact=True).select_option(label="Ventes")
    shot(page, "announcements-en")
    page.get_by_role("button", name="Preview").click()
    expect(page.locator("h1")).to_have_text("The hydrogen week starts")
    assert page.frame_locator("iframe.email-preview").get_by_text("Share our articles about Lyon.").is_visible()
    page.get_by_role("button", name="Send a test to myself").click()
    expect(page.get_by_text("A test was sent to alice@acme.example.")).to_be_visible()
    page.get_by_role("button", name="Send to 2 people").click()
    expect(page.get_by_text("Sent to 2 people.", exact=True)).to_be_visible()
    expect(page.get_by_role("button", name="Send to 2 people")).to_have_count(0)
    shot(page, "announcement-sent-en")

    french = open_as(admin, "/admin/announcements", locale="fr-FR")
    assert french.locator("h1").inner_text() == "Annonces"
    shot(french, "announcements-fr")
    phone = open_as(admin, "/admin/announcements", size="phone")
    assert fits_the_width(phone)
    shot(phone, "announcements-phone")

    team = open_as(leader, "/team/announcements", locale="fr-FR", size="phone")
    team.get_by_label("Votre mot à l’équipe (facultatif)").fill("On compte sur vous !")
    team.get_by_role("button", name="Relayer à mon équipe").click()
    expect(team.get_by_text("Relayée à 1 personne de votre équipe.")).to_be_visible()
    expect(team.get_by_role("button", name="Relayer à mon équipe")).to_have_count(0)
    shot(team, "team-announcements-phone")
    assert fits_the_width(team)


def test_anyone_holding_the_link_stops_the_digests_without_signing_in(open_as, app, make_user):
    from server.digests.models import DigestPreference, Frequency
    from server.digests.preferences import choose_frequency
    from server.digests.signed_links import unsubscribe_token

    tom = make_user(email="tom@acme.example", name="Tom Becker", locale="fr")
    with app.app_context():
        choose_frequency(tom, Frequency.WEEKLY)
        token = unsubscribe_token(tom.id)
    page = open_as(None, f"/d/unsubscribe/{token}", locale="fr-FR", size="phone")
    expect(page.locator("h1")).to_have_text("Arrêter les lettres ?")
    shot(page, "unsubscribe-phone")
    page.get_by_role("button", name="Arrêter les lettres").click()
    expect(page.locator("h1")).to_have_text("Vous ne recevrez plus de lettre")
    assert DigestPreference.get_by_id(tom.id).frequency == Frequency.OFF
    assert fits_the_width(page)
    shot(page, "unsubscribed-phone")


def test_a_leader_invites_a_colleague_who_opens_the_invitation(open_as, app, make_user, live_server):
    leader = make_user("leader", email="lou@acme.example", name="Lou Petit", department="Ventes")
    sam = make_user(email="sam@acme.example", name="Sam Roux", department="Ventes", locale="fr")
    page = open_as(leader, "/recruiting")
    page.get_by_label("Sam Roux").check()
    page.get_by_label("Your personal message").fill("Sam, your voice counts with our customers.")
    page.get_by_role("button", name="Send the invitations").click()
    expect(page.get_by_text("1 colleague invited.")).to_be_visible()
    expect(page.get_by_text("Not opened yet")).to_be_visible()
    page.get_by_role("button", name="Send the one reminder").click()
    expect(page.get_by_text("Reminder sent to Sam Roux.")).to_be_visible()
    expect(page.get_by_role("button", name="Send the one reminder")).to_have_count(0)  # one reminder at most
    shot(page, "recruiting-en")
    phone = open_as(leader, "/recruiting", size="phone")
    assert fits_the_width(phone)
    shot(phone, "recruiting-phone")
    french = open_as(leader, "/recruiting", locale="fr-FR")
    assert french.locator("h1").inner_text() == "Inviter des collègues"
    shot(french, "recruiting-fr")

    from server.digests.signed_links import invitation_token
    from server.recruiting.models import RecruitingInvitation

    invitation = RecruitingInvitation.get(RecruitingInvitation.invitee == sam.id)
    with app.app_context():
        token = invitation_token(sam.id, invitation.id)
    welcome = open_as(sam, f"/r/{token}", locale="fr-FR", size="phone")
    assert "Participer est volontaire" in welcome.content()
    assert fits_the_width(welcome)
    shot(welcome, "recruiting-welcome-phone")
    welcome.get_by_role("button", name="Je participe").click()
    expect(welcome.get_by_text("Bienvenue !", exact=False).first).to_be_visible()
    assert RecruitingInvitation.get_by_id(invitation.id).opened_at <= utcnow()
