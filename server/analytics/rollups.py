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

from server.analytics.bulk import upsert
from server.analytics.models import ClickRollup, RollupMark, SharedTarget
from server.analytics.points import update_points
from server.auth.models import User
from server.db import database, utcnow
from server.jobs import periodic_job
from server.library.models import Link
from server.shares.models import Share, ShareTarget
from server.shares.states import TargetState
from server.tracking.models import Click

log = logging.getLogger(__name__)

SETTLE_SECONDS = 120
BATCH = 50_000
CHUNK = 500
MARK = "clicks"
OUTCOMES = {TargetState.OPENED: "opened", TargetState.POSTED: "posted"}


def _target_dimensions(target_ids):
    """{target id: dimensions} of tracked links, as the dashboards group them (the sharer's department now)."""
    found = {}
    ids = list(target_ids)
    for start in range(0, len(ids), CHUNK * 4):
        rows = (ShareTarget.select(ShareTarget.id, ShareTarget.share, Share.user, User.department, Share.link,
                                   Link.campaign, Link.category, ShareTarget.network, ShareTarget.method,
                                   ShareTarget.state, ShareTarget.opened_at, ShareTarget.published_at)
                .join(Share).join(User).switch(Share).join(Link)
                .where(ShareTarget.id.in_(ids[start:start + CHUNK * 4])).tuples())
        for row in rows:
            found[row[0]] = {"share_id": row[1], "user": row[2], "department": row[3], "link": row[4],
                             "campaign": row[5], "category": row[6], "network": row[7], "method": row[8],
                             "state": row[9], "handed_at": row[10] if row[9] == TargetState.OPENED else row[11]}
    return found


def _dimension_columns(found):
    return {"share_id": found["share_id"], "user_id": found["user"], "department_id": found["department"],
            "link_id": found["link"], "campaign_id": found["campaign"], "network": found["network"]}


def record_shared_targets(target_ids):
    """Write the `shared_targets` rows of targets handed over (opened or posted), and their sharers' points.
    Returns how many were written."""
    rows = []
    for target_id, found in _target_dimensions(target_ids).items():
        if found["state"] in OUTCOMES:
            rows.append({"target_id": target_id, "day": (found["handed_at"] or utcnow()).date(),
                         "category": found["category"], "outcome": OUTCOMES[found["state"]],
                         **_dimension_columns(found)})
    with database.atomic():
        upsert(SharedTarget, rows, ["target_id"])
        update_points({(row["user_id"], row["day"]) for row in rows})
    return len(rows)


def on_transition(transition):
    """Life-cycle listener: a target opened or posted becomes a shared target."""
    if transition.of_target and transition.to_state in OUTCOMES:
        record_shared_targets([transition.target_id])


def reconcile_shared_targets(limit=50_000):
    """Targets handed over that have no `shared_targets` row (from before this table existed, or whose
    listener failed): write them. Returns how many."""
    missing = [row[0] for row in ShareTarget.select(ShareTarget.id)
               .join(SharedTarget, JOIN.LEFT_OUTER, on=(SharedTarget.target == ShareTarget.id))
               .where(ShareTarget.state.in_(list(OUTCOMES)), SharedTarget.target.is_null())
               .limit(limit).tuples()]
    return record_shared_targets(missing) if missing else 0


def _recount(touched):
    """[(target, day, clicks, visitors)] recomputed from the raw clicks of the touched (target, day) pairs."""
    by_day = {}
    for target, day in touched:
        by_day.setdefault(day, []).append(target)
    counted = []
    for day, targets in by_day.items():
        for start in range(0, len(targets), CHUNK * 4):
            counted.extend(Click.select(Click.target, Click.day, fn.COUNT(Click.id),
                                        fn.COUNT(Click.visitor.distinct()))
                           .where(Click.day == day, Click.target.in_(targets[start:start + CHUNK * 4]))
                           .group_by(Click.target, Click.day).tuples())
    return counted


def _store_rollups(counted, dimensions):
    rows = [{"target_id": target, "day": day, "clicks": clicks, "visitors": visitors,
             "method": dimensions[target]["method"], **_dimension_columns(dimensions[target])}
            for target, day, clicks, visitors in counted if target in dimensions]
    upsert(ClickRollup, rows, ["target_id", "day"], ["clicks", "visitors"])
    return {(row["user_id"], row["day"]) for row in rows}


def _roll_up_batch(now):
    """Take the next batch of clicks; returns how many clicks it covered (0: nothing new)."""
    with database.atomic():
        mark, _created = RollupMark.get_or_create(name=MARK)
        settled = now - timedelta(seconds=SETTLE_SECONDS)
        upto = (Click.select(fn.MAX(Click.id))
                .where(Click.id > mark.last_id, Click.id <= mark.last_id + BATCH, Click.clicked_at < settled).scalar())
        if not upto:
            return 0
        news = (Click.select(Click.target, Click.day, fn.COUNT(Click.id))
                .where(Click.id > mark.last_id, Click.id <= upto).group_by(Click.target, Click.day).tuples())
        touched, covered = set(), 0
        for target, day, count in news:
            touched.add((target, day))
            covered += count
        sharers = _store_rollups(_recount(touched), _target_dimensions({target for target, _ in touched}))
        update_points(sharers)
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
