"""The audit log: who did what, when. No IP addresses, no message bodies."""

import operator
from functools import reduce

from peewee import JOIN, CharField, DateTimeField, ForeignKeyField

from server.auth.models import User
from server.db import BaseModel, JSONField, utcnow


class AuditEvent(BaseModel):
    created_at = DateTimeField(default=utcnow, index=True)
    actor = ForeignKeyField(User, null=True, on_delete="SET NULL", backref="audit_events")
    action = CharField(max_length=64, index=True)
    target_type = CharField(max_length=32, null=True)
    target_id = CharField(max_length=64, null=True)
    details = JSONField(null=True)

    class Meta:
        table_name = "audit_events"


def record(action, actor=None, target=None, **details):
    """Append an event; `target` is a model instance (its table and id are kept) or None."""
    return AuditEvent.create(
        action=action,
        actor=actor,
        target_type=target._meta.table_name if target is not None else None,
        target_id=str(target.get_id()) if target is not None else None,
        details=details or None,
    )


def recent_events(action=None, actor_id=None, limit=100, before_id=None, after_id=None, prefixes=(), since=None,
                  until=None):
    """Events newest first, filtered by action (or action `prefixes`), actor and time (`since` included,
    `until` excluded); page backwards with `before_id`, forwards (newer) with `after_id`."""
    events = AuditEvent.select(AuditEvent, User).join(User, JOIN.LEFT_OUTER)
    if action:
        events = events.where(AuditEvent.action == action)
    if prefixes:
        events = events.where(reduce(operator.or_, (AuditEvent.action.startswith(p) for p in prefixes)))
    if actor_id:
        events = events.where(AuditEvent.actor == actor_id)
    if since:
        events = events.where(AuditEvent.created_at >= since)
    if until:
        events = events.where(AuditEvent.created_at < until)
    if before_id:
        events = events.where(AuditEvent.id < before_id)
    if after_id:
        newer = list(events.where(AuditEvent.id > after_id).order_by(AuditEvent.id.asc()).limit(limit))
        return newer[::-1]
    return list(events.order_by(AuditEvent.id.desc()).limit(limit))


def actors():
    """The people who appear in the log, by name (for the page's filter)."""
    ids = AuditEvent.select(AuditEvent.actor).where(AuditEvent.actor.is_null(False)).distinct()
    return list(User.select(User.id, User.name).where(User.id.in_(ids)).order_by(User.name))
