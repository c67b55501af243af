"""The administrators' pages: adding a channel or a webhook, the address never shown again, the signing secret
shown once, the test button, the attempt log, readable refusals."""

import re

import pytest

from server.db import database
from tests.conftest import csrf_token, sign_in_client

SLACK_URL = "https://hooks.slack.com/services/T0ACME/B0PV/Zq8secretTOKENw1234"


@pytest.fixture
def app_config():
    # The chat services' hosts resolve to a public address here (no DNS in the tests); nothing is sent to it.
    # http://localhost: the test client's address, so its session cookie is not a secure-only one.
    return {"BASE_URL": "http://localhost",
            "OUTBOUND_RESOLVER": lambda host, port: ["52.89.214.238"]}


@pytest.fixture
def admin_client(app, admin):
    client = sign_in_client(app.test_client(), admin)
    client.csrf = csrf_token(client)
    return client


def post(client, path, **form):
    return client.post(path, data={"csrf_token": client.csrf, **form})


def test_a_slack_address_is_never_shown_again_in_full(app, admin_client):
    created = post(admin_client, "/admin/webhooks/", kind="slack_channel", name="#ambassadeurs", url=SLACK_URL,
                   events=["link.approved", "campaign.started"], language="fr")
    assert created.status_code == 201, created.get_data(as_text=True)[-3000:]
    page = created.get_data(as_text=True)
    assert "secretTOKEN" not in page and "https://hooks.slack.com/…1234" in page
    for path in ("/admin/webhooks/", "/admin/webhooks/1"):
        shown = admin_client.get(path).get_data(as_text=True)
        assert "#ambassadeurs" in shown and "secretTOKEN" not in shown and "hooks.slack.com/…1234" in shown
    with app.app_context():
        stored = database.execute_sql("SELECT url, url_hint FROM webhook_endpoints").fetchone()
    assert "secretTOKEN" not in stored[0] and "secretTOKEN" not in stored[1]

    kept = post(admin_client, "/admin/webhooks/1", kind="slack_channel", name="#ambassadeurs-fr", url="",
                events=["link.approved"], language="en")
    assert kept.status_code == 302
    with app.app_context():
        from server.webhooks.models import WebhookEndpoint

        endpoint = WebhookEndpoint.get_by_id(1)
        assert endpoint.url == SLACK_URL and endpoint.events == ["link.approved"] and endpoint.language == "en"


def test_bad_input_is_refused_with_a_readable_message_naming_the_field(admin_client):
    wrong = post(admin_client, "/admin/webhooks/", kind="slack_channel", name="#com", url="https://example.com/hook",
                 events="link.approved")
    assert wrong.status_code == 422 and "This is not the address of a Slack webhook." in wrong.get_data(as_text=True)
    assert 'aria-invalid="true" aria-describedby="url-error"' in wrong.get_data(as_text=True)
    empty = post(admin_client, "/admin/webhooks/", kind="teams_channel", name="", url="", events="link.approved")
    assert empty.status_code == 422 and "Give it a name." in empty.get_data(as_text=True)
    nothing = post(admin_client, "/admin/webhooks/", kind="signed", name="Outil", url="https://tools.acme.example/h")
    assert nothing.status_code == 422 and "Choose at least one of the events offered." in nothing.get_data(as_text=True)
    private = post(admin_client, "/admin/webhooks/", kind="signed", name="Outil", url="http://10.0.0.8/h",
                   events="share.posted")
    assert private.status_code == 422 and "not on the public internet" in private.get_data(as_text=True)
    french = admin_client.post("/admin/webhooks/", data={"csrf_token": admin_client.csrf, "kind": "slack_channel",
                                                        "name": "#com", "url": "https://example.com/hook",
                                                        "events": "link.approved"},
                               headers={"Accept-Language": "fr"})
    assert french.status_code == 422 and "Ce n’est pas l’adresse d’un webhook Slack." in french.get_data(as_text=True)


def test_the_signing_secret_is_shown_once_and_the_test_event_is_logged(app, admin_client, receiver):
    created = post(admin_client, "/admin/webhooks/", kind="signed", name="Intranet RH", url=receiver.url + "/hook",
                   events=["share.posted", "click.daily_rollup"], internal_host="on")
    assert created.status_code == 201
    secret = re.search(r'<code id="signing-secret">(whsec_[^<]+)</code>', created.get_data(as_text=True)).group(1)
    page = admin_client.get("/admin/webhooks/1").get_data(as_text=True)
    assert secret not in page and f"whsec_…{secret[-4:]}" in page

    assert post(admin_client, "/admin/webhooks/1/test").status_code == 302
    event = receiver.json()
    assert event["type"] == "webhook.test" and event["data"]["url"] == "http://localhost/"
    from standardwebhooks.webhooks import Webhook

    Webhook(secret).verify(receiver.received[0]["body"], receiver.received[0]["headers"])
    log = admin_client.get("/admin/webhooks/1").get_data(as_text=True)
    assert "webhook.test" in log and "<strong>200</strong>" in log and "delivered" in log

    renewed = post(admin_client, "/admin/webhooks/1/secret")
    new_secret = re.search(r'<code id="signing-secret">(whsec_[^<]+)</code>', renewed.get_data(as_text=True)).group(1)
    assert new_secret != secret
    assert "deliveries are signed with the previous secret too" in renewed.get_data(as_text=True)
    post(admin_client, "/admin/webhooks/1/test")
    after = receiver.received[1]
    Webhook(new_secret).verify(after["body"], after["headers"])
    Webhook(secret).verify(after["body"], after["headers"])  # for a day, the old secret still verifies
    assert len(after["headers"]["Webhook-Signature"].split(" ")) == 2


def test_a_disabled_endpoint_cannot_be_tested_until_enabled_again(admin_client, receiver):
    post(admin_client, "/admin/webhooks/", kind="signed", name="Outil", url=receiver.url + "/hook",
         events="share.posted", internal_host="on")
    assert post(admin_client, "/admin/webhooks/1/active").status_code == 302
    refused = post(admin_client, "/admin/webhooks/1/test")
    assert refused.status_code == 409 and "Enable the endpoint first." in refused.get_data(as_text=True)
    post(admin_client, "/admin/webhooks/1/active", active="on")
    assert post(admin_client, "/admin/webhooks/1/test").status_code == 302 and len(receiver.received) == 1
    assert post(admin_client, "/admin/webhooks/1/delete").status_code == 302
    assert admin_client.get("/admin/webhooks/1").status_code == 404
