"""The pages digests lead to: the signed Share button, one-click unsubscribe (RFC 8058), the programme's
subscribe button, and the employee's own choice and preview on the account page."""

from flask import Blueprint, Response, flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _

from server.auth.roles import Role, access, public
from server.digests import preferences
from server.digests.models import Frequency
from server.digests.sending import preview_digest
from server.digests.signed_links import (
    SignedLinkExpired,
    read_share_token,
    read_subscribe_token,
    read_unsubscribe_token,
)
from server.errors import DomainError

bp = Blueprint("digests", __name__)

# An e-mail's HTML shown as a page (previews): its inline styles, nothing else, framed by our pages only.
EMAIL_PREVIEW_POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src https: data:; frame-ancestors 'self'"


def email_preview_response(html):
    """The HTML part of an e-mail, served to be framed by our own preview pages."""
    g.frame_ancestors = "'self'"
    response = Response(html, mimetype="text/html")
    response.headers["Content-Security-Policy"] = EMAIL_PREVIEW_POLICY
    response.headers["X-Frame-Options"] = "SAMEORIGIN"
    return response


def _link_problem(exc, status=None):
    return render_template("digests/link_problem.html", message=exc.message,
                           expired=isinstance(exc, SignedLinkExpired)), status or exc.status


@bp.get("/d/share/<token>")
@public
def open_share(token):
    """The Share button of a digest: the compose page on that link, for the person it was written for."""
    try:
        user_id, link_id = read_share_token(token)
    except DomainError as exc:
        return _link_problem(exc)
    compose = url_for("shares.compose", link_id=link_id)
    if g.user is None:
        return redirect(url_for("auth.login", next=compose))
    if g.user.id != user_id:
        return render_template("digests/link_problem.html", other_person=True,
                               message=_("This Share button was written for someone else: it opens nothing for "
                                         "you. Find the article in the library instead.")), 403
    return redirect(compose)


@bp.route("/d/unsubscribe/<token>", methods=["GET", "POST"])
@public
def unsubscribe(token):
    """GET: a page with one button. POST: digests off — from that button, or from a mail client's
    one-click unsubscribe (`List-Unsubscribe=One-Click`, RFC 8058), without signing in."""
    try:
        user_id = read_unsubscribe_token(token)
    except DomainError as exc:
        return _link_problem(exc)
    if request.method == "GET":
        return render_template("digests/unsubscribe.html", token=token, done=False)
    preferences.unsubscribe(user_id)
    if request.form.get("List-Unsubscribe") == "One-Click":
        return Response("unsubscribed\n", mimetype="text/plain")
    return render_template("digests/unsubscribe.html", token=token, done=True)


@bp.route("/d/subscribe/<token>", methods=["GET", "POST"])
@public
def subscribe(token):
    """The programme's invitation: GET shows the choice, POST subscribes to the weekly digest."""
    try:
        user_id = read_subscribe_token(token)
    except DomainError as exc:
        return _link_problem(exc)
    if request.method == "POST":
        preferences.subscribe_weekly(user_id)
    return render_template("digests/subscribe.html", token=token, done=request.method == "POST")


@bp.post("/account/digest")
@access(Role.EMPLOYEE)
def choose_frequency():
    try:
        preference = preferences.choose_frequency(g.user, request.form.get("frequency", ""))
    except DomainError as exc:
        flash(" ".join(exc.fields.get("frequency", [str(exc.message)])), "error")
        return redirect(url_for("portal.account") + "#digest-title")
    flash(_("Saved: %(choice)s.", choice=preferences.FREQUENCY_LABELS[preference.frequency]), "success")
    return redirect(url_for("portal.account") + "#digest-title")


@bp.get("/account/digest/preview")
@access(Role.EMPLOYEE)
def preview_page():
    frequency = request.args.get("frequency")
    if frequency not in (Frequency.DAILY, Frequency.WEEKLY):
        chosen = preferences.preference_of(g.user).frequency
        frequency = chosen if chosen != Frequency.OFF else Frequency.WEEKLY
    subject, text, _html, content = preview_digest(g.user, frequency)
    return render_template("digests/preview.html", subject=subject, text=text, content=content, frequency=frequency)


@bp.get("/account/digest/preview.html")
@access(Role.EMPLOYEE)
def preview_email():
    frequency = request.args.get("frequency", Frequency.WEEKLY)
    frequency = frequency if frequency in (Frequency.DAILY, Frequency.WEEKLY) else Frequency.WEEKLY
    return email_preview_response(preview_digest(g.user, frequency)[2])
