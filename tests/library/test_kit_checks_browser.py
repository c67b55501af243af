"""In Chromium: a curator writes a caption idea, the editor says what the charter thinks of it and how to
fix it; in English, in French and on a phone."""

import os

import pytest
from playwright.sync_api import expect

from tests.conftest import browser_sign_in

pytestmark = pytest.mark.browser

SCREENSHOTS = os.environ.get("PV_SCREENSHOTS", "/tmp/pv-screenshots")


@pytest.fixture
def charter(app, admin):
    from server.charter.versions import parse_document, save_version

    with app.test_request_context():
        return save_version(admin, parse_document({
            "name": "Charte", "disclosure": {"required": True, "markers": ["#AcmeEnergie", "I work at Acme"]},
            "text": {"fr": "x", "en": "x"}, "quiz": []}))


@pytest.mark.parametrize("locale, width, words", [
    ("en-GB", 1280, {"save": "Save the kit", "says": "What the charter says of idea 1", "fix": "Suggested fix: "}),
    ("fr-FR", 1280, {"save": "Enregistrer le kit", "says": "Ce que la charte dit de l’idée 1",
                     "fix": "Correction suggérée : "}),
    ("en-GB", 375, {"save": "Save the kit", "says": "What the charter says of idea 1", "fix": "Suggested fix: "}),
])
def test_the_kit_editor_shows_each_ideas_findings_and_fix(browser, live_server, app, curator, library, charter,
                                                          locale, width, words):
    curator.locale = locale[:2]
    curator.save()
    link = library.add(title="Parc solaire de Lunel")
    context = browser.new_context(locale=locale, viewport={"width": width, "height": 900})
    browser_sign_in(context, live_server, curator)
    page = context.new_page()
    page.set_default_timeout(10_000)
    page.goto(f"{live_server.url}/admin/library/{link.id}")
    page.locator("#caption_text_0").fill("Our biggest solar park is live in Occitanie!")
    page.get_by_role("button", name=words["save"]).click()
    findings = page.get_by_role("list", name=words["says"])
    expect(findings).to_be_visible()
    expect(findings).to_contain_text(words["fix"] + "#AcmeEnergie")
    os.makedirs(SCREENSHOTS, exist_ok=True)
    page.locator("#kit").screenshot(path=f"{SCREENSHOTS}/kit-{locale}-{width}.png")
    context.close()
