"""A campaign's results against its targets (shares and clicks), its audience's participation and the
figures of each department, from the start of the campaign to today, read from the rollups."""

from dataclasses import dataclass
from datetime import timedelta

from peewee import fn

from server.analytics.figures import Totals, add_up, content_mix, conversions_count, grouped, named, percent
from server.analytics.models import SharedTarget
from server.analytics.settings import analytics_settings
from server.auth.models import Department, User
from server.db import utcnow
from server.library.models import Campaign, CampaignDepartment, Link
from server.shares.models import Participant


@dataclass
class DepartmentLine:
    department_id: int | None
    name: str | None
    members: int
    enrolled: int
    sharers: int
    totals: Totals

    @property
    def participation_percent(self):
        return percent(self.sharers, self.members)


@dataclass
class CampaignReport:
    campaign: Campaign
    shares: int
    totals: Totals
    audience: int
    enrolled: int
    sharers: int
    conversions: int
    departments: list
    by_network: list
    top_links: list
    series: list
    mix: list

    @property
    def shares_percent(self):
        return percent(self.shares, self.campaign.target_shares) if self.campaign.target_shares else None

    @property
    def clicks_percent(self):
        return percent(self.totals.clicks, self.campaign.target_clicks) if self.campaign.target_clicks else None

    @property
    def participation_percent(self):
        return percent(self.sharers, self.audience)


def audience_departments(campaign):
    """Ids of the departments a campaign speaks to (empty: everyone)."""
    return [row[0] for row in CampaignDepartment.select(CampaignDepartment.department)
            .where(CampaignDepartment.campaign == campaign).tuples()]


def speaks_to(campaign, department_id):
    departments = audience_departments(campaign)
    return not departments or department_id in departments


def shares_count(campaign_id, department_id=None):
    """Shares (not targets) of the campaign with at least one target handed over."""
    query = SharedTarget.select(fn.COUNT(SharedTarget.share_id.distinct())).where(SharedTarget.campaign == campaign_id)
    if department_id is not None:
        query = query.where(SharedTarget.department == department_id)
    return query.scalar() or 0


def _members_by_department(department_ids):
    """{department id: (active members, enrolled)} (None: people without a department)."""
    active = User.active == True  # noqa: E712 (peewee expression)
    members = dict(User.select(User.department, fn.COUNT(User.id)).where(active).group_by(User.department).tuples())
    enrolled = dict(Participant.select(User.department, fn.COUNT(User.id)).join(User).where(active)
                    .group_by(User.department).tuples())
    keys = department_ids or list(members)
    return {key: (members.get(key, 0), enrolled.get(key, 0)) for key in keys}


def department_lines(campaign, departments, only=None):
    people = _members_by_department(departments)
    figures = grouped("department", campaign_id=campaign.id)
    sharers = dict(SharedTarget.select(SharedTarget.department, fn.COUNT(SharedTarget.user.distinct()))
                   .where(SharedTarget.campaign == campaign.id).group_by(SharedTarget.department).tuples())
    keys = [only] if only is not None else sorted(set(people) | set(figures), key=lambda key: (key is None, key))
    names = dict(Department.select(Department.id, Department.name).tuples())
    return [DepartmentLine(key, names.get(key), *people.get(key, (0, 0)), sharers.get(key, 0),
                           figures.get(key, Totals())) for key in keys]


def campaign_report(campaign, department_id=None):
    """The campaign's report; with `department_id`, the department's part of it (a leader's view) next to
    the campaign's overall progress."""
    departments = audience_departments(campaign)
    lines = department_lines(campaign, departments, only=department_id)
    by_network = grouped("network", campaign_id=campaign.id, department_id=department_id)
    by_day = grouped("day", campaign_id=campaign.id, department_id=department_id)
    totals = add_up(by_network)
    return CampaignReport(
        campaign=campaign, shares=shares_count(campaign.id, department_id), totals=totals,
        audience=sum(line.members for line in lines), enrolled=sum(line.enrolled for line in lines),
        sharers=sum(line.sharers for line in lines),
        conversions=conversions_count(campaign_id=campaign.id, department_id=department_id), departments=lines,
        by_network=sorted(by_network.items(), key=lambda item: (-item[1].clicks, -item[1].shares, item[0])),
        top_links=named(grouped("link", campaign_id=campaign.id, department_id=department_id),
                        Link, Link.title)[:10],
        series=[(day, by_day.get(day, Totals())) for day in campaign_days(campaign, by_day)],
        mix=content_mix(None, department_id, analytics_settings(), campaign.id))


def campaign_days(campaign, by_day, longest=366):
    """Every day of the campaign so far (from its start, or its first share or click, to today or its end)."""
    today = utcnow().date()
    first = [campaign.starts_at.date()] if campaign.starts_at else [*sorted(by_day)[:1], campaign.created_at.date()]
    end = min(campaign.ends_at.date(), today) if campaign.ends_at else today
    start = max(min(first), end - timedelta(days=longest - 1))
    return [start + timedelta(days=n) for n in range((end - start).days + 1)]


def progress(campaign):
    """(shares, shares target, clicks, clicks target) of the whole campaign: its team goal."""
    clicks = add_up(grouped("campaign", campaign_id=campaign.id)).clicks
    return shares_count(campaign.id), campaign.target_shares, clicks, campaign.target_clicks


def recent_campaigns(department_id=None, now=None):
    """Campaigns running or ended within 90 days (newest first), those speaking to the department if given."""
    now = now or utcnow()
    query = (Campaign.select().where((Campaign.ends_at.is_null()) | (Campaign.ends_at >= now - timedelta(days=90)))
             .order_by(Campaign.starts_at.desc(nulls="LAST"), Campaign.id.desc()))
    return [campaign for campaign in query if department_id is None or speaks_to(campaign, department_id)]
