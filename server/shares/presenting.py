"""Shares as the API and the pages show them: targets with their tracked link and clicks, the history."""

from peewee import prefetch

from server.shares.models import Share, ShareEvent, ShareTarget
from server.shares.publishing import tracked_url
from server.tracking.service import click_counts


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
    counts = click_counts([t.id for share in loaded for t in share.targets])
    return [_view(by_id[share.id], counts, with_events) for share in shares]


def share_view(share, with_events=True):
    return share_views([share], with_events=with_events)[0]


def _view(share, counts, with_events):
    link = share.link
    targets = []
    for target in share.targets:
        clicks, visitors = counts.get(target.id, (0, 0))
        targets.append({**{field: getattr(target, field) for field in (
            "network", "method", "state", "posted_text", "intent_url", "copy_text", "opened_at", "external_url",
            "error_code", "error_message", "next_attempt_at", "published_at")},
            "tracked_url": tracked_url(target), "clicks": clicks, "visitors": visitors, "id": target.id})
    view = {field: getattr(share, field) for field in (
        "id", "text", "state", "verdict", "findings", "charter_version", "scheduled_for", "review_reason", "source",
        "created_at", "published_at", "suggested", "user_id", "link_id")}
    view.update(link={"id": link.id, "url": link.url, "title": link.title, "image_url": link.image_url},
                targets=targets, model=share)
    if with_events:
        view["events"] = [{"at": e.at, "actor_id": e.actor_id, "from_state": e.from_state, "to_state": e.to_state,
                           "note": e.note} for e in share.events]
    return view
