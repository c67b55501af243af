"""Conversions, when the company wants them: its own site tells us that a visitor who came through a tracked
link signed up or applied, so that leads can be counted. No third-party tracker is involved.

With conversions enabled, the redirect adds `pv_ref=<token>` to the destination next to the UTM tags: a
token signed with the server's secret (itsdangerous), naming the tracked link's code — already public in the
post — and never a person. The company's page keeps it (a cookie of its own, a hidden form field) and, when
the visitor converts, calls `POST /api/v1/conversions` with the token and what happened. A token is accepted
for `TOKEN_DAYS` days after the click; a forged or altered one is refused.
"""

from flask import current_app
from itsdangerous import BadSignature, URLSafeTimedSerializer

from server.analytics.models import Conversion
from server.analytics.settings import analytics_settings
from server.db import utcnow
from server.errors import Forbidden, InvalidInput
from server.shares.models import ShareTarget

PARAMETER = "pv_ref"
TOKEN_DAYS = 30
KINDS = ("signup", "application", "lead", "purchase")
_SALT = "porte-voix.conversion"


def _serializer():
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt=_SALT)


def conversion_parameters(code):
    """The extra query parameters of a tracked link's destination ({} while conversions are off)."""
    if not analytics_settings()["conversions"]:
        return {}
    return {PARAMETER: _serializer().dumps(code)}


def record_conversion(token, kind):
    """Count a conversion reported by the company's site; returns it."""
    if not analytics_settings()["conversions"]:
        raise Forbidden()
    try:
        code = _serializer().loads(token, max_age=TOKEN_DAYS * 86_400)
    except BadSignature as exc:
        raise InvalidInput(fields={"token": ["This token is not valid."]}) from exc
    target = ShareTarget.get_or_none(ShareTarget.code == code)
    if target is None:
        raise InvalidInput(fields={"token": ["This token is not valid."]})
    now = utcnow()
    return Conversion.create(target=target, day=now.date(), kind=kind, created_at=now)
