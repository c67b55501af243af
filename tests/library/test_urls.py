"""Canonical URLs: one spelling per page, and clear refusals."""

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from hypothesis.provisional import domains, urls

from server.library.errors import InvalidURL
from server.library.urls import (
    TRACKING_PARAMETERS,
    canonical_url,
    host_of,
    is_tracking_parameter,
    parse_http_url,
    strip_tracking_parameters,
)


@pytest.mark.parametrize(("url", "expected"), [
    # scheme and host case, default ports, empty path, fragment, whitespace
    ("HTTP://Example.COM", "http://example.com/"),
    ("  https://example.com:443/a#section \n", "https://example.com/a"),
    ("http://example.com:80/", "http://example.com/"),
    ("https://example.com:80/", "https://example.com:80/"),
    ("http://example.com:8080", "http://example.com:8080/"),
    ("http://example.com:/x", "http://example.com/x"),
    ("http://example.com./", "http://example.com/"),
    ("http://example.com?", "http://example.com/"),
    # tracking parameters removed, others kept in order
    ("https://example.com/a?utm_source=x&b=2&UTM_Medium=y&a=1", "https://example.com/a?b=2&a=1"),
    ("https://example.com/?fbclid=1&gclid=2&dclid=3&msclkid=4&mc_cid=5&mc_eid=6", "https://example.com/"),
    ("https://example.com/?igshid=1&_hsenc=2&_hsmi=3&mkt_tok=4&yclid=5&ref_src=6&id=7", "https://example.com/?id=7"),
    ("https://example.com/?pk_campaign=a&mtm_source=b&q=c", "https://example.com/?q=c"),
    ("https://example.com/?q=a+b&q=c&&ref=home", "https://example.com/?q=a+b&q=c&ref=home"),
    ("https://example.com/search?q=%7e%41&x=%e9", "https://example.com/search?q=~A&x=%E9"),
    # path percent-encoding and dot segments
    ("http://example.com/%7euser/%2fx", "http://example.com/~user/%2Fx"),
    ("http://example.com/a b/é", "http://example.com/a%20b/%C3%A9"),
    ("http://example.com/100%", "http://example.com/100%25"),
    ("http://example.com/a/./b/../c/", "http://example.com/a/c/"),
    ("http://example.com/a/%2e%2E/b", "http://example.com/b"),
    ("http://example.com/../../x", "http://example.com/x"),
    ("http://example.com/a//b", "http://example.com/a//b"),
    ("http://example.com/a:b@c;d=e", "http://example.com/a:b@c;d=e"),
    # internationalised hosts
    ("https://Bücher.example/livre", "https://xn--bcher-kva.example/livre"),
    ("https://例え.テスト/", "https://xn--r8jz45g.xn--zckzah/"),
    ("http://ＥＸＡＭＰＬＥ．com/", "http://example.com/"),
    # IP hosts, read as browsers read them
    ("http://[::FFFF:127.0.0.1]:8080/", "http://[::ffff:7f00:1]:8080/"),
    ("http://[2001:DB8:0::1]/", "http://[2001:db8::1]/"),
    ("http://2130706433/", "http://127.0.0.1/"),
    ("http://0177.0.0.1/", "http://127.0.0.1/"),
    ("http://0x7f.0.0.1/", "http://127.0.0.1/"),
    ("http://0x7F000001/", "http://127.0.0.1/"),
    ("http://127.1/", "http://127.0.0.1/"),
    ("http://10.1/", "http://10.0.0.1/"),
    ("http://１２７.０.０.１/", "http://127.0.0.1/"),
])
def test_canonical_url(url, expected):
    assert canonical_url(url) == expected


