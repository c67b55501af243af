"""The charter simulator in headless Chromium: an admin changes the rules, simulates them on the demo's past
shares, reads what would change (in English, in French, on a phone) and publishes."""

import os

import pytest
from playwright.sync_api import expect

from tests.charter.test_browser import PHONE, demo, open_as  # noqa: F401 (the demo fixture)

pytestmark = pytest.mark.browser


def test_an_admin_simulates_a_stricter_draft_then_publishes_it(browser, live_server, app, demo, artifacts):  # noqa: F811
    from server.auth.models import User
    from server.charter.models import CharterVersion

    admin = demo["admin@acme-energie.example"]
    page = open_as(browser, live_server, app, admin)
    page.goto(live_server.url + "/admin/charter/edit")
    banned = page.locator("#banned_terms")
    banned.fill(banned.input_value() + "\ntransition")
    page.locator(".charter-simulate").screenshot(path=os.path.join(artifacts, "charter-simulate-editor.png"))
    page.get_by_role("button", name="Simulate on past shares").click()
    expect(page.get_by_role("heading", name="What this draft would have done", level=1)).to_be_visible()
    expect(page.get_by_text("would be treated differently")).to_be_visible()
    rules = page.get_by_role("table").nth(1)
    expect(rules.get_by_role("row", name="Banned terms")).to_be_visible()
    expect(page.locator(".simulation-examples mark").first).to_have_text("Transition", ignore_case=True)
    expect(page.get_by_role("heading", name="Rules that never fire")).to_be_visible()
    page.screenshot(path=os.path.join(artifacts, "charter-simulation.png"), full_page=True)

    User.update(locale="fr").where(User.id == admin.id).execute()
    page.reload()
    expect(page.get_by_role("heading", name="Ce que ce brouillon aurait fait", level=1)).to_be_visible()
    page.screenshot(path=os.path.join(artifacts, "charter-simulation-fr.png"), full_page=True)

    phone = open_as(browser, live_server, app, admin, viewport=PHONE)
    phone.goto(page.url)
    expect(phone.get_by_role("heading", name="Ce que ce brouillon aurait fait", level=1)).to_be_visible()
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"], "nothing overflows a phone"
    phone.screenshot(path=os.path.join(artifacts, "charter-simulation-phone.png"), full_page=True)

    before = CharterVersion.select().count()
    page.get_by_label("Ce qui a changé (affiché aux collaborateurs)").fill("Transition : terme interdit")
    page.get_by_role("button", name=f"Publier la version {before + 1}").click()
    expect(page.get_by_role("heading", name=f"Charte, version {before + 1}")).to_be_visible()
    published = CharterVersion.get(CharterVersion.number == before + 1)
    assert "transition" in published.rules["banned_terms"] and published.simulation_summary["changed_posts"] > 0
