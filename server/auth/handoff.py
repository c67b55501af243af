"""Handing a sign-in from a popup window to the share button's frame: a token valid 2 minutes, usable once.

An employee signs in (magic link, single sign-on) in a popup window, a first-party page where the site's
own cookie works. The popup then posts a token to the frame that opened it (postMessage to its own origin
only), and the frame redeems it for a session of its own (`server/auth/session_cookies.py`). The token is
signed with itsdangerous and names a single-use row, like a magic link's (the same table: both are
one-time sign-in tokens), so a token seen twice signs in once.
"""

import secrets
from datetime import timedelta

from flask import current_app
from flask_babel import lazy_gettext as _l
from itsdangerous import BadData, URLSafeTimedSerializer

from server.auth.models import MagicLink, User
from server.db import database, utcnow
from server.errors import DomainError

VALIDITY = timedelta(minutes=2)
SALT = "porte-voix.embed-handoff"


class HandoffInvalid(DomainError):
    code = "sign_in_handoff_invalid"
    default_message = _l("This sign-in could not be completed. Please sign in again.")


def _serializer():
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt=SALT)


def issue_handoff(user):
    """A one-time token that signs `user` in where it is redeemed, within 2 minutes."""
    jti = secrets.token_hex(16)
    now = utcnow()
    MagicLink.create(jti=jti, email=user.email, created_at=now, expires_at=now + VALIDITY)
    return _serializer().dumps({"j": jti, "u": user.id})


def redeem_handoff(token):
    """The user a token signs in (once); raises HandoffInvalid for a forged, expired or spent token."""
    try:
        data = _serializer().loads(token or "", max_age=int(VALIDITY.total_seconds()))
    except BadData as exc:
        raise HandoffInvalid() from exc
    if not isinstance(data, dict) or not isinstance(data.get("j"), str) or not isinstance(data.get("u"), int):
        raise HandoffInvalid()
    with database.atomic():
        user = User.get_or_none(User.id == data["u"], User.active == True)  # noqa: E712 (SQL comparison)
        if user is None:
            raise HandoffInvalid()
        claimed = (MagicLink.update(used_at=utcnow())
                   .where(MagicLink.jti == data["j"], MagicLink.email == user.email, MagicLink.used_at.is_null(),
                          MagicLink.expires_at > utcnow())
                   .execute())
        if claimed != 1:
            raise HandoffInvalid()
    return user
