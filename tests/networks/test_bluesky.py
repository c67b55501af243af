"""Bluesky: app-password sessions kept and refreshed, posts with byte-offset facets and a link card."""

import re
import time
from dataclasses import replace

import pytest

from server.networks import bluesky
from server.networks.errors import (
    AuthorizationFailed,
    RateLimited,
    TokenExpired,
    TransientError,
    UncertainOutcome,
)
from tests.networks.conftest import LOCAL_FAKES
from tests.networks.fakes import FakeBluesky

LINK = "https://exemple.fr/a?b=1"
TEXT = f"Café ☕ et 🎉 : {LINK} #Économie"


def login(fake, config=None):
    config = config or bluesky.Config(pds_url=fake.url, outbound=LOCAL_FAKES)
    return bluesky.login(config, "marie.bsky.social", "abcd-efgh-ijkl-mnop")


def test_login_opens_one_session_and_keeps_its_tokens(fake_bluesky):
    token = login(fake_bluesky)
    sent = fake_bluesky.requests_to("/xrpc/com.atproto.server.createSession")[-1]
    assert sent.json == {"identifier": "marie.bsky.social", "password": "abcd-efgh-ijkl-mnop"}
    assert token.account_id == fake_bluesky.did and token.account_name == "@marie.bsky.social"
    assert token.refresh_token and token.expires_at == pytest.approx(time.time() + 7200, abs=30)
    assert token.extra == {"pds_url": fake_bluesky.url}


def test_a_wrong_password_is_an_authorization_failure(fake_bluesky):
    with pytest.raises(AuthorizationFailed) as caught:
        bluesky.login(bluesky.Config(pds_url=fake_bluesky.url, outbound=LOCAL_FAKES), "marie.bsky.social", "wrong")
    assert caught.value.reason == "invalid_credentials"


def test_facets_count_utf8_bytes_not_characters():
    assert bluesky.facets(TEXT) == [
        {"index": {"byteStart": 20, "byteEnd": 44},
         "features": [{"$type": "app.bsky.richtext.facet#link", "uri": LINK}]},
        {"index": {"byteStart": 45, "byteEnd": 55},
         "features": [{"$type": "app.bsky.richtext.facet#tag", "tag": "Économie"}]},
    ]
    assert TEXT.encode()[20:44].decode() == LINK and TEXT.encode()[45:55].decode() == "#Économie"


def test_post_sends_the_record_with_facets_language_and_link_card(fake_bluesky):
    config = bluesky.Config(pds_url=fake_bluesky.url, outbound=LOCAL_FAKES)
    token = login(fake_bluesky, config)
    result = bluesky.post(config, token, TEXT, link="https://porte-voix.example/s/Ab3", title="Rapport 2026",
                          description="Nos chiffres", language="fr")
    sent = fake_bluesky.requests_to("/xrpc/com.atproto.repo.createRecord")[-1]
    record = sent.json["record"]
    assert sent.json["repo"] == fake_bluesky.did and sent.json["collection"] == "app.bsky.feed.post"
    assert sent.header("Authorization") == f"Bearer {token.access_token}"
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z", record.pop("createdAt"))
    assert record == {
        "$type": "app.bsky.feed.post",
        "text": TEXT,
        "langs": ["fr"],
        "facets": bluesky.facets(TEXT),
        "embed": {"$type": "app.bsky.embed.external",
                  "external": {"uri": "https://porte-voix.example/s/Ab3", "title": "Rapport 2026",
                               "description": "Nos chiffres"}},
    }
    rkey = fake_bluesky.posts[-1]["rkey"]
    assert result == bluesky.PostResult(f"at://{fake_bluesky.did}/app.bsky.feed.post/{rkey}",
                                        f"https://bsky.app/profile/{fake_bluesky.did}/post/{rkey}")


def test_a_plain_post_has_neither_facets_nor_card(fake_bluesky):
    config = bluesky.Config(pds_url=fake_bluesky.url, outbound=LOCAL_FAKES)
    bluesky.post(config, login(fake_bluesky, config), "Juste du texte")
    assert set(fake_bluesky.posts[-1]["record"]) == {"$type", "text", "createdAt"}


def test_an_expired_access_jwt_asks_for_a_refresh_which_rotates(fake_bluesky):
    config = bluesky.Config(pds_url=fake_bluesky.url, outbound=LOCAL_FAKES)
    token = login(fake_bluesky, config)
    assert bluesky.needs_refresh(token, token.expires_at - 60)
    fake_bluesky.expire_tokens()
    with pytest.raises(TokenExpired, match="Token has expired"):
        bluesky.post(config, token, "Bonjour")
    fresh = bluesky.refresh(config, token)
    sent = fake_bluesky.requests_to("/xrpc/com.atproto.server.refreshSession")[-1]
    assert sent.header("Authorization") == f"Bearer {token.refresh_token}"
    assert fresh.refresh_token != token.refresh_token and fresh.account_id == token.account_id
    bluesky.post(config, fresh, "Bonjour")
    with pytest.raises(TokenExpired):
        bluesky.refresh(config, token)
    assert fake_bluesky.create_session_calls == 1


@pytest.mark.parametrize(("kind", "headers", "error"), [
    # The reset time is computed when the test runs, not when it is collected (the suite may take minutes).
    ("rate_limited", lambda: {"ratelimit-reset": str(int(time.time()) + 300)}, RateLimited),
    ("server", dict, TransientError),
])
def test_error_answers_map_to_errors(fake_bluesky, kind, headers, error):
    config = bluesky.Config(pds_url=fake_bluesky.url, outbound=LOCAL_FAKES)
    token = login(fake_bluesky, config)
    status, body = FakeBluesky.ERRORS[kind]
    fake_bluesky.fail_next("/xrpc/com.atproto.repo.createRecord", status, body, headers=headers())
    with pytest.raises(error) as caught:
        bluesky.post(config, token, "Bonjour")
    assert caught.value.message == body["message"]
    if error is RateLimited:
        assert caught.value.retry_after == pytest.approx(300, abs=5)


def test_after_an_uncertain_outcome_the_post_is_found_in_the_repository(fake_bluesky):
    config = bluesky.Config(pds_url=fake_bluesky.url, outbound=LOCAL_FAKES)
    token = login(fake_bluesky, config)
    fake_bluesky.delay_next("/xrpc/com.atproto.repo.createRecord", 1.0)
    with pytest.raises(UncertainOutcome):
        bluesky.post(replace(config, timeout=(2, 0.3)), token, TEXT, link=LINK)
    found = bluesky.find_recent_post(config, token, TEXT, link=LINK)
    assert found is not None and found.external_id == fake_bluesky.posts[-1]["uri"]
    assert bluesky.find_recent_post(config, token, "Jamais envoyé") is None


def test_revoke_ends_the_session(fake_bluesky):
    config = bluesky.Config(pds_url=fake_bluesky.url, outbound=LOCAL_FAKES)
    token = login(fake_bluesky, config)
    bluesky.revoke(config, token)
    assert fake_bluesky.requests_to("/xrpc/com.atproto.server.deleteSession")[-1].header("Authorization") == (
        f"Bearer {token.refresh_token}")
    with pytest.raises(TokenExpired):
        bluesky.refresh(config, token)
    bluesky.revoke(config, token)  # already ended: no error
