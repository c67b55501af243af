"""The charter in headless Chromium: an employee reads, acknowledges, trains and tries a post; an admin edits,
tests a draft, publishes, exports and imports."""

import json
import os
import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

PHONE = {"width": 375, "height": 812}


@pytest.fixture
def demo(app):
    from server.auth.models import User
    from server.demo import seed_demo

    with app.test_request_context():
        people = seed_demo()
    # The English-speaking people of the demo, so the assertions read the English pages.
    User.update(locale="en").where(User.email == "admin@acme-energie.example").execute()
    return people


def open_as(browser, live_server, app, user, viewport=None):
    """A browser page signed in as `user` (a real session, as the sign-in pages create it)."""
    from flask import session

    from server.auth.sessions import sign_in

    with app.test_request_context():
        sign_in(user, "test")
        cookie = app.session_interface.get_signing_serializer(app).dumps(dict(session))
    context = browser.new_context(locale="en-GB", viewport=viewport or {"width": 1280, "height": 900},
                                  accept_downloads=True)
    context.add_cookies([{"name": "pv_session", "value": cookie, "url": live_server.url}])
    page = context.new_page()
    page.set_default_timeout(10_000)
    return page


def test_an_employee_reads_what_changed_acknowledges_trains_and_fixes_a_post(browser, live_server, app, demo,
                                                                              artifacts):
    page = open_as(browser, live_server, app, demo["tom@acme-energie.example"])
    page.goto(live_server.url + "/")
    page.get_by_role("link", name="Our charter").click()
    expect(page.get_by_role("heading", name="Our charter", level=1)).to_be_visible()
    changes = page.get_by_role("region", name="What changed since version 1")
    expect(changes).to_contain_text("carbon neutral")
    expect(changes.locator("ins").first).to_be_visible()
    page.screenshot(path=os.path.join(artifacts, "charter-employee.png"), full_page=True)

    page.get_by_role("button", name="I have read version 2 and I will follow it").click()
    expect(page.get_by_text("Thank you: you acknowledged version 2 of the charter.")).to_be_visible()
    expect(page.get_by_text(re.compile("You acknowledged version 2 on"))).to_be_visible()

    # Tom passed the quiz of version 1 already; he takes it again and gets one wrong.
    page.get_by_role("button", name="Take the quiz again").click()
    questions = page.get_by_role("group", name=re.compile(r"^\d\. "))
    expect(questions).to_have_count(4)
    questions.nth(0).get_by_label(re.compile("Nothing: it is my personal account")).check()
    for index, answer in ((1, "No, not until"), (2, "The post is blocked"), (3, "A moderator reviews")):
        questions.nth(index).get_by_label(re.compile(answer)).check()
    page.get_by_role("button", name="Check my answers").click()
    expect(page.get_by_text("3 of 4 right")).to_be_visible()
    expect(page.get_by_text("The right answer: My link with Acme")).to_be_visible()
    expect(page.get_by_text(re.compile("Your readers must know that you are talking about your employer"))
           ).to_be_visible()
    page.screenshot(path=os.path.join(artifacts, "charter-quiz-result.png"), full_page=True)
    page.get_by_role("button", name="Try again").click()
    expect(page.get_by_role("heading", name="Charter quiz")).to_be_visible()

    page.goto(live_server.url + "/charter")
    box = page.get_by_label("Your post")
    box.fill("Notre offre energieplus est super")
    status = page.locator("#try-result [role=status]")
    expect(status).to_contain_text("You can share, but have a look")
    expect(page.locator("#try-result mark", has_text="energieplus")).to_be_visible()
    expect(page.locator("#try-result")).to_contain_text("The brand is written “ÉnergiePlus”.")
    page.screenshot(path=os.path.join(artifacts, "charter-live-check.png"), full_page=True)
    page.get_by_role("button", name="Replace with “ÉnergiePlus”").click()
    expect(box).to_have_value("Notre offre ÉnergiePlus est super")
    add = page.get_by_role("button", name="Add “#AcmeEnergie”")
    expect(add).to_be_enabled()  # the answer to the fixed text has replaced the previous one
    add.focus()
    page.keyboard.press("Enter")
    expect(box).to_have_value("Notre offre ÉnergiePlus est super #AcmeEnergie")
    expect(status).to_have_text("Nothing to change: this post follows the charter.")
    page.context.close()


