"""An employee shares from the portal in Chromium: live check, a fix, a composer popup, a connected Mastodon."""

import os
import re
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import expect

from tests.conftest import browser_sign_in

pytestmark = pytest.mark.browser


def test_employee_fixes_a_warning_then_shares_by_intent_and_through_mastodon(
        browser, live_server, employee, ready, link, mastodon_account, fake_mastodon, artifacts):
    ready(employee)
    mastodon_account(employee)
    context = browser.new_context(locale="en-GB", viewport={"width": 1280, "height": 900},
                                  permissions=["clipboard-read", "clipboard-write"])
    context.route("https://www.linkedin.com/**", lambda route: route.fulfill(
        status=200, content_type="text/html", body="<title>LinkedIn composer</title>"))
    browser_sign_in(context, live_server, employee)
    page = context.new_page()
    page.goto(f"{live_server.url}/share/{link.id}")
    expect(page.get_by_role("heading", name="L'hydrogène vert arrive à Lyon")).to_be_visible()

    text = page.get_by_label("Your words")
    page.get_by_label("LinkedIn").check()
    text.fill("Fiers de lancer energieplus à Lyon !")
    fix = page.get_by_role("button", name=re.compile("ÉnergiePlus"))
    expect(fix).to_be_visible()
    page.screenshot(path=os.path.join(artifacts, "compose-warning.png"), full_page=True)
    fix.click()
    expect(text).to_have_value("Fiers de lancer ÉnergiePlus à Lyon !")
    expect(page.get_by_text("Nothing to change: this post follows the charter.")).to_be_visible()

    page.get_by_label("Mastodon", exact=True).check()
    page.get_by_label(re.compile("Post for me as @marie")).check()
    page.get_by_role("button", name="Share", exact=True).click()
    mastodon = page.locator("li.target[data-network=mastodon]")
    expect(mastodon.get_by_text("Posted")).to_be_visible()
    expect(page.locator("li.target[data-network=linkedin]").get_by_text("Ready to open")).to_be_visible()
    assert len(fake_mastodon.posts) == 1
    assert fake_mastodon.posts[0]["text"].startswith("Fiers de lancer ÉnergiePlus à Lyon !")

    with page.expect_response(lambda response: response.url.endswith("/targets/linkedin/opened")) as told, \
            page.expect_popup() as popup_info:
        page.get_by_role("button", name="Open LinkedIn").click()
    assert told.value.ok, "the server is told the composer was opened"
    popup = popup_info.value
    popup.wait_for_load_state()
    sent = urlsplit(popup.url)
    assert (sent.netloc, sent.path) == ("www.linkedin.com", "/sharing/share-offsite/")
    tracked = parse_qs(sent.query)["url"][0]
    assert tracked.startswith("http://localhost/s/")
    # LinkedIn takes no prefilled text (the link comes as a card): the employee's words are on the clipboard.
    expect(page.get_by_text("Text copied: paste it in the network's window.")).to_be_visible()
    assert page.evaluate("navigator.clipboard.readText()") == "Fiers de lancer ÉnergiePlus à Lyon !"
    # Opening the composer is all we can know of an intent: the share is then shared, the target "opened".
    page.reload()
    expect(page.locator("li.target[data-network=linkedin]").get_by_text("Opened")).to_be_visible()
    expect(page.locator(".state-completed")).to_have_text("Shared")
    page.screenshot(path=os.path.join(artifacts, "share-shared.png"), full_page=True)
    context.close()


def test_the_compose_page_reads_well_on_a_phone(browser, live_server, employee, ready, link, artifacts):
    ready(employee)
    context = browser.new_context(viewport={"width": 375, "height": 740}, is_mobile=True, has_touch=True,
                                  locale="fr-FR")
    browser_sign_in(context, live_server, employee)
    page = context.new_page()
    page.goto(f"{live_server.url}/share/{link.id}")
    expect(page.get_by_label("Vos mots")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    page.screenshot(path=os.path.join(artifacts, "compose-phone-fr.png"), full_page=True)
    context.close()
