"""A real HTTP server on 127.0.0.1 for the fetcher and feed tests.

Tests reach it only through an explicit ``allow_private={"127.0.0.1"}``: every other private address
stays refused, so redirects from it to 10.0.0.1 or 169.254.169.254 exercise the per-hop checks.
"""

import gzip
import threading
import time
from pathlib import Path

import pytest
from flask import Flask, Response, request
from werkzeug.serving import make_server

from tests.support.tls import certificate_authority_and_leaf

FIXTURES = Path(__file__).parent / "fixtures"
LOCAL = frozenset({"127.0.0.1"})


def fixture_bytes(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


def build_site() -> Flask:
    """The pages the tests fetch; each route plays one real-world behaviour."""
    site = Flask("library_test_site")
    bomb = gzip.compress(b" " * 20_000_000)

    @site.get("/page")
    def page():
        return Response(fixture_bytes("og_article.html"), content_type="text/html; charset=utf-8")

    @site.get("/echo-host")
    def echo_host():
        return Response(f"<title>{request.host}</title>", content_type="text/html")

    @site.get("/echo-user-agent")
    def echo_user_agent():
        return Response(request.headers.get("User-Agent", ""), content_type="text/html")

    @site.get("/redirect")
    def redirect_to():
        return Response(status=302, headers={"Location": request.args["to"]})

    @site.get("/chain/<int:left>")
    def chain(left):
        target = f"/chain/{left - 1}" if left > 0 else "/page"
        return Response(status=301, headers={"Location": target})

    @site.get("/big")
    def big():
        def stream():
            for _ in range(300):
                yield b"<p>" + b"x" * 10_000 + b"</p>"
        return Response(stream(), content_type="text/html")

    @site.get("/big-declared")
    def big_declared():
        return Response(b"x" * 3_000_000, content_type="text/html")

    @site.get("/bomb")
    def gzip_bomb():
        return Response(bomb, content_type="text/html", headers={"Content-Encoding": "gzip"})

    @site.get("/slow")
    def slow():
        time.sleep(3)
        return Response("<title>late</title>", content_type="text/html")

    @site.get("/trickle")
    def trickle():
        def stream():
            for _ in range(40):
                time.sleep(0.1)
                yield b"x"
        # With a declared length the body is not chunked: a reader waiting for full buffers would hang.
        headers = {"Content-Length": "40"} if request.args.get("declared") else {}
        return Response(stream(), content_type="text/html", headers=headers)

    @site.get("/image")
    def image():
        return Response(b"\x89PNG\r\n\x1a\n", content_type="image/png")

    @site.get("/status/<int:code>")
    def status(code):
        return Response("<title>error</title>", status=code, content_type="text/html")

    @site.get("/feeds/<name>")
    def feed(name):
        content_type = request.args.get("type", "application/rss+xml")
        return Response(fixture_bytes(name), content_type=content_type)

    return site


@pytest.fixture(scope="session")
def local_site():
    """Base URL (``http://127.0.0.1:PORT``) of the test site, served in a daemon thread."""
    server = make_server("127.0.0.1", 0, build_site(), threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()


@pytest.fixture(scope="session")
def tls_site(tmp_path_factory):
    """An HTTPS test site for ``news.example.test`` on 127.0.0.1.

    Yields (port, ca_bundle_path, server_names): the server names are the SNI values clients sent.
    """
    import ssl

    folder = tmp_path_factory.mktemp("tls")
    ca_pem, leaf_pem = certificate_authority_and_leaf("news.example.test")
    (folder / "ca.pem").write_bytes(ca_pem)
    (folder / "leaf.pem").write_bytes(leaf_pem)
    server_names = []
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(folder / "leaf.pem")
    context.sni_callback = lambda _socket, server_name, _context: server_names.append(server_name)
    server = make_server("127.0.0.1", 0, build_site(), threaded=True, ssl_context=context)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server.server_port, str(folder / "ca.pem"), server_names
    server.shutdown()


# -- the application with the library ---------------------------------------------------------------------

def local_resolver(host, port):
    """Every name is this machine: no test ever asks real DNS, and unknown sites fail fast (connection
    refused) instead of waiting on the network."""
    return ["127.0.0.1"]


@pytest.fixture
def app_config():
    """Outbound calls may reach 127.0.0.1 (the test site) and resolve every name there."""
    return {"OUTBOUND_ALLOW": LOCAL, "OUTBOUND_RESOLVER": local_resolver}


@pytest.fixture
def curator(make_user):
    return make_user("moderator", email="mehdi@acme.example", name="Mehdi Benali", department="Communication")


@pytest.fixture
def in_request(app):
    """Run service code the way a request does (translations, url_for, notifications)."""
    from contextlib import contextmanager

    @contextmanager
    def context(user=None):
        from flask import g

        with app.test_request_context():
            g.user = user
            yield

    return context


@pytest.fixture
def library(app, in_request, curator):
    """`library.add(url_or_path, **fields)` adds an approved link (no fetch unless asked) and returns it."""
    from server.library.links import add_link
    from server.library.models import LinkStatus

    class Library:
        counter = 0

        def add(self, url=None, category="sector", status=LinkStatus.APPROVED, fetch_preview=False, actor=None,
                **fields):
            Library.counter += 1
            url = url or f"https://news.example.org/article-{Library.counter}"
            fields.setdefault("title", f"Article {Library.counter}")
            with in_request(actor or curator):
                return add_link(actor or curator, url, status=status, category=category, fetch_preview=fetch_preview,
                                **fields)

    return Library()
