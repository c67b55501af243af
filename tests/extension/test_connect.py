"""Connecting the extension: the options page, the server's permission, the token handed over without a URL,
revoking, disconnecting, and a server address IT pushes by policy."""

import pytest
from playwright.sync_api import expect

from server.auth.models import ApiToken

pytestmark = pytest.mark.browser


def test_connecting_hands_a_named_revocable_token_to_the_extension(extension, live_server, employee):
    options, page = extension.connect(live_server, employee)
    expect(page.get_by_text("The extension is connected")).to_be_visible()
    # The token was taken out of the page at once and never was in an address.
    assert page.locator("#pv-extension-token").count() == 0
    assert "pv_" not in page.url
    stored = extension.storage()
    assert stored["connection"] == "connected" and stored["server"] == live_server.url
    assert stored["account"]["name"] == "Camille Durand"
    token = ApiToken.get(ApiToken.user == employee, ApiToken.revoked_at.is_null())
    assert stored["token"].startswith(token.prefix) and token.name == "Chrome on Linux"
    expect(options.locator("#connection-status")).to_have_text(
        f"Connected as Camille Durand to 127.0.0.1:{live_server.port}.")
    assert extension.evaluate("() => chrome.permissions.getAll()")["origins"] == ["http://127.0.0.1/*"]


def test_disconnecting_revokes_the_token_on_the_server(extension, live_server, employee):
    options, _page = extension.connect(live_server, employee)
    options.get_by_role("button", name="Disconnect").click()
    expect(options.get_by_role("button", name="Connect", exact=True)).to_be_visible()
    assert extension.storage()["token"] is None
    token = ApiToken.get(ApiToken.user == employee)
    assert token.revoked_at is not None
    popup = extension.open("popup/popup.html")
    expect(popup.locator("[data-state='not-connected']")).to_be_visible()


def test_a_server_address_pushed_by_policy_is_picked_up(launch_extension, chrome_extension_id, live_server, employee):
    extension = launch_extension({"3rdparty": {"extensions": {chrome_extension_id: {"server_url": live_server.url}}}})
    options = extension.open("options/options.html")
    expect(options.get_by_label("Server address")).to_have_value(live_server.url, timeout=15_000)
    expect(options.get_by_label("Server address")).to_be_disabled()
    expect(options.get_by_text("Set by your IT department.")).to_be_visible()
    popup = extension.open("popup/popup.html")
    expect(popup.get_by_text(f"Server set by your IT department: {live_server.url}")).to_be_visible()
    # A company-wide install needs no typing: the employee only chooses Connect.
    extension.connect(live_server, employee, type_server=False)
    assert extension.storage()["connection"] == "connected"
