"""The audit log."""

from marshmallow import fields, validate

from schemas.common import BoundedInteger, Schema, UTCDateTime


class AuditEventSchema(Schema):
    id = BoundedInteger(dump_only=True)
    created_at = UTCDateTime(dump_only=True)
    actor_id = BoundedInteger(dump_only=True, allow_none=True, attribute="actor_id")
    action = fields.String(dump_only=True)
    target_type = fields.String(dump_only=True, allow_none=True)
    target_id = fields.String(dump_only=True, allow_none=True)
    details = fields.Dict(dump_only=True, allow_none=True)


class AuditQuerySchema(Schema):
    action = fields.String(load_default=None, validate=validate.Length(max=64))
    actor_id = BoundedInteger(load_default=None)
    limit = BoundedInteger(load_default=100, validate=validate.Range(min=1, max=500))
    before_id = BoundedInteger(load_default=None, metadata={"description": "Page backwards from this event."})
    after_id = BoundedInteger(load_default=None, metadata={"description": "Page forwards (newer) from this event."})
    family = fields.String(load_default=None, validate=validate.Length(max=32),
                           metadata={"description": "A family of actions (auth, people, moderation, …)."})
    since = fields.Date(load_default=None, metadata={"description": "From this day (UTC), included."})
    until = fields.Date(load_default=None, metadata={"description": "To this day (UTC), included."})
