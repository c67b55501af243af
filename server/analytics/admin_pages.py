"""The administrators' results settings: earned media value, the content mix aimed at, points and their daily
caps, the audience counted per network, the leaderboard and conversions; the charities and what to pay them."""

from datetime import datetime, timedelta

from flask import flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _
from marshmallow import ValidationError

from schemas.analytics import AnalyticsSettingsSchema, CharitySchema
from server import networks
from server.analytics.exports import csv_response
from server.analytics.models import Charity
from server.analytics.pages import bp
from server.analytics.recognition import donations_to_pay
from server.analytics.settings import analytics_settings, save_analytics_settings
from server.audit import record
from server.auth.roles import Role, access
from server.db import utcnow
from server.errors import NotFound
from server.library.labels import CATEGORY_LABELS
from server.library.models import CATEGORIES

NUMBERS = ("click_value_cents", "cpm_cents", "points_per_share", "share_points_daily_cap", "points_per_click",
           "click_points_daily_cap", "points_per_euro")


def _settings_page(status=200, errors=None, values=None):
    return render_template("analytics/settings.html", settings=values or analytics_settings(), errors=errors or {},
                           charities=list(Charity.select().order_by(Charity.name)), categories=CATEGORIES,
                           category_labels=CATEGORY_LABELS,
                           network_names=list(networks.NETWORKS)), status


@bp.get("/admin/results")
@access(Role.ADMIN)
def settings_page():
    return _settings_page()


def _form_settings():
    form = request.form
    values = {key: form.get(key, "") for key in NUMBERS}
    values["target_mix"] = {category: form.get(f"mix_{category}", "") for category in CATEGORIES}
    values["audience"] = {name: form.get(f"audience_{name}", "") for name in networks.NETWORKS
                          if form.get(f"audience_{name}", "") != ""}
    values["leaderboard"] = form.get("leaderboard") == "on"
    values["conversions"] = form.get("conversions") == "on"
    return values


@bp.post("/admin/results")
@access(Role.ADMIN)
def save_settings():
    values = _form_settings()
    try:
        body = AnalyticsSettingsSchema().load(values)
    except ValidationError as exc:
        return _settings_page(422, exc.messages, {**analytics_settings(), **values})
    save_analytics_settings(body)
    record("analytics.settings.update", actor=g.user, **{k: v for k, v in body.items() if k != "audience"})
    flash(_("Results settings saved."), "success")
    return redirect(url_for("analytics.settings_page"))


@bp.post("/admin/results/charities")
@access(Role.ADMIN)
def add_charity():
    try:
        body = CharitySchema().load({k: request.form.get(k) or None for k in ("name", "description", "url")
                                     if request.form.get(k)})
    except ValidationError as exc:
        return _settings_page(422, exc.messages)
    if Charity.get_or_none(Charity.name == body["name"]) is None:
        Charity.create(**body)
    flash(_("Charity added."), "success")
    return redirect(url_for("analytics.settings_page") + "#charities-title")


@bp.post("/admin/results/charities/<int:charity_id>/active")
@access(Role.ADMIN)
def toggle_charity(charity_id):
    charity = Charity.get_or_none(Charity.id == charity_id)
    if charity is None:
        raise NotFound()
    Charity.update(active=not charity.active).where(Charity.id == charity.id).execute()
    return redirect(url_for("analytics.settings_page") + "#charities-title")


@bp.get("/admin/results/donations.csv")
@access(Role.ADMIN)
def donations_csv():
    """What to pay each charity for the donations of a month (?month=YYYY-MM, default: last month)."""
    today = utcnow().date()
    try:
        start = datetime.strptime(request.args.get("month", ""), "%Y-%m")
    except ValueError:
        start = datetime(today.year, today.month, 1) - timedelta(days=1)
        start = datetime(start.year, start.month, 1)
    end = (start + timedelta(days=32)).replace(day=1)
    rows = [[name, count, int(points), f"{int(cents) / 100:.2f}"] for name, count, points, cents in
            donations_to_pay(start, end)]
    return csv_response(f"donations-{start:%Y-%m}.csv",
                        [_("Charity"), _("Donations"), _("Points"), _("Amount to pay (EUR)")], rows)
