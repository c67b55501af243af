"""Employees' rights over their data: see it, export it, delete it.

Each area registers what it keeps about a person with `@exporter("name")`, so the export stays complete
as areas are added; deleting the user removes their rows (ON DELETE CASCADE) and detaches what must stay
for the company's records (audit events keep the action, not the person).
"""

from flask_babel import lazy_gettext as _l

from server import audit
from server.audit import AuditEvent
from server.auth.models import ApiToken, LoginSession, MagicLink, User
from server.auth.roles import Role
from server.db import database, utcnow
from server.errors import Conflict

_exporters = {}


def exporter(name):
    """Register `fn(user) -> JSON-serialisable` as the part `name` of a user's export."""

    def register(fn):
        _exporters[name] = fn
        return fn

    return register


def _iso(value):
    return value.isoformat() + "Z" if value else None


@exporter("profile")
def _profile(user):
    return {"email": user.email, "name": user.name, "role": user.role,
            "department": user.department.name if user.department_id else None, "locale": user.locale,
            "timezone": user.timezone, "created_at": _iso(user.created_at),
            "last_login_at": _iso(user.last_login_at)}


@exporter("sessions")
def _sessions(user):
    return [{"method": s.method, "created_at": _iso(s.created_at), "last_seen_at": _iso(s.last_seen_at),
             "revoked_at": _iso(s.revoked_at)} for s in LoginSession.select().where(LoginSession.user == user)]


@exporter("api_tokens")
def _tokens(user):
    return [{"name": t.name, "prefix": t.prefix, "created_at": _iso(t.created_at),
             "last_used_at": _iso(t.last_used_at), "revoked_at": _iso(t.revoked_at)}
            for t in ApiToken.select().where(ApiToken.user == user)]


@exporter("activity")
def _activity(user):
    return [{"at": _iso(e.created_at), "action": e.action, "details": e.details}
            for e in AuditEvent.select().where(AuditEvent.actor == user).order_by(AuditEvent.id)]


def export_user_data(user):
    """Everything Porte-Voix keeps about `user`, as one JSON-serialisable document."""
    document = {"exported_at": _iso(utcnow()), "format": "porte-voix.export.v1"}
    for name, fn in _exporters.items():
        document[name] = fn(user)
    return document


def delete_user(user, actor):
    """Delete the account and the person's data; refuses to remove the last administrator."""
    if user.role == Role.ADMIN.value:
        others = User.select().where(User.role == Role.ADMIN.value, User.active == True,  # noqa: E712
                                     User.id != user.id).count()
        if not others:
            raise Conflict(_l("The last administrator cannot be deleted. Make someone else administrator first."))
    with database.atomic():
        MagicLink.delete().where(MagicLink.email == user.email).execute()
        deleted_id = user.id
        user.delete_instance()
        audit.record("user.delete", actor=actor if actor is not None and actor.id != deleted_id else None,
                     target=None, user_id=deleted_id)
