"""What an employee's sharing achieved: their shares with each network's outcome (opened or posted), the
clicks and visitor-days each received, estimated reach, points, the progress of their campaigns, and a
day-by-day history — their own figures, from the rollups."""

from dataclasses import dataclass

from peewee import fn

from server.analytics.campaigns import progress
from server.analytics.figures import Totals, add_up, grouped
from server.analytics.models import ClickRollup, SharedTarget
from server.analytics.points import points_earned
from server.analytics.recognition import balance
from server.analytics.settings import analytics_settings, audience_of
from server.library.models import Campaign
from server.shares.models import Share, ShareTarget

RECENT_SHARES = 50


@dataclass
class TargetFigures:
    network: str
    state: str
    outcome: str | None  # "opened", "posted" or None (not handed over)
    clicks: int
    visitor_days: int


@dataclass
class ShareFigures:
    share: Share
    targets: list

    @property
    def clicks(self):
        return sum(target.clicks for target in self.targets)

    @property
    def visitor_days(self):
        return sum(target.visitor_days for target in self.targets)


@dataclass
class Impact:
    period: object
    totals: Totals
    period_totals: Totals
    reach: int
    points: int
    balance: int
    shares: list
    campaigns: list
    series: list


def _target_figures(share_ids):
    clicks = {row[0]: (int(row[1]), int(row[2])) for row in
              ClickRollup.select(ClickRollup.target, fn.SUM(ClickRollup.clicks), fn.SUM(ClickRollup.visitors))
              .where(ClickRollup.share_id.in_(share_ids)).group_by(ClickRollup.target).tuples()}
    outcomes = dict(SharedTarget.select(SharedTarget.target, SharedTarget.outcome)
                    .where(SharedTarget.share_id.in_(share_ids)).tuples())
    figures = {}
    for target in ShareTarget.select().where(ShareTarget.share.in_(share_ids)).order_by(ShareTarget.id):
        count, visitors = clicks.get(target.id, (0, 0))
        figures.setdefault(target.share_id, []).append(
            TargetFigures(target.network, target.state, outcomes.get(target.id), count, visitors))
    return figures


def my_shares(user, limit=RECENT_SHARES):
    shares = list(Share.select().where(Share.user == user).order_by(Share.created_at.desc(), Share.id.desc())
                  .limit(limit))
    figures = _target_figures([share.id for share in shares]) if shares else {}
    return [ShareFigures(share, figures.get(share.id, [])) for share in shares]


def my_campaigns(user):
    """[(campaign, progress)] of the campaigns the user shared in, newest first."""
    ids = [row[0] for row in SharedTarget.select(SharedTarget.campaign).distinct()
           .where(SharedTarget.user == user, SharedTarget.campaign.is_null(False)).tuples()]
    campaigns = Campaign.select().where(Campaign.id.in_(ids)).order_by(Campaign.id.desc()) if ids else []
    return [(campaign, progress(campaign)) for campaign in campaigns]


def my_impact(user, period):
    """The user's impact: all-time totals, the period's totals and history, shares, points, campaigns."""
    settings = analytics_settings()
    by_network = grouped("network", user_id=user.id)
    by_day = grouped("day", period, user_id=user.id)
    return Impact(period=period, totals=add_up(by_network), period_totals=add_up(by_day),
                  reach=sum(t.shares * audience_of(n, settings) for n, t in by_network.items()),
                  points=points_earned(user.id), balance=balance(user), shares=my_shares(user),
                  campaigns=my_campaigns(user), series=[(day, by_day.get(day, Totals())) for day in period.days])

