"""What the employee sees when an account names an address the server may not call.

The fakes run on 127.0.0.2, the one non-public address this app may call (OUTBOUND_ALLOW); a sentinel on
127.0.0.1 plays the internal service a crafted DID document or a redirect aims at, and receives nothing.
"""

from dataclasses import replace
from urllib.parse import urlsplit

import pytest

from server.networks import Token
from server.shares.models import ConnectedAccount, InstanceApp, ShareTarget
from tests.conftest import csrf_token, sign_in_client
from tests.networks.fakes import FakeBluesky, FakeMastodon
from tests.support.sentinel import ConnectionSentinel


@pytest.fixture
def sentinel():
    with ConnectionSentinel("127.0.0.1") as watching:
        yield watching


@pytest.fixture
def pds():
    with FakeBluesky(host="127.0.0.2") as fake:
        yield fake


@pytest.fixture
def instance(insecure_transport):
    with FakeMastodon(host="127.0.0.2") as fake:
        yield fake


@pytest.fixture
def app_config(request):
    config = {"BASE_URL": "http://localhost", "OUTBOUND_ALLOW": ["127.0.0.2"], "NETWORK_TIMEOUT": (2, 1),
              "NETWORK_ENDPOINTS": {}, "NETWORK_INSTANCE_URLS": {}}
    if "pds" in request.fixturenames:
        config["NETWORK_ENDPOINTS"]["bluesky"] = {"pds_url": request.getfixturevalue("pds").url}
    if "instance" in request.fixturenames:
        config["NETWORK_INSTANCE_URLS"]["social.example"] = request.getfixturevalue("instance").url
    return config


def connect_bluesky(client):
    return client.post("/accounts/connect/bluesky", data={
        "identifier": "marie.bsky.social", "app_password": "abcd-efgh-ijkl-mnop",
        "csrf_token": csrf_token(client, "/accounts")})


def test_a_bluesky_account_whose_did_document_names_a_private_pds_is_refused(client, employee, pds, sentinel):
    pds.did_doc_pds = f"{sentinel.url}/"
    sign_in_client(client, employee)
    response = connect_bluesky(client)
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "may not contact the server that hosts this Bluesky account" in page and 'aria-invalid="true"' in page
    assert ConnectedAccount.select().count() == 0 and sentinel.connections() == []


def test_a_share_through_a_token_naming_a_private_pds_fails_for_good_without_calling_it(
        app, client, employee, ready, bearer, link, pds, sentinel):
    ready(employee)
    sign_in_client(client, employee)
    assert connect_bluesky(client).status_code == 302
    account = ConnectedAccount.get()
    tampered = replace(Token.from_dict(account.token), extra={"pds_url": sentinel.url})  # a crafted DID document
    ConnectedAccount.update(token=tampered.to_dict()).where(ConnectedAccount.id == account.id).execute()

    body = {"link_id": link.id, "text": "Bravo à l'équipe de Lyon", "targets": [{"network": "bluesky",
                                                                               "method": "api"}]}
    share = client.post("/api/v1/shares", json=body, headers={**bearer(employee), "Idempotency-Key": "b-1"}).get_json()
    target = ShareTarget.get()
    assert share["state"] == "failed" and (target.state, target.error_code) == ("failed", "refused")
    assert "not a public internet address" in target.error_message
    assert sentinel.connections() == [] and pds.posts == []


def test_a_mastodon_instance_that_redirects_elsewhere_is_explained(client, employee, instance, sentinel):
    instance.fail_next("/api/v1/apps", 307, headers={"Location": f"{sentinel.url}/api/v1/apps"})
    sign_in_client(client, employee)
    response = client.post("/accounts/connect/mastodon", data={"instance": "social.example",
                                                               "csrf_token": csrf_token(client, "/accounts")})
    page = response.get_data(as_text=True)
    assert response.status_code == 400 and 'aria-invalid="true"' in page
    assert "answered with a redirect (HTTP 307)" in page
    assert InstanceApp.select().count() == 0 and sentinel.connections() == []


def test_a_mastodon_instance_on_an_address_not_allowed_is_refused_before_any_call(app, client, employee,
                                                                                   sentinel):
    app.config["NETWORK_INSTANCE_URLS"]["social.example"] = sentinel.url
    sign_in_client(client, employee)
    response = client.post("/accounts/connect/mastodon", data={"instance": "social.example",
                                                               "csrf_token": csrf_token(client, "/accounts")})
    assert response.status_code == 400 and "not a public internet address" in response.get_data(as_text=True)
    assert urlsplit(sentinel.url).hostname == "127.0.0.1" and sentinel.connections() == []
