"""Every popup view and the options page, in English and French, toolbar-wide and phone-narrow: nothing
overflows sideways, and each is saved as a screenshot (artifacts/extension/) for a person to look at."""

import os
from urllib.parse import quote

import pytest
from playwright.sync_api import expect

from server.library.kits import replace_kit
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
        extension, extension_locale, live_server, employee, admin, ready, make_link, shots):
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
        replace_kit(admin, link.id, captions=[
            {"language": "fr", "text": "Vingt mégawatts d'hydrogène vert pour les bus lyonnais : fier d'y contribuer."},
            {"language": "fr", "text": "Un grand pas pour la mobilité propre à Lyon."}])
    options, _page = extension.connect(live_server, employee)
    options.bring_to_front()
    shots(options, "options")

    url = "https://news.example/hydrogene"
    popup = extension.open(f"popup/popup.html?url={quote(url, safe='')}&title=Hydrog%C3%A8ne")
    expect(popup.locator("article.card")).to_have_count(2)
    shots(popup, "popup-suggestions")

    popup.locator(f"article.card[data-link-id='{link.id}']").get_by_role("button", name=words["share"]).click()
    expect(popup.locator(".idea-box")).to_contain_text("hydrogène vert pour les bus lyonnais")
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


STATE_TEXTS = {
    "en-GB": {"empty": "Nothing to share yet: the library is empty for now.", "charter": "Read the charter",
              "done": "Done: check again", "take_part": "I take part", "share": "Share",
              "unreachable": "cannot be reached", "revoked": "Connect again"},
    "fr-FR": {"empty": "Rien à partager pour l'instant", "charter": "Lire la charte",
              "done": "C'est fait : vérifier", "take_part": "Je participe", "share": "Partager",
              "unreachable": "Impossible de joindre", "revoked": "Se reconnecter"},
}


@pytest.mark.parametrize("extension_locale", ["en-GB", "fr-FR"])
def test_the_popup_states_read_well(extension, extension_locale, live_server, employee, charter, make_link, shots):
    words = STATE_TEXTS[extension_locale]
    extension.connect(live_server, employee)
    popup = extension.open("popup/popup.html")
    expect(popup.get_by_text(words["empty"])).to_be_visible()
    shots(popup, "popup-empty-library")

    make_link("https://acme-energie.example/news/hydrogene-lyon", title="L'hydrogène vert arrive à Lyon")
    popup.reload()
    popup.get_by_role("button", name=words["share"]).click()
    expect(popup.get_by_role("button", name=words["charter"])).to_be_visible()
    expect(popup.locator("#publish")).to_be_disabled()
    shots(popup, "popup-charter-needed")

    with live_server.app.test_request_context():
        from server.charter.training import acknowledge

        acknowledge(employee, charter.number)
    popup.get_by_role("button", name=words["done"]).click()
    expect(popup.get_by_role("button", name=words["take_part"])).to_be_visible()
    shots(popup, "popup-take-part")
    popup.get_by_role("button", name=words["take_part"]).click()
    expect(popup.locator("#publish")).to_be_enabled()

    extension.context.route(f"{live_server.url}/api/**", lambda route: route.abort())
    popup.reload()
    expect(popup.get_by_text(words["unreachable"])).to_be_visible()
    shots(popup, "popup-unreachable")
    extension.context.unroute(f"{live_server.url}/api/**")

    from server.auth.models import ApiToken
    from server.auth.tokens import revoke_api_token

    with live_server.app.test_request_context():
        revoke_api_token(employee, ApiToken.get(ApiToken.user == employee, ApiToken.revoked_at.is_null()).id)
    popup.reload()
    expect(popup.get_by_role("button", name=words["revoked"])).to_be_visible()
    shots(popup, "popup-revoked")
