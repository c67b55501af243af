"""The moderators' review queue: approve, or refuse with a reason the author reads; several at once; or
suggest other words that the author accepts or declines."""

from flask import current_app, flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _
from marshmallow import ValidationError

from schemas.shares import ReviewQuerySchema, ReviewRejectSchema
from server.auth.roles import Role, access
from server.errors import DomainError
from server.library.models import Campaign
from server.shares import listings, moderation, pipeline
from server.shares.blueprint import bp
from server.shares.errors import ShareBlocked


def _queue_page(status=200, **context):
    try:
        query = ReviewQuerySchema().load({k: v for k, v in request.args.items() if v != ""})
    except ValidationError:
        query = ReviewQuerySchema().load({})
    for name in ("errors", "batch_errors", "suggest_errors", "suggest_findings", "suggest_text"):
        context.setdefault(name, {})
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


@bp.post("/review/batch")
@access(Role.MODERATOR)
def decide_batch():
    ids = [int(value) for value in request.form.getlist("share_id") if value.isdigit()]
    decision = request.form.get("decision", "")
    try:
        report = moderation.decide_many(g.user, ids, decision, request.form.get("reason"))
    except DomainError as exc:
        return _queue_page(exc.status, batch_errors=exc.fields or {"decision": [exc.message]},
                           batch_reason=request.form.get("reason", ""))
    if report.done:
        message = (_("%(count)s share(s) approved.", count=len(report.done)) if decision == moderation.APPROVE
                   else _("%(count)s share(s) refused: their authors read your reason.", count=len(report.done)))
        flash(message, "success")
    for share_id, reason in report.skipped:
        flash(_("Share #%(id)s left as it was: %(reason)s", id=share_id, reason=reason), "error")
    return redirect(url_for("shares.review_queue", **request.args))


@bp.post("/review/<int:share_id>/suggest")
@access(Role.MODERATOR)
def suggest_edit(share_id):
    try:
        moderation.suggest_edit(g.user, share_id, request.form.get("text", ""), request.form.get("note"))
    except ShareBlocked as exc:
        return _queue_page(422, suggest_errors={share_id: [_("The charter blocks these words.")]},
                           suggest_findings={share_id: exc.details["findings"]},
                           suggest_text={share_id: request.form.get("text", "")})
    except DomainError as exc:
        problems = exc.fields.get("text") if exc.fields else None
        return _queue_page(exc.status, suggest_errors={share_id: problems or [exc.message]},
                           suggest_text={share_id: request.form.get("text", "")})
    flash(_("Suggestion sent: the author accepts it or keeps their words."), "success")
    return redirect(url_for("shares.review_queue", **request.args))
