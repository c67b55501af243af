"""Mastodon: per-instance app registration, OAuth with or without PKCE, statuses with Idempotency-Key."""

from dataclasses import replace
from urllib.parse import parse_qs, urlsplit

import pytest

from server.networks import mastodon
from server.networks.errors import (
    MissingScope,
    PermanentError,
    RateLimited,
    TokenExpired,
    TransientError,
    UncertainOutcome,
)
from tests.networks.conftest import LOCAL_FAKES, REDIRECT_URI, TRACKED_LINK
from tests.networks.fakes import FakeMastodon
from tests.networks.fakes.authorization_server import s256


@pytest.fixture
def old_mastodon(insecure_transport):
    with FakeMastodon(pkce=False) as fake:
        yield fake


def register(fake, **overrides):
    return mastodon.register_app(fake.url, client_name="Porte-Voix (Exemple SA)", redirect_uri=REDIRECT_URI,
                                 website="https://porte-voix.example", outbound=LOCAL_FAKES, **overrides)


def connect(fake, config):
    request = mastodon.authorization_url(config, REDIRECT_URI)
    return mastodon.exchange_code(config, REDIRECT_URI, fake.approve(request.url), request.state,
                                  request.code_verifier)


def test_register_app_once_per_instance(fake_mastodon):
    config = register(fake_mastodon)
    sent = fake_mastodon.requests_to("/api/v1/apps")[-1].form
    assert sent == {"client_name": "Porte-Voix (Exemple SA)", "redirect_uris": REDIRECT_URI,
                    "scopes": "write:statuses read:accounts", "website": "https://porte-voix.example"}
    app = fake_mastodon.apps[-1]
    assert (config.client_id, config.client_secret) == (app["client_id"], app["client_secret"])
    assert config.instance_url == fake_mastodon.url and config.pkce is True


def test_an_instance_without_oauth_metadata_gets_no_pkce(old_mastodon):
    assert register(old_mastodon).pkce is False


def test_authorization_url_uses_pkce_where_the_instance_offers_it(fake_mastodon):
    url, state, verifier = mastodon.authorization_url(register(fake_mastodon), REDIRECT_URI)
    parts = urlsplit(url)
    query = {k: v[0] for k, v in parse_qs(parts.query).items()}
    assert parts.path == "/oauth/authorize" and query["scope"] == "write:statuses read:accounts"
    assert query["code_challenge"] == s256(verifier) and query["code_challenge_method"] == "S256"
    assert query["state"] == state and query["redirect_uri"] == REDIRECT_URI


def test_pkce_is_discovered_when_the_stored_config_does_not_say(fake_mastodon):
    config = replace(register(fake_mastodon), pkce=None)
    assert mastodon.authorization_url(config, REDIRECT_URI).code_verifier is not None


def test_connecting_checks_the_verifier_and_names_the_account(fake_mastodon):
    config = register(fake_mastodon)
    token = connect(fake_mastodon, config)
    sent = fake_mastodon.requests_to("/oauth/token")[-1].form
    assert sent["client_id"] == config.client_id and sent["client_secret"] == config.client_secret
    assert sent["code_verifier"] and sent["grant_type"] == "authorization_code"
    host = fake_mastodon.url.removeprefix("http://")
    assert token.account_id == "109876543210" and token.account_name == f"@marie@{host}"
    assert token.expires_at is None and not mastodon.needs_refresh(token)
    assert token.extra == {"instance_url": fake_mastodon.url}


def test_an_older_instance_connects_without_pkce(old_mastodon):
    config = register(old_mastodon)
    request = mastodon.authorization_url(config, REDIRECT_URI)
    assert request.code_verifier is None and "code_challenge" not in request.url
    token = mastodon.exchange_code(config, REDIRECT_URI, old_mastodon.approve(request.url), request.state, None)
    assert "code_verifier" not in old_mastodon.requests_to("/oauth/token")[-1].form
    assert token.access_token


