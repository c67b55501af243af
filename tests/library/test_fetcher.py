"""The hardened fetcher: what it refuses, and how it fetches what it accepts.

Refusal tests run with ``allow_private`` left False (the production setting) unless they test the
per-hop check, where only 127.0.0.1 is allowed so the local test server can serve the first hop.
"""

import socket
import time

import pytest

from server.library import fetcher as fetcher_module
from server.library.errors import (
    BadContentType,
    BadRedirect,
    BlockedAddress,
    FetchTimeout,
    HTTPStatusError,
    InvalidURL,
    TooLarge,
    TooManyRedirects,
    Unreachable,
)
from server.library.fetcher import USER_AGENT, fetch, is_accepted_type, parse_content_type

LOCAL = {"127.0.0.1"}


def refuse_lookups(host, port):
    raise AssertionError(f"no DNS lookup expected, got one for {host}")


def resolves_to(*addresses):
    """A resolver that maps every name to ``addresses`` (so no real DNS is ever asked)."""
    def resolver(host, port):
        return list(addresses)
    return resolver


@pytest.mark.parametrize("url", [
    "http://127.0.0.1/",
    "http://127.0.0.1:8080/admin",
    "http://[::1]/",
    "http://169.254.169.254/latest/meta-data/",
    "http://10.0.0.1/",
    "http://192.168.1.1/",
    "http://172.16.0.1/",
    "http://100.64.0.1/",
    "http://0.0.0.0/",
    "http://[::]/",
    "http://[::ffff:127.0.0.1]/",
    "http://[::ffff:a9fe:a9fe]/",
    "http://[fe80::1]/",
    "http://[fc00::1]/",
    "http://[2002:7f00:1::]/",
    "http://224.0.0.1/",
    "http://2130706433/",
    "http://0177.0.0.1/",
    "http://0x7f000001/",
    "http://0x7f.0.0.1/",
    "http://127.1/",
    "http://0/",
    "https://127.0.0.1/",
])
def test_refuses_non_public_ip_literals_without_lookup_or_connection(url):
    with pytest.raises(BlockedAddress) as refusal:
        fetch(url, resolver=refuse_lookups)
    assert refusal.value.code == "blocked_address"


@pytest.mark.parametrize("url", ["http://localhost/", "http://LOCALHOST:5000/", "http://api.localhost/"])
def test_refuses_localhost_names_before_any_lookup(url):
    with pytest.raises(BlockedAddress):
        fetch(url, resolver=refuse_lookups)


def test_refuses_public_looking_name_that_resolves_to_loopback():
    with pytest.raises(BlockedAddress, match=r"news\.example\.com \(127\.0\.0\.1\)"):
        fetch("https://news.example.com/article", resolver=resolves_to("127.0.0.1"))


def test_refuses_name_when_any_of_its_addresses_is_private():
    with pytest.raises(BlockedAddress):
        fetch("https://news.example.com/", resolver=resolves_to("93.184.216.34", "10.1.2.3"))


def test_refuses_name_resolving_to_metadata_service_even_when_loopback_is_allowed():
    with pytest.raises(BlockedAddress):
        fetch("http://cloud.example.com/", resolver=resolves_to("169.254.169.254"), allow_private=LOCAL)


@pytest.mark.parametrize("url", ["ftp://example.com/", "file:///etc/passwd", "http://user:pw@example.com/",
                                 "gopher://example.com/", "example.com"])
def test_refuses_invalid_urls(url):
    with pytest.raises(InvalidURL):
        fetch(url, resolver=refuse_lookups)


def test_unresolvable_name_is_unreachable(monkeypatch):
    def no_such_name(*args, **kwargs):
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")

    # The system resolver is used when none is given; faked so the test never waits on real DNS.
    monkeypatch.setattr(socket, "getaddrinfo", no_such_name)
    with pytest.raises(Unreachable, match="could not be found") as failure:
        fetch("http://name.invalid/")
    assert failure.value.code == "unreachable"


def test_fetches_local_page_when_its_address_is_explicitly_allowed(local_site):
    result = fetch(f"{local_site}/page", allow_private=LOCAL)
    assert result.status == 200
    assert result.content_type == "text/html"
    assert result.encoding == "utf-8"
    assert b"og:title" in result.body
    assert result.final_url == f"{local_site}/page"
    assert result.truncated is False


def test_connects_to_vetted_address_and_sends_the_name_as_host(local_site):
    port = local_site.rsplit(":", 1)[1]
    # news.example.test exists in no DNS: the page can only arrive through the pinned address.
    result = fetch(f"http://news.example.test:{port}/echo-host", resolver=resolves_to("127.0.0.1"),
                   allow_private=LOCAL)
    assert result.body == f"<title>news.example.test:{port}</title>".encode()


def test_announces_itself_with_its_user_agent(local_site):
    result = fetch(f"{local_site}/echo-user-agent", allow_private=LOCAL)
    assert result.body.decode() == USER_AGENT == "Porte-Voix/0.1 (+link preview)"


@pytest.mark.parametrize("private_target", [
    "http://10.0.0.1/", "http://169.254.169.254/latest/meta-data/", "http://[::1]/", "http://localhost/",
    "http://0xa000001/",
])
def test_refuses_redirect_from_allowed_page_to_private_address(local_site, private_target):
    with pytest.raises(BlockedAddress):
        fetch(f"{local_site}/redirect?to={private_target}", allow_private=LOCAL, resolver=refuse_lookups)


