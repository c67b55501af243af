"""Signing in and finding one's way, in headless Chromium against the real server."""

import os
import re
from email import message_from_bytes, policy
from pathlib import Path

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def latest_link(app):
    mails = sorted((Path(app.instance_path) / "outbox").glob("*.eml"))
    assert mails, "no sign-in e-mail in the outbox"
    body = message_from_bytes(mails[-1].read_bytes(), policy=policy.default).get_content()
    return re.search(r"http://127\.0\.0\.1:\d+/login/magic/[\w.\-]+", body).group(0)


def test_employee_signs_in_with_a_magic_link_through_the_login_page(page, live_server, app, employee, artifacts):
    page.goto(live_server.url + "/account")
    expect(page).to_have_url(re.compile(r"/login\?next="))
    page.get_by_label("Work e-mail address").fill("camille@acme.example")
    page.get_by_role("button", name="E-mail me a sign-in link").click()
    expect(page.get_by_role("heading", name="Check your inbox")).to_be_visible()

    page.goto(latest_link(app))
    page.get_by_role("button", name="Sign in").click()
    expect(page).to_have_url(live_server.url + "/account")
    expect(page.get_by_role("heading", name="My account")).to_be_visible()
    page.screenshot(path=os.path.join(artifacts, "account.png"), full_page=True)

    page.get_by_text("Camille Durand", exact=True).click()  # the account menu
    page.get_by_role("button", name="Sign out").click()
    expect(page.get_by_role("heading", name="Sign in")).to_be_visible()


def test_a_used_link_explains_itself(page, live_server, app, employee):
    page.goto(live_server.url + "/login")
    page.get_by_label("Work e-mail address").fill(employee.email)
    page.get_by_role("button", name="E-mail me a sign-in link").click()
    link = latest_link(app)
    page.goto(link)
    page.get_by_role("button", name="Sign in").click()
    page.get_by_text("Camille Durand", exact=True).click()
    page.get_by_role("button", name="Sign out").click()
    page.goto(link)
    expect(page.get_by_role("alert")).to_contain_text("already been used")


def test_demo_visitor_signs_in_as_the_admin_in_french(browser, live_server, app, artifacts):
    from server.demo import seed_demo

    with app.test_request_context(base_url=live_server.url):
        seed_demo()
    context = browser.new_context(locale="fr-FR", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(live_server.url + "/login")
    expect(page.get_by_role("heading", name="Démo : se connecter en tant que…")).to_be_visible()
    page.screenshot(path=os.path.join(artifacts, "login-fr.png"), full_page=True)
    page.get_by_role("button", name=re.compile("Alice Martin")).click()
    expect(page.get_by_role("heading", name="Bonjour Alice Martin")).to_be_visible()

    page.locator("nav summary", has_text="Gérer").click()
    page.get_by_role("link", name="Personnes").click()
    expect(page.get_by_role("heading", name="Personnes")).to_be_visible()
    expect(page.get_by_role("row", name=re.compile("Camille Durand"))).to_be_visible()
    page.screenshot(path=os.path.join(artifacts, "people-fr.png"), full_page=True)

    page.get_by_role("button", name="English").click()
    expect(page.get_by_role("heading", name="People")).to_be_visible()
    context.close()


def test_employee_creates_and_revokes_an_extension_token(page, live_server, app, employee):
    page.goto(live_server.url + "/login")
    page.get_by_label("Work e-mail address").fill(employee.email)
    page.get_by_role("button", name="E-mail me a sign-in link").click()
    page.goto(latest_link(app))
    page.get_by_role("button", name="Sign in").click()
    page.goto(live_server.url + "/account")
    page.get_by_label("Where will you use it?").fill("Firefox at work")
    page.get_by_role("button", name="Create a token").click()
    token = page.get_by_label("Your new token").input_value()
    assert token.startswith("pv_")
    page.get_by_role("button", name="Revoke Firefox at work").click()
    expect(page.get_by_role("status")).to_contain_text("is revoked")
    expect(page.get_by_label("Your new token")).to_have_count(0)


def test_login_page_works_by_keyboard_and_on_a_phone(browser, live_server, employee, artifacts):
    context = browser.new_context(viewport={"width": 375, "height": 740}, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.goto(live_server.url + "/login")
    page.keyboard.press("Tab")
    expect(page.get_by_role("link", name="Skip to content")).to_be_focused()
    page.get_by_label("Work e-mail address").focus()
    page.keyboard.type("camille@acme.example")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="Check your inbox")).to_be_visible()
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 375, f"the page scrolls sideways on a phone ({width}px)"
    page.screenshot(path=os.path.join(artifacts, "login-phone.png"), full_page=True)
    context.close()
