"""Posting through connected accounts: exact requests, retries, reconnects, scheduling, crashes."""

import json
import os
import signal
import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta

import pytest
import time_machine

from server.db import database
from server.notifications import Notification
from server.shares.models import ConnectedAccount, ShareTarget
from server.shares.publishing import MAX_ATTEMPTS, sweep


@pytest.fixture
def alice(employee, ready, bearer, mastodon_account):
    ready(employee)
    mastodon_account(employee)
    return bearer(employee)


def post_to_mastodon(client, headers, link, text="Notre site de Lyon passe à l'hydrogène 🚀", key="k", **extra):
    body = {"link_id": link.id, "text": text, "targets": [{"network": "mastodon", "method": "api"}], **extra}
    return client.post("/api/v1/shares", json=body, headers={**headers, "Idempotency-Key": key})


def test_a_post_goes_out_through_the_connected_account_exactly_once(client, alice, link, fake_mastodon):
    share = post_to_mastodon(client, alice, link).get_json()
    assert share["state"] == "completed"
    target = share["targets"][0]
    assert target["state"] == "posted" and target["external_url"]
    [request] = fake_mastodon.requests_to("/api/v1/statuses", method="POST")
    assert request.json == {"status": f"Notre site de Lyon passe à l'hydrogène 🚀\n\n{target['tracked_url']}",
                            "visibility": "public", "language": "fr"}
    code = target["tracked_url"].rsplit("/", 1)[1]
    assert request.header("Idempotency-Key") == f"porte-voix-{code}"
    assert request.header("Authorization").startswith("Bearer ")
    assert len(fake_mastodon.posts) == 1


def test_a_rate_limited_post_waits_for_retry_after_then_goes_out(app, client, alice, link, fake_mastodon):
    status, body = fake_mastodon.ERRORS["rate_limited"]
    fake_mastodon.fail_next("/api/v1/statuses", status, body, headers={"Retry-After": "120"})
    share = post_to_mastodon(client, alice, link).get_json()
    target = ShareTarget.get()
    assert share["state"] == "publishing" and target.state == "waiting"
    wait = (target.next_attempt_at - datetime.now(UTC).replace(tzinfo=None)).total_seconds()
    assert 100 < wait <= 120
    with app.app_context():
        sweep()
    assert ShareTarget.get().state == "waiting", "not before Retry-After"
    with time_machine.travel(datetime.now(UTC) + timedelta(seconds=125)), app.app_context():
        sweep()
    assert ShareTarget.get().state == "posted" and len(fake_mastodon.posts) == 1


def test_server_errors_are_retried_with_backoff_then_given_up(app, client, alice, link, fake_mastodon):
    status, body = fake_mastodon.ERRORS["server"]
    fake_mastodon.fail_next("/api/v1/statuses", status, body, times=10)
    post_to_mastodon(client, alice, link)
    delays = []
    moment = datetime.now(UTC)
    for _ in range(8):
        target = ShareTarget.get()
        if target.state != "waiting":
            break
        delays.append(round((target.next_attempt_at - moment.replace(tzinfo=None)).total_seconds()))
        moment = target.next_attempt_at.replace(tzinfo=UTC) + timedelta(seconds=1)
        with time_machine.travel(moment), app.app_context():
            sweep()
    assert ShareTarget.get().state == "failed" and ShareTarget.get().error_code == "gave_up"
    assert delays[:3] == [30, 60, 120]
    assert Notification.select().where(Notification.kind == "share.failed").count() == 1
    assert fake_mastodon.posts == []


def test_an_expired_token_fails_the_share_with_a_reconnect_action(client, alice, link, fake_mastodon):
    fake_mastodon.expire_tokens()
    share = post_to_mastodon(client, alice, link).get_json()
    assert share["state"] == "failed"
    target = share["targets"][0]
    assert target["state"] == "failed" and target["error_code"] == "reconnect"
    assert ConnectedAccount.get().status == "reconnect"
    notice = Notification.get(Notification.kind == "share.failed")
    assert "Reconnect" in notice.body
    page = client.get(f"/api/v1/shares/{share['id']}", headers=alice).get_json()
    assert page["state"] == "failed", "nothing is lost: the share stays, waiting for the employee"


def test_retrying_after_reconnecting_publishes(app, client, alice, link, fake_mastodon, employee, mastodon_account):
    fake_mastodon.expire_tokens()
    share = post_to_mastodon(client, alice, link).get_json()
    mastodon_account(employee)  # reconnect
    again = client.post(f"/api/v1/shares/{share['id']}/targets/mastodon/retry", headers=alice).get_json()
    assert again["state"] == "completed" and len(fake_mastodon.posts) == 1


def test_a_missing_scope_is_a_clear_failure(client, alice, link, fake_mastodon):
    status, body = fake_mastodon.ERRORS["missing_scope"]
    fake_mastodon.fail_next("/api/v1/statuses", status, body)
    share = post_to_mastodon(client, alice, link).get_json()
    assert share["targets"][0]["error_code"] == "refused" and fake_mastodon.posts == []


@pytest.fixture
def app_config(app_config):
    return {**app_config, "NETWORK_TIMEOUT": (2, 1)}


def test_an_uncertain_outcome_is_reconciled_not_reposted(client, alice, link, fake_mastodon):
    fake_mastodon.delay_next("/api/v1/statuses", 2.5)  # the status is created; the answer comes too late
    share = post_to_mastodon(client, alice, link).get_json()
    assert share["state"] == "completed"
    assert len(fake_mastodon.posts) == 1
    assert ShareTarget.get().external_id == str(fake_mastodon.posts[0]["id"])


