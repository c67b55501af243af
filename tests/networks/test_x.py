"""X: OAuth 2.0 with PKCE against a fake X, single-use refresh tokens, posting and its failures."""

import base64
import time
from urllib.parse import parse_qs, urlsplit

import pytest

from server.networks import x
from server.networks.errors import (
    AuthorizationFailed,
    DuplicatePost,
    MissingScope,
    RateLimited,
    TokenExpired,
    TransientError,
    UncertainOutcome,
)
from tests.networks.conftest import LOCAL_FAKES, REDIRECT_URI, TRACKED_LINK
from tests.networks.fakes import FakeX
from tests.networks.fakes.authorization_server import s256


def config_for(fake, **overrides):
    values = {"client_id": "x-client-id", "client_secret": "x-client-secret", "web_url": fake.url,
              "api_url": fake.url, "outbound": LOCAL_FAKES} | overrides
    return x.Config(**values)


def connect(fake, config):
    request = x.authorization_url(config, REDIRECT_URI)
    callback = fake.approve(request.url)
    return x.exchange_code(config, REDIRECT_URI, callback, request.state, request.code_verifier)


def test_authorization_url_asks_for_the_four_scopes_with_an_s256_challenge(fake_x):
    url, state, verifier = x.authorization_url(config_for(fake_x), REDIRECT_URI)
    parts = urlsplit(url)
    query = {k: v[0] for k, v in parse_qs(parts.query).items()}
    assert parts.path == "/i/oauth2/authorize"
    assert query == {"response_type": "code", "client_id": "x-client-id", "redirect_uri": REDIRECT_URI,
                     "scope": "tweet.read tweet.write users.read offline.access", "state": state,
                     "code_challenge": s256(verifier), "code_challenge_method": "S256"}
    assert 43 <= len(verifier) <= 128


def test_connecting_sends_the_verifier_with_basic_client_authentication(fake_x):
    token = connect(fake_x, config_for(fake_x))
    sent = fake_x.requests_to("/2/oauth2/token")[-1]
    expected_basic = "Basic " + base64.b64encode(b"x-client-id:x-client-secret").decode()
    assert sent.header("Authorization") == expected_basic
    assert set(sent.form) == {"grant_type", "code", "redirect_uri", "code_verifier"}
    assert sent.form["grant_type"] == "authorization_code" and sent.form["redirect_uri"] == REDIRECT_URI
    assert token.account_id == "1500000000000000001" and token.account_name == "@marie_dupont"
    assert token.scope == ("tweet.read", "tweet.write", "users.read", "offline.access")
    assert token.refresh_token and token.expires_at == pytest.approx(time.time() + 7200, abs=30)


def test_a_public_client_sends_its_id_in_the_body(insecure_transport):
    with FakeX(client_secret=None) as fake:
        connect(fake, config_for(fake, client_secret=None))
        sent = fake.requests_to("/2/oauth2/token")[-1]
    assert sent.header("Authorization") is None and sent.form["client_id"] == "x-client-id"
    assert "client_secret" not in sent.form


def test_a_wrong_verifier_is_refused(fake_x):
    config = config_for(fake_x)
    request = x.authorization_url(config, REDIRECT_URI)
    callback = fake_x.approve(request.url)
    with pytest.raises(AuthorizationFailed) as caught:
        x.exchange_code(config, REDIRECT_URI, callback, request.state, "another-verifier-" + "a" * 30)
    assert caught.value.reason == "invalid_grant" and "PKCE" in caught.value.message


def test_a_callback_with_another_state_is_refused_before_any_call(fake_x):
    config = config_for(fake_x)
    request = x.authorization_url(config, REDIRECT_URI)
    callback = fake_x.approve(request.url)
    with pytest.raises(AuthorizationFailed) as caught:
        x.exchange_code(config, REDIRECT_URI, callback, "forged-state", request.code_verifier)
    assert caught.value.reason == "state_mismatch" and not fake_x.requests_to("/2/oauth2/token")


def test_an_employee_who_declines_gets_access_denied(fake_x):
    config = config_for(fake_x)
    fake_x.deny_next_authorization = True
    request = x.authorization_url(config, REDIRECT_URI)
    with pytest.raises(AuthorizationFailed) as caught:
        x.exchange_code(config, REDIRECT_URI, fake_x.approve(request.url), request.state, request.code_verifier)
    assert caught.value.reason == "access_denied"


def test_a_grant_without_tweet_write_is_a_missing_scope(fake_x):
    fake_x.grant_only = ("tweet.read", "users.read", "offline.access")
    with pytest.raises(MissingScope):
        connect(fake_x, config_for(fake_x))


