"""Results in the JSON API: an employee's own impact, and the conversions the company's site reports."""

from dataclasses import asdict

from flask import g
from flask_smorest import Blueprint

from schemas.analytics import ConversionAnswerSchema, ConversionSchema, ImpactSchema, PeriodSchema
from server.analytics.conversions import record_conversion
from server.analytics.impact import my_impact
from server.analytics.periods import period_from
from server.auth.roles import Role, access, public
from server.protection import limiter

blp = Blueprint("analytics_api", __name__, url_prefix="/api/v1", description="Results: impact, conversions.")


def impact_body(impact):
    def totals(value):
        return {**asdict(value)}

    return {"start": impact.period.start, "end": impact.period.end, "totals": totals(impact.totals),
            "period_totals": totals(impact.period_totals), "reach": impact.reach, "points": impact.points,
            "balance": impact.balance, "shares": impact.shares,
            "campaigns": [{"id": campaign.id, "name": campaign.name, "shares": shares, "target_shares": target_shares,
                           "clicks": clicks, "target_clicks": target_clicks}
                          for campaign, (shares, target_shares, clicks, target_clicks) in impact.campaigns],
            "history": [{"day": day, **totals(value)} for day, value in impact.series]}


@blp.route("/me/impact", methods=["GET"])
@blp.arguments(PeriodSchema, location="query")
@blp.response(200, ImpactSchema)
@access(Role.EMPLOYEE)
def get_my_impact(args):
    """What my sharing achieved: totals (opened vs posted, clicks, visitor-days), reach, points, each share
    with its networks, my campaigns' progress and a day-by-day history for the period (default: 30 days)."""
    days = int(args["period"]) if args["period"] != "custom" else None
    return impact_body(my_impact(g.user, period_from(days, args["start"], args["end"])))


@blp.route("/conversions", methods=["POST"])
@blp.arguments(ConversionSchema)
@blp.response(201, ConversionAnswerSchema)
@blp.alt_response(403, description="Conversions are not enabled on this server.")
@limiter.limit("60 per minute")
@public
def report_conversion(body):
    """The company's site reports that a visitor who came through a tracked link converted (signed up,
    applied…). `token` is the `pv_ref` parameter of the page they landed on. Only when the administrators
    enabled conversions (otherwise 403)."""
    return record_conversion(body["token"], body["kind"])
