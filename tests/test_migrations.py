"""Schema migrations: applied in order, once, keeping what the database already holds."""

from server.db import database, open_database
from server.migrations import available, status, upgrade

SAMPLE = "tests.support.sample_migrations"


def test_upgrading_an_existing_database_keeps_its_rows(database_url):
    db = open_database(database_url)
    with db.connection_context():
        assert upgrade(db, SAMPLE, target=1) == ["m0001_notes"]
        db.execute_sql("INSERT INTO sample_notes (title) VALUES ('Bilan carbone 2026'), ('Salon Vivatech')")
        assert upgrade(db, SAMPLE) == ["m0002_note_language"]
        rows = db.execute_sql("SELECT title, language FROM sample_notes ORDER BY id").fetchall()
        assert [tuple(r) for r in rows] == [("Bilan carbone 2026", "fr"), ("Salon Vivatech", "fr")]
        assert upgrade(db, SAMPLE) == [], "a second upgrade has nothing to do"
        assert [name for name, applied in status(db, SAMPLE) if applied] == ["m0001_notes", "m0002_note_language"]


def _empty_database(database_url, tmp_path, name):
    """A database with nothing in it: a new SQLite file, or the test's PostgreSQL schema emptied."""
    if "postgres" not in database_url:
        return open_database(f"sqlite:///{tmp_path}/{name}.db")
    db = open_database(database_url)
    with db.connection_context():
        schema = db.execute_sql("SELECT current_schema()").fetchone()[0]
        db.execute_sql(f'DROP SCHEMA "{schema}" CASCADE')
        db.execute_sql(f'CREATE SCHEMA "{schema}"')
    return db


def test_every_real_migration_upgrades_a_database_holding_rows_from_the_version_before(database_url, tmp_path):
    """Stop at each version, store a user, then go to the newest: the user is still there."""
    versions = [version for version, _, _ in available()]
    for stop in versions[:-1] or versions:
        db = _empty_database(database_url, tmp_path, f"stop-{stop}")
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
