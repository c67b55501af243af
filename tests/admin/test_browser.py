"""Moderators' daily work in Chromium: two shares approved at once, a suggested edit accepted by its author,
and the audit page read in French on a phone. Screenshots in English, French and 375 px."""

import os

import pytest
from playwright.sync_api import expect

from server.shares.models import Share
from tests.admin.test_audit_page import _moderation_story
from tests.conftest import browser_sign_in

pytestmark = pytest.mark.browser
SHOTS = os.environ.get("PV_SCREENSHOTS", "/tmp/porte-voix-screenshots")  # looked at, never committed


def _waiting_shares(app, admin, make_user, count):
    from server.charter.training import acknowledge
    from server.charter.versions import parse_document, save_version
    from server.library.links import add_link
    from server.shares.pipeline import opt_in, submit_share

    camille = make_user(name="Camille Durand", department="Ingénierie")
    with app.test_request_context():
        version = save_version(admin, parse_document({
            "name": "Charte", "languages": ["fr", "en"], "review_terms": ["rachat"], "quiz": [],
            "text": {"fr": "Soyez vous-même.", "en": "Be yourself."}}))
        link = add_link(admin, "https://acme-energie.example/news/lyon", title="Hydrogène à Lyon", category="sector",
                        language="fr", fetch_preview=False)
        opt_in(camille)
        acknowledge(camille, version.number)
        texts = ["Un rachat à Lyon, paraît-il", "Le rachat du site est-il confirmé ?", "Rachat : on en parle ?"]
        shares = [submit_share(camille, link_id=link.id, text=texts[n], idempotency_key=str(n),
                               targets=[{"network": "linkedin", "method": "intent"}])[0] for n in range(count)]
    return camille, shares


def _context(browser, live_server, user, locale="en-GB", width=1280):
    context = browser.new_context(locale=locale, viewport={"width": width, "height": 900})
    browser_sign_in(context, live_server, user)
    page = context.new_page()
    page.set_default_timeout(10_000)
    return context, page


def test_a_moderator_approves_two_shares_at_once_and_suggests_words_for_the_third(browser, live_server, admin,
                                                                                 make_user):
    os.makedirs(SHOTS, exist_ok=True)
    camille, shares = _waiting_shares(live_server.app, admin, make_user, 3)
    moderator = make_user("moderator", name="Inès Roux")
    context, page = _context(browser, live_server, moderator)
    page.goto(f"{live_server.url}/review")
    page.get_by_label("Tick “Hydrogène à Lyon”").nth(0).check()
    page.get_by_label("Tick “Hydrogène à Lyon”").nth(1).check()
    page.screenshot(path=os.path.join(SHOTS, "review-en.png"), full_page=True)
    page.get_by_role("button", name="Approve the ticked shares").click()
    expect(page.get_by_text("2 share(s) approved.")).to_be_visible()
    assert [Share.get_by_id(s.id).state for s in shares] == ["approved", "approved", "pending_review"]

    page.get_by_text("Suggest an edit").click()
    page.get_by_label("The words you suggest").fill("Notre site de Lyon se transforme : on vous raconte.")
    page.get_by_label("A word for the author (optional)").fill("Pas de rumeur, parlons du projet.")
    page.get_by_role("button", name="Send the suggestion").click()
    expect(page.get_by_text("Suggestion sent")).to_be_visible()
    context.close()

    context, page = _context(browser, live_server, camille, locale="fr-FR", width=375)
    page.goto(f"{live_server.url}/")
    expect(page.get_by_text("Un·e modérateur·rice propose d'autres mots · Hydrogène à Lyon")).to_be_visible()
    page.screenshot(path=os.path.join(SHOTS, "home-waiting-fr-375.png"), full_page=True)
    page.get_by_role("button", name="Les accepter ou garder les vôtres").click()
    expect(page.get_by_role("heading", name="Inès Roux propose d'autres mots")).to_be_visible()
    page.wait_for_load_state("load")  # tables become cards once the page's scripts have run
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    page.screenshot(path=os.path.join(SHOTS, "suggestion-fr-375.png"), full_page=True)
    page.get_by_role("button", name="Accepter les mots proposés").click()
    expect(page.get_by_text("Vous avez pris les mots proposés")).to_be_visible()
    assert Share.get_by_id(shares[2].id).text == "Notre site de Lyon se transforme : on vous raconte."
    context.close()


def test_the_audit_page_reads_well_in_french_on_a_phone_and_in_english(browser, live_server, admin, make_user):
    os.makedirs(SHOTS, exist_ok=True)
    _moderation_story(live_server.app, admin, make_user)
    context, page = _context(browser, live_server, admin, locale="fr-FR", width=375)
    page.goto(f"{live_server.url}/admin/audit")
    refused = "Inès Roux a refusé le partage de Camille Durand sur «\u00a0Hydrogène à Lyon\u00a0»."
    expect(page.get_by_text(refused)).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    page.screenshot(path=os.path.join(SHOTS, "audit-fr-375.png"), full_page=True)
    page.get_by_label("Quoi").select_option(label="Modération des partages")
    page.get_by_role("button", name="Filtrer").click()
    expect(page.locator("li.audit-line")).to_have_count(2)
    context.close()
    context, page = _context(browser, live_server, admin)
    page.goto(f"{live_server.url}/admin/audit")
    page.screenshot(path=os.path.join(SHOTS, "audit-en.png"), full_page=True)
    context.close()
