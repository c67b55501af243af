"""The job worker: a real `porte-voix worker` process consuming the SQLite queue of the instance."""

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from server.db import database
from tests.conftest import make_app


@pytest.fixture
def queued_app(database_url, tmp_path):
    app = make_app(database_url, tmp_path / "instance", JOBS_IMMEDIATE=False)
    yield app
    database.close()
    make_app(database_url, tmp_path / "reset", JOBS_IMMEDIATE=True)  # leave jobs inline for the next tests


def wait_for(predicate, seconds=20):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.1)
    return False


def test_worker_delivers_a_queued_email_and_reports_itself_in_healthz(queued_app, database_url):
    from server.mail import send_mail

    with queued_app.app_context():
        send_mail("tom@acme.example", "Bienvenue", "Bonjour Tom")
    outbox = Path(queued_app.instance_path) / "outbox"
    assert not outbox.exists(), "nothing may be sent before a worker runs"
    client = queued_app.test_client()
    assert client.get("/healthz").get_json()["jobs"]["pending"] == 1

    env = {**os.environ, "PV_INSTANCE_PATH": queued_app.instance_path, "PV_DATABASE_URL": database_url,
           "PV_SECRET_KEY": "test-secret-key"}
    worker = subprocess.Popen([sys.executable, "-m", "server", "worker", "--workers", "1"], env=env,
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    try:
        assert wait_for(lambda: outbox.exists() and list(outbox.glob("*.eml"))), "the worker did not deliver"
        assert "Bonjour Tom" in next(outbox.glob("*.eml")).read_text()
        # The worker also queues its own start-up chores; the queue empties once they are done.
        assert wait_for(lambda: client.get("/healthz").get_json()["jobs"]["pending"] == 0)
        health = client.get("/healthz").get_json()["jobs"]
        assert health["backend"] == "sqlite" and health["worker"] == "running"
    finally:
        worker.terminate()
        output = worker.communicate(timeout=20)[0].decode()
    assert "job worker started" in output
