"""The outbound client against real servers on this machine's loopback.

127.0.0.2 plays the public internet: it is the one address the tests allow, where the real server runs.
A sentinel on 127.0.0.1, the same port, plays the internal service an attacker aims at: a client that
resolved the name a second time, followed a redirect or used a proxy would reach it. It must receive
nothing.
"""

import socket
import ssl
import threading

import pytest
import requests
from flask import Flask, request
from werkzeug.serving import make_server

from server.outbound import BlockedAddress, LookupTimeout, OutboundClient, RedirectRefused
from tests.networks.fakes.base import FakeNetwork, respond
from tests.support.sentinel import ConnectionSentinel
from tests.support.tls import certificate_authority_and_leaf

PUBLIC = "127.0.0.2"
NAME = "api.example.test"


class Echo(FakeNetwork):
    name = "echo"

    def routes(self):
        self.route("/hello", self.hello, methods=["GET", "POST"])
        self.route("/moved", self.moved, methods=["GET", "POST"])
        self.route("/slow", self.slow)

    def hello(self):
        return respond(200, {"host": request.host})

    def moved(self):
        return respond(307, headers={"Location": request.args["to"]})

    def slow(self):
        threading.Event().wait(2)
        return respond(200, {})


@pytest.fixture
def sentinel():
    with ConnectionSentinel("127.0.0.1") as watching:
        yield watching


@pytest.fixture
def echo(sentinel):
    """The server on 127.0.0.2, on the sentinel's port: only the address tells them apart."""
    with Echo(host=PUBLIC, port=sentinel.port) as fake:
        yield fake


def answers(*steps):
    """A resolver answering each lookup with the next address (the last one repeats); ``asked`` counts."""
    asked = []

    def resolver(host, port):
        asked.append(host)
        return [steps[min(len(asked), len(steps)) - 1]]

    resolver.asked = asked
    return resolver


def test_a_name_resolving_to_public_then_loopback_is_reached_at_the_vetted_address_only(echo, sentinel):
    rebinding = answers(PUBLIC, "127.0.0.1")
    client = OutboundClient(allow=(PUBLIC,), resolver=rebinding)
    response = client.request("GET", f"http://{NAME}:{sentinel.port}/hello")
    assert response.json() == {"host": f"{NAME}:{sentinel.port}"}, "the Host header keeps the name"
    assert rebinding.asked == [NAME], "resolved once: nothing could resolve it again to connect"
    with pytest.raises(BlockedAddress, match=r"api\.example\.test \(127\.0\.0\.1\)"):
        client.request("GET", f"http://{NAME}:{sentinel.port}/hello")
    assert len(echo.requests) == 1 and sentinel.connections() == []


