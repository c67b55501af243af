"""Access declarations, API tokens, sessions, CSRF, cookies and headers.

What each role gets on each route (and on another user's objects) is the matrix of
tests/auth/test_access_matrix.py."""

import pytest

from server.auth.models import ApiToken, LoginSession
from tests.conftest import csrf_token, sign_in_client


def test_every_route_declares_who_may_call_it(app):
    from server.auth import access_level

    with app.app_context():
        undeclared = [rule.endpoint for rule in app.url_map.iter_rules() if access_level(rule.endpoint) is None]
    assert undeclared == []


def test_api_token_lifecycle(client, employee):
    sign_in_client(client, employee)
    token = csrf_token(client)
    created = client.post("/api/v1/tokens", json={"name": "Firefox at work"}, headers={"X-CSRFToken": token})
    assert created.status_code == 201
    body = created.get_json()
    raw = body["token"]
    assert raw.startswith("pv_") and body["prefix"] == raw[:10]
    assert ApiToken.get().token_hash != raw and raw not in str(ApiToken.get().__data__)

    bearer = {"Authorization": f"Bearer {raw}"}
    other = client.application.test_client()
    me = other.get("/api/v1/me", headers=bearer)
    assert me.status_code == 200 and me.get_json()["email"] == "camille@acme.example"
    listed = other.get("/api/v1/tokens", headers=bearer).get_json()
    assert [t["name"] for t in listed] == ["Firefox at work"] and "token" not in listed[0]

    assert other.delete(f"/api/v1/tokens/{body['id']}", headers=bearer).status_code == 204
    refused = other.get("/api/v1/me", headers=bearer)
    assert refused.status_code == 401
    assert refused.get_json()["error"]["message"] == "This token is invalid or has been revoked."


def test_bearer_token_of_a_disabled_user_is_refused(client, employee, bearer):
    headers = bearer(employee)
    employee.active = False
    employee.save()
    assert client.get("/api/v1/me", headers=headers).status_code == 401


@pytest.mark.parametrize("header", ["Bearer", "Bearer ", "Basic abc", "Bearer pv_unknown", "Bearer not-ours"])
def test_malformed_or_unknown_authorization_is_401(client, header):
    response = client.get("/api/v1/me", headers={"Authorization": header})
    assert response.status_code == 401
    assert set(response.get_json()["error"]) == {"code", "message", "fields"}


def test_bearer_calls_need_no_csrf_but_cookie_calls_do(client, employee, bearer):
    assert client.patch("/api/v1/me", json={"name": "Camille D."}, headers=bearer(employee)).status_code == 200
    sign_in_client(client, employee)
    refused = client.patch("/api/v1/me", json={"name": "Forged"})
    assert refused.status_code == 400 and refused.get_json()["error"]["code"] == "csrf_failed"
    token = csrf_token(client)
    assert client.patch("/api/v1/me", json={"name": "Camille"}, headers={"X-CSRFToken": token}).status_code == 200


def test_sign_out_ends_the_session_on_the_server(client, employee):
    sign_in_client(client, employee)
    with client.session_transaction() as stored:
        copied = dict(stored)
    client.post("/logout", data={"csrf_token": csrf_token(client)})
    assert client.get("/").status_code == 302
    replay = client.application.test_client()
    with replay.session_transaction() as stored:
        stored.update(copied)
    assert replay.get("/").status_code == 302, "a copied cookie must not outlive sign-out"
    assert LoginSession.get().revoked_at is not None


def test_disabling_a_user_ends_their_sessions(client, admin, employee):
    victim = sign_in_client(client.application.test_client(), employee)
    sign_in_client(client, admin)
    response = client.patch(f"/api/v1/users/{employee.id}", json={"active": False},
                            headers={"X-CSRFToken": csrf_token(client)})
    assert response.status_code == 200 and response.get_json()["active"] is False
    assert victim.get("/").status_code == 302


def test_admin_changes_a_role_and_the_last_admin_is_protected(client, admin, employee, bearer):
    headers = bearer(admin)
    promoted = client.patch(f"/api/v1/users/{employee.id}", json={"role": "moderator"}, headers=headers)
    assert promoted.get_json()["role"] == "moderator"
    demoted = client.patch(f"/api/v1/users/{admin.id}", json={"role": "employee"}, headers=headers)
    assert demoted.status_code == 409
    assert client.get("/api/v1/me", headers=headers).get_json()["role"] == "admin"


def test_session_cookie_is_httponly_and_samesite_lax(client, app):
    cookie = client.get("/login").headers["Set-Cookie"]
    assert cookie.startswith("pv_session=") and "HttpOnly" in cookie and "SameSite=Lax" in cookie
    assert app.config["SESSION_COOKIE_SECURE"] is False  # plain http in tests; https base URLs turn it on


@pytest.mark.parametrize("app_config", [{"BASE_URL": "https://share.acme.example"}])
def test_https_base_url_makes_cookies_secure(client, app):
    response = client.get("/login")
    assert "Secure" in response.headers["Set-Cookie"]
    assert response.headers["Strict-Transport-Security"].startswith("max-age=")


def test_pages_refuse_to_be_framed_and_restrict_scripts(client):
    headers = client.get("/login").headers
    assert headers["X-Frame-Options"] == "DENY"
    assert "frame-ancestors 'none'" in headers["Content-Security-Policy"]
    assert "script-src 'self'" in headers["Content-Security-Policy"]
    assert headers["X-Content-Type-Options"] == "nosniff"


def test_magic_link_requests_are_rate_limited(client):
    statuses = [client.post("/api/v1/auth/magic-link", json={"email": "x@acme.example"}).status_code
                for _ in range(12)]
    assert statuses[:10] == [202] * 10
    assert statuses[10] == 429
    limited = client.post("/api/v1/auth/magic-link", json={"email": "x@acme.example"})
    assert limited.get_json()["error"]["code"] == "rate_limited"
