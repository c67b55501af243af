"""A first share in Chromium, clicks counted: a newcomer in at most 8, an employee already set up in 3; the
words started before a new charter version survive reading it. Screenshots in English, French and 375 px."""

import os
import time
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from server.shares.models import Share, ShareTarget
from tests.conftest import browser_sign_in

pytestmark = pytest.mark.browser
SHOTS = os.environ.get("PV_SCREENSHOTS", "/tmp/porte-voix-screenshots")  # looked at, never committed

# Each physical press of the mouse on any page of the context (a label, a radio, a button, a link) counts once;
# navigations reset a page's scripts, so the count is kept on the Python side through a binding.
COUNT_CLICKS = "document.addEventListener('pointerdown', (e) => { if (e.isTrusted) window.pvClicked(); }, true);"


def _context(browser, live_server, user, locale="en-GB", width=1280):
    context = browser.new_context(locale=locale, viewport={"width": width, "height": 900},
                                  permissions=["clipboard-read", "clipboard-write"])
    context.route("https://www.linkedin.com/**", lambda route: route.fulfill(
        status=200, content_type="text/html", body="<title>LinkedIn composer</title>"))
    clicks = []
    context.expose_binding("pvClicked", lambda _source: clicks.append(1))
    context.add_init_script(COUNT_CLICKS)
    browser_sign_in(context, live_server, user)
    page = context.new_page()
    page.set_default_timeout(10_000)
    return context, page, clicks


def _card(page, title):
    return page.locator("article.link-card").filter(has=page.get_by_role("heading", name=title))


def _open_composer(page, live_server, user):
    """Open LinkedIn's composer from the share's page; the page then tells the server by a request of its own
    (a keep-alive beacon, never awaited by the page), so the share's target is polled until it is opened."""
    with page.expect_popup() as popup_info:
        page.get_by_role("button", name="Open LinkedIn").click()
    popup = popup_info.value
    popup.wait_for_load_state()
    assert urlsplit(popup.url).netloc == "www.linkedin.com"
    popup.close()

    def state():
        with live_server.app.app_context():
            share = Share.select().where(Share.user == user.id).order_by(Share.id.desc()).get()
            return ShareTarget.get(ShareTarget.share == share.id, ShareTarget.network == "linkedin").state

    deadline = time.monotonic() + 30
    while state() != "opened" and time.monotonic() < deadline:
        time.sleep(0.1)
    assert state() == "opened"


def test_a_new_employee_shares_for_the_first_time_in_at_most_eight_clicks(browser, live_server, employee, charter,
                                                                          link):
    os.makedirs(SHOTS, exist_ok=True)
    context, page, clicks = _context(browser, live_server, employee)
    page.goto(f"{live_server.url}/to-share")
    _card(page, link.title).get_by_role("button", name="Share").click()
    expect(page.get_by_role("heading", name="2 steps before you share")).to_be_visible()
    expect(page.get_by_text("Write in your own words.")).to_be_visible()
    page.screenshot(path=os.path.join(SHOTS, "first-steps-en.png"), full_page=True)

    page.get_by_role("button", name="I take part and I will follow the charter (version 1)").click()
    expect(page.get_by_role("heading", name="One step before you share")).to_be_visible()
    assert urlsplit(page.url).path == f"/share/{link.id}", "back on the same article"
    page.get_by_label("Me, in my own words").check()
    page.get_by_label("No, it stays confidential").check()
    page.get_by_role("button", name="Check my answers").click()
    expect(page.get_by_text("Well done: you passed the quiz. You are ready to share.")).to_be_visible(timeout=10_000)
    assert urlsplit(page.url).path == f"/share/{link.id}"

    page.get_by_label("Your words").fill("Fière de voir l'hydrogène vert arriver à Lyon !")
    page.get_by_label("LinkedIn").check()
    page.get_by_role("button", name="Share", exact=True).click()
    expect(page.locator("li.target[data-network=linkedin]").get_by_text("Ready to open")).to_be_visible()
    _open_composer(page, live_server, employee)
    page.reload()
    expect(page.locator("li.target[data-network=linkedin]").get_by_text("Opened")).to_be_visible()

    assert len(clicks) <= 8, f"{len(clicks)} clicks to a first share"
    assert len(clicks) == 8
    share = Share.get()
    assert share.text == "Fière de voir l'hydrogène vert arriver à Lyon !"
    assert ShareTarget.get().state == "opened"
    context.close()


