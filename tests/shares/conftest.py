"""Fixtures for the share pipeline: fake networks wired into the app's configuration."""

import pytest

from tests.networks.fakes.fixtures import (  # noqa: F401
    fake_bluesky,
    fake_linkedin,
    fake_mastodon,
    fake_x,
    insecure_transport,
)


@pytest.fixture
def app_config(request):
    """Point the app at whichever fakes the test asked for."""
    config = {"MASTODON_INSTANCE_URLS": {}, "NETWORK_ENDPOINTS": {}}
    names = request.fixturenames
    if "fake_mastodon" in names:
        config["MASTODON_INSTANCE_URLS"]["social.example"] = request.getfixturevalue("fake_mastodon").url
    if "fake_x" in names:
        fake = request.getfixturevalue("fake_x")
        client_id, secret = next(iter(fake.clients.items()))
        config.update(X_CLIENT_ID=client_id, X_CLIENT_SECRET=secret)
        config["NETWORK_ENDPOINTS"]["x"] = {"web_url": fake.url, "api_url": fake.url}
    if "fake_linkedin" in names:
        fake = request.getfixturevalue("fake_linkedin")
        client_id, secret = next(iter(fake.clients.items()))
        config.update(LINKEDIN_CLIENT_ID=client_id, LINKEDIN_CLIENT_SECRET=secret)
        config["NETWORK_ENDPOINTS"]["linkedin"] = {"web_url": fake.url, "api_url": fake.url}
    if "fake_bluesky" in names:
        config["NETWORK_ENDPOINTS"]["bluesky"] = {"pds_url": request.getfixturevalue("fake_bluesky").url}
    return config
