"""/readyz: whether this process can serve (database reachable, migrations applied); the probes are public
and never rate-limited."""

import pytest

from server import create_app
from server.db import database
from server.protection import limiter
from tests.conftest import make_app


def test_readyz_says_ready_when_the_database_answers_and_is_migrated(client):
    response = client.get("/readyz")
    assert response.status_code == 200 and response.get_json() == {"ready": True}
    assert response.headers["Cache-Control"] == "no-store"


def test_readyz_says_not_ready_while_migrations_are_pending(client):
    database.execute_sql("DELETE FROM pv_schema_migrations")
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.get_json() == {"ready": False, "reason": "migrations_pending"}
    assert client.get("/healthz").status_code == 200, "/healthz keeps its full report (degraded)"


@pytest.mark.parametrize("url", ["sqlite:///{tmp}/no-such-folder/porte-voix.db",
                                 "postgresql://porte_voix:porte_voix@127.0.0.1:9/porte_voix"],
                         ids=["sqlite", "postgresql"])
def test_probes_say_so_when_the_database_cannot_be_reached(tmp_path, url):
    app = create_app({"TESTING": True, "DATABASE_URL": url.format(tmp=tmp_path), "SECRET_KEY": "k",
                      "INSTANCE_PATH": str(tmp_path / "instance"), "JOBS_IMMEDIATE": True})
    client = app.test_client()
    ready = client.get("/readyz")
    assert ready.status_code == 503
    assert ready.get_json() == {"ready": False, "reason": "database_unreachable"}
    health = client.get("/healthz")
    assert health.status_code == 503 and health.get_json()["status"] == "down"


@pytest.fixture
def limited_everywhere(database_url, tmp_path):
    """Every route limited to 3 a minute per client, as an operator's application-wide limit would."""
    try:
        yield make_app(database_url, tmp_path / "limited", RATELIMIT_APPLICATION="3 per minute")
    finally:  # the limiter is shared: leave no limit to later tests, even when building the app failed
        limiter.limit_manager.set_application_limits([])


def test_probes_are_public_and_never_rate_limited(limited_everywhere):
    client = limited_everywhere.test_client()
    assert [client.get("/login").status_code for _ in range(4)] == [200, 200, 200, 429]
    assert {client.get("/readyz").status_code for _ in range(10)} == {200}
    assert {client.get("/healthz").status_code for _ in range(10)} == {200}
