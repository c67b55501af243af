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
    # Jobs write links outside requests: like `porte-voix run`, the app knows its public address. The fakes
    # listen on 127.0.0.1, the one non-public address the server may call here.
    config = {"NETWORK_INSTANCE_URLS": {}, "NETWORK_ENDPOINTS": {}, "BASE_URL": "http://localhost",
              "OUTBOUND_ALLOW": ["127.0.0.1"]}
    names = request.fixturenames
    if "fake_mastodon" in names:
        config["NETWORK_INSTANCE_URLS"]["social.example"] = request.getfixturevalue("fake_mastodon").url
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


CHARTER = {
    "name": "Charte Acme", "languages": ["fr", "en"], "competitors": ["Voltaria"],
    "review_terms": ["rachat", "plan social"], "banned_terms": ["nul à chier"], "brand_terms": ["ÉnergiePlus"],
    "allowed_domains": ["acme-energie.example"],
    "disclosure": {"required": False, "markers": []}, "hashtags": {"max": 5, "required": []},
    "text": {"fr": "Soyez vous-même.", "en": "Be yourself."}, "quiz": [],
}


@pytest.fixture
def charter(app, admin):
    """A published charter (no quiz), in force."""
    from server.charter.versions import parse_document, save_version

    with app.test_request_context():
        return save_version(admin, parse_document(CHARTER))


@pytest.fixture
def ready(app, charter):
    """`ready(user)`: the user takes part and acknowledged the charter in force."""
    from server.charter.training import acknowledge
    from server.shares.pipeline import opt_in

    def make_ready(user):
        with app.test_request_context():
            opt_in(user)
            acknowledge(user, charter.number)
        return user

    return make_ready


@pytest.fixture
def make_link(app, admin):
    from server.library.links import add_link

    counter = {"n": 0}

    def make(url=None, **fields):
        counter["n"] += 1
        fields.setdefault("title", "L'hydrogène vert arrive à Lyon")
        fields.setdefault("category", "sector")
        fields.setdefault("language", "fr")
        with app.test_request_context():
            return add_link(admin, url or f"https://acme-energie.example/news/{counter['n']}", fetch_preview=False,
                            **fields)

    return make


@pytest.fixture
def link(make_link):
    return make_link("https://acme-energie.example/news/hydrogene-lyon")


@pytest.fixture
def mastodon_account(app, request):
    """`mastodon_account(user)`: connect the user's account on the fake instance through the real OAuth flow."""
    from server.shares import accounts

    fake = request.getfixturevalue("fake_mastodon")

    def connect(user):
        with app.test_request_context():
            url, pending = accounts.begin_connect("mastodon", "social.example")
            callback = fake.approve(url)
            return accounts.complete_connect(user, pending, callback)

    return connect
