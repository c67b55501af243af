"""The share button's dialog (its compose page and the steps around it) in both languages, at a phone's width:
no serious or critical axe-core violation, nothing wider than the dialog."""

import pytest

from tests.conftest import browser_sign_in
from tests.support.axe import describe, serious_violations

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_dialog_passes_axe_in_both_languages(browser, live_server, employee, ready, make_link, lang):
    ready(employee)
    link = make_link("https://acme-energie.example/news/velo", title="Le vélo électrique gagne les entreprises")
    context = browser.new_context(locale={"en": "en-GB", "fr": "fr-FR"}[lang], viewport={"width": 360, "height": 640},
                                  is_mobile=True, has_touch=True)
    problems = []
    page = context.new_page()
    page.goto(f"{live_server.url}/embed/welcome?url={link.url}&lang={lang}")  # signed out: the first step
    problems += serious_violations(page)
    browser_sign_in(context, live_server, employee)
    page.goto(f"{live_server.url}/embed/compose?url={link.url}&lang={lang}")
    page.get_by_role("textbox").first.fill("Le vélo au travail, on y croit chez Acme.")
    page.wait_for_load_state("networkidle")
    assert page.evaluate("document.documentElement.lang") == lang
    assert page.evaluate("document.documentElement.scrollWidth <= innerWidth")
    problems += serious_violations(page)
    page.screenshot(path=f"/tmp/porte-voix-screens/embed-compose-{lang}.png", full_page=True)
    context.close()
    assert not problems, describe(problems)


def test_on_a_phone_the_dialog_hands_the_checked_post_to_the_share_sheet(browser, live_server, employee, ready,
                                                                         link):
    ready(employee)
    context = browser.new_context(locale="en-GB", viewport={"width": 360, "height": 640}, is_mobile=True,
                                  has_touch=True)
    context.add_init_script("window.__shared = []; navigator.share = async (d) => { window.__shared.push(d); };"
                            "navigator.canShare = () => true;")
    browser_sign_in(context, live_server, employee)
    page = context.new_page()
    page.goto(f"{live_server.url}/embed/compose?url={link.url}&lang=en")
    page.get_by_label("Your words").fill("Lyon gets green hydrogen: proud of the team.")
    page.get_by_text("LinkedIn", exact=True).tap()
    page.get_by_role("button", name="Share", exact=True).tap()
    sheet = page.get_by_role("button", name="Share with an app on this phone · LinkedIn")
    with page.expect_response(lambda response: response.url.endswith("/targets/linkedin/opened")):
        sheet.tap()
    shared = page.evaluate("window.__shared")
    assert shared[0]["text"] == "Lyon gets green hydrogen: proud of the team."
    assert shared[0]["url"].startswith(f"{live_server.url}/s/")
    context.close()


def test_the_share_button_lets_its_dialog_use_the_share_sheet(client):
    loader = client.get("/widget.js").get_data(as_text=True)
    assert "clipboard-write; web-share" in loader
