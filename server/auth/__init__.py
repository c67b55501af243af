"""Who is calling: the session cookie (pages and the compose page) or a bearer token (the extension),
then the route's declared access level, enforced in one place before every request."""

import logging

from flask import current_app, g, redirect, request, url_for
from flask_babel import lazy_gettext as _l

from server.auth.roles import ACCESS_ATTRIBUTE, PUBLIC
from server.auth.sessions import session_user
from server.auth.tokens import authenticate_bearer
from server.errors import Forbidden, Unauthorized
from server.protection import check_csrf, count_token_failure, refuse_token_guessing

log = logging.getLogger(__name__)

# Endpoints added by Flask and flask-smorest themselves, open to all.
PUBLIC_ENDPOINTS = frozenset({"static", "api-docs.openapi_json"})


def load_caller():
    """Set g.user from a bearer token (API only) or from the session cookie."""
    g.user = None
    g.bearer_authenticated = False
    header = request.headers.get("Authorization")
    if header and request.path.startswith("/api/"):
        refuse_token_guessing()
        scheme, _, raw = header.partition(" ")
        if scheme.lower() != "bearer" or not raw.strip():
            count_token_failure()
            raise Unauthorized(_l("Use an 'Authorization: Bearer <token>' header."))
        user = authenticate_bearer(raw.strip())
        if user is None:
            count_token_failure()
            raise Unauthorized(_l("This token is invalid or has been revoked."))
        g.user, g.bearer_authenticated = user, True
        return
    g.user = session_user()


def access_level(endpoint):
    """What a route declared with @access/@public, or None if it declared nothing."""
    if endpoint in PUBLIC_ENDPOINTS:
        return PUBLIC
    view = current_app.view_functions.get(endpoint)
    return getattr(view, ACCESS_ATTRIBUTE, None)


def sign_in_page():
    """Where an anonymous visitor of a page goes: the login page, or the sign-in step of pages that cannot
    show it (the share button's frame: app.extensions["auth.sign_in_steps"], path prefix -> address)."""
    for prefix, step in current_app.extensions.get("auth.sign_in_steps", {}).items():
        if request.path.startswith(prefix):
            return step()
    return url_for("auth.login", next=request.full_path.rstrip("?"))


def enforce_access():
    """Refuse the request unless the caller's role is at least the route's; fail closed."""
    if request.endpoint is None or request.method == "OPTIONS":
        return None  # routing errors and CORS preflights carry no data
    level = access_level(request.endpoint)
    if level is None:
        log.error("route %s declares no access level: refused", request.endpoint)
        raise Forbidden()
    if level == PUBLIC:
        return None
    if g.user is None:
        if request.path.startswith("/api/"):
            raise Unauthorized()
        return redirect(sign_in_page())
    if not g.user.has_role(level):
        raise Forbidden()
    return None


def init_app(app):
    from server.api import api
    from server.auth import api as auth_api
    from server.auth import routes
    from server.auth.session_cookies import SessionCookies

    app.session_interface = SessionCookies()
    app.before_request(load_caller)
    app.before_request(check_csrf)
    app.before_request(enforce_access)
    app.register_blueprint(routes.bp)
    api.register_blueprint(auth_api.blp)

    @app.context_processor
    def _caller():
        return {"current_user": g.get("user")}
