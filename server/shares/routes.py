"""The employee's share pages: connected accounts (this module), compose and follow-up (compose.py)."""

from flask import Blueprint, flash, g, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from marshmallow import ValidationError

from schemas.shares import BlueskyConnectSchema, MastodonConnectSchema
from server.auth.roles import Role, access
from server.errors import DomainError
from server.shares import accounts

bp = Blueprint("shares", __name__)


def _accounts_page(status=200, **context):
    context.setdefault("errors", {})
    connected = {account.network: account for account in accounts.accounts_of(g.user)}
    return render_template("shares/accounts.html", networks=accounts.available_networks(), connected=connected,
                           **context), status


@bp.get("/accounts")
@access(Role.EMPLOYEE)
def accounts_page():
    return _accounts_page()


@bp.get("/accounts/connect/<network>")
@access(Role.EMPLOYEE)
def connect(network):
    """LinkedIn and X: straight to the network's consent page (a link, so nothing to submit)."""
    if network not in ("linkedin", "x"):
        return redirect(url_for("shares.accounts_page"))
    try:
        url, pending = accounts.begin_connect(network)
    except DomainError as exc:
        flash(exc.message, "error")
        return redirect(url_for("shares.accounts_page"))
    session["connect"] = pending
    return redirect(url)


@bp.post("/accounts/connect/mastodon")
@access(Role.EMPLOYEE)
def connect_mastodon():
    """Mastodon: register on the employee's instance if needed, then show where to continue.

    The page links to the instance instead of redirecting, because this page's forms may only submit to
    this site (Content-Security-Policy form-action), redirects included.
    """
    try:
        body = MastodonConnectSchema().load({"instance": request.form.get("instance", "")})
        url, pending = accounts.begin_connect("mastodon", accounts.validate_instance(body["instance"]))
    except ValidationError as exc:
        return _accounts_page(422, errors={"instance": exc.messages.get("instance", [])})
    except DomainError as exc:
        return _accounts_page(exc.status if exc.status < 500 else 502,
                              errors=exc.fields or {"instance": [exc.message]})
    session["connect"] = pending
    return render_template("shares/connect_continue.html", url=url, instance=pending["instance"])


@bp.get("/accounts/callback/<network>")
@access(Role.EMPLOYEE)
def account_callback(network):
    pending = session.pop("connect", None)
    if not pending or pending.get("network") != network:
        flash(_("This connection attempt has expired. Please start again."), "error")
        return redirect(url_for("shares.accounts_page"))
    try:
        account = accounts.complete_connect(g.user, pending, request.url)
    except DomainError as exc:
        flash(exc.message, "error")
        return redirect(url_for("shares.accounts_page"))
    flash(_("%(account)s is connected.", account=account.account_name or account.network), "success")
    return redirect(url_for("shares.accounts_page"))


@bp.post("/accounts/connect/bluesky")
@access(Role.EMPLOYEE)
def connect_bluesky():
    try:
        body = BlueskyConnectSchema().load({"identifier": request.form.get("identifier", ""),
                                            "app_password": request.form.get("app_password", "")})
        account = accounts.connect_bluesky(g.user, body["identifier"], body["app_password"])
    except ValidationError as exc:
        return _accounts_page(422, errors=exc.messages, identifier=request.form.get("identifier", ""))
    except DomainError as exc:
        return _accounts_page(exc.status, errors=exc.fields or {"app_password": [exc.message]},
                              identifier=request.form.get("identifier", ""))
    flash(_("%(account)s is connected.", account=account.account_name), "success")
    return redirect(url_for("shares.accounts_page"))


@bp.post("/accounts/<int:account_id>/refresh")
@access(Role.EMPLOYEE)
def refresh(account_id):
    try:
        account = accounts.refresh_now(g.user, account_id)
        flash(_("%(account)s: the connection works.", account=account.account_name or account.network), "success")
    except DomainError as exc:
        flash(exc.message, "error")
    return redirect(url_for("shares.accounts_page"))


@bp.post("/accounts/<int:account_id>/disconnect")
@access(Role.EMPLOYEE)
def disconnect(account_id):
    accounts.disconnect(g.user, account_id)
    flash(_("The account is disconnected; Porte-Voix no longer holds its token."), "success")
    return redirect(url_for("shares.accounts_page"))
