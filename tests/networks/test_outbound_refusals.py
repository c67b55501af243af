"""The network clients call through the vetted outbound client: what they refuse, and how they say it.

Each fake runs on 127.0.0.2, the one address the client allows here (it plays a public server); a sentinel
on 127.0.0.1 plays the internal service a redirect or a crafted DID document aims at, and must receive
nothing: no token, no body, not even a connection.
"""

import threading
from dataclasses import replace

import pytest

from server.networks import api, bluesky, mastodon
from server.networks.errors import PermanentError, RefusedDestination, TransientError
from server.outbound import OutboundClient
from tests.networks.conftest import REDIRECT_URI
from tests.networks.fakes import FakeBluesky, FakeMastodon
from tests.support.sentinel import ConnectionSentinel

SECOND_LOOPBACK = OutboundClient(allow=("127.0.0.2",))


@pytest.fixture
def sentinel():
    with ConnectionSentinel("127.0.0.1") as watching:
        yield watching


@pytest.fixture
def instance(insecure_transport):
    with FakeMastodon(host="127.0.0.2") as fake:
        yield fake


@pytest.fixture
def pds():
    with FakeBluesky(host="127.0.0.2") as fake:
        yield fake


def connected_mastodon(fake):
    config = mastodon.register_app(fake.url, client_name="Porte-Voix", redirect_uri=REDIRECT_URI,
                                   outbound=SECOND_LOOPBACK)
    request = mastodon.authorization_url(config, REDIRECT_URI)
    token = mastodon.exchange_code(config, REDIRECT_URI, fake.approve(request.url), request.state,
                                   request.code_verifier)
    return config, token


def test_a_mastodon_instance_redirecting_to_loopback_is_refused_for_good(instance, sentinel):
    config, token = connected_mastodon(instance)
    instance.fail_next("/api/v1/statuses", 307, headers={"Location": f"{sentinel.url}/api/v1/statuses"})
    with pytest.raises(RefusedDestination, match="redirect") as refusal:
        mastodon.post(config, token, "Bonjour")
    assert isinstance(refusal.value, PermanentError), "the share pipeline gives up rather than retrying"
    assert sentinel.connections() == [] and instance.posts == []


def test_registering_on_an_instance_that_redirects_is_refused(instance, sentinel):
    instance.fail_next("/api/v1/apps", 308, headers={"Location": f"{sentinel.url}/api/v1/apps"})
    with pytest.raises(RefusedDestination, match="redirect"):
        mastodon.register_app(instance.url, client_name="Porte-Voix", redirect_uri=REDIRECT_URI,
                              outbound=SECOND_LOOPBACK)
    assert sentinel.connections() == [] and instance.apps == []


def test_an_instance_on_a_private_address_is_never_called(sentinel):
    with pytest.raises(RefusedDestination, match="not a public internet address"):
        mastodon.register_app(sentinel.url, client_name="Porte-Voix", redirect_uri=REDIRECT_URI,
                              outbound=SECOND_LOOPBACK)
    assert sentinel.connections() == []


def test_a_did_document_naming_a_private_pds_refuses_the_connection(pds, sentinel):
    pds.did_doc_pds = sentinel.url
    config = bluesky.Config(pds_url=pds.url, outbound=SECOND_LOOPBACK)
    with pytest.raises(RefusedDestination, match=r"DID document.*127\.0\.0\.1.*not a public internet address"):
        bluesky.login(config, "marie.bsky.social", "abcd-efgh-ijkl-mnop")
    assert sentinel.connections() == []


@pytest.mark.parametrize("call", [
    lambda config, token: bluesky.refresh(config, token),
    lambda config, token: bluesky.post(config, token, "Bonjour"),
    lambda config, token: bluesky.revoke(config, token),
    lambda config, token: bluesky.find_recent_post(config, token, "Bonjour"),
], ids=["refresh", "post", "revoke", "find_recent_post"])
def test_a_stored_token_naming_a_private_pds_is_refused_and_no_token_leaves(pds, sentinel, call):
    config = bluesky.Config(pds_url=pds.url, outbound=SECOND_LOOPBACK)
    token = bluesky.login(config, "marie.bsky.social", "abcd-efgh-ijkl-mnop")
    stored = replace(token, extra={"pds_url": sentinel.url})  # what a crafted DID document left in the database
    with pytest.raises(RefusedDestination):
        call(config, stored)
    assert sentinel.connections() == []
    assert [r.path for r in pds.requests] == ["/xrpc/com.atproto.server.createSession"]


def test_a_name_that_takes_too_long_to_resolve_is_a_transient_failure():
    release = threading.Event()
    hanging = OutboundClient(resolver=lambda host, port: release.wait(30) and [], lookup_timeout=0.2)
    try:
        with pytest.raises(TransientError, match="took more than"):
            bluesky.login(bluesky.Config(outbound=hanging), "marie.bsky.social", "abcd-efgh-ijkl-mnop")
        with pytest.raises(TransientError):
            api.send("POST", "https://api.example.test/2/tweets", network="x", outbound=hanging, json={})
    finally:
        release.set()
