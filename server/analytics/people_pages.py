"""Pages about people: my impact, my points and the charity wallet, a campaign's team goal, a leader's team
(with "relay to my team"), and the choice of who may see my figures (on the account page)."""

from flask import flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from marshmallow import ValidationError

from schemas.analytics import DonationSchema, FiguresChoiceSchema
from server.analytics import campaigns, recognition, tables, team
from server.analytics.exports import csv_response
from server.analytics.impact import my_impact
from server.analytics.pages import bp, daily_chart, requested_period
from server.analytics.settings import analytics_settings
from server.auth.roles import Role, access
from server.db import utcnow
from server.errors import Conflict, DomainError, NotFound
from server.library.listing import shareable
from server.library.models import Campaign, Link
from server.library.share_sources import share_url


@bp.get("/impact")
@access(Role.EMPLOYEE)
def impact_page():
    period, _department = requested_period()
    impact = my_impact(g.user, period)
    return render_template("analytics/impact.html", impact=impact, period=period, tables=tables.impact_tables(impact),
                           chart=daily_chart(impact.series, _("My clicks (bars) and shares (dots) per day")))


@bp.get("/impact/<any(shares, days):table>.csv")
@access(Role.EMPLOYEE)
def impact_csv(table):
    period, _department = requested_period()
    found = tables.find(tables.impact_tables(my_impact(g.user, period)), table)
    return csv_response(f"my-impact-{table}.csv", found.header, found.rows)


@bp.get("/recognition")
@access(Role.EMPLOYEE)
def recognition_page(status=200, errors=None):
    period, _department = requested_period()
    goals = [(campaign, campaigns.progress(campaign)) for campaign in campaigns.recent_campaigns(g.user.department_id)]
    return render_template("analytics/recognition.html", balance=recognition.balance(g.user),
                           charities=recognition.active_charities(), settings=analytics_settings(), goals=goals,
                           board=recognition.leaderboard(period), period=period, errors=errors or {},
                           choice=recognition.figures_choice(g.user)), status


@bp.post("/recognition/donations")
@access(Role.EMPLOYEE)
def donate():
    try:
        body = DonationSchema().load({k: request.form.get(k, "") for k in ("charity_id", "points")})
        donation = recognition.donate(g.user, body["charity_id"], body["points"])
    except ValidationError as exc:
        return recognition_page(422, exc.messages)
    except DomainError as exc:
        flash(str(exc.message), "error")
        return redirect(url_for("analytics.recognition_page"))
    flash(_("Thank you: %(points)d points go to %(charity)s.", points=donation.points, charity=donation.charity.name),
          "success")
    return redirect(url_for("analytics.recognition_page"))


@bp.get("/campaigns/<int:campaign_id>")
@access(Role.EMPLOYEE)
def team_campaign_page(campaign_id):
    """A campaign for the people it speaks to: its objective, the team goal and the links to share."""
    campaign = Campaign.get_or_none(Campaign.id == campaign_id)
    if campaign is None or (g.user.department_id is not None and not g.user.has_role(Role.MODERATOR)
                            and not campaigns.speaks_to(campaign, g.user.department_id)):
        raise NotFound()
    links = list(Link.select().where(Link.campaign == campaign, shareable(utcnow())).order_by(Link.id.desc()))
    return render_template("analytics/team_campaign.html", campaign=campaign, progress=campaigns.progress(campaign),
                           links=links, share_url=share_url)


@bp.get("/team")
@access(Role.LEADER)
def team_page():
    period, _department = requested_period()
    mine = team.team_of(g.user, period)
    return render_template("analytics/team.html", team=mine, period=period, tables=tables.team_tables(mine))


@bp.get("/team/<any(members):table>.csv")
@access(Role.LEADER)
def team_csv(table):
    period, _department = requested_period()
    found = tables.find(tables.team_tables(team.team_of(g.user, period)), table)
    return csv_response(f"team-{table}.csv", found.header, found.rows)


@bp.post("/team/campaigns/<int:campaign_id>/relay")
@access(Role.LEADER)
def relay(campaign_id):
    try:
        done = team.relay_campaign(g.user, campaign_id)
    except Conflict as exc:
        flash(str(exc.message), "error")
        return redirect(url_for("analytics.team_page"))
    flash(ngettext("Your team (%(num)d person) has been told about “%(campaign)s”.",
                   "Your team (%(num)d people) has been told about “%(campaign)s”.", done.recipients,
                   campaign=done.campaign.name), "success")
    return redirect(url_for("analytics.team_page"))


@bp.post("/account/figures")
@access(Role.EMPLOYEE)
def choose_figures():
    body = FiguresChoiceSchema().load({key: True for key in ("visible_to_team", "on_leaderboard")
                                       if request.form.get(key) == "on"})
    recognition.choose_figures_visibility(g.user, **body)
    flash(_("Your choice about your figures is saved."), "success")
    return redirect(url_for("portal.account") + "#figures-title")
