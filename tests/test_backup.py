"""`porte-voix backup` and `porte-voix restore`, run as an operator runs them, on an embedded instance."""

import io
import json
import os
import sqlite3
import stat
import subprocess
import sys
import tarfile
import threading
import time

import pytest

from server.db import database
from tests.conftest import make_app
from tests.support.processes import ROOT, WorkerProcess

GROUP = 3  # rows the writer commits together: a consistent copy has all of a group or none


def porte_voix(*args, instance, database_url=None):
    """Run the `porte-voix` command on an instance folder; returns the finished process (output as text)."""
    environment = {key: value for key, value in os.environ.items() if not key.startswith("PV_")}
    environment["PV_INSTANCE_PATH"] = str(instance)
    if database_url:
        environment["PV_DATABASE_URL"] = database_url
    return subprocess.run([sys.executable, "-m", "server", *args], cwd=ROOT, env=environment, capture_output=True,
                          text=True, timeout=60)


@pytest.fixture
def instance(tmp_path):
    """An embedded instance (default database file, generated secret key) with a user and an e-mail sent."""
    from server.auth.models import User
    from server.mail import send_mail

    folder = tmp_path / "instance"
    app = make_app(f"sqlite:///{folder}/porte-voix.db", folder, SECRET_KEY=None)
    with app.app_context(), database.connection_context():
        User.create(email="camille@acme.example", name="Camille Durand")
        send_mail("camille@acme.example", "Bienvenue", "Bonjour Camille")
    yield app
    database.close()


class Writer(threading.Thread):
    """Commits groups of audit events, one transaction each, as fast as it can, until stopped."""

    def __init__(self, app):
        super().__init__(daemon=True)
        self.app, self.committed, self.errors = app, [], []
        self.stopping = threading.Event()

    def run(self):
        from server import audit

        with self.app.app_context(), database.connection_context():
            while not self.stopping.is_set():
                try:
                    with database.atomic():
                        ids = [audit.record("test.write", n=n).id for n in range(GROUP)]
                    self.committed.append((time.monotonic(), ids))
                except Exception as exc:  # the test asserts there is none
                    self.errors.append(exc)
                time.sleep(0.002)

    def ids_before(self, moment):
        return {i for at, ids in self.committed if at < moment for i in ids}


def rows(path, sql):
    connection = sqlite3.connect(path)
    try:
        return connection.execute(sql).fetchall()
    finally:
        connection.close()


def test_a_backup_of_a_busy_instance_restores_every_row_committed_before_it_began(instance, tmp_path):
    folder = tmp_path / "instance"
    writer = Writer(instance)
    writer.start()
    while len(writer.committed) < 20:
        time.sleep(0.01)
    began = time.monotonic()
    backup = porte_voix("backup", str(tmp_path / "backup.tar.gz"), instance=folder)
    ended = time.monotonic()
    time.sleep(0.2)
    writer.stopping.set()
    writer.join(10)
    assert backup.returncode == 0, backup.stderr
    assert not writer.errors, "the backup must not get in the writers' way"
    assert writer.ids_before(ended) - writer.ids_before(began), "writes went on during the backup"
    assert stat.S_IMODE(os.stat(tmp_path / "backup.tar.gz").st_mode) == 0o600

    restored = tmp_path / "restored"
    restore = porte_voix("restore", str(tmp_path / "backup.tar.gz"), instance=restored)
    assert restore.returncode == 0, restore.stderr
    database_file = restored / "porte-voix.db"
    assert rows(database_file, "PRAGMA integrity_check") == [("ok",)]
    assert rows(database_file, "PRAGMA foreign_key_check") == []
    stored = {i for (i,) in rows(database_file, "SELECT id FROM audit_events WHERE action = 'test.write'")}
    assert writer.ids_before(began) <= stored, "every row committed before the backup began is restored"
    for _at, ids in writer.committed:
        assert set(ids) <= stored or not set(ids) & stored, "a transaction is in the copy whole or not at all"
    assert rows(database_file, "SELECT email FROM users") == [("camille@acme.example",)]
    assert rows(restored / "jobs.db", "PRAGMA integrity_check") == [("ok",)]
    assert (restored / "secret_key").read_text() == (folder / "secret_key").read_text()
    assert stat.S_IMODE(os.stat(restored / "secret_key").st_mode) == 0o600
    [mail] = (restored / "outbox").glob("*.eml")
    assert "Bonjour Camille" in mail.read_text()


def test_restore_refuses_a_running_instance_and_replaces_a_stopped_one_only_with_force(instance, tmp_path):
    from server.auth.models import User

    folder, archive = tmp_path / "instance", tmp_path / "backup.tar.gz"
    assert porte_voix("backup", str(archive), instance=folder).returncode == 0
    with instance.app_context(), database.connection_context():
        User.create(email="after@acme.example", name="Written after the backup")
    settings = {"DATABASE_URL": f"sqlite:///{folder}/porte-voix.db", "INSTANCE_PATH": str(folder),
                "SECRET_KEY": "worker-key", "JOBS_IMMEDIATE": False, "LOG_LEVEL": "WARNING"}
    worker = WorkerProcess(settings, tmp_path / "worker.log")
    try:
        worker.wait_until_ready()
        while_running = porte_voix("restore", "--force", str(archive), instance=folder)
    finally:
        worker.stop()
    assert while_running.returncode != 0 and "is in use" in while_running.stderr
    assert "porte-voix worker" in while_running.stderr, "the refusal says what to stop"

    without_force = porte_voix("restore", str(archive), instance=folder)
    assert without_force.returncode != 0 and "--force" in without_force.stderr
    emails = "SELECT email FROM users ORDER BY id"
    assert rows(folder / "porte-voix.db", emails)[-1] == ("after@acme.example",), "nothing replaced yet"

    forced = porte_voix("restore", "--force", str(archive), instance=folder)
    assert forced.returncode == 0, forced.stderr
    assert rows(folder / "porte-voix.db", emails) == [("camille@acme.example",)]
    [saved] = folder.glob("before-restore-*.tar.gz")
    assert str(saved) in forced.stdout and stat.S_IMODE(os.stat(saved).st_mode) == 0o600
    assert porte_voix("restore", str(saved), instance=tmp_path / "undone").returncode == 0
    assert rows(tmp_path / "undone" / "porte-voix.db", emails)[-1] == ("after@acme.example",)


def test_backup_with_postgresql_says_to_use_pg_dump(tmp_path):
    result = porte_voix("backup", str(tmp_path / "backup.tar.gz"), instance=tmp_path / "instance",
                        database_url="postgresql://porte_voix@127.0.0.1:5432/porte_voix")
    assert result.returncode != 0
    assert "pg_dump" in result.stderr
    assert not (tmp_path / "backup.tar.gz").exists()


def test_restore_refuses_an_archive_whose_entries_leave_the_instance(tmp_path):
    archive = tmp_path / "crafted.tar.gz"
    with tarfile.open(archive, "w:gz") as crafted:
        for name, content in (("manifest.json", json.dumps({"format": 1, "jobs": False}).encode()),
                              ("database.db", b""), ("../escaped.txt", b"written outside")):
            entry = tarfile.TarInfo(name)
            entry.size = len(content)
            crafted.addfile(entry, io.BytesIO(content))
    result = porte_voix("restore", str(archive), instance=tmp_path / "instance")
    assert result.returncode != 0 and "unexpected entry" in result.stderr
    assert not (tmp_path / "escaped.txt").exists()
    assert not (tmp_path / "instance" / "escaped.txt").exists()
