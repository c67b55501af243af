"""Fixtures: a fresh application per test on a fresh database — SQLite always, PostgreSQL too when
PV_TEST_DATABASE_URL is set — plus signed-in callers, live servers and headless Chromium."""

import os
import re
import shutil
import uuid
from urllib.parse import quote

import pytest

from server import create_app
from server.db import database
from server.migrations import upgrade
from tests.support.servers import ServerThread

PG_URL = os.environ.get("PV_TEST_DATABASE_URL", "")
BACKENDS = ["sqlite", "postgresql"] if PG_URL else ["sqlite"]
CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
ARTIFACTS = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "artifacts")
# Chromium on a closed network: no background connections, no DNS lookups beyond loopback.
CHROMIUM_ARGS = ["--disable-gpu", "--disable-quic",
                 "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1 , EXCLUDE localhost"]


def pytest_report_header(config):
    pg = "and PostgreSQL (PV_TEST_DATABASE_URL)" if PG_URL else "only (set PV_TEST_DATABASE_URL for PostgreSQL)"
    return f"databases: SQLite {pg}; chromium: {CHROMIUM if os.path.exists(CHROMIUM) else 'missing'}"


# -- databases --------------------------------------------------------------------------------------------

def _pg_admin():
    import psycopg2

    connection = psycopg2.connect(PG_URL)
    connection.autocommit = True
    return connection


def _pg_url(schema):
    separator = "&" if "?" in PG_URL else "?"
    return f"{PG_URL}{separator}options={quote('-csearch_path=' + schema)}"


def _drop_pg_schema(schema):
    if database.obj is not None:
        database.close()
    admin = _pg_admin()
    try:
        with admin.cursor() as cursor:
            cursor.execute(f'DROP SCHEMA "{schema}" CASCADE')
    finally:
        admin.close()


