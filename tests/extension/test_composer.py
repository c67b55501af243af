"""The charter where people write: on local pages that reproduce LinkedIn's and X's composers (served at
their real addresses), the content script shows the charter's findings beside the composer and applies a
fix; on a site the employee did not enable, nothing runs."""

import os
from pathlib import Path

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

PAGES = Path(__file__).parent / "pages"


def serve(extension, pattern, page_file):
    body = (PAGES / page_file).read_text()
    extension.context.route(pattern, lambda route: route.fulfill(status=200, content_type="text/html", body=body))


def enable_composer(extension, label, *patterns):
    extension.grant(*patterns)
    options = extension.open("options/options.html")
    options.get_by_label(label).check()
    options.wait_for_function("""async () => (await chrome.runtime.sendMessage({type: 'composers.sync'})).result
                                 .some(id => id.startsWith('pv-composer-'))""")
    options.close()


LINKEDIN_TEXTS = {
    "en-GB": {"toggle": "On LinkedIn", "one": "Charter · 1 remark", "good": "Charter · all good",
              "message": "The brand is written “ÉnergiePlus”.", "fix": "Replace with “ÉnergiePlus”"},
    "fr-FR": {"toggle": "Sur LinkedIn", "one": "Charte · 1 remarque", "good": "Charte · tout va bien",
              "message": "La marque s'écrit « ÉnergiePlus ».", "fix": "Remplacer par « ÉnergiePlus »"},
}


@pytest.mark.parametrize("extension_locale", ["en-GB", "fr-FR"])
def test_linkedin_composer_shows_a_finding_and_applies_its_fix(
        extension, extension_locale, live_server, employee, charter, artifacts):
    words = LINKEDIN_TEXTS[extension_locale]
    extension.connect(live_server, employee)
    serve(extension, "https://www.linkedin.com/**", "linkedin.html")
    enable_composer(extension, words["toggle"], "https://www.linkedin.com/*")
    page = extension.context.new_page()
    page.goto("https://www.linkedin.com/feed/")
    editor = page.get_by_role("textbox", name="Text editor for creating content")
    editor.click()
    page.keyboard.type("Fiers de lancer energieplus à Lyon !")
    pill = page.locator("[data-pv-charter] button.pill")
    expect(pill).to_have_text(words["one"])
    pill.click()
    expect(page.get_by_text(words["message"])).to_be_visible()
    os.makedirs(os.path.join(artifacts, "extension"), exist_ok=True)
    page.screenshot(path=os.path.join(artifacts, "extension", f"composer-linkedin-{extension_locale[:2]}.png"))
    page.get_by_role("button", name=words["fix"]).click()
    expect(editor).to_have_text("Fiers de lancer ÉnergiePlus à Lyon !")
    expect(pill).to_have_text(words["good"])


def test_x_composer_shows_a_finding_and_applies_its_fix(extension, live_server, employee, charter):
    extension.connect(live_server, employee)
    serve(extension, "https://x.com/**", "x.html")
    enable_composer(extension, "On X", "https://x.com/*", "https://twitter.com/*")
    page = extension.context.new_page()
    page.goto("https://x.com/home")
    editor = page.get_by_role("textbox", name="Post text")
    editor.click()
    page.keyboard.type("Bravo pour energieplus")
    pill = page.locator("[data-pv-charter] button.pill")
    expect(pill).to_have_text("Charter · 1 remark")
    pill.click()
    page.get_by_role("button", name="Replace with “ÉnergiePlus”").click()
    expect(editor).to_have_text("Bravo pour ÉnergiePlus")
    expect(pill).to_have_text("Charter · all good")


def test_nothing_is_read_on_a_site_the_employee_did_not_enable(extension, live_server, employee, charter):
    extension.connect(live_server, employee)
    serve(extension, "https://x.com/**", "x.html")
    extension.grant("https://x.com/*")  # access granted, yet the feature is off for X
    page = extension.context.new_page()
    page.goto("https://x.com/home")
    page.get_by_role("textbox", name="Post text").click()
    page.keyboard.type("Bravo pour energieplus")
    page.wait_for_timeout(1500)
    assert page.locator("[data-pv-charter]").count() == 0
    assert extension.evaluate("() => chrome.scripting.getRegisteredContentScripts()") == []
