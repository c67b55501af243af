"""Filling the rollups: `shared_targets` when the life cycle hands a target over, `click_rollups` from new
clicks by a periodic job, and the points both earn.

The job reads the clicks added since its mark (the last click id it took), recomputes from the raw clicks
every (tracked link, day) they touch — clicks and that day's distinct visitors — and moves its mark, all in
one transaction: running it twice, or after a crash, gives the same rollups. It leaves the last
`SETTLE_SECONDS` of clicks for its next run, so that a click whose insert has not committed yet (ids are
handed out before commit) is not skipped for good. Dashboards are therefore up to a few minutes behind.
"""

import logging
from datetime import timedelta

from huey import crontab
from peewee import JOIN, fn

from server.analytics.models import ClickRollup, RollupMark, SharedTarget
from server.analytics.points import update_click_points, update_share_points
from server.analytics.settings import analytics_settings
from server.auth.models import User
from server.db import database, utcnow
from server.jobs import periodic_job
from server.library.models import Link
from server.shares.models import Share, ShareTarget
from server.shares.states import TargetState
from server.tracking.models import Click

log = logging.getLogger(__name__)

SETTLE_SECONDS = 120
BATCH = 20_000
MARK = "clicks"
OUTCOMES = {TargetState.OPENED: "opened", TargetState.POSTED: "posted"}


def _target_dimensions(target_ids):
    """{target id: dimensions} of tracked links, as the dashboards group them (the sharer's department now)."""
    rows = (ShareTarget.select(ShareTarget.id, ShareTarget.share, Share.user, User.department, Share.link,
                               Link.campaign, Link.category, ShareTarget.network, ShareTarget.method,
                               ShareTarget.state, ShareTarget.opened_at, ShareTarget.published_at)
            .join(Share).join(User).switch(Share).join(Link)
            .where(ShareTarget.id.in_(list(target_ids))).tuples())
    return {row[0]: {"share_id": row[1], "user": row[2], "department": row[3], "link": row[4], "campaign": row[5],
                     "category": row[6], "network": row[7], "method": row[8], "state": row[9],
                     "handed_at": row[10] if row[9] == TargetState.OPENED else row[11]} for row in rows}


def record_shared_target(target_id):
    """Write the `shared_targets` row of a target handed over (opened or posted), and its sharer's points."""
    found = _target_dimensions([target_id]).get(target_id)
    if found is None or found["state"] not in OUTCOMES:
        return None
    day = (found["handed_at"] or utcnow()).date()
    row = {"target": target_id, "share_id": found["share_id"], "day": day, "user": found["user"],
           "department": found["department"], "link": found["link"], "campaign": found["campaign"],
           "category": found["category"], "network": found["network"], "outcome": OUTCOMES[found["state"]]}
    with database.atomic():
        SharedTarget.insert(**row).on_conflict_ignore().execute()
        update_share_points(found["user"], day)
    return day


def on_transition(transition):
    """Life-cycle listener: a target opened or posted becomes a shared target."""
    if transition.of_target and transition.to_state in OUTCOMES:
        record_shared_target(transition.target_id)


def reconcile_shared_targets(limit=5000):
    """Targets handed over that have no `shared_targets` row (before this table existed, or a listener that
    failed): write them. Returns how many."""
    missing = [row[0] for row in ShareTarget.select(ShareTarget.id)
               .join(SharedTarget, JOIN.LEFT_OUTER, on=(SharedTarget.target == ShareTarget.id))
               .where(ShareTarget.state.in_(list(OUTCOMES)), SharedTarget.target.is_null())
               .limit(limit).tuples()]
    for target_id in missing:
        record_shared_target(target_id)
    return len(missing)


def _recount(target_ids, days):
    """(target, day, clicks, visitors) recomputed from the raw clicks of those targets on those days."""
    return list(Click.select(Click.target, Click.day, fn.COUNT(Click.id), fn.COUNT(Click.visitor.distinct()))
                .where(Click.target.in_(list(target_ids)), Click.day.in_(list(days)))
                .group_by(Click.target, Click.day).tuples())


def _roll_up_batch(now):
    """Take the next batch of clicks; returns how many clicks it covered (0: nothing new)."""
    with database.atomic():
        mark, _created = RollupMark.get_or_create(name=MARK)
        settled = now - timedelta(seconds=SETTLE_SECONDS)
        upto = (Click.select(fn.MAX(Click.id))
                .where(Click.id > mark.last_id, Click.id <= mark.last_id + BATCH, Click.clicked_at < settled).scalar())
        if not upto:
            return 0
        touched = list(Click.select(Click.target, Click.day).where(Click.id > mark.last_id, Click.id <= upto)
                       .distinct().tuples())
        targets, days = {t for t, _ in touched}, {d for _, d in touched}
        dimensions = _target_dimensions(targets)
        sharer_days = set()
        for target_id, day, clicks, visitors in _recount(targets, days):
            found = dimensions.get(target_id)
            if found is None:
                continue
            row = {key: found[key] for key in ("share_id", "user", "department", "link", "campaign", "network",
                                               "method")}
            ClickRollup.insert(target=target_id, day=day, clicks=clicks, visitors=visitors, **row).on_conflict(
                conflict_target=[ClickRollup.target, ClickRollup.day],
                update={ClickRollup.clicks: clicks, ClickRollup.visitors: visitors}).execute()
            sharer_days.add((found["user"], day))
        settings = analytics_settings()
        for user_id, day in sharer_days:
            update_click_points(user_id, day, settings)
        covered = Click.select().where(Click.id > mark.last_id, Click.id <= upto).count()
        RollupMark.update(last_id=upto, updated_at=now).where(RollupMark.name == MARK).execute()
        return covered


def roll_up(now=None):
    """Bring the rollups up to date with the clicks (and missing shared targets); returns clicks covered."""
    now = now or utcnow()
    reconcile_shared_targets()
    covered = 0
    while True:
        batch = _roll_up_batch(now)
        if not batch:
            return covered
        covered += batch


@periodic_job(crontab(minute="*/5"))
def roll_up_clicks():
    covered = roll_up()
    if covered:
        log.info("rolled up %d clicks", covered)
