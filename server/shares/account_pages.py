"""The employee's connected accounts: connect (as each network declares it), check, disconnect."""

from flask import flash, g, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from marshmallow import ValidationError

from schemas.shares import AppPasswordConnectSchema, InstanceConnectSchema
from server import networks
from server.auth.roles import Role, access
from server.errors import DomainError
from server.shares import accounts
from server.shares.blueprint import bp


def _accounts_page(status=200, **context):
    context.setdefault("errors", {})
    context.setdefault("form_network", None)
    connected = {account.network: account for account in accounts.accounts_of(g.user)}
    return render_template("shares/accounts.html", networks=accounts.available_networks(), connected=connected,
                           connect_flow=accounts.connect_flow, **context), status


@bp.get("/accounts")
@access(Role.EMPLOYEE)
def accounts_page():
    return _accounts_page()


def _flow(network):
    try:
        module = networks.get(network)
    except networks.UnknownNetwork:
        return None
    return accounts.connect_flow(module) if module in accounts.available_networks() else None


@bp.get("/accounts/connect/<network>")
@access(Role.EMPLOYEE)
def connect(network):
    """Networks connected by redirect: straight to the network's consent page (a link, so nothing to submit)."""
    if _flow(network) != "redirect":
        return redirect(url_for("shares.accounts_page"))
    try:
        url, pending = accounts.begin_connect(network)
    except DomainError as exc:
        flash(exc.message, "error")
        return redirect(url_for("shares.accounts_page"))
    session["connect"] = pending
    return redirect(url)


@bp.post("/accounts/connect/<network>")
@access(Role.EMPLOYEE)
def connect_with_form(network):
    """Networks connected with a form: the employee's server (then its consent page), or an app password."""
    flow = _flow(network)
    if flow == "instance":
        return _connect_instance(network)
    if flow == "password":
        return _connect_password(network)
    return redirect(url_for("shares.accounts_page"))


def _connect_instance(network):
    """Register on the employee's server if needed, then show where to continue.

    The page links to the server instead of redirecting, because this page's forms may only submit to this
    site (Content-Security-Policy form-action), redirects included.
    """
    try:
        body = InstanceConnectSchema().load({"instance": request.form.get("instance", "")})
        url, pending = accounts.begin_connect(network, accounts.validate_instance(network, body["instance"]))
    except ValidationError as exc:
        return _accounts_page(422, errors={"instance": exc.messages.get("instance", [])}, form_network=network)
    except DomainError as exc:
        return _accounts_page(exc.status if exc.status < 500 else 502,
                              errors=exc.fields or {"instance": [exc.message]}, form_network=network)
    session["connect"] = pending
    return render_template("shares/connect_continue.html", url=url, instance=pending["instance"], network=network)


def _connect_password(network):
    identifier = request.form.get("identifier", "")
    try:
        body = AppPasswordConnectSchema().load({"identifier": identifier,
                                                "app_password": request.form.get("app_password", "")})
        account = accounts.connect_with_password(g.user, network, body["identifier"], body["app_password"])
    except ValidationError as exc:
        return _accounts_page(422, errors=exc.messages, identifier=identifier, form_network=network)
    except DomainError as exc:
        return _accounts_page(exc.status, errors=exc.fields or {"app_password": [exc.message]},
                              identifier=identifier, form_network=network)
    flash(_("%(account)s is connected.", account=account.account_name), "success")
    return redirect(url_for("shares.accounts_page"))


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
