"""Pages: connecting the extension of a browser (employees) and its install instructions (administrators)."""

import json

from flask import Blueprint, current_app, g, make_response, render_template, request
from flask_babel import gettext as _
from marshmallow import ValidationError

from schemas.auth import TokenCreateSchema
from server.auth.roles import Role, access
from server.errors import DomainError
from server.extension import CHROME_EXTENSION_ID, FIREFOX_EXTENSION_ID, handoff

bp = Blueprint("extension", __name__)

NAME_MAX = 80


def _connect_page(status=200, **context):
    context.setdefault("errors", {})
    context.setdefault("name", request.args.get("browser", "").strip()[:NAME_MAX])
    response = make_response(render_template("extension/connect.html", **context), status)
    # The answer to the POST carries the token: no cache may keep it, no referrer may leave with the page.
    response.headers["Cache-Control"] = "no-store"
    response.headers["Referrer-Policy"] = "no-referrer"
    return response


@bp.get("/extension/connect")
@access(Role.EMPLOYEE)
def connect():
    """The page the extension opens: the employee confirms that this browser's extension may act for them."""
    return _connect_page()


@bp.post("/extension/connect")
@access(Role.EMPLOYEE)
def hand_off():
    """Create the browser's token and put it in this answer, where the extension's content script reads it.

    The extension's script on the page fills the `bridge` field: without it nobody would pick the token up,
    so none is created.
    """
    name = request.form.get("name", "")
    if request.form.get("bridge") != "1":
        return _connect_page(422, name=name, errors={"bridge": [_(
            "The extension did not answer on this page. Open it from the extension's options.")]})
    try:
        body = TokenCreateSchema().load({"name": name})
        raw = handoff.connect_browser(g.user, body["name"])
    except ValidationError as exc:
        return _connect_page(422, name=name, errors=exc.messages)
    except DomainError as exc:
        return _connect_page(exc.status, name=name, errors={"name": [exc.message]})
    return _connect_page(201, name=body["name"], token=raw)


def _managed_examples(server_url):
    """The managed-storage documents IT pushes by browser policy, for this server."""
    setting = {"server_url": server_url}
    chrome = {"3rdparty": {"extensions": {CHROME_EXTENSION_ID: setting}}}
    firefox = {"policies": {"3rdparty": {"Extensions": {FIREFOX_EXTENSION_ID: setting}}}}
    google_admin = {"server_url": {"Value": server_url}}
    return {name: json.dumps(document, indent=2) for name, document in
            (("chrome", chrome), ("firefox", firefox), ("google_admin", google_admin))}


@bp.get("/admin/extension")
@access(Role.ADMIN)
def admin():
    """How to install the extension for everyone and preconfigure this server's address."""
    server_url = (current_app.config.get("BASE_URL") or request.host_url).rstrip("/")
    chrome_origin = f"chrome-extension://{CHROME_EXTENSION_ID}"
    return render_template("extension/admin.html", server_url=server_url, chrome_id=CHROME_EXTENSION_ID,
                           firefox_id=FIREFOX_EXTENSION_ID, chrome_origin=chrome_origin,
                           cors_origins=current_app.config["CORS_ORIGINS"], examples=_managed_examples(server_url))
