"""/healthz and /readyz."""

from marshmallow import Schema, fields


class DatabaseHealthSchema(Schema):
    ok = fields.Boolean()
    backend = fields.String()
    migrations_pending = fields.Integer()
    error = fields.String()


class QueueHealthSchema(Schema):
    ok = fields.Boolean()
    backend = fields.String()
    pending = fields.Integer()
    scheduled = fields.Integer()
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
