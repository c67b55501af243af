"""Signed links in e-mails: each is single-purpose (its own itsdangerous salt), names the one person it
was written for, and, except unsubscribing, expires.

- Share (`share_token`): opens the compose page on one link for one person, 14 days. It never posts:
  it only leads to the page where the employee writes and checks their words.
- Unsubscribe (`unsubscribe_token`): turns digests off without signing in (RFC 8058 one-click). It does
  not expire, since a mail client may offer it on a digest read months later; all it can do is stop mail.
- Subscribe (`subscribe_token`): the programme's one invitation to receive the weekly digest, 30 days.
- Recruiting (`invitation_token`): opens a recruiting invitation (marks it opened), 60 days.

A signature from one purpose never validates for another, since each salt derives its own key.
"""

from flask import current_app
from flask_babel import lazy_gettext as _l
from itsdangerous import BadData, SignatureExpired, URLSafeTimedSerializer

from server.errors import DomainError

SHARE_DAYS, SUBSCRIBE_DAYS, INVITATION_DAYS = 14, 30, 60
_SALTS = {"share": "pv-digest-share", "unsubscribe": "pv-digest-unsubscribe", "subscribe": "pv-digest-subscribe",
          "invitation": "pv-recruiting-invitation"}
_MAX_AGE = {"share": SHARE_DAYS * 86400, "unsubscribe": None, "subscribe": SUBSCRIBE_DAYS * 86400,
            "invitation": INVITATION_DAYS * 86400}


class SignedLinkInvalid(DomainError):
    status = 400
    code = "signed_link_invalid"
    default_message = _l("This link is not valid. Copy it again from the e-mail, in full.")


class SignedLinkExpired(DomainError):
    status = 410
    code = "signed_link_expired"
    default_message = _l("This link has expired.")


def _serializer(purpose):
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt=_SALTS[purpose])


def _sign(purpose, payload):
    return _serializer(purpose).dumps(payload)


def _read(purpose, token, max_age=None):
    try:
        payload = _serializer(purpose).loads(token, max_age=max_age or _MAX_AGE[purpose])
    except SignatureExpired as exc:
        raise SignedLinkExpired() from exc
    except BadData as exc:
        raise SignedLinkInvalid() from exc
    if not isinstance(payload, dict) or not isinstance(payload.get("u"), int):
        raise SignedLinkInvalid()
    return payload


def share_token(user_id, link_id):
    """A token that opens the compose page on `link_id`, for `user_id` only."""
    return _sign("share", {"u": user_id, "l": link_id})


def read_share_token(token, max_age=None):
    """(user id, link id) of a share token; raises SignedLinkInvalid or SignedLinkExpired."""
    payload = _read("share", token, max_age)
    if not isinstance(payload.get("l"), int):
        raise SignedLinkInvalid()
    return payload["u"], payload["l"]


def unsubscribe_token(user_id):
    """A token that turns `user_id`'s digests off."""
    return _sign("unsubscribe", {"u": user_id})


def read_unsubscribe_token(token):
    return _read("unsubscribe", token)["u"]


def subscribe_token(user_id):
    """A token that subscribes `user_id` to the weekly digest (the programme's invitation)."""
    return _sign("subscribe", {"u": user_id})


def read_subscribe_token(token):
    return _read("subscribe", token)["u"]


def invitation_token(user_id, invitation_id):
    """A token that opens recruiting invitation `invitation_id`, written for `user_id`."""
    return _sign("invitation", {"u": user_id, "i": invitation_id})


def read_invitation_token(token):
    """(user id, invitation id) of an invitation token."""
    payload = _read("invitation", token)
    if not isinstance(payload.get("i"), int):
        raise SignedLinkInvalid()
    return payload["u"], payload["i"]
