"""The shared OAuth helpers: reading the callback and the granted scopes."""

import pytest

from server.networks.errors import AuthorizationFailed
from server.networks.oauth import callback_code, granted_scopes

CALLBACK = "http://intranet.example/connect/callback"


@pytest.mark.parametrize(("url", "reason"), [
    (f"{CALLBACK}?code=abc&state=other", "state_mismatch"),
    (f"{CALLBACK}?code=abc", "state_mismatch"),
    (f"{CALLBACK}?error=access_denied&error_description=The+user+denied&state=s1", "access_denied"),
    (f"{CALLBACK}?state=s1", "missing_code"),
])
def test_a_bad_callback_is_refused_with_a_reason(url, reason):
    with pytest.raises(AuthorizationFailed) as caught:
        callback_code(url, "s1", network="x")
    assert caught.value.reason == reason


def test_a_plain_http_callback_behind_a_proxy_is_accepted():
    assert callback_code(f"{CALLBACK}?code=abc&state=s1", "s1", network="x") == "abc"


@pytest.mark.parametrize(("raw", "scopes"), [
    ({"scope": "write:statuses read:accounts"}, ("write:statuses", "read:accounts")),
    ({"scope": ["email,openid,profile,w_member_social"]}, ("email", "openid", "profile", "w_member_social")),
    ({"scope": ["tweet.read", "users.read"]}, ("tweet.read", "users.read")),
    ({}, ("asked",)),
])
def test_granted_scopes_read_spaces_commas_and_absence(raw, scopes):
    assert granted_scopes(raw, ("asked",)) == scopes
