"""The installable web app at a phone's size, with touch: its manifest, the service worker answering while
offline (the shell, the employee's own last suggestions, nobody else's), and never sending a post offline."""

import re
import struct

import pytest
from playwright.sync_api import expect

from server.shares.models import Share
from tests.conftest import CHROMIUM, CHROMIUM_ARGS, browser_sign_in
from tests.support.axe import describe, serious_violations

pytestmark = pytest.mark.browser


def png_size(body):
    assert body[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    return struct.unpack(">II", body[16:24])


def controlled(page):
    """Wait until the service worker is installed and controls the page (its shell kept)."""
    page.evaluate("() => navigator.serviceWorker.ready")
    page.reload()
    page.wait_for_function("() => navigator.serviceWorker.controller !== null")


@pytest.mark.parametrize("lang, description", [("en", "Share what you care about, in your own words."),
                                               ("fr", "Partagez ce qui compte pour vous, avec vos propres mots.")])
def test_the_manifest_makes_an_installable_app_in_each_language(phone, live_server, employee, lang, description):
    page = phone(employee, lang).new_page()
    page.goto(live_server.url + "/")
    href = page.locator("link[rel=manifest]").get_attribute("href")
    response = page.request.get(live_server.url + href)
    assert response.ok and response.headers["content-type"].startswith("application/manifest+json")
    manifest = response.json()
    assert (manifest["name"], manifest["lang"], manifest["description"]) == ("Porte-Voix", lang, description)
    assert manifest["display"] == "standalone" and manifest["scope"] == "/"
    assert page.request.get(live_server.url + manifest["start_url"]).ok
    assert re.fullmatch(r"#[0-9a-f]{6}", manifest["theme_color"]) and manifest["background_color"]
    sizes = set()
    for icon in manifest["icons"]:
        body = page.request.get(live_server.url + icon["src"]).body()
        width, height = png_size(body)
        assert icon["sizes"] == f"{width}x{height}"
        sizes.add((width, icon["purpose"]))
    assert {(192, "any"), (512, "any"), (512, "maskable")} <= sizes


def test_chromium_finds_nothing_against_installing_the_app(playwright_instance, browser, live_server, employee,
                                                           tmp_path):
    # A profile on disk (`browser` only skips this where Chromium is missing): Chromium never offers to install
    # from an incognito context, which every `browser` context is.
    context = playwright_instance.chromium.launch_persistent_context(
        tmp_path / "profile", executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True, locale="fr-FR",
        viewport={"width": 360, "height": 740}, is_mobile=True, has_touch=True)
    try:
        browser_sign_in(context, live_server, employee)
        page = context.new_page()
        page.goto(live_server.url + "/")
        controlled(page)
        verdict = context.new_cdp_session(page).send("Page.getInstallabilityErrors")
        assert verdict["installabilityErrors"] == []
    finally:
        context.close()


def test_offline_the_app_shows_its_offline_page_and_the_kept_suggestions(phone, live_server, employee, ready, link):
    ready(employee)
    context = phone(employee, "fr")
    page = context.new_page()
    page.goto(live_server.url + "/to-share")
    controlled(page)
    expect(page.get_by_role("heading", name="L'hydrogène vert arrive à Lyon")).to_be_visible()

    context.set_offline(True)
    page.goto(live_server.url + "/account")
    expect(page.get_by_role("heading", name="Vous êtes hors ligne")).to_be_visible()
    expect(page.get_by_text("Rien de ce que vous écrivez hors ligne n'est envoyé")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth <= innerWidth")
    assert not serious_violations(page), describe(serious_violations(page))
    # The shell kept on install dresses the page: the site's stylesheets came from the worker's cache.
    assert page.evaluate("[...document.styleSheets].filter(sheet => sheet.cssRules.length > 0).length") == 2
    page.screenshot(path="/tmp/porte-voix-screens/offline-fr.png", full_page=True)

    page.get_by_role("link", name="Voir les suggestions gardées sur ce téléphone").click()
    expect(page.get_by_role("heading", name="L'hydrogène vert arrive à Lyon")).to_be_visible()
    expect(page.locator("#offline-state")).to_contain_text("Vous êtes hors ligne")

    context.set_offline(False)
    page.goto(live_server.url + "/")
    page.get_by_role("button", name="Menu").click()
    page.locator("#site-menu summary", has_text=employee.name).click()
    page.get_by_role("button", name="Se déconnecter").click()
    expect(page.get_by_role("heading", name="Se connecter")).to_be_visible()
    context.set_offline(True)
    page.goto(live_server.url + "/to-share")
    expect(page.get_by_role("heading", name="Vous êtes hors ligne")).to_be_visible()
    expect(page.get_by_text("L'hydrogène vert arrive à Lyon")).to_have_count(0)


def test_another_person_on_the_same_phone_never_sees_the_kept_suggestions(
        phone, browser, live_server, employee, make_user, ready, link):
    from tests.conftest import browser_sign_in

    ready(employee)
    context = phone(employee, "en")
    page = context.new_page()
    page.goto(live_server.url + "/to-share")
    controlled(page)
    context.clear_cookies()
    browser_sign_in(context, live_server, make_user(email="sam@acme.example", name="Sam Roy"))
    page.goto(live_server.url + "/")  # the page is now Sam's: Camille's kept list is dropped
    context.set_offline(True)
    page.goto(live_server.url + "/to-share")
    expect(page.get_by_role("heading", name="You are offline")).to_be_visible()


def test_a_post_is_never_sent_or_kept_while_offline(phone, live_server, employee, ready, link):
    ready(employee)
    context = phone(employee, "en")
    page = context.new_page()
    page.goto(f"{live_server.url}/share/{link.id}")
    controlled(page)
    page.get_by_label("Your words").fill("Lyon gets green hydrogen: proud of the team.")
    page.get_by_text("LinkedIn", exact=True).click()
    context.set_offline(True)
    page.get_by_role("button", name="Share", exact=True).click()
    expect(page.locator("#offline-state")).to_contain_text("nothing was sent")
    expect(page.get_by_label("Your words")).to_have_value("Lyon gets green hydrogen: proud of the team.")
    assert Share.select().count() == 0
    context.set_offline(False)
    page.wait_for_timeout(500)
    assert Share.select().count() == 0  # nothing was queued to go out when the network came back