def test_the_live_check_counts_x_its_own_way_and_selects_the_passage(browser, live_server, app, demo):
    page = open_as(browser, live_server, app, demo["tom@acme-energie.example"])
    page.goto(live_server.url + "/charter")
    page.get_by_label("Network").select_option("x")
    box = page.get_by_label("Your post")
    box.fill("🎉 Je travaille chez Acme. Grève demain ? " + "Vraiment. " * 30)
    result = page.locator("#try-result")
    expect(result).to_contain_text("Text too long")
    expect(result).to_contain_text("needs a moderator's review")
    result.get_by_role("button", name="Show in the text").first.click()
    assert page.evaluate("() => { const t = document.activeElement; return t.value.slice(t.selectionStart, "
                         "t.selectionEnd); }") == "Grève"
    page.context.close()


def test_the_charter_page_on_a_phone(browser, live_server, app, demo, artifacts):
    page = open_as(browser, live_server, app, demo["camille@acme-energie.example"], viewport=PHONE)
    page.goto(live_server.url + "/charter")
    page.get_by_label(re.compile("Your post|Votre texte")).fill("Un plan social chez Voltéo ? 06 12 34 56 78")
    expect(page.locator("#try-result mark").first).to_be_visible()
    assert page.evaluate("() => document.documentElement.scrollWidth") <= PHONE["width"], "no sideways scrolling"
    page.screenshot(path=os.path.join(artifacts, "charter-employee-phone.png"), full_page=True)
    page.locator(".charter-try").screenshot(path=os.path.join(artifacts, "charter-live-check-phone.png"))
    page.evaluate("() => window.scrollTo(0, 0)")
    page.screenshot(path=os.path.join(artifacts, "charter-employee-phone-top.png"))
    page.goto(live_server.url + "/charter/quiz")
    page.screenshot(path=os.path.join(artifacts, "charter-quiz-phone.png"), full_page=True)
    page.context.close()


def test_an_admin_edits_tests_a_draft_publishes_exports_and_imports(browser, live_server, app, demo, artifacts,
                                                                    tmp_path):
    from server.charter.models import CharterVersion

    page = open_as(browser, live_server, app, demo["admin@acme-energie.example"])
    page.goto(live_server.url + "/")
    page.locator("summary", has_text="Manage").click()
    page.get_by_role("link", name="Charter", exact=True).click()
    expect(page.get_by_text(re.compile("Version 2 in force since"))).to_be_visible()
    page.screenshot(path=os.path.join(artifacts, "charter-admin-overview.png"), full_page=True)
    page.get_by_role("button", name="Edit (publishes a new version)").click()

    page.get_by_label("Competitors", exact=True).fill("Voltéo\nNordWatt\nHexa Énergies\nSoleo")
    page.get_by_label("A post", exact=True).fill("Je travaille chez Acme et Soleo copie nos offres")
    draft = page.locator("#draft-result")
    expect(draft).to_contain_text("“Soleo” names a competitor")
    page.get_by_label("Most hashtags allowed").fill("many")
    expect(draft).to_contain_text("hashtags.max")
    page.get_by_label("Most hashtags allowed").fill("5")
    expect(draft).to_contain_text("“Soleo” names a competitor")
    page.screenshot(path=os.path.join(artifacts, "charter-editor.png"), full_page=True)
    page.get_by_label("A post", exact=True).scroll_into_view_if_needed()
    page.screenshot(path=os.path.join(artifacts, "charter-editor-draft.png"))

    page.get_by_label("What changed (shown to employees)").fill("Nouveau concurrent : Soleo")
    page.get_by_role("button", name="Publish version 3").click()
    expect(page.get_by_role("heading", name="Charter version 3")).to_be_visible()
    expect(page.get_by_text("Version 3 of the charter is published.")).to_be_visible()
    expect(page.locator("ins", has_text="Soleo")).to_be_visible()
    page.screenshot(path=os.path.join(artifacts, "charter-admin-version.png"), full_page=True)

    with page.expect_download() as download_info:
        page.get_by_role("button", name="Export as JSON").click()
    download = download_info.value
    assert download.suggested_filename == "charter-v3.json"
    exported = json.loads(Path(download.path()).read_text(encoding="utf-8"))
    assert exported["version"] == 3 and "Soleo" in exported["competitors"]

    exported["review_terms"].append("délocalisation")
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({**exported, "hashtags": {"max": -1}}), encoding="utf-8")
    page.get_by_role("button", name="All versions").click()
    page.get_by_label("Charter file (.json)").set_input_files(str(bad))
    page.get_by_role("button", name="Import and publish").click()
    expect(page.get_by_role("alert")).to_contain_text("hashtags.max")
    good = tmp_path / "charter.json"
    good.write_text(json.dumps(exported, ensure_ascii=False), encoding="utf-8")
    page.get_by_label("Charter file (.json)").set_input_files(str(good))
    page.get_by_label("What changed (shown to employees)").fill("Délocalisation à relire")
    page.get_by_role("button", name="Import and publish").click()
    expect(page.get_by_text("The file is published as version 4.")).to_be_visible()
    assert CharterVersion.get(CharterVersion.number == 4).rules["review_terms"][-1] == "délocalisation"
    page.context.close()


