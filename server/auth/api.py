"""Sign-in and API tokens in the JSON API."""

from flask import g
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_smorest import Blueprint

from schemas.auth import (
    MagicLinkRequestedSchema,
    MagicLinkRequestSchema,
    SessionSchema,
    TokenCreatedSchema,
    TokenCreateSchema,
    TokenSchema,
)
from schemas.users import ProfileUpdateSchema, UserSchema
from server.auth import magic, profile, tokens
from server.auth.roles import Role, access, public
from server.auth.sessions import active_sessions
from server.protection import limiter
from server.public_urls import safe_next_path

blp = Blueprint("auth_api", __name__, url_prefix="/api/v1", description="Signing in, the caller, API tokens.")


@blp.route("/auth/magic-link", methods=["POST"])
@blp.arguments(MagicLinkRequestSchema)
@blp.response(202, MagicLinkRequestedSchema)
@limiter.limit("10 per minute; 50 per hour")
@public
def request_magic_link(body):
    """E-mail a sign-in link. The answer is the same whether or not the address has an account."""
    magic.request_magic_link(body["email"], safe_next_path(body["next"], None), locale=str(get_locale()))
    return {"status": "sent",
            "message": _("If this address may sign in, a link is on its way. It is valid for 15 minutes.")}


@blp.route("/me", methods=["GET"])
@blp.response(200, UserSchema)
@access(Role.EMPLOYEE)
def me():
    """The signed-in caller."""
    return g.user


@blp.route("/me", methods=["PATCH"])
@blp.arguments(ProfileUpdateSchema)
@blp.response(200, UserSchema)
@access(Role.EMPLOYEE)
def update_me(body):
    """Change one's own name, language or time zone."""
    return profile.update_profile(g.user, **body)


@blp.route("/me/sessions", methods=["GET"])
@blp.response(200, SessionSchema(many=True))
@access(Role.EMPLOYEE)
def my_sessions():
    """The browsers where the caller is signed in."""
    current = getattr(g.user, "current_session_id", None)
    return [{"method": s.method, "created_at": s.created_at, "last_seen_at": s.last_seen_at,
             "current": s.id == current} for s in active_sessions(g.user)]


@blp.route("/tokens", methods=["GET"])
@blp.response(200, TokenSchema(many=True))
@access(Role.EMPLOYEE)
def list_tokens():
    """The caller's API tokens (their secrets are never shown again)."""
    return tokens.list_api_tokens(g.user)


@blp.route("/tokens", methods=["POST"])
@blp.arguments(TokenCreateSchema)
@blp.response(201, TokenCreatedSchema)
@access(Role.EMPLOYEE)
def create_token(body):
    """Create a token for the extension; the secret is in this answer only."""
    row, raw = tokens.create_api_token(g.user, body["name"])
    row.token = raw
    return row


@blp.route("/tokens/<int:token_id>", methods=["DELETE"])
@blp.response(204)
@access(Role.EMPLOYEE)
def revoke_token(token_id):
    """Revoke one of the caller's tokens; requests bearing it get 401 from now on."""
    tokens.revoke_api_token(g.user, token_id)
