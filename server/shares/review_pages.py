"""The moderators' review queue: approve, or refuse with a reason the author reads."""

from flask import current_app, flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _
from marshmallow import ValidationError

from schemas.shares import ReviewQuerySchema, ReviewRejectSchema
from server.auth.roles import Role, access
from server.errors import DomainError
from server.library.models import Campaign
from server.shares import listings, pipeline
from server.shares.blueprint import bp


def _queue_page(status=200, **context):
    try:
        query = ReviewQuerySchema().load({k: v for k, v in request.args.items() if v != ""})
    except ValidationError:
        query = ReviewQuerySchema().load({})
    context.setdefault("errors", {})
    return render_template("shares/review.html", items=listings.queue_views(**query, reviewer=g.user), query=query,
                           campaigns=list(Campaign.select().order_by(Campaign.name)),
                           self_approval=current_app.config["SELF_APPROVAL"], **context), status


@bp.get("/review")
@access(Role.MODERATOR)
def review_queue():
    return _queue_page()


@bp.post("/review/<int:share_id>/approve")
@access(Role.MODERATOR)
def approve(share_id):
    try:
        pipeline.approve_share(g.user, share_id, request.form.get("note") or None)
        flash(_("Approved: the author is told and the share goes out."), "success")
    except DomainError as exc:
        flash(exc.message, "error")
    return redirect(url_for("shares.review_queue", **request.args))


@bp.post("/review/<int:share_id>/reject")
@access(Role.MODERATOR)
def reject(share_id):
    try:
        body = ReviewRejectSchema().load({"reason": request.form.get("reason", "")})
        pipeline.reject_share(g.user, share_id, body["reason"])
    except ValidationError as exc:
        return _queue_page(422, errors={share_id: exc.messages.get("reason", [])})
    except DomainError as exc:
        return _queue_page(exc.status, errors={share_id: exc.fields.get("reason") or [exc.message]})
    flash(_("Refused: the author sees your reason and can edit the share."), "success")
    return redirect(url_for("shares.review_queue", **request.args))