def test_a_network_that_never_answers_ends_failed_after_the_cap_not_in_a_loop(client, alice, link, fake_mastodon):
    # Each post is accepted and never answered in time (the read timeout is 1 s), and no status appears on
    # the account: every retry is a new, counted attempt, until the cap.
    fake_mastodon.fail_next("/api/v1/statuses", 504, {"error": "late"}, method="POST", times=50, after=1.5)
    share = post_to_mastodon(client, alice, link).get_json()
    target = ShareTarget.get()
    assert share["state"] == "failed"
    assert (target.state, target.error_code, target.attempts) == ("failed", "gave_up", MAX_ATTEMPTS)
    assert len(fake_mastodon.requests_to("/api/v1/statuses", method="POST")) == MAX_ATTEMPTS
    assert fake_mastodon.posts == []
    notice = Notification.get(Notification.kind == "share.failed")
    assert "did not accept the post after several tries" in notice.body
    assert share["targets"][0]["failure"] == "Mastodon did not accept the post after several tries."


def test_a_scheduled_post_waits_and_can_be_cancelled(app, client, alice, link, fake_mastodon):
    later = (datetime.now(UTC) + timedelta(hours=2)).isoformat()
    share = post_to_mastodon(client, alice, link, scheduled_for=later).get_json()
    assert share["state"] == "approved" and share["scheduled_for"]
    with app.app_context():
        sweep()
    assert fake_mastodon.posts == []
    assert client.post(f"/api/v1/shares/{share['id']}/cancel", headers=alice).get_json()["state"] == "cancelled"
    with time_machine.travel(datetime.now(UTC) + timedelta(hours=3)), app.app_context():
        sweep()
    assert fake_mastodon.posts == []


def test_a_scheduled_post_goes_out_at_its_time(app, client, alice, link, fake_mastodon):
    later = datetime.now(UTC) + timedelta(hours=2)
    share = post_to_mastodon(client, alice, link, scheduled_for=later.isoformat()).get_json()
    with time_machine.travel(later + timedelta(seconds=30)), app.app_context():
        sweep()
    assert client.get(f"/api/v1/shares/{share['id']}", headers=alice).get_json()["state"] == "completed"
    assert len(fake_mastodon.posts) == 1


class _Worker:
    def __init__(self, config):
        self.process = subprocess.Popen([sys.executable, "-m", "tests.support.worker_process", json.dumps(config)],
                                        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, cwd=os.getcwd(),
                                        env={**os.environ, "OAUTHLIB_INSECURE_TRANSPORT": "1"})

    def stop(self):
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
        return self.process.stdout.read().decode()


def wait_for(predicate, seconds=30):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.1)
    return False


def test_a_worker_killed_between_posting_and_recording_ends_with_one_post(database_url, tmp_path, fake_mastodon,
                                                                         monkeypatch):
    """SIGKILL after the network created the status and before its answer was recorded: once a worker
    starts again, the share ends posted with exactly one post at the network."""
    from tests.conftest import make_app
    from tests.shares.conftest import CHARTER

    config = {"DATABASE_URL": database_url, "INSTANCE_PATH": str(tmp_path / "instance"),
              "SECRET_KEY": "test-secret-key", "JOBS_IMMEDIATE": False, "PUBLISH_STALL_SECONDS": 2,
              "NETWORK_INSTANCE_URLS": {"social.example": fake_mastodon.url}, "NETWORK_TIMEOUT": [2, 30],
              "BASE_URL": "http://localhost", "OUTBOUND_ALLOW": ["127.0.0.1"]}
    app = make_app(database_url, tmp_path / "instance", **{k: v for k, v in config.items()
                                                         if k not in ("DATABASE_URL", "INSTANCE_PATH")})
    from server.auth.models import User
    from server.charter.training import acknowledge
    from server.charter.versions import parse_document, save_version
    from server.library.links import add_link
    from server.shares import accounts
    from server.shares.pipeline import opt_in, submit_share

    with app.test_request_context():
        admin = User.create(email="alice@acme.example", name="Alice", role="admin")
        camille = User.create(email="camille@acme.example", name="Camille")
        version = save_version(admin, parse_document(CHARTER))
        opt_in(camille)
        acknowledge(camille, version.number)
        link = add_link(admin, "https://acme-energie.example/news/lyon", fetch_preview=False, title="Lyon",
                        category="sector", language="fr")
        url, pending = accounts.begin_connect("mastodon", "social.example")
        accounts.complete_connect(camille, pending, fake_mastodon.approve(url))
        fake_mastodon.delay_next("/api/v1/statuses", 20)
        submit_share(camille, link_id=link.id, text="Lyon passe à l'hydrogène", idempotency_key="crash",
                     targets=[{"network": "mastodon", "method": "api"}])
    database.close()

    first = _Worker(config)
    try:
        assert wait_for(lambda: len(fake_mastodon.posts) == 1), "the post never reached the network"
        first.process.send_signal(signal.SIGKILL)
        first.process.wait(10)
    finally:
        first.stop()
    assert ShareTarget.get().state == "publishing" and ShareTarget.get().external_id is None
    time.sleep(2.5)  # past PUBLISH_STALL_SECONDS: the attempt is now known to be abandoned

    second = _Worker(config)
    try:
        assert wait_for(lambda: ShareTarget.get().state == "posted"), second.stop()
    finally:
        output = second.stop()
    target = ShareTarget.get()
    assert target.external_id == str(fake_mastodon.posts[0]["id"]), output
    assert len(fake_mastodon.posts) == 1
    assert fake_mastodon.requests_to(f"/api/v1/accounts/{ConnectedAccount.get().account_id}/statuses")
    database.close()
    make_app(database_url, tmp_path / "reset", JOBS_IMMEDIATE=True)
