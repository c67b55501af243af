"""Browser sessions: a random id in a signed, HttpOnly, SameSite=Lax cookie; its hash in the database,
so that signing out (or an admin disabling an account) ends the session everywhere."""

import hashlib
import secrets
from datetime import timedelta

from flask import current_app, session

from server import audit
from server.auth.models import LoginSession, User
from server.db import utcnow

SESSION_KEY = "sid"
TOUCH_EVERY = timedelta(minutes=5)


def _digest(raw):
    return hashlib.sha256(raw.encode()).hexdigest()


def _lifetime():
    return timedelta(days=current_app.config["SESSION_DAYS"])


def sign_in(user, method):
    """Start a session for `user` in this browser and return it.

    The cookie's previous content is dropped (a new CSRF token too) so a session fixed before sign-in
    cannot be reused; only the visitor's language choice survives, and it becomes the person's language:
    what they chose on the sign-in page is what they read once signed in (the profile's older setting
    would otherwise win, `server/i18n.py`).
    """
    raw = secrets.token_urlsafe(32)
    now = utcnow()
    row = LoginSession.create(id=_digest(raw), user=user, method=method, created_at=now, last_seen_at=now,
                              expires_at=now + _lifetime())
    locale = session.get("locale")
    session.clear()
    if locale:
        session["locale"] = locale
    session[SESSION_KEY] = raw
    session.permanent = True
    chosen = {User.locale: locale} if locale else {}
    User.update({User.last_login_at: now, **chosen}).where(User.id == user.id).execute()
    if locale:
        user.locale = locale
    audit.record("auth.sign_in", actor=user, method=method)
    return row


def session_user():
    """The user of this browser's session, or None when absent, expired, revoked or disabled."""
    raw = session.get(SESSION_KEY)
    if not raw or not isinstance(raw, str):
        return None
    now = utcnow()
    row = (LoginSession.select(LoginSession, User).join(User)
           .where(LoginSession.id == _digest(raw), LoginSession.revoked_at.is_null(),
                  LoginSession.expires_at > now, User.active == True)  # noqa: E712 (SQL comparison)
           .first())
    if row is None:
        session.pop(SESSION_KEY, None)
        return None
    if now - row.last_seen_at > TOUCH_EVERY:
        LoginSession.update(last_seen_at=now, expires_at=now + _lifetime()).where(
            LoginSession.id == row.id).execute()
    user = row.user
    user.current_session_id = row.id
    return user


def sign_out():
    """End this browser's session."""
    raw = session.get(SESSION_KEY)
    if raw:
        LoginSession.update(revoked_at=utcnow()).where(LoginSession.id == _digest(raw)).execute()
    locale = session.get("locale")
    session.clear()
    if locale:
        session["locale"] = locale


def active_sessions(user):
    """The user's sessions still valid, newest first."""
    return list(LoginSession.select().where(LoginSession.user == user, LoginSession.revoked_at.is_null(),
                                            LoginSession.expires_at > utcnow())
                .order_by(LoginSession.last_seen_at.desc()))


def revoke_sessions(user, keep=None):
    """End every session of `user` except `keep` (an id); returns how many ended."""
    query = LoginSession.update(revoked_at=utcnow()).where(LoginSession.user == user,
                                                           LoginSession.revoked_at.is_null())
    if keep:
        query = query.where(LoginSession.id != keep)
    return query.execute()
