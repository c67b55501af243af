"""What the server keeps: the session cookie lasts as long as the server session, and the instance folder
(databases, jobs, outbox, secret key) is readable by its owner only."""

import os
import stat
from datetime import UTC, datetime, timedelta
from email.utils import parsedate_to_datetime
from pathlib import Path

import pytest

from server.auth.models import LoginSession
from tests.conftest import make_app


def cookie_expiry(response, name="pv_session"):
    header = next(h for h in response.headers.getlist("Set-Cookie") if h.startswith(name + "="))
    expires = next(part for part in header.split("; ") if part.lower().startswith("expires="))
    return parsedate_to_datetime(expires.split("=", 1)[1]).astimezone(UTC).replace(tzinfo=None)


def sign_in_by_magic_link(client, email):
    """The real sign-in: ask for a link, take it from the outbox, confirm it."""
    from tests.auth.test_magic_link import ask_for_link, link_from_outbox, redeem

    assert ask_for_link(client, email).status_code == 200
    return redeem(client, link_from_outbox(client.application))


@pytest.mark.parametrize("app_config", [{}, {"SESSION_DAYS": 3}], ids=["default", "3-days"])
def test_the_session_cookie_expires_with_the_server_session(client, employee, app_config):
    days = app_config.get("SESSION_DAYS", 14)
    response = sign_in_by_magic_link(client, employee.email)
    assert response.status_code == 302
    stored = LoginSession.get(LoginSession.user == employee)
    expires = cookie_expiry(response)
    assert abs(expires - stored.expires_at) < timedelta(minutes=1)
    assert abs(expires - (datetime.now(UTC).replace(tzinfo=None) + timedelta(days=days))) < timedelta(minutes=1)


def modes(folder):
    """Every folder and file under `folder` (itself included) with its permission bits."""
    found = {str(folder): stat.S_IMODE(os.stat(folder).st_mode)}
    for root, folders, files in os.walk(folder):
        for name in folders + files:
            path = os.path.join(root, name)
            found[path] = stat.S_IMODE(os.lstat(path).st_mode)
    return found


def loose(found):
    return {path: oct(mode) for path, mode in found.items() if mode & 0o077}


def test_what_the_server_writes_in_its_instance_folder_is_private(tmp_path):
    """The embedded mode end to end: database (with its -wal and -shm), jobs, rate limits, secret key, outbox."""
    from server.auth.models import User
    from server.db import database
    from server.jobs import huey
    from tests.conftest import csrf_token

    instance = tmp_path / "instance"
    app = make_app(f"sqlite:///{instance}/porte-voix.db", instance, SECRET_KEY=None, JOBS_IMMEDIATE=False)
    try:
        with app.app_context():
            User.create(email="paul@acme.example", name="Paul")
        client = app.test_client()
        form = {"email": "paul@acme.example", "csrf_token": csrf_token(client, "/login")}
        assert client.post("/login", data=form).status_code == 200  # a job queued, rate-limit counters written
        huey.execute(huey.dequeue())  # what the worker does: the sign-in e-mail goes to the outbox
        with app.app_context():
            database.connect(reuse_if_open=True)  # while a connection is open, SQLite keeps its -wal and -shm
            User.select().count()
            found = modes(instance)
            database.close()
    finally:
        make_app(f"sqlite:///{tmp_path}/reset.db", tmp_path / "reset")  # jobs inline again for the next tests
    names = {Path(path).name for path in found}
    assert {"secret_key", "porte-voix.db", "porte-voix.db-wal", "porte-voix.db-shm", "jobs.db", "rate-limits.db",
            "rate-limits.db-wal", "outbox"} <= names, names
    assert any(name.endswith(".eml") for name in names)
    assert loose(found) == {}
    assert found[str(instance)] == 0o700


def test_an_existing_folder_with_loose_modes_is_tightened_at_start(database_url, tmp_path):
    instance = tmp_path / "instance"
    (instance / "outbox").mkdir(parents=True)
    (instance / "outbox" / "old.eml").write_text("To: someone")
    (instance / "secret_key").write_text("kept-from-an-older-version")
    (instance / "jobs.db").write_bytes(b"")
    for path, mode in ((instance, 0o755), (instance / "outbox", 0o777), (instance / "outbox" / "old.eml", 0o644),
                       (instance / "secret_key", 0o644), (instance / "jobs.db", 0o664)):
        os.chmod(path, mode)
    assert loose(modes(instance))
    app = make_app(database_url, instance, SECRET_KEY=None)
    assert loose(modes(instance)) == {}
    assert app.config["SECRET_KEY"] == "kept-from-an-older-version"