@pytest.fixture(params=BACKENDS)
def empty_database_url(request, tmp_path):
    """A database of its own with nothing in it (no migration applied): a new SQLite file, or a new PostgreSQL
    schema dropped afterwards. For the tests of the migrations themselves."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path}/porte-voix.db"
        return
    schema = "pv_test_" + uuid.uuid4().hex[:12]
    with _pg_admin() as admin, admin.cursor() as cursor:
        cursor.execute(f'CREATE SCHEMA "{schema}"')
    yield _pg_url(schema)
    _drop_pg_schema(schema)


class _MigratedPostgreSQL:
    """One PostgreSQL schema per test process, migrated once, emptied of every row before each test that uses
    it (its sequences restarted, the migrations' record as migrating left it), so a test starts as on a freshly
    migrated database. Migrating costs about
    a second on PostgreSQL (some 250 DDL statements); emptying a few tables costs milliseconds."""

    def __init__(self, instance_path):
        self.schema = "pv_test_" + uuid.uuid4().hex[:12]
        self.url = _pg_url(self.schema)
        self.used = False
        with _pg_admin() as admin, admin.cursor() as cursor:
            cursor.execute(f'CREATE SCHEMA "{self.schema}"')
        make_app(self.url, instance_path)
        self.tables, self.order = self._tables_children_first()
        self.applied = self._applied()

    def _applied(self, cursor=None):
        """The migrations' record, as rows (some tests empty it to see a database with migrations pending)."""
        if cursor is None:
            with _pg_admin() as admin, admin.cursor() as cursor:
                return self._applied(cursor)
        from psycopg2 import sql

        cursor.execute(sql.SQL("SELECT version, name, applied_at FROM {} ORDER BY version").format(
            self._table("pv_schema_migrations")))
        return cursor.fetchall()

    def _tables_children_first(self):
        """Every table but the migrations' record, and the same in an order that empties them: each after the
        tables whose rows would keep it from being emptied (a foreign key without ON DELETE CASCADE or SET
        NULL), or None when such keys form a cycle."""
        import graphlib

        with _pg_admin() as admin, admin.cursor() as cursor:
            cursor.execute("SELECT tablename FROM pg_tables WHERE schemaname = %s AND tablename <> %s",
                           (self.schema, "pv_schema_migrations"))
            tables = [name for (name,) in cursor.fetchall()]
            cursor.execute("SELECT child.relname, parent.relname FROM pg_constraint c "
                           "JOIN pg_class child ON child.oid = c.conrelid "
                           "JOIN pg_class parent ON parent.oid = c.confrelid "
                           "JOIN pg_namespace n ON n.oid = c.connamespace "
                           "WHERE c.contype = 'f' AND c.confdeltype IN ('a', 'r') AND n.nspname = %s", (self.schema,))
            blockers = {table: set() for table in tables}
            for child, parent in cursor.fetchall():
                if child != parent:
                    blockers.setdefault(parent, set()).add(child)
        try:
            order = [table for table in graphlib.TopologicalSorter(blockers).static_order() if table in tables]
        except graphlib.CycleError:
            order = None
        return tables, order

    def fresh(self):
        """The schema's address, emptied of what an earlier test stored."""
        if self.used:
            self._empty()
        self.used = True
        return self.url

    def _table(self, name):
        from psycopg2 import sql

        return sql.Identifier(self.schema, name)

    def _empty(self):
        from psycopg2 import sql

        if database.obj is not None:
            database.close()
        admin = _pg_admin()
        admin.autocommit = False
        try:
            with admin.cursor() as cursor:
                cursor.execute("SET LOCAL lock_timeout = '60s'")  # a request still writing fails the test, late
                names = self.order or self.tables
                cursor.execute(sql.SQL("SELECT {}").format(sql.SQL(", ").join(
                    sql.SQL("EXISTS (SELECT 1 FROM {})").format(self._table(name)) for name in names)))
                holding = [name for name, rows in zip(names, cursor.fetchone(), strict=True) if rows]
                if holding and self.order is None:
                    cursor.execute(sql.SQL("TRUNCATE {} CASCADE").format(
                        sql.SQL(", ").join(self._table(name) for name in holding)))
                elif holding:
                    for name in holding:
                        cursor.execute(sql.SQL("DELETE FROM {}").format(self._table(name)))
                if self._applied(cursor) != self.applied:
                    record = self._table("pv_schema_migrations")
                    cursor.execute(sql.SQL("DELETE FROM {}").format(record))
                    cursor.executemany(sql.SQL("INSERT INTO {} (version, name, applied_at) VALUES (%s, %s, %s)")
                                       .format(record), self.applied)
                cursor.execute("SELECT setval(format('%%I.%%I', schemaname, sequencename)::regclass, 1, false) "
                               "FROM pg_sequences WHERE schemaname = %s AND last_value IS NOT NULL", (self.schema,))
            admin.commit()
        finally:
            admin.close()


@pytest.fixture(scope="session")
def _migrated_postgresql(tmp_path_factory):
    holder = {"instance": tmp_path_factory.mktemp("migrated-postgresql")}
    yield holder
    if "schema" in holder:
        _drop_pg_schema(holder["schema"].schema)


@pytest.fixture(scope="session")
def _migrated_sqlite(tmp_path_factory):
    """A SQLite file migrated once per test process; each test gets a copy of it."""
    folder = tmp_path_factory.mktemp("migrated")
    path = folder / "porte-voix.db"
    make_app(f"sqlite:///{path}", folder / "instance")
    assert not os.path.exists(f"{path}-wal"), "the migrated file is complete once its connection is closed"
    return path


@pytest.fixture(params=BACKENDS)
def database_url(request, tmp_path):
    """A migrated database for one test, holding no row: a copy of a migrated SQLite file, or this process's
    migrated PostgreSQL schema emptied (see `empty_database_url` for a database without any migration)."""
    if request.param == "sqlite":
        path = tmp_path / "porte-voix.db"
        shutil.copyfile(request.getfixturevalue("_migrated_sqlite"), path)
        yield f"sqlite:///{path}"
        return
    holder = request.getfixturevalue("_migrated_postgresql")
    if "schema" not in holder:
        holder["schema"] = _MigratedPostgreSQL(holder["instance"])
    yield holder["schema"].fresh()
    if database.obj is not None:
        database.close()


def make_app(database_url, instance_path, **overrides):
    """An application on `database_url`, migrated, with jobs run inline."""
    config = {"TESTING": True, "DATABASE_URL": database_url, "INSTANCE_PATH": str(instance_path),
              "SECRET_KEY": "test-secret-key", "JOBS_IMMEDIATE": True, "BASE_URL": "", **overrides}
    app = create_app(config)
    with app.app_context():
        database.connect(reuse_if_open=True)
        upgrade(database)
        database.close()
    return app


@pytest.fixture
def app_config():
    """Override in a test module (or parametrize) to change settings of the `app` fixture."""
    return {}


@pytest.fixture
def app(database_url, tmp_path, app_config):
    # No application context stays pushed: each test-client request must get its own (and its own `g`).
    yield make_app(database_url, tmp_path / "instance", **app_config)
    if database.obj is not None:
        database.close()


@pytest.fixture
def client(app):
    return app.test_client()


# -- people -----------------------------------------------------------------------------------------------

@pytest.fixture
def make_user(app):
    from server.auth.models import Department, User

    counter = {"n": 0}

    def make(role="employee", email=None, name=None, department=None, **fields):
        counter["n"] += 1
        if isinstance(department, str):
            department = Department.get_or_none(Department.name == department) or Department.create(name=department)
        return User.create(email=email or f"person{counter['n']}@acme.example", name=name or f"Person {counter['n']}",
                           role=role, department=department, **fields)

    return make


@pytest.fixture
def employee(make_user):
    return make_user("employee", email="camille@acme.example", name="Camille Durand", department="Ingénierie")


@pytest.fixture
def admin(make_user):
    return make_user("admin", email="alice@acme.example", name="Alice Martin", department="Communication")


def sign_in_client(client, user):
    """Give `client` a real session for `user` (the same service the sign-in pages call)."""
    from flask import session

    from server.auth.sessions import SESSION_KEY, sign_in

    with client.application.test_request_context():
        sign_in(user, "test")
        raw = session[SESSION_KEY]
    with client.session_transaction() as stored:
        stored[SESSION_KEY] = raw
    return client


def csrf_token(client, path="/account"):
    """The CSRF token a page gives this client (from its <meta name=csrf-token>)."""
    page = client.get(path).get_data(as_text=True)
    return re.search(r'<meta name="csrf-token" content="([^"]+)"', page).group(1)


@pytest.fixture
def bearer(app):
    """`bearer(user)` → headers carrying a fresh API token of `user`."""
    from server.auth.tokens import create_api_token

    def headers(user):
        _row, raw = create_api_token(user, "tests")
        return {"Authorization": f"Bearer {raw}"}

    return headers


# -- real servers and the browser -------------------------------------------------------------------------

@pytest.fixture
def live_server(app):
    with ServerThread(app) as server:
        server.app = app
        yield server


@pytest.fixture(scope="session")
def playwright_instance():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        yield playwright


@pytest.fixture(scope="session")
def browser(playwright_instance):
    if not os.path.exists(CHROMIUM):
        if os.environ.get("PV_REQUIRE_BROWSER") == "1":
            pytest.fail(f"Chromium not found at {CHROMIUM} (run scripts/ensure-chromium)")
        pytest.skip("Chromium is not installed (make test installs it when the system allows)")
    browser = playwright_instance.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
    yield browser
    browser.close()


@pytest.fixture
def page(browser, request):
    context = browser.new_context(locale="en-GB", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


@pytest.fixture(scope="session")
def artifacts():
    os.makedirs(ARTIFACTS, exist_ok=True)
    return ARTIFACTS


def browser_sign_in(context, live_server, user):
    """Give a Playwright browser context a real session for `user` on the live server."""
    client = live_server.app.test_client()
    sign_in_client(client, user)
    response = client.get("/")
    cookie = client.get_cookie("pv_session")
    assert cookie is not None, response.status_code
    context.add_cookies([{"name": "pv_session", "value": cookie.value, "url": live_server.url}])
