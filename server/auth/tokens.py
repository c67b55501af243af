"""API tokens for the extension: created by a signed-in user, shown once, stored as a SHA-256 hash,
listed and revocable; sent as `Authorization: Bearer pv_…`."""

import hashlib
import secrets
from datetime import timedelta

from flask_babel import lazy_gettext as _l

from server import audit
from server.auth.models import ApiToken, User
from server.db import database, utcnow
from server.errors import Conflict, NotFound

PREFIX = "pv_"
TOUCH_EVERY = timedelta(minutes=1)
MAX_ACTIVE_TOKENS = 20


def _digest(raw):
    return hashlib.sha256(raw.encode()).hexdigest()


def create_api_token(user, name):
    """Create a token; returns (row, raw token). The raw token is never stored nor shown again."""
    active = ApiToken.select().where(ApiToken.user == user, ApiToken.revoked_at.is_null()).count()
    if active >= MAX_ACTIVE_TOKENS:
        raise Conflict(_l("You have too many active tokens. Revoke one you no longer use."))
    raw = PREFIX + secrets.token_urlsafe(32)
    row = ApiToken.create(user=user, name=name.strip(), token_hash=_digest(raw), prefix=raw[:10])
    audit.record("token.create", actor=user, target=row, name=row.name)
    return row, raw


_LOOKUP_SENTINEL = "pv-token-hash"
_lookup_statements = {}


def _lookup_statement():
    """(SQL, parameters) of the token lookup, built once per kind of database: it runs on every API request,
    and building it (a join selecting every column of the user) cost more than running it."""
    backend = type(database.obj)
    statement = _lookup_statements.get(backend)
    if statement is None:
        query = (ApiToken.select(ApiToken.id, ApiToken.last_used_at, *User._meta.sorted_fields).join(User)
                 .where(ApiToken.token_hash == _LOOKUP_SENTINEL, ApiToken.revoked_at.is_null(),
                        User.active == True)  # noqa: E712 (SQL comparison)
                 .limit(1))
        statement = _lookup_statements[backend] = query.sql()
    return statement


def _owner(raw):
    """(token id, last use, user) of an active token of an active user, or None."""
    sql, template = _lookup_statement()
    params = [_digest(raw) if value == _LOOKUP_SENTINEL else value for value in template]
    row = database.execute_sql(sql, params).fetchone()
    if row is None:
        return None
    token_id, last_used_at, *values = row
    fields = User._meta.sorted_fields
    user = User(**{field.name: field.python_value(value) for field, value in zip(fields, values, strict=True)})
    user._dirty.clear()  # as read from the database: nothing to save
    return token_id, ApiToken.last_used_at.python_value(last_used_at), user


def authenticate_bearer(raw):
    """The active user owning this token, or None if it is unknown, revoked or the user is disabled."""
    if not raw.startswith(PREFIX) or len(raw) > 200:
        return None
    found = _owner(raw)
    if found is None:
        return None
    token_id, last_used_at, user = found
    now = utcnow()
    if last_used_at is None or now - last_used_at > TOUCH_EVERY:
        ApiToken.update(last_used_at=now).where(ApiToken.id == token_id).execute()
    return user


def list_api_tokens(user):
    """The user's tokens, active first, newest first."""
    return list(ApiToken.select().where(ApiToken.user == user)
                .order_by(ApiToken.revoked_at.is_null(False), ApiToken.created_at.desc(), ApiToken.id.desc()))


def revoke_api_token(user, token_id):
    """Revoke one of the user's own tokens (revoking twice is harmless)."""
    row = ApiToken.get_or_none(ApiToken.id == token_id, ApiToken.user == user)
    if row is None:
        raise NotFound(_l("No such token."))
    if row.revoked_at is None:
        row.revoked_at = utcnow()
        row.save()
        audit.record("token.revoke", actor=user, target=row)
    return row


def revoke_presented_token(user, raw):
    """Revoke the token `raw` itself, when `user` presents it (an extension disconnecting)."""
    row = ApiToken.get_or_none(ApiToken.token_hash == _digest(raw), ApiToken.user == user)
    if row is None:
        raise NotFound(_l("No such token."))
    return revoke_api_token(user, row.id)
