"""Sign-in pages: magic link, single sign-on, demo accounts, sign-out, language choice."""

from flask import Blueprint, current_app, g, redirect, render_template, request, session, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from marshmallow import ValidationError

from schemas.auth import MagicLinkRequestSchema
from server import audit
from server.auth import magic, oidc
from server.auth.models import User
from server.auth.roles import Role, access, public
from server.auth.sessions import sign_in, sign_out
from server.config import LOCALES
from server.errors import DomainError, NotFound
from server.protection import limiter
from server.public_urls import safe_next_path
from server.site_settings import get_setting

bp = Blueprint("auth", __name__)


def demo_accounts():
    """In a demo instance, the seeded people one may sign in as (one per role first)."""
    if not get_setting("demo", False):
        return []
    return list(User.select().where(User.active == True).order_by(User.id).limit(12))  # noqa: E712


def _login_page(status=200, **context):
    context.setdefault("email", "")
    context.setdefault("errors", {})
    return render_template("auth/login.html", sso_enabled=oidc.is_enabled(),
                           sso_label=current_app.config["OIDC_LABEL"] or _("Company account"),
                           demo_users=demo_accounts(), next=safe_next_path(request.values.get("next"), ""),
                           **context), status


@bp.get("/login")
@public
def login():
    if g.user is not None:
        return redirect(safe_next_path(request.args.get("next")))
    return _login_page()


@bp.post("/login")
@public
@limiter.limit("10 per minute; 50 per hour")
def send_magic_link():
    try:
        form = MagicLinkRequestSchema().load({"email": request.form.get("email", ""),
                                              "next": request.form.get("next") or None})
    except ValidationError as exc:
        return _login_page(422, email=request.form.get("email", ""), errors=exc.messages)
    magic.request_magic_link(form["email"], safe_next_path(form["next"], None), locale=str(get_locale()))
    return render_template("auth/magic_sent.html", email=form["email"])


@bp.get("/login/magic/<token>")
@public
def magic_link(token):
    try:
        magic.peek_magic_link(token)
    except DomainError as exc:
        return _login_page(400, link_error=exc.message)
    return render_template("auth/magic_confirm.html", token=token)


@bp.post("/login/magic/<token>")
@public
@limiter.limit("20 per minute")
def redeem_magic_link(token):
    try:
        user, next_path = magic.redeem_magic_link(token)
    except DomainError as exc:
        return _login_page(400, link_error=exc.message)
    sign_in(user, "magic_link")
    return redirect(safe_next_path(next_path))


@bp.get("/login/sso")
@public
def sso():
    if not oidc.is_enabled():
        raise NotFound()
    try:
        url, pending = oidc.begin_sign_in(safe_next_path(request.args.get("next"), None))
    except DomainError as exc:
        return _login_page(502, link_error=exc.message)
    session["sso"] = pending
    return redirect(url)


@bp.get("/login/sso/callback")
@public
def sso_callback():
    if not oidc.is_enabled():
        raise NotFound()
    pending = session.pop("sso", None)
    try:
        user, next_path = oidc.complete_sign_in(pending, request.args)
    except DomainError as exc:
        return _login_page(400, link_error=exc.message)
    sign_in(user, "sso")
    return redirect(safe_next_path(next_path))


@bp.post("/login/demo")
@public
def demo_sign_in():
    if not get_setting("demo", False):
        raise NotFound()
    user = User.get_or_none(User.id == request.form.get("user_id", type=int), User.active == True)  # noqa: E712
    if user is None:
        raise NotFound()
    sign_in(user, "demo")
    return redirect(safe_next_path(request.form.get("next")))


@bp.post("/logout")
@access(Role.EMPLOYEE)
def logout():
    audit.record("auth.sign_out", actor=g.user)
    sign_out()
    return redirect(url_for("auth.login"))


@bp.post("/language")
@public
def choose_language():
    locale = request.form.get("locale")
    if locale in LOCALES:
        session["locale"] = locale
        if g.user is not None:
            User.update(locale=locale).where(User.id == g.user.id).execute()
    return redirect(safe_next_path(request.form.get("next")))
