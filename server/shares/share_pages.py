"""The employee's share pages: compose (in their own words, checked live), follow a share, their list,
taking part or not."""

import secrets
from datetime import datetime
from zoneinfo import ZoneInfo

from flask import flash, g, redirect, render_template, request, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from marshmallow import ValidationError

from schemas.shares import ShareCreateSchema, ShareResubmitSchema
from server import networks as registry
from server.auth.roles import Role, access
from server.charter.service import readiness
from server.errors import DomainError
from server.library.kits import caption_idea, kit_of
from server.library.sharing import link_for_sharing
from server.shares import accounts, listings, pipeline, publishing
from server.shares.blueprint import bp
from server.shares.errors import ShareBlocked
from server.shares.presenting import share_view


def _targets_from_form(form):
    targets = []
    for name in form.getlist("network"):
        target = {"network": name, "method": form.get(f"method_{name}", "intent")}
        if form.get(f"instance_{name}"):
            target["instance"] = form[f"instance_{name}"]
        targets.append(target)
    return targets


def _form_errors(fields, targets):
    """Errors as the form names its fields: a target's server error goes beside that network's server field."""
    errors = dict(fields)
    per_target = errors.pop("targets", None)
    if isinstance(per_target, dict):
        for index, messages in per_target.items():
            if isinstance(messages, dict) and "instance" in messages and int(index) < len(targets):
                errors[f"instance_{targets[int(index)]['network']}"] = messages["instance"]
            else:
                errors.setdefault("targets", []).extend(
                    [str(m) for value in (messages.values() if isinstance(messages, dict) else [messages])
                     for m in (value if isinstance(value, list) else [value])])
    elif per_target is not None:
        errors["targets"] = per_target
    return errors


def _scheduled_for(form, user):
    """The form's local date and time, in the employee's time zone, as an aware datetime (or None)."""
    day, time = form.get("schedule_date", "").strip(), form.get("schedule_time", "").strip()
    if not day and not time:
        return None
    try:
        local = datetime.fromisoformat(f"{day}T{time or '09:00'}")
    except ValueError:
        raise ValidationError({"scheduled_for": [_("Give a date and a time.")]}) from None
    return local.replace(tzinfo=ZoneInfo(user.timezone or "UTC"))


def _compose_context(link, status=200, **context):
    user = g.user
    captions, images = kit_of(link.id)
    turn = request.args.get("idea", 0, type=int)
    idea, _position, ideas = caption_idea(user, link, captions, str(get_locale()), turn=turn)
    connected = {a.network: a for a in accounts.accounts_of(user)}
    row = pipeline.participant(user)
    context.setdefault("errors", {})
    context.setdefault("findings", [])
    context.setdefault("form", {})
    return render_template(
        "shares/compose.html", link=link, idea=idea, ideas=ideas, images=images, next_idea=turn + 1,
        networks=registry.intent_networks(),
        connected=connected, participating=row is not None, ready=readiness(user),
        instances=(row.instances or {}) if row else {}, idempotency_key=secrets.token_urlsafe(16),
        **context), status


@bp.get("/share/<int:link_id>")
@access(Role.EMPLOYEE)
def compose(link_id):
    try:
        link = link_for_sharing(link_id, g.user)
    except DomainError as exc:
        return render_template("shares/unavailable.html", message=exc.message), exc.status
    return _compose_context(link)


@bp.post("/share/<int:link_id>")
@access(Role.EMPLOYEE)
def submit(link_id):
    form = request.form
    try:
        link = link_for_sharing(link_id, g.user)
    except DomainError as exc:
        return render_template("shares/unavailable.html", message=exc.message), exc.status
    targets = _targets_from_form(form)
    try:
        scheduled = _scheduled_for(form, g.user)
        body = ShareCreateSchema().load({
            "link_id": link_id, "text": form.get("text", ""), "targets": targets,
            "suggested": form.get("suggested") or None,
            "source": form.get("source", "portal") if form.get("source") in ("portal", "widget") else "portal",
            "draft": form.get("draft") == "1",
            "scheduled_for": scheduled.isoformat() if scheduled else None})
        share, _created = pipeline.submit_share(g.user, idempotency_key=form.get("idempotency_key", ""), **body)
    except ValidationError as exc:
        return _compose_context(link, 422, errors=_form_errors(exc.messages, targets), form=form)
    except ShareBlocked as exc:
        return _compose_context(link, 422, findings=exc.details["findings"], form=form, blocked=True)
    except DomainError as exc:
        errors = _form_errors(exc.fields, targets) if exc.fields else {"_schema": [exc.message]}
        return _compose_context(link, exc.status, errors=errors, form=form)
    return redirect(url_for("shares.share_page", share_id=share.id))


@bp.get("/shares")
@access(Role.EMPLOYEE)
def my_shares():
    return render_template("shares/list.html", shares=listings.shares_of(g.user, limit=100))


@bp.get("/shares/<int:share_id>")
@access(Role.EMPLOYEE)
def share_page(share_id):
    share = listings.own_share(g.user, share_id)
    return render_template("shares/share.html", share=share_view(share), errors={})


@bp.post("/shares/<int:share_id>/cancel")
@access(Role.EMPLOYEE)
def cancel(share_id):
    try:
        pipeline.cancel_share(g.user, share_id)
        flash(_("The share is cancelled."), "success")
    except DomainError as exc:
        flash(exc.message, "error")
    return redirect(url_for("shares.share_page", share_id=share_id))


@bp.post("/shares/<int:share_id>/resubmit")
@access(Role.EMPLOYEE)
def resubmit(share_id):
    try:
        body = ShareResubmitSchema().load({"text": request.form.get("text", "")})
        pipeline.resubmit_share(g.user, share_id, body["text"])
    except ValidationError as exc:
        share = listings.own_share(g.user, share_id)
        return render_template("shares/share.html", share=share_view(share), errors=exc.messages), 422
    except ShareBlocked as exc:
        share = listings.own_share(g.user, share_id)
        return render_template("shares/share.html", share=share_view(share), errors={},
                               findings=exc.details["findings"], draft_text=request.form.get("text")), 422
    except DomainError as exc:
        flash(exc.message, "error")
    return redirect(url_for("shares.share_page", share_id=share_id))


@bp.post("/shares/<int:share_id>/retry/<network>")
@access(Role.EMPLOYEE)
def retry(share_id, network):
    listings.own_share(g.user, share_id)  # someone else's share is not found (404), not flashed
    try:
        publishing.publish_again(g.user, share_id, network)
    except DomainError as exc:
        flash(exc.message, "error")
    return redirect(url_for("shares.share_page", share_id=share_id))


@bp.post("/participation")
@access(Role.EMPLOYEE)
def take_part():
    pipeline.opt_in(g.user)
    flash(_("Welcome aboard! You can stop taking part at any time from your account."), "success")
    back = request.form.get("link_id", type=int)
    return redirect(url_for("shares.compose", link_id=back) if back else url_for("shares.my_shares"))


@bp.post("/participation/leave")
@access(Role.EMPLOYEE)
def stop_taking_part():
    pipeline.opt_out(g.user)
    flash(_("You no longer take part. Your past shares stay visible to you."), "success")
    return redirect(url_for("shares.my_shares"))

