"""The length rule: each network's limit, counted the way that network counts."""

import pytest

from server.charter.engine import LengthLimit
from server.charter.engine.length import measure
from server.charter.engine.links import find_links

CHARTER = {"languages": [], "allowed_domains": ["acme.com"], "pii": False}
URL = "https://acme.com/blog/2024/03/12/a-very-long-article-slug-about-our-launch"


def counted(text, counting):
    return measure(text, LengthLimit(10_000, counting), find_links(text))[0]


@pytest.mark.parametrize(("text", "counting", "count"), [
    ("abc", "chars", 3),
    ("e\u0301t\u00e9", "chars", 4),
    ("e\u0301t\u00e9", "graphemes", 3),
    ("👨‍👩‍👧 ok", "graphemes", 4),
    ("🇫🇷🇬🇧", "graphemes", 2),
    ("a\r\nb", "graphemes", 3),
    ("abc", "twitter", 3),
    ("日本語", "twitter", 6),
    ("é’«»—", "twitter", 5),
    ("€…", "twitter", 4),
    ("👍🏽", "twitter", 2),
    ("👨‍👩‍👧", "twitter", 2),
    ("e\u0301", "twitter", 1),
    (f"Lisez {URL}", "twitter", 6 + 23),
    ("Lisez acme.com/x", "twitter", 6 + 23),
    (f"Lisez {URL}", "mastodon", 6 + 23),
    ("Lisez acme.com/x", "mastodon", 16),
    ("Merci @alice@mastodon.social !", "mastodon", len("Merci @alice !")),
    ("Merci @alice@mastodon.social !", "graphemes", 30),
    ("👨‍👩‍👧 ok", "mastodon", 4),
])
def test_each_network_counts_its_own_way(text, counting, count):
    assert counted(text, counting) == count


def test_a_text_over_the_limit_is_blocked_from_the_first_character_over_it(check):
    text = "a" * 285
    (finding,) = check(text, CHARTER, length=LengthLimit(280, "chars")).findings
    assert (finding.rule, finding.severity, finding.start, finding.end) == ("length", "block", 280, 285)
    assert finding.params == {"count": 285, "max": 280, "counting": "chars", "network": None}


def test_a_text_at_the_limit_passes(check):
    assert check("a" * 280, CHARTER, length=LengthLimit(280, "twitter")).findings == []


def test_on_x_a_long_url_counts_23_so_the_post_fits(check):
    text = "x" * 250 + " " + URL
    assert len(text) > 280
    assert check(text, CHARTER, length=LengthLimit(280, "twitter")).findings == []


def test_on_x_cjk_counts_double(check):
    (finding,) = check("日" * 141, CHARTER, length=LengthLimit(280, "twitter")).findings
    assert (finding.start, finding.params["count"]) == (140, 282)


def test_on_bluesky_graphemes_are_counted_and_the_span_starts_at_a_grapheme(check):
    text = "e\u0301" * 301
    (finding,) = check(text, CHARTER, length=LengthLimit(300, "graphemes")).findings
    assert (finding.start, finding.end, finding.params["count"]) == (600, 602, 301)


def test_on_x_the_overflow_can_start_at_a_link(check):
    text = "x" * 270 + " " + URL
    (finding,) = check(text, CHARTER, length=LengthLimit(280, "twitter")).findings
    assert finding.excerpt == URL


def test_no_limit_in_the_context_means_no_length_rule(check):
    assert check("a" * 100_000, CHARTER).findings == []


def test_length_limit_rejects_an_unknown_counting():
    with pytest.raises(ValueError, match="counting"):
        LengthLimit(280, "words")
