"""Schema migrations: applied in order, once, keeping what the database already holds."""

from datetime import datetime

from server.db import database, open_database
from server.migrations import available, status, upgrade

SAMPLE = "tests.support.sample_migrations"


def test_upgrading_an_existing_database_keeps_its_rows(empty_database_url):
    db = open_database(empty_database_url)
    with db.connection_context():
        assert upgrade(db, SAMPLE, target=1) == ["m0001_notes"]
        db.execute_sql("INSERT INTO sample_notes (title) VALUES ('Bilan carbone 2026'), ('Salon Vivatech')")
        assert upgrade(db, SAMPLE) == ["m0002_note_language"]
        rows = db.execute_sql("SELECT title, language FROM sample_notes ORDER BY id").fetchall()
        assert [tuple(r) for r in rows] == [("Bilan carbone 2026", "fr"), ("Salon Vivatech", "fr")]
        assert upgrade(db, SAMPLE) == [], "a second upgrade has nothing to do"
        assert [name for name, applied in status(db, SAMPLE) if applied] == ["m0001_notes", "m0002_note_language"]


def _empty_database(empty_database_url, tmp_path, name):
    """A database with nothing in it: a new SQLite file, or the test's PostgreSQL schema emptied."""
    if "postgres" not in empty_database_url:
        return open_database(f"sqlite:///{tmp_path}/{name}.db")
    db = open_database(empty_database_url)
    with db.connection_context():
        schema = db.execute_sql("SELECT current_schema()").fetchone()[0]
        db.execute_sql(f'DROP SCHEMA "{schema}" CASCADE')
        db.execute_sql(f'CREATE SCHEMA "{schema}"')
    return db


def test_every_real_migration_upgrades_a_database_holding_rows_from_the_version_before(empty_database_url, tmp_path):
    """Stop at each version, store a user, then go to the newest: the user is still there."""
    versions = [version for version, _, _ in available()]
    for stop in versions[:-1] or versions:
        db = _empty_database(empty_database_url, tmp_path, f"stop-{stop}")
        with db.connection_context():
            upgrade(db, target=stop)
            db.execute_sql("INSERT INTO users (email, name, role, timezone, active, created_at) "
                           "VALUES ('kept@acme.example', 'Kept', 'employee', 'UTC', true, CURRENT_TIMESTAMP)")
            upgrade(db)
            assert db.execute_sql("SELECT name FROM users WHERE email = 'kept@acme.example'").fetchone()[0] == "Kept"
            assert all(applied for _name, applied in status(db))


def test_db_upgrade_command_applies_and_reports(app):
    runner = app.test_cli_runner()
    result = runner.invoke(args=["db", "upgrade"])
    assert result.exit_code == 0 and "database is up to date" in result.output
    result = runner.invoke(args=["db", "status"])
    assert "applied" in result.output and "m0001_accounts" in result.output
    database.close()


def test_the_share_life_cycle_migration_says_honestly_what_went_out(empty_database_url, tmp_path):
    """Before 0008 an intent was "published" as soon as its composer's address was ready."""
    db = _empty_database(empty_database_url, tmp_path, "before-0008")
    now = datetime(2026, 11, 30, 9, 0)

    def insert(table, **values):
        marks = ", ".join([db.param] * len(values))
        db.execute_sql(f"INSERT INTO {table} ({', '.join(values)}) VALUES ({marks})",  # noqa: S608
                       tuple(values.values()))

    with db.connection_context():
        upgrade(db, target=7)
        insert("users", id=1, email="marie@acme.example", name="Marie", role="employee", timezone="UTC", active=True,
               created_at=now)
        insert("links", id=1, url="https://acme.example/a", url_hash="h1", tags="[]", status="approved",
               source="manual", for_departments=False, preview_status="none", search_text="", created_at=now,
               updated_at=now)
        for share_id, state in [(1, "published"), (2, "published"), (3, "published"), (4, "pending_review")]:
            insert("shares", id=share_id, user_id=1, link_id=1, text="Bravo", state=state, source="portal",
                   idempotency_key=f"k{share_id}", request_fingerprint="f", created_at=now, updated_at=now)
        targets = [  # (share, network, method, state, opened)
            (1, "linkedin", "intent", "published", True), (1, "x", "intent", "published", True),
            (2, "linkedin", "intent", "published", False), (2, "mastodon", "api", "published", False),
            (3, "mastodon", "api", "published", False), (4, "x", "intent", "held", False)]
        for number, (share_id, network, method, state, opened) in enumerate(targets, 1):
            insert("share_targets", share_id=share_id, network=network, method=method, code=f"c{number}", state=state,
                   attempts=0, opened_at=now if opened else None)
        insert("participants", user_id=1, opted_in_at=now, mastodon_instance="social.example")
        insert("mastodon_apps", instance="social.example", client_id="id", client_secret="secret", pkce=True,
               created_at=now)
        upgrade(db)
        states = dict(db.execute_sql("SELECT id, state FROM shares").fetchall())
        assert states == {1: "completed", 2: "approved", 3: "completed", 4: "pending_review"}
        rows = db.execute_sql("SELECT share_id, network, state FROM share_targets ORDER BY id").fetchall()
        assert [tuple(row) for row in rows] == [(1, "linkedin", "opened"), (1, "x", "opened"),
                                                (2, "linkedin", "ready"), (2, "mastodon", "posted"),
                                                (3, "mastodon", "posted"), (4, "x", "held")]
        assert db.execute_sql("SELECT instances FROM participants").fetchone()[0] == '{"mastodon": "social.example"}'
        app = db.execute_sql("SELECT network, instance, client_id FROM instance_apps").fetchall()
        assert [tuple(row) for row in app] == [("mastodon", "social.example", "id")]
