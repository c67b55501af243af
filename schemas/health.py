"""/healthz and /readyz."""

from marshmallow import fields

from schemas.common import BoundedInteger, Schema


class DatabaseHealthSchema(Schema):
    ok = fields.Boolean()
    backend = fields.String()
    migrations_pending = BoundedInteger()
    error = fields.String()


class QueueHealthSchema(Schema):
    ok = fields.Boolean()
    backend = fields.String()
    pending = BoundedInteger()
    scheduled = BoundedInteger()
    worker = fields.String()
    worker_last_seen_seconds = fields.Float(allow_none=True)
    error = fields.String()


class HealthSchema(Schema):
    status = fields.String(metadata={"enum": ["ok", "degraded", "down"]})
    version = fields.String()
    database = fields.Nested(DatabaseHealthSchema)
    jobs = fields.Nested(QueueHealthSchema)


class ReadinessSchema(Schema):
    """/readyz: whether this process can serve; `reason` says why not."""

    ready = fields.Boolean()
    reason = fields.String(metadata={"enum": ["database_unreachable", "migrations_pending"]})