def test_post_sends_status_language_and_idempotency_key(fake_mastodon):
    config = register(fake_mastodon)
    token = connect(fake_mastodon, config)
    result = mastodon.post(config, token, "Bravo l'équipe 🎉", link=TRACKED_LINK, language="fr",
                           idempotency_key="share-42")
    sent = fake_mastodon.requests_to("/api/v1/statuses")[-1]
    assert sent.json == {"status": f"Bravo l'équipe 🎉\n\n{TRACKED_LINK}", "visibility": "public",
                         "language": "fr"}
    assert sent.header("Idempotency-Key") == "share-42"
    assert sent.header("Authorization") == f"Bearer {token.access_token}"
    status = fake_mastodon.posts[-1]
    assert result == mastodon.PostResult(status["id"], f"{fake_mastodon.url}/@marie/{status['id']}")


def test_repeating_with_the_same_idempotency_key_posts_once(fake_mastodon):
    config = register(fake_mastodon)
    token = connect(fake_mastodon, config)
    first = mastodon.post(config, token, "Une fois", idempotency_key="share-7")
    again = mastodon.post(config, token, "Une fois", idempotency_key="share-7")
    assert first == again and len(fake_mastodon.posts) == 1


def test_after_an_uncertain_outcome_repeat_or_find(fake_mastodon):
    config = register(fake_mastodon)
    token = connect(fake_mastodon, config)
    text = "Q&A <demain>\nà 10h"
    fake_mastodon.delay_next("/api/v1/statuses", 1.0)
    hurried = replace(config, timeout=(2, 0.3))
    with pytest.raises(UncertainOutcome):
        mastodon.post(hurried, token, text, link=TRACKED_LINK, idempotency_key="share-9")
    found = mastodon.find_recent_post(config, token, text, link=TRACKED_LINK)
    repeated = mastodon.post(config, token, text, link=TRACKED_LINK, idempotency_key="share-9")
    assert found == repeated and len(fake_mastodon.posts) == 1
    assert mastodon.find_recent_post(config, token, "Jamais envoyé") is None


def test_status_text_reads_mastodons_html():
    content = ('<p>Q&amp;A &lt;demain&gt;<br />à 10h</p><p><a href="https://ex.fr/a"><span class="invisible">'
               'https://</span><span class="ellipsis">ex.fr/a</span></a></p>')
    assert mastodon.status_text(content) == "Q&A <demain>\nà 10h\n\nhttps://ex.fr/a"


@pytest.mark.parametrize(("kind", "error"), [
    ("expired", TokenExpired), ("missing_scope", MissingScope), ("rate_limited", RateLimited),
    ("validation", PermanentError), ("server", TransientError),
])
def test_error_answers_map_to_errors(fake_mastodon, kind, error):
    config = register(fake_mastodon)
    token = connect(fake_mastodon, config)
    status, body = FakeMastodon.ERRORS[kind]
    fake_mastodon.fail_next("/api/v1/statuses", status, body, headers=fake_mastodon.rate_limit_headers(120))
    with pytest.raises(error) as caught:
        mastodon.post(config, token, "Bonjour")
    assert caught.value.message == body["error"]
    if error is RateLimited:
        assert caught.value.retry_after == pytest.approx(120, abs=3)


def test_verify_credentials_gives_the_reach(fake_mastodon):
    config = register(fake_mastodon)
    assert mastodon.verify_credentials(config, connect(fake_mastodon, config))["followers_count"] == 321


def test_revoke_ends_the_token(fake_mastodon):
    config = register(fake_mastodon)
    token = connect(fake_mastodon, config)
    mastodon.revoke(config, token)
    sent = fake_mastodon.requests_to("/oauth/revoke")[-1].form
    assert sent["token"] == token.access_token and sent["client_id"] == config.client_id
    assert sent["client_secret"] == config.client_secret
    with pytest.raises(TokenExpired):
        mastodon.verify_credentials(config, token)
    with pytest.raises(TokenExpired, match="reconnect"):
        mastodon.refresh(config, token)
