"""Connecting, refreshing and disconnecting an employee's own accounts, against local fake networks."""

import threading
import time
from urllib.parse import urlsplit

import pytest

from server.db import database
from server.networks import Token, TokenExpired
from server.shares.accounts import ConnectedAccount, usable_token
from server.shares.models import InstanceApp
from tests.conftest import csrf_token, sign_in_client


def follow_consent(client, fake, authorize_url):
    """The employee approves on the network, which sends the browser back to our callback."""
    callback = urlsplit(fake.approve(authorize_url))
    return client.get(f"{callback.path}?{callback.query}")


def test_employee_connects_mastodon_on_their_own_instance(client, employee, fake_mastodon):
    sign_in_client(client, employee)
    page = client.post("/accounts/connect/mastodon", data={"instance": "Social.Example",
                                                           "csrf_token": csrf_token(client, "/accounts")})
    assert page.status_code == 200
    authorize_url = next(part for part in page.get_data(as_text=True).split('"')
                         if part.startswith(fake_mastodon.url + "/oauth/authorize"))
    assert fake_mastodon.apps and InstanceApp.get().instance == "social.example"
    response = follow_consent(client, fake_mastodon, authorize_url.replace("&amp;", "&"))
    assert response.status_code == 302 and response.headers["Location"] == "/accounts"

    account = ConnectedAccount.get()
    assert (account.network, account.instance, account.status) == ("mastodon", "social.example", "active")
    assert account.account_name == f"@marie@{urlsplit(fake_mastodon.url).netloc}"
    stored = database.execute_sql("SELECT token FROM connected_accounts").fetchone()[0]
    assert Token.from_dict(account.token).access_token not in stored, "tokens are encrypted at rest"
    secret = database.execute_sql("SELECT client_secret FROM instance_apps").fetchone()[0]
    assert InstanceApp.get().client_secret not in secret
    assert "marie" in client.get("/accounts").get_data(as_text=True)


def test_a_second_employee_on_the_same_instance_reuses_the_app(client, employee, make_user, fake_mastodon):
    for user in (employee, make_user()):
        fresh = client.application.test_client()
        sign_in_client(fresh, user)
        fresh.post("/accounts/connect/mastodon", data={"instance": "social.example",
                                                       "csrf_token": csrf_token(fresh, "/accounts")})
    assert len(fake_mastodon.requests_to("/api/v1/apps")) == 1


@pytest.mark.parametrize("instance", ["", "https://evil.example/x", "localhost", "10.0.0.1", "a b"])
def test_a_bad_mastodon_instance_is_explained(client, employee, instance):
    sign_in_client(client, employee)
    response = client.post("/accounts/connect/mastodon", data={"instance": instance,
                                                               "csrf_token": csrf_token(client, "/accounts")})
    assert response.status_code in (422, 400)
    assert 'aria-invalid="true"' in response.get_data(as_text=True)
    assert ConnectedAccount.select().count() == 0 and InstanceApp.select().count() == 0


def test_an_instance_resolving_to_a_private_address_is_refused(app, client, employee, monkeypatch):
    import socket

    monkeypatch.setattr(socket, "getaddrinfo", lambda *a, **k: [(2, 1, 6, "", ("10.1.2.3", 443))])
    sign_in_client(client, employee)
    response = client.post("/accounts/connect/mastodon", data={"instance": "intranet.example",
                                                               "csrf_token": csrf_token(client, "/accounts")})
    assert response.status_code in (400, 422) and "not a public internet address" in response.get_data(as_text=True)


