"""GET /s/<code>: the public hot path. Served by server/tracking/hot_path.py before Flask's machinery; this
route answers what the middleware hands on (an unknown code: 404) and defines the URL for the application."""

from flask import Blueprint, abort, redirect, request
from huey import crontab

from server.auth.roles import public
from server.jobs import periodic_job
from server.tracking.crawlers import is_crawler, is_prefetch
from server.tracking.service import forget_old_salts, record_click, tracked_destination

bp = Blueprint("tracking", __name__)


@bp.route("/s/<code>", methods=["GET", "HEAD"])
@public
def redirect_to_link(code):
    found = tracked_destination(code)
    if found is None:
        abort(404)
    target_id, location = found
    user_agent = request.headers.get("User-Agent", "")
    if request.method == "GET" and not is_crawler(user_agent) and not is_prefetch(request.headers):
        record_click(target_id, request.remote_addr, user_agent)
    response = redirect(location, code=302)
    response.headers["Cache-Control"] = "private, no-store"
    response.headers["Referrer-Policy"] = "no-referrer-when-downgrade"
    return response


@periodic_job(crontab(minute="17", hour="*"))
def forget_salts():
    forget_old_salts()
