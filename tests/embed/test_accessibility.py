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
