"""GET /s/<code>: the public hot path. One indexed lookup, one insert, a redirect."""

from flask import Blueprint, abort, redirect, request
from huey import crontab
from peewee import JOIN

from server.auth.roles import public
from server.jobs import periodic_job
from server.library.models import Campaign, Link
from server.shares.models import Share, ShareTarget
from server.tracking.crawlers import is_crawler, is_prefetch
from server.tracking.service import destination, forget_old_salts, record_click

bp = Blueprint("tracking", __name__)


def campaign_slug(name):
    return "-".join("".join(ch.lower() if ch.isalnum() else " " for ch in name).split())[:60] or None


@bp.route("/s/<code>", methods=["GET", "HEAD"])
@public
def redirect_to_link(code):
    row = (ShareTarget.select(ShareTarget.id, ShareTarget.network, Link.url, Campaign.name)
           .join(Share).join(Link).join(Campaign, JOIN.LEFT_OUTER)
           .where(ShareTarget.code == code).tuples().first())
    if row is None:
        abort(404)
    target_id, network, url, campaign = row
    user_agent = request.headers.get("User-Agent", "")
    if request.method == "GET" and not is_crawler(user_agent) and not is_prefetch(request.headers):
        record_click(target_id, request.remote_addr, user_agent)
    response = redirect(destination(url, network, campaign_slug(campaign) if campaign else None), code=302)
    response.headers["Cache-Control"] = "private, no-store"
    response.headers["Referrer-Policy"] = "no-referrer-when-downgrade"
    return response


@periodic_job(crontab(minute="17", hour="*"))
def forget_salts():
    forget_old_salts()
