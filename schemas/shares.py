"""Sharing: connected accounts, shares, reviews."""

from marshmallow import Schema, fields, validate

from schemas.common import UTCDateTime


class MastodonConnectSchema(Schema):
    instance = fields.String(required=True, validate=validate.Length(min=3, max=253),
                             metadata={"description": "The employee's server, e.g. mastodon.social."})


class BlueskyConnectSchema(Schema):
    identifier = fields.String(required=True, validate=validate.Length(min=3, max=253),
                               metadata={"description": "Handle (name.bsky.social) or e-mail."})
    app_password = fields.String(required=True, load_only=True, validate=validate.Length(min=4, max=100))


class ConnectedAccountSchema(Schema):
    id = fields.Integer(dump_only=True)
    network = fields.String(dump_only=True)
    instance = fields.String(dump_only=True, allow_none=True)
    account_name = fields.String(dump_only=True, allow_none=True)
    status = fields.String(dump_only=True, metadata={"enum": ["active", "reconnect"]})
    status_reason = fields.String(dump_only=True, allow_none=True)
    connected_at = UTCDateTime(dump_only=True)
    expires_at = UTCDateTime(dump_only=True, allow_none=True)
