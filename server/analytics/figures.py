"""The programme's figures, read from the rollups (never from raw clicks), for one period and optionally one
department (a leader's figures are always their department's).

Words the pages use for what is counted:
- *opened*: a share by composer intent whose composer the employee opened (what they then posted is theirs,
  we cannot see it); *posted*: a share through a connected account that the network confirmed;
- *clicks*: people's clicks on tracked links (robots and prefetches left out);
- *visitor-days*: each day's distinct visitors, added up over the days (the visitor hash is salted per day,
  so the same person on two days counts twice: it is not a number of people);
- *potential reach*: for each share, the audience counted for its network (see settings.py);
- *earned media value*: clicks × value of a click + potential reach ÷ 1000 × cost per thousand views.
"""

from dataclasses import dataclass, field

from peewee import fn

from server.analytics.models import ClickRollup, Conversion, SharedTarget
from server.analytics.settings import analytics_settings, audience_of, earned_media_value_cents
from server.auth.models import Department, User
from server.library.models import CATEGORIES, Campaign, Link
from server.shares.models import Participant

TOP_LINKS = 10


@dataclass
class Totals:
    opened: int = 0
    posted: int = 0
    clicks: int = 0
    visitor_days: int = 0

    @property
    def shares(self):
        return self.opened + self.posted


@dataclass
class Overview:
    period: object
    department: object
    staff: int
    enrolled: int
    sharers: int
    totals: Totals
    reach: int
    emv_cents: int
    conversions: int
    series: list
    by_network: list
    by_department: list
    by_campaign: list
    top_links: list
    mix: list
    settings: dict = field(default_factory=dict)

    @property
    def enrolled_percent(self):
        return percent(self.enrolled, self.staff)

    @property
    def active_percent(self):
        return percent(self.sharers, self.enrolled)


def percent(part, whole):
    return round(part * 100 / whole) if whole else 0


def scoped(query, model, period=None, department_id=None, campaign_id=None, user_id=None):
    """`query` restricted to the period, the department, the campaign and the sharer (each when given)."""
    if user_id is not None:
        query = query.where(model.user == user_id)
    if period is not None:
        query = query.where(model.day >= period.start, model.day <= period.end)
    if department_id is not None:
        query = query.where(model.department == department_id)
    if campaign_id is not None:
        query = query.where(model.campaign == campaign_id)
    return query


def grouped(key, period=None, department_id=None, campaign_id=None, user_id=None):
    """{key value: Totals} for `key` among "day", "network", "department", "campaign", "link", "user"."""
    scope = (period, department_id, campaign_id, user_id)
    result = {}
    shares = (SharedTarget.select(getattr(SharedTarget, key), SharedTarget.outcome, fn.COUNT(SharedTarget.target))
              .group_by(getattr(SharedTarget, key), SharedTarget.outcome))
    for value, outcome, count in scoped(shares, SharedTarget, *scope).tuples():
        setattr(result.setdefault(value, Totals()), outcome, count)
    clicks = (ClickRollup.select(getattr(ClickRollup, key), fn.SUM(ClickRollup.clicks), fn.SUM(ClickRollup.visitors))
              .group_by(getattr(ClickRollup, key)))
    for value, count, visitors in scoped(clicks, ClickRollup, *scope).tuples():
        totals = result.setdefault(value, Totals())
        totals.clicks, totals.visitor_days = int(count or 0), int(visitors or 0)
    return result


def add_up(groups):
    total = Totals()
    for totals in groups.values():
        total.opened += totals.opened
        total.posted += totals.posted
        total.clicks += totals.clicks
        total.visitor_days += totals.visitor_days
    return total


def people(department_id=None):
    """(active staff, enrolled ambassadors) of the department (or the company)."""
    staff = User.select().where(User.active == True)  # noqa: E712 (peewee expression)
    enrolled = Participant.select().join(User).where(User.active == True)  # noqa: E712
    if department_id is not None:
        in_department = User.department == department_id
        staff, enrolled = staff.where(in_department), enrolled.where(in_department)
    return staff.count(), enrolled.count()


def sharers_count(period=None, department_id=None, campaign_id=None):
    query = SharedTarget.select(fn.COUNT(SharedTarget.user.distinct()))
    return scoped(query, SharedTarget, period, department_id, campaign_id).scalar() or 0


def named(groups, model, label):
    """[(id, name, Totals)] sorted by clicks then shares, names read in one query."""
    ids = [key for key in groups if key is not None]
    names = dict(model.select(model.id, label).where(model.id.in_(ids)).tuples()) if ids else {}
    rows = [(key, names.get(key), totals) for key, totals in groups.items()]
    return sorted(rows, key=lambda row: (-row[2].clicks, -row[2].shares, str(row[1] or "")))


def reach_of(by_network, settings):
    return sum(totals.shares * audience_of(network, settings) for network, totals in by_network.items())


def content_mix(period, department_id, settings, campaign_id=None):
    """[(category, shares, percent, target percent)] of the shares of the period."""
    query = (SharedTarget.select(SharedTarget.category, fn.COUNT(SharedTarget.target))
             .group_by(SharedTarget.category))
    counts = dict(scoped(query, SharedTarget, period, department_id, campaign_id).tuples())
    total = sum(counts.get(category, 0) for category in CATEGORIES)
    return [(category, counts.get(category, 0), percent(counts.get(category, 0), total),
             settings["target_mix"][category]) for category in CATEGORIES]


def conversions_count(period=None, department_id=None, campaign_id=None):
    query = Conversion.select(fn.COUNT(Conversion.id))
    if period is not None:
        query = query.where(Conversion.day >= period.start, Conversion.day <= period.end)
    if department_id is not None or campaign_id is not None:
        query = query.join(SharedTarget, on=(SharedTarget.target == Conversion.target))
        query = scoped(query, SharedTarget, None, department_id, campaign_id)
    return query.scalar() or 0


def programme_overview(period, department_id=None):
    """Everything the programme overview shows, for the period (and the department when given)."""
    settings = analytics_settings()
    staff, enrolled = people(department_id)
    by_network = grouped("network", period, department_id)
    by_day = grouped("day", period, department_id)
    totals = add_up(by_network)
    reach = reach_of(by_network, settings)
    department = Department.get_or_none(Department.id == department_id) if department_id else None
    return Overview(
        period=period, department=department, staff=staff, enrolled=enrolled,
        sharers=sharers_count(period, department_id), totals=totals, reach=reach,
        emv_cents=earned_media_value_cents(totals.clicks, reach, settings),
        conversions=conversions_count(period, department_id),
        series=[(day, by_day.get(day, Totals())) for day in period.days],
        by_network=sorted(by_network.items(), key=lambda item: (-item[1].clicks, -item[1].shares, item[0])),
        by_department=[] if department_id else named(grouped("department", period), Department, Department.name),
        by_campaign=named(grouped("campaign", period, department_id), Campaign, Campaign.name),
        top_links=named(grouped("link", period, department_id), Link, Link.title)[:TOP_LINKS],
        mix=content_mix(period, department_id, settings), settings=settings)
