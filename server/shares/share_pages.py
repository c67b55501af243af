"""The employee's share pages: compose (in their own words, checked live), follow a share, their list,
taking part or not."""

from flask import flash, g, redirect, render_template, request, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from marshmallow import ValidationError

from schemas.shares import ShareResubmitSchema
from server.auth.roles import Role, access
from server.errors import DomainError
from server.library.sharing import link_for_sharing
from server.shares import composing, listings, moderation, pipeline, publishing
from server.shares.blueprint import bp
from server.shares.errors import ShareBlocked
from server.shares.presenting import share_view


def compose_urls(link):
    """The portal's addresses in the compose form (the share button's dialog has its own)."""
    return {"action": url_for("shares.submit", link_id=link.id),
            "another_idea": url_for("shares.compose", link_id=link.id, idea=request.args.get("idea", 0, type=int) + 1),
            "take_part": url_for("shares.take_part"), "charter": url_for("charter.page"), "hidden": {},
            # the first steps (taking part, the charter, its quiz) in line, back to this same page
            "first_steps": url_for("portal.first_steps_done", link_id=link.id),
            "quiz": url_for("portal.first_quiz", link_id=link.id)}


def render_compose(link, status=200, **context):
    """The portal's compose page for `link`, with whatever first steps the employee still has to take."""
    from server.portal.first_share import first_steps  # the portal's in-line steps (downstream of shares)

    locale = str(get_locale())
    shown = composing.compose_context(g.user, link, locale=locale, turn=request.args.get("idea", 0, type=int))
    shown["steps"] = first_steps(g.user, locale)
    shown.update(context)
    return render_template("shares/compose.html", urls=compose_urls(link), **shown), status


@bp.get("/share/<int:link_id>")
@access(Role.EMPLOYEE)
def compose(link_id):
    try:
        link = link_for_sharing(link_id, g.user)
    except DomainError as exc:
        return render_template("shares/unavailable.html", message=exc.message), exc.status
    return render_compose(link)


@bp.post("/share/<int:link_id>")
@access(Role.EMPLOYEE)
def submit(link_id):
    form = request.form
    try:
        link = link_for_sharing(link_id, g.user)
    except DomainError as exc:
        return render_template("shares/unavailable.html", message=exc.message), exc.status
    try:
        share = composing.submit_compose_form(g.user, link.id, form, source="portal")
    except composing.ComposeRefused as refused:
        return render_compose(link, refused.status, form=form, **refused.context)
    return redirect(url_for("shares.share_page", share_id=share.id))


@bp.get("/shares")
@access(Role.EMPLOYEE)
def my_shares():
    return render_template("shares/list.html", shares=listings.shares_of(g.user, limit=100))


@bp.get("/shares/<int:share_id>")
@access(Role.EMPLOYEE)
def share_page(share_id):
    share = listings.own_share(g.user, share_id)
    return render_template("shares/share.html", share=share_view(share), errors={},
                           suggestion=moderation.open_suggestion(share))


@bp.post("/shares/<int:share_id>/suggestion/accept")
@access(Role.EMPLOYEE)
def accept_suggestion(share_id):
    try:
        moderation.accept_edit(g.user, share_id)
        flash(_("You took the suggested words: the share goes out with them."), "success")
    except ShareBlocked:
        flash(_("The charter changed and now blocks the suggested words: keep yours or edit them."), "error")
    except DomainError as exc:
        flash(exc.message, "error")
    return redirect(url_for("shares.share_page", share_id=share_id))


@bp.post("/shares/<int:share_id>/suggestion/decline")
@access(Role.EMPLOYEE)
def decline_suggestion(share_id):
    try:
        moderation.decline_edit(g.user, share_id)
        flash(_("You kept your words: the share waits for review again."), "success")
    except DomainError as exc:
        flash(exc.message, "error")
    return redirect(url_for("shares.share_page", share_id=share_id))


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

