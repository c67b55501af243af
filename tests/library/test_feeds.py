"""Feeds: RSS 2.0, RSS 1.0 and Atom, parsed directly and fetched through the hardened fetcher."""

from datetime import UTC, datetime
from pathlib import Path

import pytest

from server.library.errors import BadContentType, BlockedAddress, FeedError
from server.library.feeds import FeedEntry, ParsedFeed, fetch_feed, parse_feed

FIXTURES = Path(__file__).parent / "fixtures"
LOCAL = {"127.0.0.1"}


def parse_fixture(name, url="https://feeds.example.com/dir/feed.xml"):
    return parse_feed((FIXTURES / name).read_bytes(), url=url)


def test_rss2_entries_are_canonical_deduplicated_and_need_a_link():
    assert parse_fixture("rss2.xml") == ParsedFeed(
        title="Acme — Newsroom",
        link="https://www.acme.example/newsroom",
        entries=[
            FeedEntry(
                url="https://www.acme.example/newsroom/lyon",
                title="Acme ouvre un site à Lyon",
                summary="Le nouveau site emploiera 120 personnes d’ici 2026.",
                published=datetime(2025, 3, 11, 8, 0, tzinfo=UTC),
                image="https://cdn.acme.example/lyon-640.jpg",
            ),
            FeedEntry(
                url="https://www.acme.example/newsroom/rse-2024",
                title="Rapport RSE 2024",
                summary="Notre rapport annuel.",
                published=datetime(2025, 3, 3, 8, 30, tzinfo=UTC),
                image="https://cdn.acme.example/rse-cover.png",
            ),
        ],
    )


def test_rss1():
    assert parse_fixture("rss1.rdf") == ParsedFeed(
        title="Example Research Blog",
        link="https://blog.example.org/",
        entries=[FeedEntry(
            url="https://blog.example.org/2025/02/solar",
            title="Solar roofs, two years on",
            summary="What we measured on 40 roofs.",
            published=datetime(2025, 2, 20, 14, 0, tzinfo=UTC),
        )],
    )


def test_atom_with_xml_base_and_images_from_enclosure_or_content():
    feed = parse_fixture("atom.xml")
    assert feed.title == "Acme Engineering"
    assert feed.link == "https://engineering.acme.example/"
    assert feed.entries == [
        FeedEntry(
            url="https://engineering.acme.example/posts/faster-builds",
            title="How we cut build times by 38%",
            summary="Incremental caching, explained.",
            published=datetime(2025, 3, 12, 8, 15, tzinfo=UTC),
            image="https://engineering.acme.example/img/builds.jpg",
        ),
        FeedEntry(
            url="https://engineering.acme.example/posts/march-outage",
            title="Postmortem: the March outage",
            summary="What happened and what we changed.",
            published=datetime(2025, 3, 5, 18, 0, tzinfo=UTC),
            image="https://engineering.acme.example/img/outage.png",
        ),
    ]


def test_relative_links_resolve_against_the_feed_address():
    feed = parse_fixture("rss_relative.xml", url="https://www.villeneuve.example/rss/actus.xml")
    assert feed.title == "Mairie de Villeneuve – actualités"
    assert feed.link == "https://www.villeneuve.example/"
    assert [entry.url for entry in feed.entries] == [
        "https://www.villeneuve.example/actualites/fete-ete.html",
        "https://www.villeneuve.example/rss/actualites/travaux.html",
    ]
    assert feed.entries[0].title == "Fête de l'été"


def test_recoverable_problems_are_accepted():
    feed = parse_fixture("recoverable.xml")
    assert feed.title == "Partner news feed"
    assert feed.entries == [FeedEntry(url="https://partner.example.net/webinar", title="Joint webinar on 3 April",
                                      summary="Register now & bring questions")]


def test_malformed_feed_is_refused_with_a_reason():
    with pytest.raises(FeedError, match="cannot be read: not well-formed") as refusal:
        parse_fixture("malformed.xml")
    assert refusal.value.code == "invalid_feed"


@pytest.mark.parametrize("body", [b"", b"   \n", b"<html><head><title>Home</title></head><body></body></html>",
                                  b'{"version": "not a feed"}'])
def test_non_feeds_are_refused(body):
    with pytest.raises(FeedError):
        parse_feed(body, url="https://example.com/feed")


def test_body_that_looks_like_a_path_is_never_opened_as_a_file(tmp_path):
    local_feed = tmp_path / "feed.xml"
    local_feed.write_bytes((FIXTURES / "rss1.rdf").read_bytes())
    with pytest.raises(FeedError):
        parse_feed(str(local_feed).encode(), url="https://example.com/feed")


def test_feed_with_no_entries_is_valid():
    feed = parse_feed(b'<rss version="2.0"><channel><title>Quiet</title></channel></rss>', url="https://q.example/")
    assert feed == ParsedFeed(title="Quiet", entries=[])


def test_fetches_rss_through_the_fetcher(local_site):
    feed = fetch_feed(f"{local_site}/feeds/rss_relative.xml", allow_private=LOCAL)
    assert [entry.url for entry in feed.entries] == [
        f"{local_site}/actualites/fete-ete.html",
        f"{local_site}/feeds/actualites/travaux.html",
    ]


def test_fetches_atom_through_the_fetcher(local_site):
    feed = fetch_feed(f"{local_site}/feeds/atom.xml?type=application/atom%2Bxml", allow_private=LOCAL)
    assert feed.title == "Acme Engineering"
    assert len(feed.entries) == 2


def test_feed_fetch_refuses_html(local_site):
    with pytest.raises(BadContentType):
        fetch_feed(f"{local_site}/page", allow_private=LOCAL)


def test_feed_fetch_applies_the_address_policy():
    with pytest.raises(BlockedAddress):
        fetch_feed("http://169.254.169.254/latest/meta-data/")


def test_malformed_feed_fetched_is_refused(local_site):
    with pytest.raises(FeedError):
        fetch_feed(f"{local_site}/feeds/malformed.xml?type=text/xml", allow_private=LOCAL)
