"""Points for sharing and for the clicks shares receive, capped per day so that posting in bulk or clicking
one's own links does not pay. A day's points are recomputed from what the rollups say of that day, so they
are exact and never counted twice; points already earned keep the values in force when they were earned
(a day is recomputed only when something new happens on it)."""

from peewee import fn

from server.analytics.bulk import upsert
from server.analytics.models import ClickRollup, PointEntry, SharedTarget
from server.analytics.settings import analytics_settings
from server.db import utcnow

SHARES, CLICKS = "shares", "clicks"


def _counts(model, value, pairs):
    """{(user, day): value} for the given pairs, in one grouped query."""
    users, days = {user for user, _ in pairs}, {day for _, day in pairs}
    rows = (model.select(model.user, model.day, value).where(model.user.in_(list(users)), model.day.in_(list(days)))
            .group_by(model.user, model.day).tuples())
    return {(user, day): int(total or 0) for user, day, total in rows}


def update_points(pairs, settings=None):
    """Recompute the share and click points of each (user id, day) in `pairs`, capped per day."""
    pairs = set(pairs)
    if not pairs:
        return
    settings = settings or analytics_settings()
    shares = _counts(SharedTarget, fn.COUNT(SharedTarget.target), pairs)
    clicks = _counts(ClickRollup, fn.SUM(ClickRollup.clicks), pairs)
    now = utcnow()
    rows = []
    for user, day in pairs:
        rows.append({"user_id": user, "day": day, "kind": SHARES, "updated_at": now, "points": min(
            shares.get((user, day), 0) * settings["points_per_share"], settings["share_points_daily_cap"])})
        rows.append({"user_id": user, "day": day, "kind": CLICKS, "updated_at": now, "points": min(
            clicks.get((user, day), 0) * settings["points_per_click"], settings["click_points_daily_cap"])})
    upsert(PointEntry, rows, ["user_id", "day", "kind"], ["points", "updated_at"])


def points_earned(user_id, start=None, end=None):
    query = PointEntry.select(fn.COALESCE(fn.SUM(PointEntry.points), 0)).where(PointEntry.user == user_id)
    if start is not None:
        query = query.where(PointEntry.day >= start, PointEntry.day <= end)
    return int(query.scalar())
