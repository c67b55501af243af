"""Rate limits hold across processes: two real servers on one instance folder share their counters, in
the embedded SQLite store and in Redis; failed bearer tokens are limited per client."""

import re
import uuid

import pytest
import redis
import requests

from server.protection import BEARER_FAILURES
from tests.conftest import make_app
from tests.support.real_server import RealServer

REDIS_URL = "redis://127.0.0.1:6379/11"
LOGIN_LIMIT = 10  # server/auth/routes.py: POST /login, "10 per minute; 50 per hour"


@pytest.fixture
def instance(tmp_path):
    """An instance folder with its embedded database migrated, as `porte-voix db upgrade` leaves it."""
    folder = tmp_path / "instance"
    make_app(f"sqlite:///{folder}/porte-voix.db", folder)
    return folder


@pytest.fixture
def redis_env():
    """Settings for servers sharing Redis; a secret key of their own keys their counters apart."""
    connection = redis.Redis.from_url(REDIS_URL)
    try:
        connection.ping()
    except redis.ConnectionError:
        pytest.fail("Redis is not running on 127.0.0.1:6379")
    before = set(connection.keys("LIMITS:*"))
    yield {"PV_REDIS_URL": REDIS_URL, "PV_SECRET_KEY": uuid.uuid4().hex}
    created = set(connection.keys("LIMITS:*")) - before
    if created:
        connection.delete(*created)


def sign_in_attempts(servers, count):
    """POST /login `count` times, a real form with its CSRF token, alternating between the servers."""
    browser = requests.Session()
    page = browser.get(servers[0].url + "/login", timeout=30).text
    token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
    statuses = []
    for attempt in range(count):
        server = servers[attempt % len(servers)]
        response = browser.post(server.url + "/login", data={"email": "nobody@acme.example", "csrf_token": token},
                                timeout=30)
        statuses.append(response.status_code)
    return statuses


def assert_exactly_the_limit_got_through(statuses, limit):
    assert statuses[:limit] == [200] * limit, statuses
    assert statuses[limit:] == [429] * (len(statuses) - limit), statuses


def test_two_embedded_servers_let_exactly_the_declared_number_through(instance, tmp_path):
    with RealServer(instance, tmp_path / "a.log") as first, RealServer(instance, tmp_path / "b.log") as second:
        statuses = sign_in_attempts([first, second], 2 * LOGIN_LIMIT + 4)
    assert_exactly_the_limit_got_through(statuses, LOGIN_LIMIT)


def test_two_servers_on_redis_let_exactly_the_declared_number_through(instance, tmp_path, redis_env):
    with RealServer(instance, tmp_path / "a.log", redis_env) as first, \
            RealServer(instance, tmp_path / "b.log", redis_env) as second:
        statuses = sign_in_attempts([first, second], 2 * LOGIN_LIMIT + 4)
    assert_exactly_the_limit_got_through(statuses, LOGIN_LIMIT)


# -- failed bearer tokens ---------------------------------------------------------------------------------

def test_failed_bearer_tokens_are_limited_per_client(client, employee, bearer):
    wrong = {"Authorization": "Bearer pv_" + "x" * 43}
    failures = [client.get("/api/v1/me", headers=wrong).status_code for _ in range(BEARER_FAILURES.amount)]
    assert failures == [401] * BEARER_FAILURES.amount
    refused = client.get("/api/v1/me", headers=wrong)
    assert refused.status_code == 429
    assert refused.get_json()["error"]["code"] == "rate_limited"
    assert 0 < int(refused.headers["Retry-After"]) <= 60
    # A malformed header is a failed attempt too, refused alike once the client is over its limit.
    assert client.get("/api/v1/me", headers={"Authorization": "Basic abc"}).status_code == 429
    # Another client is not affected, and its valid token still works.
    other = client.application.test_client()
    response = other.get("/api/v1/me", headers=bearer(employee), environ_base={"REMOTE_ADDR": "192.0.2.7"})
    assert response.status_code == 200 and response.get_json()["email"] == employee.email


def test_valid_bearer_tokens_do_not_count_as_failures(client, employee, bearer):
    headers = bearer(employee)
    for _ in range(3 * BEARER_FAILURES.amount):
        assert client.get("/api/v1/me", headers=headers).status_code == 200
    wrong = {"Authorization": "Bearer pv_unknown"}
    assert [client.get("/api/v1/me", headers=wrong).status_code for _ in range(BEARER_FAILURES.amount)] == \
        [401] * BEARER_FAILURES.amount


@pytest.mark.parametrize("app_config", [{"REDIS_URL": "redis://127.0.0.1:1/0"}])
def test_rate_limited_routes_still_answer_when_redis_is_unreachable(client, employee, bearer):
    headers = bearer(employee)
    checked = client.post("/api/v1/checks", json={"text": "Bonjour à tous"}, headers=headers)
    assert checked.status_code == 200, checked.get_json()
    refused = client.get("/api/v1/me", headers={"Authorization": "Bearer pv_not-a-token"})
    assert refused.status_code == 401
