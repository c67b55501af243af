"""Sign-in by e-mailed magic link: itsdangerous-signed, valid 15 minutes, usable once.

The link names a random id (jti) recorded when it is sent; redeeming it marks that row used in one
conditional UPDATE, so two clicks racing each other cannot both sign in.
"""

import secrets
from datetime import timedelta

from flask import current_app, render_template
from flask_babel import force_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from itsdangerous import BadData, SignatureExpired, URLSafeTimedSerializer

from server import audit
from server.auth.models import MagicLink, User
from server.db import database, utcnow
from server.errors import DomainError
from server.mail import send_mail
from server.public_urls import external_url

VALIDITY = timedelta(minutes=15)
SALT = "porte-voix.magic-link"


class MagicLinkInvalid(DomainError):
    code = "magic_link_invalid"
    default_message = _l("This sign-in link is not valid. Ask for a new one below.")


class MagicLinkExpired(DomainError):
    code = "magic_link_expired"
    default_message = _l("This sign-in link has expired (links last 15 minutes). Ask for a new one below.")


class MagicLinkUsed(DomainError):
    code = "magic_link_used"
    default_message = _l("This sign-in link has already been used. Ask for a new one below.")


def _serializer():
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt=SALT)


def normalise_email(email):
    return email.strip().lower()


def may_sign_up(email):
    """Whether an unknown address belongs to a domain allowed to create accounts (PV_SIGNUP_DOMAINS)."""
    domain = email.rpartition("@")[2]
    return domain in {d.lower() for d in current_app.config["SIGNUP_DOMAINS"]}


def request_magic_link(email, next_path=None, locale=None):
    """E-mail a sign-in link if the address may sign in; says nothing either way (no account probing).

    Returns the link (for logs and tests) or None when no e-mail was sent.
    """
    email = normalise_email(email)
    user = User.get_or_none(User.email == email)
    if (user is None and not may_sign_up(email)) or (user is not None and not user.active):
        return None
    jti = secrets.token_hex(16)
    now = utcnow()
    MagicLink.create(jti=jti, email=email, created_at=now, expires_at=now + VALIDITY)
    token = _serializer().dumps({"j": jti, "e": email, "n": next_path})
    link = external_url("auth.magic_link", token=token)
    with force_locale((user.locale if user else None) or locale or current_app.config["DEFAULT_LOCALE"]):
        subject = _("Your Porte-Voix sign-in link")
        text = render_template("auth/email/magic_link.txt", link=link, minutes=15,
                               name=user.name if user else None)
    send_mail(email, subject, text)
    return link


def _read(token):
    try:
        data = _serializer().loads(token, max_age=int(VALIDITY.total_seconds()))
    except SignatureExpired as exc:
        raise MagicLinkExpired() from exc
    except BadData as exc:
        raise MagicLinkInvalid() from exc
    if not isinstance(data, dict) or not isinstance(data.get("j"), str) or not isinstance(data.get("e"), str):
        raise MagicLinkInvalid()
    return data


def peek_magic_link(token):
    """Check a link without using it (the confirmation page); raises the reason it cannot be used."""
    data = _read(token)
    row = MagicLink.get_or_none(MagicLink.jti == data["j"])
    if row is None:
        raise MagicLinkInvalid()
    if row.used_at is not None:
        raise MagicLinkUsed()
    return data


def redeem_magic_link(token):
    """Use a link once; returns (user, next path). Creates the account on first use when allowed."""
    data = _read(token)
    with database.atomic():
        claimed = (MagicLink.update(used_at=utcnow())
                   .where(MagicLink.jti == data["j"], MagicLink.email == data["e"], MagicLink.used_at.is_null(),
                          MagicLink.expires_at > utcnow())
                   .execute())
        if claimed != 1:
            row = MagicLink.get_or_none(MagicLink.jti == data["j"])
            if row is None:
                raise MagicLinkInvalid()
            raise MagicLinkUsed() if row.used_at is not None else MagicLinkExpired()
        user = User.get_or_none(User.email == data["e"])
        if user is None:
            if not may_sign_up(data["e"]):
                raise MagicLinkInvalid()
            user = User.create(email=data["e"], name=data["e"].partition("@")[0])
            audit.record("user.create", actor=user, target=user, via="magic_link")
        if not user.active:
            raise MagicLinkInvalid()
    return user, data.get("n")