def test_the_connection_does_not_ask_the_system_resolver_again(echo, sentinel, monkeypatch):
    system_lookup, asked = socket.getaddrinfo, []

    def rebinding_dns(host, *args, **kwargs):
        if host != NAME:
            return system_lookup(host, *args, **kwargs)  # IP literals, as urllib3 passes them
        asked.append(host)
        return system_lookup(PUBLIC if len(asked) == 1 else "127.0.0.1", *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", rebinding_dns)
    response = OutboundClient(allow=(PUBLIC,)).request("GET", f"http://{NAME}:{sentinel.port}/hello")
    assert response.status_code == 200 and asked == [NAME]
    assert sentinel.connections() == []


def test_the_sentinel_sees_a_connection_when_one_is_made(sentinel):
    # What makes "the sentinel received nothing" worth asserting.
    with pytest.raises(requests.ReadTimeout):
        OutboundClient(allow=("127.0.0.1",)).request("GET", f"{sentinel.url}/", timeout=(1, 0.2))
    assert len(sentinel.connections()) == 1


@pytest.mark.parametrize("target", ["http://127.0.0.1:{port}/", "http://[::ffff:127.0.0.1]:{port}/",
                                    "http://localhost:{port}/", "http://2130706433:{port}/"])
def test_an_address_that_is_not_listed_is_refused_before_connecting(sentinel, target):
    with pytest.raises(BlockedAddress):
        OutboundClient(allow=(PUBLIC,)).request("GET", target.format(port=sentinel.port))
    assert sentinel.connections() == []


def test_a_listed_host_name_may_resolve_to_an_internal_address(echo, sentinel):
    client = OutboundClient(allow=("sso.acme.internal",), resolver=answers(PUBLIC))
    assert client.request("GET", f"http://sso.acme.internal:{sentinel.port}/hello").ok
    with pytest.raises(BlockedAddress):
        client.request("GET", f"http://other.acme.internal:{sentinel.port}/hello")


def test_a_redirect_is_refused_and_not_followed(echo, sentinel):
    client = OutboundClient(allow=(PUBLIC,))
    target = f"{sentinel.url}/internal"
    with pytest.raises(RedirectRefused, match="redirect") as refusal:
        client.request("POST", f"{echo.url}/moved", params={"to": target}, data={"token": "secret"})
    assert (refusal.value.status, refusal.value.location) == (307, target)
    assert sentinel.connections() == []


def test_proxies_from_the_environment_are_ignored(echo, sentinel, monkeypatch):
    for variable in ("HTTP_PROXY", "http_proxy", "HTTPS_PROXY", "ALL_PROXY"):
        monkeypatch.setenv(variable, sentinel.url)
    monkeypatch.delenv("NO_PROXY", raising=False)
    monkeypatch.delenv("no_proxy", raising=False)
    assert OutboundClient(allow=(PUBLIC,)).request("GET", f"{echo.url}/hello").ok
    assert len(echo.requests) == 1 and sentinel.connections() == []


def test_a_lookup_that_hangs_is_given_up():
    release = threading.Event()
    client = OutboundClient(resolver=lambda host, port: release.wait(30) and [], lookup_timeout=0.2)
    try:
        with pytest.raises(LookupTimeout, match=r"api\.example\.test"):
            client.request("GET", f"https://{NAME}/")
    finally:
        release.set()


def test_a_request_without_timeout_gets_the_clients(echo):
    with pytest.raises(requests.ReadTimeout):
        OutboundClient(allow=(PUBLIC,), timeout=(1, 0.2)).request("GET", f"{echo.url}/slow")


def test_an_allow_list_entry_that_is_no_address_network_or_host_is_refused():
    with pytest.raises(ValueError, match="neither"):
        OutboundClient(allow=("https://sso.acme.internal/",))


# -- https: connected to the vetted address, TLS for the name ----------------------------------------------

@pytest.fixture
def tls_echo(tmp_path):
    """HTTPS for api.example.test on 127.0.0.2: (port, CA bundle, the SNI names clients sent)."""
    ca_pem, leaf_pem = certificate_authority_and_leaf(NAME)
    (tmp_path / "ca.pem").write_bytes(ca_pem)
    (tmp_path / "leaf.pem").write_bytes(leaf_pem)
    server_names = []
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(tmp_path / "leaf.pem")
    context.sni_callback = lambda _socket, server_name, _context: server_names.append(server_name)
    app = Flask("tls_echo")
    app.get("/hello")(lambda: {"host": request.host})
    server = make_server(PUBLIC, 0, app, threaded=True, ssl_context=context)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    yield server.server_port, str(tmp_path / "ca.pem"), server_names
    server.shutdown()
    server.server_close()


def test_https_goes_to_the_vetted_address_with_sni_and_certificate_for_the_name(tls_echo):
    port, ca_bundle, server_names = tls_echo
    client = OutboundClient(allow=(PUBLIC,), resolver=answers(PUBLIC))
    response = client.request("GET", f"https://{NAME}:{port}/hello", verify=ca_bundle)
    assert response.json() == {"host": f"{NAME}:{port}"} and server_names == [NAME]


def test_https_refuses_a_certificate_for_another_name(tls_echo):
    port, ca_bundle, _server_names = tls_echo
    client = OutboundClient(allow=(PUBLIC,), resolver=answers(PUBLIC))
    with pytest.raises(requests.exceptions.SSLError):
        client.request("GET", f"https://other.example.test:{port}/hello", verify=ca_bundle)
