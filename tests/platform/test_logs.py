"""What the real server logs: route patterns, never tokens, codes or query strings; JSON lines carrying a
request id that the response sends back."""

import json
import re

import pytest
import requests

from tests.conftest import make_app
from tests.support.oidc_provider import OpenIDProvider
from tests.support.real_server import RealServer, free_port

MAGIC_TOKEN = "eyJqIjoiMDEyMzQ1Njc4OSJ9.SECRET-MAGIC.sig"


@pytest.fixture
def instance(tmp_path):
    folder = tmp_path / "instance"
    make_app(f"sqlite:///{folder}/porte-voix.db", folder)
    return folder


@pytest.fixture
def provider():
    with OpenIDProvider() as running:
        yield running


def sso_env(provider):
    return {"PV_OIDC_DISCOVERY_URL": provider.discovery_url, "PV_OIDC_CLIENT_ID": provider.client_id,
            "PV_OIDC_CLIENT_SECRET": provider.client_secret}


def sign_in_by_sso(server):
    """A real single sign-on: to the provider and back to our callback with its code and state."""
    browser = requests.Session()
    authorize = browser.get(server.url + "/login/sso", allow_redirects=False, timeout=30).headers["Location"]
    callback = requests.get(authorize, allow_redirects=False, timeout=30).headers["Location"]
    landed = browser.get(callback, allow_redirects=False, timeout=30)
    assert landed.status_code == 302, landed.text
    query = dict(part.split("=", 1) for part in callback.split("?", 1)[1].split("&"))
    return query["code"], query["state"]


@pytest.mark.parametrize("log_format", ["plain", "json"])
def test_access_log_names_routes_never_tokens_codes_or_query_strings(instance, tmp_path, provider, log_format):
    env = {**sso_env(provider), "PV_LOG_FORMAT": log_format}
    with RealServer(instance, tmp_path / "server.log", env) as server:
        opened = requests.get(f"{server.url}/login/magic/{MAGIC_TOKEN}?utm_source=SECRET-QUERY", timeout=30)
        assert opened.status_code == 400  # not a link this server signed: the page says so
        code, state = sign_in_by_sso(server)
        forged = requests.get(server.url + "/login/sso/callback?code=SECRET-CODE&state=SECRET-STATE", timeout=30)
        assert forged.status_code == 400
    log = server.log()
    access = [line.replace('\\"', '"') for line in log.splitlines() if "server.access" in line]
    for expected in ('"GET /login/magic/<token>" 400', '"GET /login/sso/callback" 302',
                     '"GET /login/sso/callback" 400'):
        assert any(expected in line for line in access), (expected, log)
    for secret in (MAGIC_TOKEN, "SECRET-MAGIC", "SECRET-QUERY", "utm_source", code, state, "SECRET-CODE",
                   "SECRET-STATE", "code="):
        assert secret not in log, f"{secret!r} is in the log"


def test_json_logs_are_one_object_per_line_with_the_request_id(instance, tmp_path):
    unreachable = f"http://127.0.0.1:{free_port()}/.well-known/openid-configuration"
    env = {"PV_LOG_FORMAT": "json", "PV_OIDC_DISCOVERY_URL": unreachable, "PV_OIDC_CLIENT_ID": "porte-voix"}
    with RealServer(instance, tmp_path / "server.log", env) as server:
        kept = requests.get(server.url + "/login/sso", headers={"X-Request-ID": "lb-7f3a.42"}, timeout=30)
        assert kept.status_code == 502 and kept.headers["X-Request-ID"] == "lb-7f3a.42"
        replaced = [requests.get(server.url + "/readyz", headers={"X-Request-ID": offered}, timeout=30)
                    for offered in ("two words", "x" * 300, "<script>")]
        fresh = requests.get(server.url + "/login", timeout=30)
    generated = [response.headers["X-Request-ID"] for response in [*replaced, fresh]]
    assert all(re.fullmatch(r"[0-9a-f]{32}", value) for value in generated) and len(set(generated)) == 4

    lines = [json.loads(line) for line in server.log().splitlines() if line.strip()]
    assert all({"time", "level", "logger", "message", "request_id"} <= set(line) for line in lines)
    by_request = [line for line in lines if line["request_id"] == "lb-7f3a.42"]
    # The application's own line, written while the request ran, and the access line both carry the id.
    assert any(line["logger"] == "server.auth.oidc" and line["level"] == "WARNING" for line in by_request)
    access = next(line for line in by_request if line["logger"] == "server.access")
    assert (access["method"], access["route"], access["status"]) == ("GET", "/login/sso", 502)
    assert access["bytes"] > 0 and access["duration_ms"] >= 0
    logged_ids = {line["request_id"] for line in lines if line["logger"] == "server.access"}
    assert set(generated) <= logged_ids
    assert any(line["logger"] == "gunicorn.error" and "Booting worker" in line["message"] for line in lines)
