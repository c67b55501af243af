"""The administrators' page in Chromium, as a person uses it: add a signed webhook for an internal tool, copy
its secret, send a test event and read the attempt; in English, in French and on a 375 px phone."""

import os
import re

import pytest

from tests.conftest import browser_sign_in

SIZES = {"desk": {"width": 1280, "height": 900}, "phone": {"width": 375, "height": 740}}


@pytest.fixture
def app_config():
    return {"BASE_URL": "http://localhost"}


@pytest.fixture
def open_as(browser, live_server, admin):
    contexts = []

    def open_page(path, locale="en-GB", size="desk"):
        context = browser.new_context(locale=locale, viewport=SIZES[size])
        contexts.append(context)
        browser_sign_in(context, live_server, admin)
        page = context.new_page()
        page.set_default_timeout(10_000)
        page.goto(f"{live_server.url}{path}")
        return page

    yield open_page
    for context in contexts:
        context.close()


@pytest.fixture
def shots(tmp_path):
    folder = os.environ.get("PV_SCREENSHOTS") or str(tmp_path)
    os.makedirs(folder, exist_ok=True)
    return lambda name: os.path.join(folder, name)


def fits_the_width(page):
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")


def test_an_administrator_adds_a_signed_webhook_and_sends_it_a_test_event(open_as, receiver, shots):
    page = open_as("/admin/webhooks/")
    page.get_by_label("Signed webhook for your own tools").check()
    page.get_by_label("Name").fill("Intranet RH")
    page.get_by_label("Webhook address").fill(receiver.url + "/hook")
    page.get_by_label("Internal host").check()
    page.screenshot(path=shots("webhooks-new-en.png"), full_page=True)
    page.get_by_role("checkbox", name="A share is posted through a connected account").check()
    page.screenshot(path=shots("webhooks-new-en.png"), full_page=True)
    page.get_by_role("button", name="Add").click()

    secret = page.locator("#signing-secret").inner_text()
    assert re.fullmatch(r"whsec_[A-Za-z0-9+/=]{32}", secret)
    page.screenshot(path=shots("webhooks-created-en.png"), full_page=True)
    page.get_by_role("button", name="Send a test event").click()
    page.get_by_role("heading", name="Latest deliveries").wait_for()
    row = page.get_by_role("row").filter(has_text="webhook.test")
    assert "delivered" in row.inner_text() and "200" in row.inner_text()
    assert secret not in page.content(), "the secret is shown once"
    assert receiver.json()["type"] == "webhook.test"
    page.screenshot(path=shots("webhooks-endpoint-en.png"), full_page=True)


def test_the_pages_read_in_french_and_fit_a_phone(app, open_as, endpoint, receiver, shots):
    from server.webhooks.delivery import emit

    endpoint("slack_channel", ["link.approved", "campaign.started"], name="#ambassadeurs")
    endpoint("signed", ["share.pending_review"], name="Outil qualité")
    receiver.answer(500)
    with app.test_request_context():
        emit("share.pending_review", {"share": {"id": 1}})
    for locale, size in (("fr-FR", "desk"), ("fr-FR", "phone"), ("en-GB", "phone")):
        page = open_as("/admin/webhooks/", locale=locale, size=size)
        if locale == "fr-FR":
            page.get_by_role("heading", name="Messagerie et webhooks").wait_for()
            assert page.get_by_label("Adresse du webhook").is_visible()
        page.screenshot(path=shots(f"webhooks-list-{locale[:2]}-{size}.png"), full_page=True)
        assert fits_the_width(page)
        page.get_by_role("link", name="Outil qualité").click()
        assert "500" in page.get_by_role("row").filter(has_text="share.pending_review").inner_text()
        page.screenshot(path=shots(f"webhooks-endpoint-{locale[:2]}-{size}.png"), full_page=True)
        assert fits_the_width(page)
