"""The link rule: allowed domains and their subdomains, the approved link, and the tricks around them."""

import pytest

from server.charter.engine import Context, compile_charter

CHARTER = {"allowed_domains": ["acme.com", "acme.fr"], "languages": [], "pii": False}
APPROVED = "https://www.lemonde.fr/economie/article/2024/03/12/acme.html"

ALLOWED = [
    "https://acme.com/blog/launch?utm_source=share",
    "http://acme.com",
    "https://careers.acme.com/jobs/1234",
    "acme.com",
    "acme.com/acmepay",
    "www.acme.fr/presse",
    "WWW.ACME.FR",
    "ACME.COM",
    "blog.acme.com/2024/03",
    APPROVED,
    "lemonde.fr/economie/article/2024/03/12/acme.html",
    "https://lemonde.fr/economie/article/2024/03/12/acme.html/",
]


@pytest.mark.parametrize("link", ALLOWED)
def test_links_on_allowed_domains_or_the_approved_link_pass(check, link):
    assert check(f"À lire : {link} !", CHARTER, link=APPROVED).findings == []


FLAGGED = [
    # (text, excerpt, reason)
    ("see https://example.org/article", "https://example.org/article", "not_allowed"),
    ("see example.org", "example.org", "not_allowed"),
    ("see EXAMPLE.ORG.", "EXAMPLE.ORG", "not_allowed"),
    ("(voir https://evil.io/x).", "https://evil.io/x", "not_allowed"),
    ("notacme.com", "notacme.com", "not_allowed"),
    ("https://lemonde.fr/another-article", "https://lemonde.fr/another-article", "not_allowed"),
    ("ftp://files.evil.io/a.zip", "ftp://files.evil.io/a.zip", "not_allowed"),
    ("https://bit.ly/3xYz", "https://bit.ly/3xYz", "shortener"),
    ("bit.ly/3xYz", "bit.ly/3xYz", "shortener"),
    ("t.co/abc", "t.co/abc", "shortener"),
    ("goo.gl/abc", "goo.gl/abc", "shortener"),
    ("tinyurl.com/abc", "tinyurl.com/abc", "shortener"),
    ("ow.ly/abc", "ow.ly/abc", "shortener"),
    ("buff.ly/abc", "buff.ly/abc", "shortener"),
    ("https://acme.com@evil.io/login", "https://acme.com@evil.io/login", "userinfo"),
    ("acme.com@evil.io/login", "acme.com@evil.io/login", "userinfo"),
    ("acme.com.evil.io", "acme.com.evil.io", "lookalike"),
    ("https://acme.com.evil.io/x", "https://acme.com.evil.io/x", "lookalike"),
    ("\u0430cme.com", "\u0430cme.com", "lookalike"),  # Cyrillic a
    ("https://\u0430cme.com/promo", "https://\u0430cme.com/promo", "lookalike"),
    ("https://xn--cme-5cd.com/promo", "https://xn--cme-5cd.com/promo", "lookalike"),
]


@pytest.mark.parametrize(("text", "excerpt", "reason"), FLAGGED)
def test_links_elsewhere_are_blocked_with_their_reason(check, text, excerpt, reason):
    (finding,) = check(text, CHARTER, link=APPROVED).findings
    assert (finding.rule, finding.severity, finding.excerpt) == ("link_not_approved", "block", excerpt)
    assert text[finding.start : finding.end] == excerpt
    assert finding.params["reason"] == reason
    assert finding.message_key == f"link_not_approved.{reason}"


@pytest.mark.parametrize("text", [
    "e.g. this", "i.e. that", "file.txt", "config.py", "README.md", "archive.zip", "v2.3.14", "3.14",
    "192.168.1.1", "great.Today we ship", "fin.Le lendemain", "Node.js and Vue.js", "M. Dupont", "etc.",
    "contact@evil.io", "@alice@mastodon.social", "C'est l'heure.Vraiment",
])
def test_things_that_only_look_like_domains_are_not_links(check, found, text):
    assert found(check(text, CHARTER), "link_not_approved") == []


def test_shorteners_pass_when_the_charter_allows_them_by_name(check):
    assert check("bit.ly/3xYz", {"allowed_domains": ["bit.ly"]}).findings == []


def test_an_approved_shortened_link_passes_as_the_approved_link(check):
    assert check("https://bit.ly/3xYz", CHARTER, link="https://bit.ly/3xYz").findings == []


def test_without_allowed_domains_only_the_approved_link_may_appear(check, found):
    result = check(f"{APPROVED} and acme.com", {"languages": []}, link=APPROVED)
    assert found(result, "link_not_approved") == ["acme.com"]


def test_link_findings_name_the_real_host_and_registrable_domain(check):
    (finding,) = check("acme.com.evil.io/x", CHARTER).findings
    assert finding.params == {"host": "acme.com.evil.io", "domain": "evil.io", "reason": "lookalike"}
    assert "acme.com.evil.io" in finding.message["en"]


def test_link_text_is_not_read_as_words(check):
    charter = {**CHARTER, "languages": ["fr"], "banned_terms": ["promo"], "brand_terms": ["AcmePay"]}
    assert check("https://acme.com/promo/merde/acmepay", charter).findings == []


def test_several_links_are_each_judged(check, found):
    result = check("acme.com, evil.io et bit.ly/x", CHARTER)
    assert found(result, "link_not_approved") == ["evil.io", "bit.ly/x"]


@pytest.mark.parametrize("written", [
    "https://news.example/article?utm_source=newsletter&utm_medium=email",
    "https://www.news.example/article/?fbclid=abc",
    "https://news.example/article?gclid=1&utm_campaign=x",
])
def test_the_approved_link_with_tracking_parameters_is_still_the_approved_link(written):
    charter = compile_charter({"allowed_domains": ["acme-energie.example"]})
    result = charter.check(f"À lire : {written}", Context(link="https://news.example/article"))
    assert [finding.rule for finding in result.findings] == []


def test_another_page_of_the_approved_site_is_still_another_link():
    charter = compile_charter({"allowed_domains": ["acme-energie.example"]})
    result = charter.check("À lire : https://news.example/article?id=2", Context(link="https://news.example/article"))
    assert [finding.rule for finding in result.findings] == ["link_not_approved"]
