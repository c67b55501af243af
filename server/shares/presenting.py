"""Shares as the API and the pages show them: targets with their tracked link and clicks, the history.

Clicks are counted by the tracking area, which depends on shares (a click belongs to a target) and
registers its counter here (`register_click_counter`), so that shares never import tracking.
"""

from flask import current_app
from flask_babel import lazy_gettext as _l
from peewee import prefetch

from server.auth.models import User
from server.public_urls import external_url
from server.shares.labels import network_label
from server.shares.models import Share, ShareEvent, ShareTarget

FAILURES = {
    "reconnect": lambda network: _l("Reconnect your %(network)s account, then publish again.", network=network),
    "refused": lambda network: _l("%(network)s refused the post.", network=network),
    "gave_up": lambda network: _l("%(network)s did not accept the post after several tries.", network=network),
}
"""Why a post failed for good, by the target's `error_code`, as the employee reads it."""


def failure_message(target):
    """What to tell the employee about a failed target, in the language of whoever reads it."""
    message = FAILURES.get(target.error_code)
    return message(network_label(target.network)) if message is not None else None


def register_click_counter(app, counter):
    """`counter(target_ids) -> {target_id: (clicks, visitor-days)}`: what the pages show beside each target."""
    app.extensions["shares.click_counter"] = counter


def _click_counts(target_ids):
    counter = current_app.extensions.get("shares.click_counter")
    return counter(target_ids) if counter is not None and target_ids else {}


def tracked_url(target):
    """The target's tracked link: as fixed when the share was released, or as it would be now."""
    return target.link_url or external_url("tracking.redirect_to_link", code=target.code)


def share_views(shares, with_events=False):
    """Dicts for ShareSchema, loading targets (and events) in a fixed number of queries."""
    shares = list(shares)
    if not shares:
        return []
    queries = [ShareTarget.select().order_by(ShareTarget.id)]
    if with_events:
        queries.append(ShareEvent.select().order_by(ShareEvent.at, ShareEvent.id))
    loaded = prefetch(Share.select().where(Share.id.in_([s.id for s in shares])).order_by(Share.id), *queries)
    by_id = {share.id: share for share in loaded}
    counts = _click_counts([t.id for share in loaded for t in share.targets])
    actors = _actor_names(loaded) if with_events else {}
    return [_view(by_id[share.id], counts, actors, with_events) for share in shares]


def _actor_names(shares):
    ids = {event.actor_id for share in shares for event in share.events if event.actor_id}
    return {user.id: user.name for user in User.select(User.id, User.name).where(User.id.in_(ids or {0}))}


def share_view(share, with_events=True):
    return share_views([share], with_events=with_events)[0]


def _view(share, counts, actors, with_events):
    link = share.link
    targets = []
    for target in share.targets:
        clicks, visitors = counts.get(target.id, (0, 0))
        targets.append({**{field: getattr(target, field) for field in (
            "network", "method", "state", "posted_text", "intent_url", "copy_text", "opened_at", "external_url",
            "error_code", "error_message", "next_attempt_at", "published_at")},
            "tracked_url": tracked_url(target), "clicks": clicks, "visitors": visitors, "id": target.id,
            "failure": failure_message(target) if target.error_code else None})
    view = {field: getattr(share, field) for field in (
        "id", "text", "state", "verdict", "findings", "charter_version", "scheduled_for", "review_reason", "source",
        "created_at", "published_at", "suggested", "user_id", "link_id")}
    view.update(link={"id": link.id, "url": link.url, "title": link.title, "image_url": link.image_url},
                targets=targets, model=share)
    if with_events:
        view["events"] = [{"at": e.at, "actor_id": e.actor_id, "actor_name": actors.get(e.actor_id),
                           "from_state": e.from_state, "to_state": e.to_state, "note": e.note,
                           "network": (e.details or {}).get("network") if e.target_id else None}
                          for e in share.events]
    return view