def test_an_employee_already_set_up_shares_in_three_clicks(browser, live_server, employee, ready, link, make_link):
    from server.shares.pipeline import submit_share

    ready(employee)
    with live_server.app.test_request_context():
        submit_share(employee, link_id=link.id, text="Bravo à l'équipe de Lyon",
                     targets=[{"network": "linkedin", "method": "intent"}], idempotency_key="first")
    other = make_link(title="Notre parc solaire de Nîmes produit ses premiers kWh")
    context, page, clicks = _context(browser, live_server, employee)
    page.goto(f"{live_server.url}/to-share")
    _card(page, other.title).get_by_role("button", name="Share").click()
    page.get_by_label("Your words").fill("Premiers kWh à Nîmes, bravo !")
    expect(page.get_by_label("LinkedIn")).to_be_checked()
    page.get_by_role("button", name="Share", exact=True).click()
    _open_composer(page, live_server, employee)
    assert len(clicks) == 3, f"{len(clicks)} clicks"
    page.reload()
    expect(page.locator("li.target[data-network=linkedin]").get_by_text("Opened")).to_be_visible()
    context.close()


def test_the_words_started_survive_reading_a_new_charter_version(browser, live_server, employee, ready, link,
                                                                 publish_charter):
    ready(employee)
    context, page, _clicks = _context(browser, live_server, employee)
    page.goto(f"{live_server.url}/share/{link.id}")
    words = "Lyon accueille sa première station d'hydrogène vert."
    page.get_by_label("Your words").fill(words)
    page.get_by_label("LinkedIn").check()
    publish_charter(text={"fr": "## Soyez vous-même\n\nCitez vos sources.",
                          "en": "## Be yourself\n\nCite your sources."})
    page.get_by_role("button", name="Share", exact=True).click()
    expect(page.get_by_role("heading", name="What changed in our charter since version 1")).to_be_visible()
    page.get_by_role("button", name="I have read version 2 and I will follow it").click()
    expect(page.get_by_label("Your words")).to_have_value(words)
    page.get_by_label("LinkedIn").check()
    page.get_by_role("button", name="Share", exact=True).click()
    expect(page.locator("li.target[data-network=linkedin]")).to_be_visible()
    page.wait_for_load_state("load")  # the share's page has run its scripts (it forgets the kept draft)
    assert Share.get().text == words
    page.goto(f"{live_server.url}/share/{link.id}")
    expect(page.get_by_label("Your words")).to_have_value(""), "shared: the kept draft is forgotten"
    context.close()


def test_the_first_steps_read_well_in_french_and_on_a_phone(browser, live_server, employee, charter, link):
    os.makedirs(SHOTS, exist_ok=True)
    context, page, _clicks = _context(browser, live_server, employee, locale="fr-FR", width=375)
    page.goto(f"{live_server.url}/share/{link.id}")
    expect(page.get_by_role("button", name="Je participe et je suivrai la charte (version 1)")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 375, "no horizontal scroll"
    page.screenshot(path=os.path.join(SHOTS, "first-steps-fr-375.png"), full_page=True)
    page.get_by_role("button", name="Je participe et je suivrai la charte (version 1)").click()
    expect(page.get_by_role("button", name="Vérifier mes réponses")).to_be_visible()
    page.screenshot(path=os.path.join(SHOTS, "first-steps-quiz-fr-375.png"), full_page=True)
    context.close()


def test_the_home_feed_reads_well_in_english_french_and_on_a_phone(browser, live_server, employee, ready, link,
                                                                     admin):
    from datetime import timedelta

    from server.db import utcnow
    from server.library.models import Campaign

    os.makedirs(SHOTS, exist_ok=True)
    ready(employee)
    Campaign.create(name="Semaine de l'hydrogène", objective="Faire connaître nos stations", created_by=admin,
                    starts_at=utcnow() - timedelta(days=1), ends_at=utcnow() + timedelta(days=6), target_shares=40)
    for locale, width, name in (("en-GB", 1280, "home-en"), ("fr-FR", 1280, "home-fr"), ("fr-FR", 375, "home-fr-375")):
        context, page, _clicks = _context(browser, live_server, employee, locale=locale, width=width)
        page.goto(f"{live_server.url}/")
        expect(page.locator("#campaigns-title")).to_be_visible()
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        page.screenshot(path=os.path.join(SHOTS, f"{name}.png"), full_page=True)
        context.close()