def test_refresh_rotates_and_the_old_refresh_token_is_dead(fake_x):
    config = config_for(fake_x)
    first = connect(fake_x, config)
    second = x.refresh(config, first)
    assert second.refresh_token != first.refresh_token and second.access_token != first.access_token
    assert (second.account_id, second.account_name) == (first.account_id, first.account_name)
    sent = fake_x.requests_to("/2/oauth2/token")[-1].form
    assert sent == {"grant_type": "refresh_token", "refresh_token": first.refresh_token}
    with pytest.raises(TokenExpired, match="Value passed for the token was invalid"):
        x.refresh(config, first)
    assert x.refresh(config, second).refresh_token


def test_needs_refresh_before_the_two_hours_are_up(fake_x):
    token = connect(fake_x, config_for(fake_x))
    assert not x.needs_refresh(token, time.time())
    assert x.needs_refresh(token, time.time() + 7200 - 60)


def test_post_puts_the_link_in_the_text(fake_x):
    config = config_for(fake_x)
    token = connect(fake_x, config)
    result = x.post(config, token, "Bravo l'équipe 🎉 #Lyon", link=TRACKED_LINK, language="fr")
    sent = fake_x.requests_to("/2/tweets")[-1]
    assert sent.json == {"text": f"Bravo l'équipe 🎉 #Lyon\n\n{TRACKED_LINK}"}
    assert sent.header("Authorization") == f"Bearer {token.access_token}"
    assert result == x.PostResult(fake_x.posts[-1]["id"], f"{fake_x.url}/marie_dupont/status/{result.external_id}")


def test_an_expired_token_raises_token_expired_without_refreshing(fake_x):
    config = config_for(fake_x)
    token = connect(fake_x, config)
    fake_x.expire_tokens()
    token_calls = len(fake_x.requests_to("/2/oauth2/token"))
    with pytest.raises(TokenExpired):
        x.post(config, token, "Bonjour")
    assert len(fake_x.requests_to("/2/oauth2/token")) == token_calls and not fake_x.posts


def test_posting_the_same_text_twice_is_a_duplicate(fake_x):
    config = config_for(fake_x)
    token = connect(fake_x, config)
    x.post(config, token, "Une seule fois")
    with pytest.raises(DuplicatePost, match="duplicate content"):
        x.post(config, token, "Une seule fois")


@pytest.mark.parametrize(("kind", "error"), [
    ("expired", TokenExpired), ("missing_scope", MissingScope), ("duplicate", DuplicatePost),
    ("rate_limited", RateLimited), ("server", TransientError),
])
def test_error_answers_map_to_errors(fake_x, kind, error):
    config = config_for(fake_x)
    token = connect(fake_x, config)
    status, body = FakeX.ERRORS[kind]
    fake_x.fail_next("/2/tweets", status, body, headers={"x-rate-limit-reset": str(int(time.time()) + 90)})
    with pytest.raises(error) as caught:
        x.post(config, token, "Bonjour")
    assert caught.value.network == "x" and caught.value.message == body["detail"]
    if error is RateLimited:
        assert caught.value.retry_after == pytest.approx(90, abs=3)


def test_after_an_uncertain_outcome_the_post_is_found_again(fake_x):
    config = config_for(fake_x, timeout=(2, 0.3))
    token = connect(fake_x, config)
    text = "Q&A <demain> à 10h"
    fake_x.delay_next("/2/tweets", 1.0)
    with pytest.raises(UncertainOutcome):
        x.post(config, token, text, link=TRACKED_LINK)
    found = x.find_recent_post(config_for(fake_x), token, text, link=TRACKED_LINK)
    assert found is not None and found.external_id == fake_x.posts[-1]["id"]
    lookup = fake_x.requests_to(f"/2/users/{token.account_id}/tweets")[-1]
    assert lookup.args["exclude"] == "retweets,replies"


def test_find_recent_post_is_none_when_nothing_went_through(fake_x):
    config = config_for(fake_x)
    token = connect(fake_x, config)
    x.post(config, token, "Autre chose")
    assert x.find_recent_post(config, token, "Jamais envoyé") is None


def test_revoke_revokes_the_refresh_token_then_the_access_token(fake_x):
    config = config_for(fake_x)
    token = connect(fake_x, config)
    x.revoke(config, token)
    assert fake_x.revoked == [token.refresh_token, token.access_token]
    hints = [r.form["token_type_hint"] for r in fake_x.requests_to("/2/oauth2/revoke")]
    assert hints == ["refresh_token", "access_token"]
    with pytest.raises(TokenExpired):
        x.post(config, token, "Après révocation")