@pytest.mark.parametrize(("url", "reason"), [
    ("", "empty"),
    ("   ", "empty"),
    ("example.com/page", "must start with http:// or https://"),
    ("ftp://example.com/", "Only http and https"),
    ("javascript:alert(1)", "Only http and https"),
    ("mailto:someone@example.com", "Only http and https"),
    ("http://user:password@example.com/", "user name or password"),
    ("http://user@example.com/", "user name or password"),
    ("http://evil.example\\@good.example/", "user name or password"),
    ("http:///path", "no host"),
    ("http://exa mple.com/", "not allowed in a host name"),
    ("http://%6c%6fcalhost/", "not allowed in a host name"),
    ("http://a..b/", "not a valid host name"),
    ("http://" + "a" * 64 + ".com/", "not a valid host name"),
    ("http://example.com:99999/", "not a valid port"),
    ("http://example.com:0/", "not a valid port"),
    ("http://example.com:8o/", "not a valid port"),
    ("http://[::1/", "cannot be read"),
    ("http://[::1%25eth0]/", "zone identifier"),
    ("http://[not-ipv6]/", "not appear to be an IPv4 or IPv6"),
    ("http://1.2.3.4.5/", "not a valid one"),
    ("http://256.0.0.1/", "not a valid one"),
    ("http://0x100000000/", "not a valid one"),
    ("http://08.0.0.1/", "not a valid one"),
    ("http://example.com/" + "a" * 5000, "longer than 4096"),
    ("http://xn--a.example/", "not a valid internationalised host name"),
])
def test_refuses_with_a_reason(url, reason):
    with pytest.raises(InvalidURL, match=reason) as refusal:
        canonical_url(url)
    assert refusal.value.code == "invalid_url"


def test_refuses_non_text():
    with pytest.raises(InvalidURL):
        canonical_url(None)


def test_host_of():
    assert host_of("https://WWW.Bücher.example:8443/a") == "www.xn--bcher-kva.example"
    assert host_of("http://[::1]:80/") == "::1"


def test_parse_keeps_tracking_parameters_for_fetching():
    parsed = parse_http_url("HTTPS://Example.com:8443/a%7e?utm_source=x#frag")
    assert (parsed.scheme, parsed.host, parsed.port, parsed.path, parsed.query) == \
        ("https", "example.com", 8443, "/a~", "utm_source=x")
    assert parsed.netloc == "example.com:8443"
    assert parsed.effective_port == 8443
    assert parsed.request_target == "/a~?utm_source=x"
    assert str(parsed) == "https://example.com:8443/a~?utm_source=x"


def test_tracking_parameter_list_is_documented_and_matched_case_insensitively():
    assert {"fbclid", "gclid", "dclid", "msclkid", "mc_cid", "mc_eid", "igshid", "_hsenc", "_hsmi", "mkt_tok",
            "yclid", "ref_src"} <= TRACKING_PARAMETERS
    assert is_tracking_parameter("UTM_CAMPAIGN")
    assert is_tracking_parameter("FbClId")
    assert not is_tracking_parameter("ref")
    assert not is_tracking_parameter("utm")


def test_strip_tracking_parameters_matches_encoded_names():
    assert strip_tracking_parameters("utm%5Fsource=x&page=2") == "page=2"


url_like_text = st.builds(
    lambda scheme, host, port, path, query, fragment: f"{scheme}://{host}{port}{path}{query}{fragment}",
    st.sampled_from(["http", "https", "HTTP", "hTtPs"]),
    st.one_of(domains(), st.text(min_size=1, max_size=20), st.ip_addresses(v=4).map(str),
              st.ip_addresses(v=6).map(lambda ip: f"[{ip}]"), st.integers(0, 2**32).map(str)),
    st.one_of(st.just(""), st.integers(0, 70000).map(lambda port: f":{port}")),
    st.text(max_size=30).map(lambda text: "/" + text),
    st.one_of(st.just(""), st.text(max_size=30).map(lambda text: "?" + text)),
    st.one_of(st.just(""), st.text(max_size=10).map(lambda text: "#" + text)),
)


@settings(max_examples=400, deadline=None)
@given(st.one_of(urls(), url_like_text, st.text(max_size=60)))
@example("http://example.com/a/%2e%2e%2fb/..")
@example("http://example.com/%25%32%65")
@example("http://0x/")
def test_canonical_url_is_idempotent(url):
    try:
        once = canonical_url(url)
    except InvalidURL:
        return
    assert canonical_url(once) == once
    assert once.isascii()
