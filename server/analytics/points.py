"""Points for sharing and for the clicks shares receive, capped per day so that posting in bulk or clicking
one's own links does not pay. A day's points are recomputed from what the rollups say of that day, so they
are exact and never counted twice; points already earned keep the values in force when they were earned
(a day is recomputed only when something new happens on it)."""

from peewee import fn

from server.analytics.models import ClickRollup, PointEntry, SharedTarget
from server.analytics.settings import analytics_settings
from server.db import utcnow

SHARES, CLICKS = "shares", "clicks"


def _store(user_id, day, kind, points):
    PointEntry.insert(user=user_id, day=day, kind=kind, points=points, updated_at=utcnow()).on_conflict(
        conflict_target=[PointEntry.user, PointEntry.day, PointEntry.kind],
        update={PointEntry.points: points, PointEntry.updated_at: utcnow()}).execute()
    return points


def update_share_points(user_id, day, settings=None):
    """Points of `day` for the targets the user handed over that day: per share, up to the daily cap."""
    settings = settings or analytics_settings()
    count = SharedTarget.select().where(SharedTarget.user == user_id, SharedTarget.day == day).count()
    return _store(user_id, day, SHARES, min(count * settings["points_per_share"], settings["share_points_daily_cap"]))


def update_click_points(user_id, day, settings=None):
    """Points of `day` for the clicks the user's shares received that day, up to the daily cap."""
    settings = settings or analytics_settings()
    clicks = (ClickRollup.select(fn.COALESCE(fn.SUM(ClickRollup.clicks), 0))
              .where(ClickRollup.user == user_id, ClickRollup.day == day).scalar())
    return _store(user_id, day, CLICKS, min(clicks * settings["points_per_click"], settings["click_points_daily_cap"]))


def points_earned(user_id, start=None, end=None):
    query = PointEntry.select(fn.COALESCE(fn.SUM(PointEntry.points), 0)).where(PointEntry.user == user_id)
    if start is not None:
        query = query.where(PointEntry.day >= start, PointEntry.day <= end)
    return int(query.scalar())