def test_employee_connects_x_with_pkce_and_refreshes_under_a_lock(app, client, employee, fake_x):
    sign_in_client(client, employee)
    start = client.get("/accounts/connect/x")
    assert start.status_code == 302 and start.headers["Location"].startswith(fake_x.url + "/i/oauth2/authorize")
    assert "code_challenge_method=S256" in start.headers["Location"]
    assert follow_consent(client, fake_x, start.headers["Location"]).status_code == 302
    account = ConnectedAccount.get()
    assert account.account_name == "@marie_dupont"

    # The token is about to expire: two workers ask for it at once; X refresh tokens work once.
    token = Token.from_dict(account.token)
    ConnectedAccount.update(token={**token.to_dict(), "expires_at": time.time() + 10}).execute()
    results, errors = [], []

    def use():
        try:
            with app.app_context():
                results.append(usable_token(account.id)[1])
        except Exception as exc:  # collected and asserted below
            errors.append(exc)
        finally:
            database.close()

    threads = [threading.Thread(target=use) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(20)
    assert errors == []
    assert len(fake_x.requests_to("/2/oauth2/token")) == 2  # the code exchange, then ONE refresh
    assert results[0].access_token == results[1].access_token != token.access_token
    assert ConnectedAccount.get().refreshed_at is not None


def test_a_refused_refresh_marks_the_account_for_reconnection(app, client, employee, fake_x):
    sign_in_client(client, employee)
    follow_consent(client, fake_x, client.get("/accounts/connect/x").headers["Location"])
    account = ConnectedAccount.get()
    token = Token.from_dict(account.token)
    ConnectedAccount.update(token={**token.to_dict(), "expires_at": time.time() - 5,
                                   "refresh_token": "already-used"}).execute()
    with app.app_context(), pytest.raises(TokenExpired):
        usable_token(account.id)
    assert ConnectedAccount.get().status == "reconnect"
    assert "Needs reconnecting" in client.get("/accounts").get_data(as_text=True)


def test_employee_connects_bluesky_with_an_app_password(client, employee, fake_bluesky):
    sign_in_client(client, employee)
    response = client.post("/accounts/connect/bluesky", data={
        "identifier": "marie.bsky.social", "app_password": "abcd-efgh-ijkl-mnop",
        "csrf_token": csrf_token(client, "/accounts")})
    assert response.status_code == 302
    account = ConnectedAccount.get()
    assert account.network == "bluesky" and account.account_id.startswith("did:")
    stored = database.execute_sql("SELECT token FROM connected_accounts").fetchone()[0]
    assert "abcd-efgh" not in stored and "marie" not in stored


def test_wrong_bluesky_credentials_are_explained(client, employee, fake_bluesky):
    sign_in_client(client, employee)
    status, body = fake_bluesky.ERRORS["bad_login"]
    fake_bluesky.fail_next("/xrpc/com.atproto.server.createSession", status, body)
    response = client.post("/accounts/connect/bluesky", data={
        "identifier": "marie.bsky.social", "app_password": "wrong-pass",
        "csrf_token": csrf_token(client, "/accounts")})
    assert response.status_code == 400 and "Bluesky refused these credentials." in response.get_data(as_text=True)
    assert ConnectedAccount.select().count() == 0


def test_disconnecting_revokes_the_token_at_the_network(client, employee, fake_mastodon):
    sign_in_client(client, employee)
    page = client.post("/accounts/connect/mastodon", data={"instance": "social.example",
                                                           "csrf_token": csrf_token(client, "/accounts")})
    url = next(p for p in page.get_data(as_text=True).split('"') if p.startswith(fake_mastodon.url + "/oauth"))
    follow_consent(client, fake_mastodon, url.replace("&amp;", "&"))
    account = ConnectedAccount.get()
    response = client.post(f"/accounts/{account.id}/disconnect", data={"csrf_token": csrf_token(client)})
    assert response.status_code == 302
    assert ConnectedAccount.select().count() == 0
    assert fake_mastodon.requests_to("/oauth/revoke")


def test_someone_elses_account_cannot_be_disconnected(client, employee, make_user, fake_bluesky):
    from server.shares.accounts import connect_with_password

    other = make_user()
    with client.application.test_request_context():
        account = connect_with_password(other, "bluesky", "marie.bsky.social", "abcd-efgh-ijkl-mnop")
    sign_in_client(client, employee)
    response = client.post(f"/accounts/{account.id}/disconnect", data={"csrf_token": csrf_token(client)})
    assert response.status_code == 404 and ConnectedAccount.select().count() == 1


def test_linkedin_and_x_are_offered_only_when_the_company_configured_its_app(client, employee):
    sign_in_client(client, employee)
    page = client.get("/accounts").get_data(as_text=True)
    assert "Mastodon" in page and "Bluesky" in page
    assert "Connect LinkedIn" not in page and "Connect X" not in page


def test_checking_a_connection_refreshes_it(app, client, employee, fake_x):
    sign_in_client(client, employee)
    follow_consent(client, fake_x, client.get("/accounts/connect/x").headers["Location"])
    before = Token.from_dict(ConnectedAccount.get().token)
    response = client.post(f"/accounts/{ConnectedAccount.get().id}/refresh", data={"csrf_token": csrf_token(client)})
    assert response.status_code == 302
    after = Token.from_dict(ConnectedAccount.get().token)
    assert after.access_token != before.access_token and after.refresh_token != before.refresh_token
    assert "the connection works" in client.get("/accounts").get_data(as_text=True)


def test_owners_hear_a_week_ahead_that_a_linkedin_connection_expires(app, client, employee, fake_linkedin):
    from datetime import UTC, datetime, timedelta

    import time_machine

    from server.notifications import Notification
    from server.shares.notices import warn_expiring_connections

    sign_in_client(client, employee)
    follow_consent(client, fake_linkedin, client.get("/accounts/connect/linkedin").headers["Location"])
    assert "you will be reminded a week before" in client.get("/accounts").get_data(as_text=True)
    with app.test_request_context():
        warn_expiring_connections()
    assert Notification.select().count() == 0, "60 days ahead: nothing to say yet"
    with time_machine.travel(datetime.now(UTC) + timedelta(days=54)), app.test_request_context():
        warn_expiring_connections()
        warn_expiring_connections()
    notice = Notification.get()
    assert notice.kind == "account.expiring" and notice.url == "/accounts"