def test_refuses_redirect_to_name_resolving_to_private_address(local_site):
    port = local_site.rsplit(":", 1)[1]

    def resolver(host, _port):
        return {"news.example.test": ["127.0.0.1"], "internal.example.test": ["10.0.0.1"]}[host]

    with pytest.raises(BlockedAddress, match=r"internal\.example\.test"):
        fetch(f"http://news.example.test:{port}/redirect?to=http://internal.example.test/",
              resolver=resolver, allow_private=LOCAL)


def test_refuses_redirect_to_non_http_scheme(local_site):
    with pytest.raises(BadRedirect) as refusal:
        fetch(f"{local_site}/redirect?to=file:///etc/passwd", allow_private=LOCAL)
    assert refusal.value.code == "bad_redirect"


def test_follows_relative_redirects_on_explicitly_allowed_local_server(local_site):
    result = fetch(f"{local_site}/chain/3", allow_private=LOCAL)
    assert result.final_url == f"{local_site}/page"
    assert result.url == f"{local_site}/chain/3"


def test_stops_after_max_redirects(local_site):
    with pytest.raises(TooManyRedirects) as refusal:
        fetch(f"{local_site}/chain/3", allow_private=LOCAL, max_redirects=2)
    assert refusal.value.code == "too_many_redirects"


def test_follows_exactly_max_redirects(local_site):
    assert fetch(f"{local_site}/chain/1", allow_private=LOCAL, max_redirects=2).status == 200


def test_refuses_streamed_body_over_the_cap(local_site):
    with pytest.raises(TooLarge) as refusal:
        fetch(f"{local_site}/big", allow_private=LOCAL, max_bytes=100_000)
    assert refusal.value.code == "too_large"


def test_refuses_declared_length_over_the_cap(local_site):
    with pytest.raises(TooLarge):
        fetch(f"{local_site}/big-declared", allow_private=LOCAL)


def test_truncates_instead_when_allowed(local_site):
    result = fetch(f"{local_site}/big", allow_private=LOCAL, max_bytes=50_000, allow_truncation=True)
    assert len(result.body) == 50_000
    assert result.truncated is True


def test_caps_decompressed_size_of_gzip_bomb(local_site):
    with pytest.raises(TooLarge):
        fetch(f"{local_site}/bomb", allow_private=LOCAL, max_bytes=1_000_000)


def test_times_out_on_slow_server(local_site):
    with pytest.raises(FetchTimeout) as failure:
        fetch(f"{local_site}/slow", allow_private=LOCAL, timeout=(1, 0.5))
    assert failure.value.code == "timeout"


@pytest.mark.parametrize("path", ["/trickle", "/trickle?declared=1"])
def test_total_timeout_stops_a_trickling_server(local_site, path):
    started = time.monotonic()
    with pytest.raises(FetchTimeout):
        fetch(f"{local_site}{path}", allow_private=LOCAL, timeout=(1, 2), total_timeout=1)
    assert time.monotonic() - started < 2


def test_refuses_unaccepted_content_type(local_site):
    with pytest.raises(BadContentType, match="image/png") as refusal:
        fetch(f"{local_site}/image", allow_private=LOCAL)
    assert refusal.value.code == "bad_content_type"


def test_accepts_content_type_the_caller_lists(local_site):
    assert fetch(f"{local_site}/image", allow_private=LOCAL, accept=("image/*",)).body.startswith(b"\x89PNG")


@pytest.mark.parametrize("code", [404, 410, 500, 503])
def test_reports_error_statuses(local_site, code):
    with pytest.raises(HTTPStatusError) as failure:
        fetch(f"{local_site}/status/{code}", allow_private=LOCAL)
    assert failure.value.status == code
    assert failure.value.code == "http_status"


def test_refused_connection_is_unreachable(local_site):
    # Port 9 (discard) is closed on the test machine: connection refused at once.
    with pytest.raises(Unreachable):
        fetch("http://127.0.0.1:9/", allow_private=LOCAL)


@pytest.mark.parametrize(("header", "expected"), [
    ("text/html; charset=UTF-8", ("text/html", "utf-8")),
    ('Text/HTML; Charset="ISO-8859-1"', ("text/html", "iso-8859-1")),
    ("application/xhtml+xml", ("application/xhtml+xml", None)),
    ("", (None, None)),
    (None, (None, None)),
])
def test_parses_content_type(header, expected):
    assert parse_content_type(header) == expected


def test_matches_wildcard_content_types():
    assert is_accepted_type("application/rss+xml", ("application/*",))
    assert not is_accepted_type("text/plain", ("text/html",))
    assert not is_accepted_type(None, ("*/*",))


def test_https_connects_to_vetted_address_with_sni_and_certificate_for_the_name(tls_site, monkeypatch):
    port, ca_bundle, server_names = tls_site
    monkeypatch.setattr(fetcher_module, "CA_BUNDLE", ca_bundle)
    result = fetch(f"https://news.example.test:{port}/echo-host", resolver=resolves_to("127.0.0.1"),
                   allow_private=LOCAL)
    assert result.body == f"<title>news.example.test:{port}</title>".encode()
    assert server_names[-1] == "news.example.test"


def test_https_refuses_certificate_for_another_name(tls_site, monkeypatch):
    port, ca_bundle, _server_names = tls_site
    monkeypatch.setattr(fetcher_module, "CA_BUNDLE", ca_bundle)
    with pytest.raises(Unreachable, match="certificate"):
        fetch(f"https://other.example.test:{port}/page", resolver=resolves_to("127.0.0.1"), allow_private=LOCAL)


def test_https_refuses_untrusted_certificate(tls_site):
    port, _ca_bundle, _server_names = tls_site
    with pytest.raises(Unreachable, match="certificate"):
        fetch(f"https://news.example.test:{port}/page", resolver=resolves_to("127.0.0.1"), allow_private=LOCAL)

