"""The database: one peewee proxy initialised from configuration, one connection per request.

SQLite (WAL) in the instance folder is the embedded default; PostgreSQL through PV_DATABASE_URL
(playhouse.db_url) is the production store. Schema changes are numbered migrations (server/migrations).

Several processes write to the embedded database at once (web workers, the job worker). SQLite lets one
writer in at a time and makes the others wait up to `busy_timeout` — but only when a transaction asks for
the write lock at BEGIN. A deferred transaction (plain BEGIN) that reads and then writes is refused at once
("database is locked": SQLITE_BUSY, or SQLITE_BUSY_SNAPSHOT in WAL mode when another process committed
since the read), whatever the timeout. So every transaction on SQLite begins IMMEDIATE (peewee's
`lock_type`): writers queue for each other instead of failing. Statements outside a transaction are their
own transaction and take the lock as their first step, so the timeout covers them too. Nested `atomic()`
blocks are savepoints inside the outer transaction and take no new lock. PostgreSQL keeps its ordinary
READ COMMITTED transactions; rows that are read and then written back are read with `for_update`.
"""

import json
from contextlib import contextmanager, suppress
from datetime import UTC, datetime

import click
from flask import current_app, request
from flask.cli import AppGroup
from peewee import DatabaseProxy, Model, OperationalError, SqliteDatabase, TextField
from playhouse.db_url import connect

from server.config import private_file

database = DatabaseProxy()

SQLITE_PRAGMAS = {
    "busy_timeout": 10_000,  # first: switching a new file to WAL already needs the lock
    "journal_mode": "wal",
    "foreign_keys": 1,
    "synchronous": "normal",
}


def utcnow():
    """The current time in UTC, naive, as every timestamp is stored."""
    return datetime.now(UTC).replace(tzinfo=None)


class BaseModel(Model):
    class Meta:
        database = database
        legacy_table_names = False


class JSONField(TextField):
    """A JSON document stored as text, so that it works the same on SQLite and PostgreSQL."""

    def db_value(self, value):
        return None if value is None else json.dumps(value, ensure_ascii=False, separators=(",", ":"))

    def python_value(self, value):
        return None if value is None else json.loads(value)


def open_database(url):
    """A peewee database for a sqlite:/// or postgresql:// URL."""
    if url.startswith("sqlite"):
        sqlite = connect(url, pragmas=SQLITE_PRAGMAS, check_same_thread=False, lock_type="IMMEDIATE")
        if sqlite.database != ":memory:":
            with suppress(FileNotFoundError):  # no such folder: SQLite says so when it connects
                private_file(sqlite.database)  # personal data: the file (its -wal, -shm too) for the owner only
        return sqlite
    if url.startswith("postgresql://"):
        # playhouse.db_url knows the scheme as "postgres" / "postgresql" alike; keep the user's spelling.
        return connect(url)
    return connect(url)


def for_update(query):
    """`query` reading rows that the current transaction will write back, so no other writer changes them
    in between (a lost update). PostgreSQL locks the rows (SELECT … FOR UPDATE); SQLite has no row locks
    and needs none: the transaction holds the database's write lock since BEGIN IMMEDIATE."""
    return query if isinstance(database.obj, SqliteDatabase) else query.for_update()


@contextmanager
def locked(model, pk):
    """A transaction holding a write lock on one row, and the row as it is now (re-read under the lock).

    Used where two workers must not both act, such as refreshing a single-use refresh token.
    """
    with database.atomic():
        yield for_update(model.select().where(model._meta.primary_key == pk)).get()


def backend_name():
    """'sqlite' or 'postgresql', for health reports and the few queries that differ."""
    return "sqlite" if isinstance(database.obj, SqliteDatabase) else "postgresql"


def init_app(app):
    """Initialise the proxy from configuration and tie a connection to each request."""
    database.initialize(open_database(app.config["DATABASE_URL"]))

    @app.before_request
    def _connect():
        try:
            database.connect(reuse_if_open=True)
        except OperationalError:
            if request.blueprint != "health":
                raise
            # The probes report an unreachable database themselves (503) rather than failing here.

    @app.teardown_appcontext
    def _close(_exc):
        if not database.is_closed():
            database.close()

    app.cli.add_command(db_command)


db_command = AppGroup("db", help="Database schema.")


@db_command.command("upgrade", help="Apply the pending migrations.")
def upgrade_command():
    from server.migrations import upgrade

    with database.connection_context():
        applied = upgrade(database)
    if applied:
        for name in applied:
            click.echo(f"applied {name}")
    else:
        click.echo("database is up to date")
    click.echo(f"database: {current_app.config['DATABASE_URL'].split('@')[-1]}")


@db_command.command("status", help="List applied and pending migrations.")
def status_command():
    from server.migrations import status

    with database.connection_context():
        for name, applied_at in status(database):
            click.echo(f"{'applied ' + str(applied_at) if applied_at else 'pending':<28} {name}")