def test_the_editor_on_a_phone(browser, live_server, app, demo, artifacts):
    page = open_as(browser, live_server, app, demo["admin@acme-energie.example"], viewport=PHONE)
    page.goto(live_server.url + "/admin/charter/edit")
    expect(page.get_by_role("heading", name="Edit the charter")).to_be_visible()
    assert page.evaluate("() => document.documentElement.scrollWidth") <= PHONE["width"], "no sideways scrolling"
    page.screenshot(path=os.path.join(artifacts, "charter-editor-phone.png"), full_page=True)
    page.locator(".charter-severities").screenshot(path=os.path.join(artifacts, "charter-editor-phone-severity.png"))
    page.locator("#quiz-0").screenshot(path=os.path.join(artifacts, "charter-editor-phone-quiz.png"))
    page.context.close()


def test_an_admin_turns_on_a_language_and_marks_a_term_exact_in_the_editor(browser, live_server, app, demo):
    from server.charter.models import CharterVersion

    shots = os.environ.get("PV_SCREENSHOTS")
    page = open_as(browser, live_server, app, demo["admin@acme-energie.example"])
    page.goto(live_server.url + "/admin/charter/edit")
    page.get_by_label("Deutsch").check()
    page.get_by_label("Banned terms", exact=True).fill("arnaque")
    page.get_by_label("A post", exact=True).fill("Je travaille chez Acme : Scheiße, des arnaques partout")
    draft = page.locator("#draft-result")
    expect(draft).to_contain_text("Scheiße")
    expect(draft).to_contain_text("arnaques")
    page.get_by_label("Terms matched exactly as written").fill("arnaque")
    page.get_by_label("A post", exact=True).fill("Je travaille chez Acme : des arnaques partout")
    expect(draft).not_to_contain_text("arnaques")
    role_addresses = page.get_by_label("Role addresses of the company")
    expect(role_addresses).to_contain_text("jobs")
    if shots:
        page.locator("#languages").scroll_into_view_if_needed()
        page.screenshot(path=os.path.join(shots, "editor-languages-en.png"))
        page.get_by_label("Terms matched exactly as written").scroll_into_view_if_needed()
        page.screenshot(path=os.path.join(shots, "editor-exact-en.png"))
    page.get_by_label("What changed (shown to employees)").fill("Liste allemande, termes exacts")
    page.get_by_role("button", name=re.compile("Publish version")).click()
    expect(page.get_by_text(re.compile("of the charter is published"))).to_be_visible()
    latest = CharterVersion.select().order_by(CharterVersion.number.desc()).get()
    assert "de" in latest.rules["languages"] and latest.rules["exact_terms"] == ["arnaque"]
    assert "presse" in latest.rules["role_addresses"]
    if shots:
        page.screenshot(path=os.path.join(shots, "version-en.png"), full_page=True)
        from server.auth.models import User

        admin = demo["admin@acme-energie.example"]
        User.update(locale="fr").where(User.id == admin.id).execute()
        french = open_as(browser, live_server, app, User.get_by_id(admin.id), viewport=PHONE)
        french.goto(live_server.url + "/admin/charter/edit")
        for field in ("languages", "exact_terms", "role_addresses"):
            french.locator(f"#{field}").scroll_into_view_if_needed()
            french.screenshot(path=os.path.join(shots, f"editor-phone-fr-{field}.png"))
        french.context.close()
    page.context.close()
