"""On a phone, once the server's charter check has passed, "Share" hands the checked text and the tracked
link to the phone's share sheet (`navigator.share`, captured here by a stub); a blocked post never reaches it."""

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

SHARE_STUB = """
window.__shared = [];
navigator.share = async (data) => { window.__shared.push(data); };
navigator.canShare = () => true;
"""


def test_the_phone_share_sheet_gets_the_checked_text_and_the_tracked_link(phone, live_server, employee, ready, link):
    ready(employee)
    context = phone(employee, "en")
    context.add_init_script(SHARE_STUB)
    page = context.new_page()
    page.goto(f"{live_server.url}/share/{link.id}")
    page.get_by_label("Your words").fill("Fiers de lancer energieplus à Lyon !")
    page.get_by_role("button", name="ÉnergiePlus").tap()
    expect(page.get_by_label("Your words")).to_have_value("Fiers de lancer ÉnergiePlus à Lyon !")
    page.get_by_text("LinkedIn", exact=True).tap()
    page.get_by_role("button", name="Share", exact=True).tap()

    sheet = page.get_by_role("button", name="Share with an app on this phone · LinkedIn")
    expect(sheet).to_be_visible()
    expect(page.get_by_role("button", name="Open LinkedIn")).to_be_visible()  # the network button stays
    assert page.evaluate("document.documentElement.scrollWidth <= innerWidth")
    page.screenshot(path="/tmp/porte-voix-screens/web-share-en.png", full_page=True)
    with page.expect_response(lambda response: response.url.endswith("/targets/linkedin/opened")) as answer:
        sheet.tap()
    assert answer.value.ok
    shared = page.evaluate("window.__shared")
    assert len(shared) == 1
    assert shared[0]["text"] == "Fiers de lancer ÉnergiePlus à Lyon !"
    assert shared[0]["url"].startswith("http://localhost/s/")
    page.reload()
    expect(page.locator("li.target[data-network=linkedin]").get_by_text("Opened")).to_be_visible()


def test_without_web_share_the_network_buttons_remain(phone, live_server, employee, ready, link):
    ready(employee)
    context = phone(employee, "fr")
    context.add_init_script("delete Navigator.prototype.share; delete Navigator.prototype.canShare;")
    page = context.new_page()
    page.goto(f"{live_server.url}/share/{link.id}")
    page.get_by_label("Vos mots").fill("L'hydrogène arrive à Lyon, bravo l'équipe.")
    page.get_by_text("LinkedIn", exact=True).tap()
    page.get_by_role("button", name="Partager", exact=True).tap()
    expect(page.get_by_role("button", name="Ouvrir LinkedIn")).to_be_visible()
    expect(page.locator("button.native-share")).to_be_hidden()


def test_a_blocked_post_never_reaches_the_share_sheet(phone, live_server, employee, ready, link):
    ready(employee)
    context = phone(employee, "en")
    context.add_init_script(SHARE_STUB)
    page = context.new_page()
    page.goto(f"{live_server.url}/share/{link.id}")
    page.get_by_label("Your words").fill("Voltaria, c'est nul à chier.")
    page.get_by_text("LinkedIn", exact=True).tap()
    page.get_by_role("button", name="Share", exact=True).tap()
    expect(page.get_by_role("alert").filter(has_text="The charter blocks this text")).to_be_visible()
    expect(page.locator("button.native-share")).to_have_count(0)
    assert page.evaluate("window.__shared") == []
