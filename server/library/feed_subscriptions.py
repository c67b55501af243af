"""Feed subscriptions: RSS/Atom feeds polled by a periodic job; new items arrive as proposed links.

A poll that fails keeps the feed and its links and records the reason (`last_error_code`, translated in
the pages), which stays visible until a poll succeeds.
"""

import logging
from datetime import UTC, timedelta

from flask import current_app
from flask_babel import gettext as _
from huey import crontab
from peewee import JOIN, IntegrityError

from server import audit
from server.db import database, utcnow
from server.errors import Conflict, DomainError, InvalidInput, NotFound
from server.jobs import job, periodic_job
from server.library import previews
from server.library.errors import LibraryError
from server.library.feeds import fetch_feed
from server.library.links import add_link, campaign_by_id, canonical_or_refuse, find_by_url
from server.library.models import CATEGORIES, Campaign, Feed, LinkSource, LinkStatus, url_hash

log = logging.getLogger(__name__)

MAX_NEW_ITEMS_PER_POLL = 50
FEED_FIELDS = ("title", "category", "language", "active")


def subscribe_feed(actor, url, poll_now=True, campaign_id=None, **fields):
    """Subscribe to the feed at `url` and, unless told otherwise, poll it at once."""
    canonical = canonical_or_refuse(url)
    if Feed.select().where(Feed.url_hash == url_hash(canonical)).exists():
        raise Conflict(_("This feed is already subscribed."),
                       fields={"url": [_("This feed is already subscribed.")]})
    _check(fields)
    with database.atomic():
        settings = {key: value for key, value in fields.items() if key in FEED_FIELDS}
        feed = Feed.create(url=canonical, url_hash=url_hash(canonical), created_by=actor,
                           campaign=campaign_by_id(campaign_id), **settings)
        audit.record("library.feed.subscribe", actor=actor, target=feed, url=canonical)
    if poll_now:
        poll_feed(feed.id)
    return get_feed(feed.id)


def update_feed(actor, feed_id, **changes):
    """Change what a feed's links receive (category, language, campaign) or pause it (`active`)."""
    feed = get_feed(feed_id)
    _check(changes)
    with database.atomic():
        for key in FEED_FIELDS:
            if key in changes:
                setattr(feed, key, changes[key])
        if "campaign_id" in changes:
            feed.campaign = campaign_by_id(changes["campaign_id"])
        feed.save()
        audit.record("library.feed.update", actor=actor, target=feed, fields=sorted(changes))
    return get_feed(feed.id)


def delete_feed(actor, feed_id):
    """Unsubscribe; the links the feed brought stay in the library."""
    feed = get_feed(feed_id)
    with database.atomic():
        audit.record("library.feed.delete", actor=actor, target=feed, url=feed.url)
        feed.delete_instance()


def get_feed(feed_id):
    """A subscription with its campaign (NotFound when unknown)."""
    feed = Feed.select(Feed, Campaign).join(Campaign, JOIN.LEFT_OUTER).where(Feed.id == feed_id).first()
    if feed is None:
        raise NotFound(_("No such feed."))
    return feed


def list_feeds():
    """Every subscription, the failing ones first so that they are seen."""
    return list(Feed.select(Feed, Campaign).join(Campaign, JOIN.LEFT_OUTER)
                .order_by(Feed.last_error_code.is_null(), Feed.title, Feed.id))


@job(retries=0)
def poll_feed(feed_id):
    """Fetch one feed and add its new items as proposed links; returns how many were added."""
    feed = Feed.get_or_none(Feed.id == feed_id)
    if feed is None:
        return 0
    now = utcnow()
    try:
        parsed = fetch_feed(feed.url, **previews.fetch_options())
    except LibraryError as error:
        log.info("feed %s failed: %s", feed_id, error.message)
        Feed.update(last_polled_at=now, last_error_code=error.code, last_error=error.message[:1000],
                    failures=Feed.failures + 1).where(Feed.id == feed_id).execute()
        return 0
    added = [link_id for link_id in (_add_entry(feed, entry) for entry in parsed.entries[:MAX_NEW_ITEMS_PER_POLL])
             if link_id]
    Feed.update(last_polled_at=now, last_success_at=now, last_error_code=None, last_error=None, failures=0,
                title=feed.title or parsed.title, items_imported=Feed.items_imported + len(added)
                ).where(Feed.id == feed_id).execute()
    previews.queue_fetches(added)
    return len(added)


def _add_entry(feed, entry):
    if find_by_url(entry.url) is not None:
        return None
    published = entry.published.astimezone(UTC).replace(tzinfo=None) if entry.published else None
    try:
        link = add_link(None, entry.url, status=LinkStatus.PROPOSED, source=LinkSource.FEED, feed=feed,
                        defer_fetch=True, title=entry.title, description=entry.summary, image_url=entry.image,
                        published_at=published, language=feed.language, category=feed.category,
                        campaign_id=feed.campaign_id)
    except (DomainError, IntegrityError) as error:  # added meanwhile by someone else, or unusable
        log.info("feed %s: item %s skipped (%s)", feed.id, entry.url, error)
        return None
    return link.id


@periodic_job(crontab(minute="*/15"))
def poll_due_feeds():
    """Queue a poll of every active feed not polled for FEED_POLL_MINUTES."""
    due_before = utcnow() - timedelta(minutes=current_app.config["FEED_POLL_MINUTES"])
    due = [feed.id for feed in Feed.select(Feed.id).where(
        Feed.active == True, Feed.last_polled_at.is_null() | (Feed.last_polled_at <= due_before))]  # noqa: E712
    for feed_id in due:
        poll_feed(feed_id)


def _check(fields):
    if fields.get("category") is not None and fields["category"] not in CATEGORIES:
        raise InvalidInput(fields={"category": [_("Choose product, culture or sector.")]})
