"""Feeds: subscribed RSS and Atom feeds, served by a local HTTP server, bring their new items as proposed
links; failures are kept visible and lose nothing."""

from datetime import timedelta

import pytest

from server.db import utcnow
from server.library.feed_subscriptions import poll_due_feeds, poll_feed
from server.library.models import Feed, Link, LinkSource, LinkStatus
from tests.conftest import sign_in_client


@pytest.fixture
def headers(curator, bearer):
    return bearer(curator)


def subscribe(client, headers, url, **fields):
    return client.post("/api/v1/feeds", json={"url": url, **fields}, headers=headers)


def test_an_rss_feed_brings_its_items_as_proposals(client, headers, local_site):
    response = subscribe(client, headers, f"{local_site}/feeds/rss2.xml", category="sector", language="fr")
    assert response.status_code == 201, response.get_json()
    feed = response.get_json()
    assert feed["title"] == "Acme — Newsroom" and feed["items_imported"] == 2 and feed["last_error"] is None
    links = list(Link.select().order_by(Link.id))
    assert [(link.url, link.status, link.source, link.category) for link in links] == [
        ("https://www.acme.example/newsroom/lyon", LinkStatus.PROPOSED, LinkSource.FEED, "sector"),
        ("https://www.acme.example/newsroom/rse-2024", LinkStatus.PROPOSED, LinkSource.FEED, "sector"),
    ]
    assert links[0].title == "Acme ouvre un site à Lyon" and links[0].image_url == "https://cdn.acme.example/lyon-640.jpg"
    assert links[0].published_at is not None and links[0].feed_id == feed["id"]


def test_an_atom_feed_resolves_relative_links(client, headers, local_site):
    subscribe(client, headers, f"{local_site}/feeds/atom.xml?type=application/atom%2Bxml")
    assert sorted(link.url for link in Link.select()) == ["https://engineering.acme.example/posts/faster-builds",
                                                         "https://engineering.acme.example/posts/march-outage"]


def test_polling_again_adds_only_new_items_and_never_touches_existing_links(client, headers, local_site, app):
    feed_id = subscribe(client, headers, f"{local_site}/feeds/rss2.xml").get_json()["id"]
    Link.update(title="Titre revu par l'équipe", status=LinkStatus.APPROVED, category="product").where(
        Link.url == "https://www.acme.example/newsroom/lyon").execute()
    with app.app_context():
        poll_feed(feed_id)
    lyon = Link.get(Link.url == "https://www.acme.example/newsroom/lyon")
    assert (lyon.title, lyon.status) == ("Titre revu par l'équipe", LinkStatus.APPROVED)
    assert Link.select().count() == 2


def test_an_item_already_in_the_library_is_not_proposed_again(client, headers, local_site, library):
    library.add("https://www.acme.example/newsroom/lyon?utm_source=mail", title="Déjà là")
    assert subscribe(client, headers, f"{local_site}/feeds/rss2.xml").get_json()["items_imported"] == 1
    assert Link.select().count() == 2


@pytest.mark.parametrize("path, code", [
    ("/feeds/malformed.xml", "invalid_feed"),
    ("/page", "bad_content_type"),
    ("/status/503", "http_status"),
    ("/redirect?to=http://169.254.169.254/latest/meta-data", "blocked_address"),
])
def test_a_failing_feed_is_kept_with_its_last_error(client, headers, local_site, path, code):
    response = subscribe(client, headers, local_site + path)
    assert response.status_code == 201
    feed = response.get_json()
    assert feed["last_error_code"] == code and feed["last_error"] and feed["failures"] == 1
    assert feed["last_success_at"] is None and Link.select().count() == 0
    listed = client.get("/api/v1/feeds", headers=headers).get_json()
    assert listed[0]["last_error_code"] == code


def test_a_feed_that_breaks_later_keeps_its_links_and_recovers(client, headers, local_site, app):
    feed_id = subscribe(client, headers, f"{local_site}/feeds/rss2.xml").get_json()["id"]
    Feed.update(url=f"{local_site}/feeds/malformed.xml").where(Feed.id == feed_id).execute()
    with app.app_context():
        poll_feed(feed_id)
    feed = Feed.get_by_id(feed_id)
    assert feed.last_error_code == "invalid_feed" and feed.last_success_at is not None
    assert Link.select().count() == 2
    Feed.update(url=f"{local_site}/feeds/rss2.xml").where(Feed.id == feed_id).execute()
    with app.app_context():
        poll_feed(feed_id)
    feed = Feed.get_by_id(feed_id)
    assert feed.last_error_code is None and feed.failures == 0


def test_the_periodic_job_polls_only_the_feeds_that_are_due(client, headers, local_site, app):
    due = subscribe(client, headers, f"{local_site}/feeds/rss2.xml", active=True).get_json()["id"]
    fresh = subscribe(client, headers, f"{local_site}/feeds/atom.xml?type=application/atom%2Bxml").get_json()["id"]
    paused = subscribe(client, headers, f"{local_site}/feeds/rss1.rdf?type=application/rdf%2Bxml",
                       active=False).get_json()["id"]
    long_ago, recently = utcnow() - timedelta(hours=3), utcnow() - timedelta(minutes=5)
    Feed.update(last_polled_at=long_ago).where(Feed.id.in_([due, paused])).execute()
    Feed.update(last_polled_at=recently).where(Feed.id == fresh).execute()
    with app.app_context():
        poll_due_feeds.call_local()
    polled = {feed.id: feed.last_polled_at for feed in Feed.select()}
    assert polled[due] > long_ago, "due (PV_FEED_POLL_MINUTES is 60)"
    assert polled[fresh] == recently and polled[paused] == long_ago


def test_the_same_feed_cannot_be_subscribed_twice(client, headers, local_site):
    subscribe(client, headers, f"{local_site}/feeds/rss2.xml")
    response = subscribe(client, headers, f"{local_site}/feeds/rss2.xml")
    assert response.status_code == 409 and "url" in response.get_json()["error"]["fields"]


@pytest.mark.parametrize("body, field", [
    ({"url": "gopher://old.example.org/feed"}, "url"),
    ({"url": "https://a.example.org/feed", "category": "gossip"}, "category"),
    ({"url": "https://a.example.org/feed", "campaign_id": 77}, "campaign_id"),
])
def test_bad_subscriptions_are_422_naming_the_field(client, headers, body, field):
    response = client.post("/api/v1/feeds", json=body, headers=headers)
    assert response.status_code == 422 and field in response.get_json()["error"]["fields"]
    assert Feed.select().count() == 0


def test_the_feeds_page_shows_the_last_error(client, curator, local_site):
    sign_in_client(client, curator)
    from tests.conftest import csrf_token

    token = csrf_token(client, "/admin/library/feeds")
    response = client.post("/admin/library/feeds", data={"url": f"{local_site}/page", "csrf_token": token},
                           follow_redirects=True)
    page = response.get_data(as_text=True)
    assert "could not be read yet" in page
    assert "Last error:" in page and "does not serve what was expected" in page


def test_only_administrators_unsubscribe(client, headers, admin, bearer, local_site):
    feed_id = subscribe(client, headers, f"{local_site}/feeds/rss2.xml").get_json()["id"]
    assert client.delete(f"/api/v1/feeds/{feed_id}", headers=headers).status_code == 403
    assert client.delete(f"/api/v1/feeds/{feed_id}", headers=bearer(admin)).status_code == 204
    assert Link.select().count() == 2 and Link.get().feed is None
