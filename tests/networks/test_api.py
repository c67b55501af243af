"""The shared client plumbing: transport failures, HTTP statuses and rate-limit headers to our errors."""

import socket
import threading
import time
from email.utils import formatdate

import pytest
import requests

from server.networks import api
from server.networks.api import PostResult, Token, needs_reconnect, needs_refresh
from server.networks.errors import (
    MissingScope,
    PermanentError,
    RateLimited,
    TokenExpired,
    TransientError,
    UncertainOutcome,
)
from tests.networks.conftest import LOCAL_FAKES
from tests.networks.fakes.base import FakeNetwork, respond


class Echo(FakeNetwork):
    name = "echo"

    def routes(self):
        self.route("/thing", self.thing, methods=["GET", "POST"])

    def thing(self):
        return respond(200, {"ok": True})


@pytest.fixture
def echo():
    with Echo() as fake:
        yield fake


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_no_connection_is_transient_even_for_a_post():
    with pytest.raises(TransientError):
        api.send("POST", f"http://127.0.0.1:{free_port()}/x", network="t", outbound=LOCAL_FAKES, timeout=(1, 1))


def test_a_post_sent_without_answer_is_uncertain(echo):
    echo.delay_next("/thing", 1.0)
    with pytest.raises(UncertainOutcome):
        api.send("POST", f"{echo.url}/thing", network="t", outbound=LOCAL_FAKES, timeout=(1, 0.2))


def test_a_read_without_answer_is_only_transient(echo):
    echo.delay_next("/thing", 1.0)
    with pytest.raises(TransientError):
        api.send("GET", f"{echo.url}/thing", network="t", outbound=LOCAL_FAKES, timeout=(1, 0.2))


def test_a_connection_dropped_after_the_request_is_uncertain():
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(1)

    def swallow_and_hang_up():
        conn, _ = server.accept()
        conn.recv(65536)
        conn.close()

    threading.Thread(target=swallow_and_hang_up, daemon=True).start()
    try:
        with pytest.raises(UncertainOutcome):
            api.send("POST", f"http://127.0.0.1:{server.getsockname()[1]}/", network="t", outbound=LOCAL_FAKES,
                     json={"a": 1})
    finally:
        server.close()


def test_every_request_carries_a_user_agent_and_a_timeout(echo):
    api.send("GET", f"{echo.url}/thing", network="t", outbound=LOCAL_FAKES)
    assert echo.requests[-1].header("User-Agent").startswith("Porte-Voix")


def response(status, body=None, headers=None):
    r = requests.Response()
    r.status_code = status
    r._content = (body if isinstance(body, bytes) else (body or "").encode())
    r.headers.update(headers or {})
    return r


@pytest.mark.parametrize(("status", "error"), [
    (401, TokenExpired), (403, MissingScope), (429, RateLimited), (500, TransientError),
    (502, TransientError), (503, TransientError), (400, PermanentError), (404, PermanentError),
    (422, PermanentError),
])
def test_statuses_map_to_errors(status, error):
    with pytest.raises(error) as caught:
        api.raise_for_status(response(status, '{"error": "said the network"}'), network="t")
    assert caught.value.message == "said the network" and caught.value.status == status


def test_gateway_timeout_is_uncertain_only_for_a_call_that_creates():
    with pytest.raises(UncertainOutcome):
        api.raise_for_status(response(504), network="t", creates=True)
    with pytest.raises(TransientError):
        api.raise_for_status(response(504), network="t")


@pytest.mark.parametrize(("body", "message"), [
    ('{"detail": "You are not allowed"}', "You are not allowed"),
    ('{"errors": [{"message": "Rate limit exceeded", "code": 88}]}', "Rate limit exceeded"),
    ('{"error": "invalid_grant", "error_description": "code expired"}', "code expired"),
    ('{"status": 422, "message": "Content is a duplicate"}', "Content is a duplicate"),
    ("<html>Bad Gateway</html>", "<html>Bad Gateway</html>"),
])
def test_the_networks_own_words_are_kept(body, message):
    assert api.error_message(response(400, body)) == message


NOW = 1_800_000_000.0


@pytest.mark.parametrize(("headers", "seconds"), [
    ({"Retry-After": "30"}, 30),
    ({"Retry-After": formatdate(NOW + 45, usegmt=True)}, 45),
    ({"x-rate-limit-reset": str(int(NOW + 90))}, 90),
    ({"X-RateLimit-Reset": "2027-01-15T08:00:00.000Z"}, None),
    ({"ratelimit-reset": str(int(NOW + 12))}, 12),
    ({}, api.DEFAULT_RETRY_AFTER),
    ({"Retry-After": "soon"}, api.DEFAULT_RETRY_AFTER),
])
def test_retry_after_reads_every_networks_header(headers, seconds):
    if seconds is None:  # an ISO moment: compare with the same clock
        from datetime import datetime
        seconds = datetime.fromisoformat("2027-01-15T08:00:00+00:00").timestamp() - NOW
    assert api.retry_after(response(429, "", headers), now=NOW) == pytest.approx(seconds, abs=1)


def test_token_survives_a_round_trip_through_json():
    token = Token("a", "r", 123.0, ("x", "y"), "42", "@marie", {"pds_url": "https://pds"})
    assert Token.from_dict(token.to_dict()) == token
    assert PostResult("1").url is None


def test_refresh_is_due_shortly_before_expiry_and_only_with_a_refresh_token():
    token = Token("a", "r", expires_at=NOW + 100)
    assert needs_refresh(token, NOW) and not needs_refresh(token, NOW - 1000)
    assert not needs_refresh(Token("a", None, expires_at=NOW), NOW + 10)
    assert not needs_refresh(Token("a", "r"), NOW)


def test_reconnect_is_due_when_an_unrefreshable_token_has_expired():
    assert needs_reconnect(Token("a", expires_at=NOW - 1), NOW)
    assert not needs_reconnect(Token("a", "r", expires_at=NOW - 1), NOW)
    assert not needs_reconnect(Token("a"), time.time())
