"""Every popup view and the options page, in English and French, toolbar-wide and phone-narrow: nothing
overflows sideways, and each is saved as a screenshot (artifacts/extension/) for a person to look at."""

import os
from urllib.parse import quote

import pytest
from playwright.sync_api import expect

from server.library.review import propose_link

pytestmark = pytest.mark.browser

WIDTHS = {"toolbar": {"width": 380, "height": 600}, "phone": {"width": 320, "height": 640}}
TEXTS = {
    "en-GB": {"connect": "Connect", "words": "Your words", "share": "Share", "fix": "The brand is written"},
    "fr-FR": {"connect": "Se connecter", "words": "Vos mots", "share": "Partager", "fix": "La marque s'écrit"},
}


@pytest.fixture
def shots(artifacts, extension_locale):
    folder = os.path.join(artifacts, "extension")
    os.makedirs(folder, exist_ok=True)

    def take(page, name):
        for width, size in WIDTHS.items():
            page.set_viewport_size(size)
            page.wait_for_timeout(150)
            overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
            assert overflow <= 0, f"{name} overflows by {overflow}px at {width} width"
            page.screenshot(path=os.path.join(folder, f"{name}-{extension_locale[:2]}-{width}.png"), full_page=True)

    return take


@pytest.mark.parametrize("extension_locale", ["en-GB", "fr-FR"])
def test_every_view_reads_well_in_both_languages_and_widths(
        extension, extension_locale, live_server, employee, ready, make_link, shots):
    words = TEXTS[extension_locale]
    popup = extension.open("popup/popup.html")
    expect(popup.get_by_role("button", name=words["connect"], exact=True)).to_be_visible()
    shots(popup, "popup-not-connected")

    ready(employee)
    link = make_link("https://acme-energie.example/news/hydrogene-lyon", title="L'hydrogène vert arrive à Lyon",
                     description="Un électrolyseur de 20 MW alimentera les bus de la métropole dès 2026.",
                     site_name="Acme Énergie")
    make_link("https://acme-energie.example/carrieres/ingenieurs", title="Nous recrutons 40 ingénieurs réseaux",
              site_name="Acme Énergie", category="culture")
    with live_server.app.test_request_context():
        propose_link(employee, "https://blog.example/un-article-a-partager-sur-la-transition-energetique")
    options, _page = extension.connect(live_server, employee)
    options.bring_to_front()
    shots(options, "options")

    url = "https://news.example/hydrogene"
    popup = extension.open(f"popup/popup.html?url={quote(url, safe='')}&title=Hydrog%C3%A8ne")
    expect(popup.locator("article.card")).to_have_count(2)
    shots(popup, "popup-suggestions")

    popup.locator(f"article.card[data-link-id='{link.id}']").get_by_role("button", name=words["share"]).click()
    popup.get_by_label(words["words"]).fill("Fiers de lancer energieplus à Lyon, une belle étape pour l'équipe !")
    expect(popup.get_by_text(words["fix"])).to_be_visible()
    popup.locator("input[name=network][value=linkedin]").check()
    popup.locator("input[name=network][value=mastodon]").check()
    shots(popup, "popup-compose")

    popup.locator("input[name=network][value=mastodon]").uncheck()
    popup.locator("input[name=network][value=x]").check()
    popup.locator("#publish").click()
    expect(popup.locator(".target")).to_have_count(2)
    shots(popup, "popup-shared")

    popup = extension.open("popup/popup.html?view=proposals")
    expect(popup.locator(".proposals li")).to_have_count(1)
    shots(popup, "popup-suggestions-sent")
