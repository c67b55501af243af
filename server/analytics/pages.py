"""The programme's results pages: the overview (communication managers and administrators for the company
or one department, leaders for their own department), campaigns' reports, and their CSV exports."""

from flask import Blueprint, g, render_template, request
from flask_babel import format_date
from flask_babel import gettext as _
from marshmallow import ValidationError

from schemas.analytics import PeriodSchema
from server.analytics import campaigns, charts, figures, tables
from server.analytics.exports import csv_response
from server.analytics.periods import period_from
from server.analytics.team import leader_department
from server.auth.directory import list_departments
from server.auth.roles import Role, access
from server.errors import NotFound
from server.library.models import Campaign
from server.shares.labels import network_label

bp = Blueprint("analytics", __name__)


def requested_period():
    """The period the query string asks for (the default one when it asks for nothing valid)."""
    try:
        args = PeriodSchema().load({k: v for k, v in request.args.items() if v != ""})
    except ValidationError:
        args = PeriodSchema().load({})
    days = int(args["period"]) if args["period"] != "custom" else None
    return period_from(days, args["start"], args["end"]), args["department_id"]


def department_scope(asked):
    """The department whose figures the caller may see: a leader's own, whatever they ask; for moderators and
    administrators the one they ask for (None: the whole company)."""
    if not g.user.has_role(Role.MODERATOR):
        return leader_department(g.user)
    return asked


def daily_chart(series, title):
    days = [day for day, _totals in series]
    return charts.daily_bars(title, days, [totals.clicks for _day, totals in series],
                             lambda day: format_date(day, "d MMM"), [totals.shares for _day, totals in series])


def _overview():
    period, asked = requested_period()
    return figures.programme_overview(period, department_scope(asked))


@bp.get("/results")
@access(Role.LEADER)
def overview_page():
    overview = _overview()
    network_chart = charts.horizontal_bars(_("Clicks by network"), [(network_label(network), totals.clicks)
                                                                   for network, totals in overview.by_network])
    return render_template("analytics/overview.html", overview=overview, period=overview.period,
                           tables=tables.overview_tables(overview), departments=list_departments(),
                           chart=daily_chart(overview.series, _("Clicks (bars) and shares (dots) per day")),
                           network_chart=network_chart, may_choose_department=g.user.has_role(Role.MODERATOR))


@bp.get("/results/<any(days, networks, departments, campaigns, links, mix):table>.csv")
@access(Role.LEADER)
def overview_csv(table):
    overview = _overview()
    found = tables.find(tables.overview_tables(overview), table)
    if found is None:
        raise NotFound()
    return csv_response(f"results-{table}-{overview.period.start}-{overview.period.end}.csv", found.header,
                        found.rows)


def _campaign(campaign_id):
    """The campaign and the department the caller sees it for (a leader: only campaigns speaking to theirs)."""
    campaign = Campaign.get_or_none(Campaign.id == campaign_id)
    if campaign is None:
        raise NotFound()
    _period, asked = requested_period()
    department_id = department_scope(asked)
    if department_id is not None and not g.user.has_role(Role.MODERATOR) and not campaigns.speaks_to(
            campaign, department_id):
        raise NotFound()
    return campaign, department_id


@bp.get("/results/campaigns")
@access(Role.LEADER)
def campaigns_page():
    department_id = department_scope(None)
    listed = [(campaign, campaigns.progress(campaign)) for campaign in campaigns.recent_campaigns(department_id)]
    return render_template("analytics/campaigns.html", campaigns=listed)


@bp.get("/results/campaigns/<int:campaign_id>")
@access(Role.LEADER)
def campaign_page(campaign_id):
    campaign, department_id = _campaign(campaign_id)
    report = campaigns.campaign_report(campaign, department_id)
    return render_template("analytics/campaign.html", report=report, tables=tables.campaign_tables(report),
                           overall=campaigns.progress(campaign),
                           chart=daily_chart(report.series, _("Clicks (bars) and shares (dots) per day")),
                           department_id=department_id)


@bp.get("/results/campaigns/<int:campaign_id>/<any(departments, networks, links, days, mix):table>.csv")
@access(Role.LEADER)
def campaign_csv(campaign_id, table):
    campaign, department_id = _campaign(campaign_id)
    found = tables.find(tables.campaign_tables(campaigns.campaign_report(campaign, department_id)), table)
    return csv_response(f"campaign-{campaign.id}-{table}.csv", found.header, found.rows)
