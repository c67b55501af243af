"""The extension's popup and options page in both languages: no serious or critical axe-core violation, not
connected and connected (with suggestions)."""

from urllib.parse import quote

import pytest

from tests.support.axe import describe, serious_violations

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("extension_locale", ["en-GB", "fr-FR"])
def test_the_popup_and_options_pass_axe(extension, live_server, employee, make_link, extension_locale):
    make_link("https://acme-energie.example/news/velo", title="Le vélo électrique gagne les entreprises")
    problems = []
    popup = extension.open("popup/popup.html")
    popup.wait_for_load_state("networkidle")
    problems += serious_violations(popup)
    extension.connect(live_server, employee)
    options = extension.open("options/options.html")
    options.wait_for_load_state("networkidle")
    problems += serious_violations(options)
    popup = extension.open(f"popup/popup.html?url={quote('https://news.example/velo', safe='')}&title=V%C3%A9lo")
    popup.locator("article.card").first.wait_for()
    problems += serious_violations(popup)
    popup.screenshot(path=f"/tmp/porte-voix-screens/extension-popup-{extension_locale}.png", full_page=True)
    assert not problems, describe(problems)
