"""Shapes shared by every endpoint."""

from datetime import UTC

from marshmallow import Schema, fields, validate


class UTCDateTime(fields.DateTime):
    """Timestamps are stored as naive UTC; the API always says so (ISO 8601 with +00:00)."""

    def _serialize(self, value, attr, obj, **kwargs):
        if value is not None and value.tzinfo is None:
            value = value.replace(tzinfo=UTC)
        return super()._serialize(value, attr, obj, **kwargs)


class ErrorBodySchema(Schema):
    code = fields.String(required=True, metadata={"description": "Stable machine-readable code."})
    message = fields.String(required=True, metadata={"description": "Human-readable, in the caller's language."})
    fields = fields.Dict(keys=fields.String(), values=fields.Raw(),
                         metadata={"description": "Problems per field name."})


class ErrorSchema(Schema):
    error = fields.Nested(ErrorBodySchema, required=True)


class ListQuerySchema(Schema):
    limit = fields.Integer(load_default=50, validate=validate.Range(min=1, max=200),
                           metadata={"description": "At most 200."})
    offset = fields.Integer(load_default=0, validate=validate.Range(min=0))
