"""The demo has results to show: a month of shares and clicks, rolled up like the job rolls them up."""

from peewee import fn

from server.analytics.models import ClickRollup, SharedTarget
from server.shares.models import Share, ShareState, ShareTarget
from server.tracking.models import Click


def test_the_demo_has_a_month_of_results_and_seeding_again_adds_nothing(app):
    from server.demo import seed_demo

    with app.test_request_context():
        seed_demo()
        clicks, shares = Click.select().count(), Share.select().count()
        seed_demo()
    assert (Click.select().count(), Share.select().count()) == (clicks, shares)
    completed = Share.select().where(Share.state == ShareState.COMPLETED)
    assert completed.count() >= 7, "three employees shared a few links each"
    assert Share.select(fn.COUNT(fn.DISTINCT(Share.user))).where(Share.state == ShareState.COMPLETED).scalar() == 3
    days = {share.created_at.date() for share in completed}
    assert len(days) >= 5, "shares spread over the month, not all today"
    assert clicks > 100 and ClickRollup.select(fn.SUM(ClickRollup.clicks)).scalar() == clicks
    opened = ShareTarget.select().where(ShareTarget.state == "opened").count()
    assert SharedTarget.select().where(SharedTarget.outcome == "opened").count() == opened
    assert {row.day for row in SharedTarget.select()} >= days - {max(days)}
