"""The employee's pages: home (their feed, server/portal/feed.py) and account (profile, API tokens,
sessions, export, deletion)."""

import json

from flask import Blueprint, Response, flash, g, redirect, render_template, request, session, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from marshmallow import ValidationError

from schemas.auth import TokenCreateSchema
from schemas.users import ProfileUpdateSchema
from server.auth import profile, tokens
from server.auth.roles import Role, access
from server.auth.sessions import active_sessions, revoke_sessions, sign_out
from server.errors import DomainError
from server.library.labels import library_labels
from server.library.share_sources import share_url
from server.portal.feed import home_feed
from server.privacy import delete_user, export_user_data
from server.zones import common_timezones

bp = Blueprint("portal", __name__)


@bp.get("/")
@access(Role.EMPLOYEE)
def home():
    return render_template("portal/home.html", feed=home_feed(g.user, g.user.locale or str(get_locale())),
                           share_url=share_url, **library_labels())


def _account_page(status=200, **context):
    context.setdefault("errors", {})
    context.setdefault("new_token", None)
    return render_template("portal/account.html", tokens=tokens.list_api_tokens(g.user),
                           sessions=active_sessions(g.user), timezones=common_timezones(),
                           current_session=getattr(g.user, "current_session_id", None), **context), status


@bp.get("/account")
@access(Role.EMPLOYEE)
def account():
    return _account_page()


@bp.post("/account/profile")
@access(Role.EMPLOYEE)
def update_profile():
    data = {key: request.form[key] for key in ("name", "locale", "timezone") if key in request.form}
    if data.get("locale") == "":
        data["locale"] = None
    try:
        changes = ProfileUpdateSchema().load(data)
    except ValidationError as exc:
        return _account_page(422, errors=exc.messages)
    g.user = profile.update_profile(g.user, **changes)
    if "locale" in changes:  # the next sign-in page speaks the profile's language, and keeps it
        if changes["locale"]:
            session["locale"] = changes["locale"]
        else:
            session.pop("locale", None)
    flash(_("Your profile is saved."), "success")
    return redirect(url_for("portal.account"))


@bp.post("/account/tokens")
@access(Role.EMPLOYEE)
def create_token():
    try:
        body = TokenCreateSchema().load({"name": request.form.get("name", "")})
        _row, raw = tokens.create_api_token(g.user, body["name"])
    except ValidationError as exc:
        return _account_page(422, errors={"token_" + k: v for k, v in exc.messages.items()})
    except DomainError as exc:
        return _account_page(exc.status, errors={"token_name": [exc.message]})
    return _account_page(201, new_token=raw)


@bp.post("/account/tokens/<int:token_id>/revoke")
@access(Role.EMPLOYEE)
def revoke_token(token_id):
    row = tokens.revoke_api_token(g.user, token_id)
    flash(_("The token “%(name)s” is revoked.", name=row.name), "success")
    return redirect(url_for("portal.account"))


@bp.post("/account/sessions/revoke-others")
@access(Role.EMPLOYEE)
def revoke_other_sessions():
    count = revoke_sessions(g.user, keep=getattr(g.user, "current_session_id", None))
    flash(_("Signed out of %(count)s other session(s).", count=count), "success")
    return redirect(url_for("portal.account"))


@bp.get("/account/export.json")
@access(Role.EMPLOYEE)
def export():
    document = json.dumps(export_user_data(g.user), ensure_ascii=False, indent=2)
    return Response(document, mimetype="application/json",
                    headers={"Content-Disposition": 'attachment; filename="porte-voix-my-data.json"'})


@bp.post("/account/delete")
@access(Role.EMPLOYEE)
def delete_account():
    if request.form.get("confirm_email", "").strip().lower() != g.user.email:
        return _account_page(422, errors={"confirm_email": [_("Type your e-mail address to confirm.")]})
    try:
        delete_user(g.user, actor=g.user)
    except DomainError as exc:
        return _account_page(exc.status, errors={"confirm_email": [exc.message]})
    sign_out()
    flash(_("Your account and your data are deleted."), "success")
    return redirect(url_for("auth.login"))
