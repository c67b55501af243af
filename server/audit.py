"""The audit log: who did what, when. No IP addresses, no message bodies."""

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


def recent_events(action=None, actor_id=None, limit=100, before_id=None):
    """Events newest first, filtered by action and actor; page backwards with `before_id`."""
    events = AuditEvent.select(AuditEvent, User).join(User, JOIN.LEFT_OUTER)
    if action:
        events = events.where(AuditEvent.action == action)
    if actor_id:
        events = events.where(AuditEvent.actor == actor_id)
    if before_id:
        events = events.where(AuditEvent.id < before_id)
    return list(events.order_by(AuditEvent.id.desc()).limit(limit))
