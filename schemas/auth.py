"""Signing in and API tokens."""

from marshmallow import fields, pre_load, validate

from schemas.common import BoundedInteger, Name, Schema, UTCDateTime


class MagicLinkRequestSchema(Schema):
    email = fields.Email(required=True, validate=validate.Length(max=254))
    next = fields.String(load_default=None, validate=validate.Length(max=500))

    @pre_load
    def strip_email(self, data, **_kwargs):
        # Addresses pasted from a mail client often carry spaces around them.
        if isinstance(data, dict) and isinstance(data.get("email"), str):
            data = {**data, "email": data["email"].strip()}
        return data


class MagicLinkRequestedSchema(Schema):
    status = fields.String(dump_default="sent")
    message = fields.String()


class TokenCreateSchema(Schema):
    name = Name(required=True, validate=validate.Length(min=1, max=80),
                         metadata={"description": "Where the token is used, e.g. 'Firefox on my laptop'."})


class TokenSchema(Schema):
    id = BoundedInteger(dump_only=True)
    name = fields.String(dump_only=True)
    prefix = fields.String(dump_only=True, metadata={"description": "First characters, to recognise it."})
    created_at = UTCDateTime(dump_only=True)
    last_used_at = UTCDateTime(dump_only=True, allow_none=True)
    revoked_at = UTCDateTime(dump_only=True, allow_none=True)


class TokenCreatedSchema(TokenSchema):
    token = fields.String(dump_only=True, metadata={"description": "The secret itself, shown this once only."})


class SessionSchema(Schema):
    method = fields.String(dump_only=True)
    created_at = UTCDateTime(dump_only=True)
    last_seen_at = UTCDateTime(dump_only=True)
    current = fields.Boolean(dump_only=True)
