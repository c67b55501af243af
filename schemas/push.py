"""Web push: a device's subscription as the browser's PushManager gives it, and whether push is on."""

from marshmallow import fields, validate

from schemas.common import BoundedInteger, Schema


class PushKeysSchema(Schema):
    p256dh = fields.String(required=True, validate=validate.Length(min=16, max=200))
    auth = fields.String(required=True, validate=validate.Length(min=8, max=100))


class PushSubscriptionSchema(Schema):
    """`PushSubscription.toJSON()`: the push service's address for the device and its encryption keys."""

    endpoint = fields.Url(required=True, schemes={"https"}, validate=validate.Length(max=2000),
                          metadata={"description": "The push service's address for this device (https)."})
    keys = fields.Nested(PushKeysSchema, required=True)
    expirationTime = fields.Raw(load_default=None, allow_none=True, load_only=True)


class PushEndpointSchema(Schema):
    endpoint = fields.Url(load_default=None, allow_none=True, schemes={"https"},
                          metadata={"description": "One device's address; none: every device of the caller."})


class PushKeySchema(Schema):
    public_key = fields.String(metadata={"description": "The server's VAPID public key (applicationServerKey)."})


class PushStatusSchema(Schema):
    devices = BoundedInteger(metadata={"description": "How many of the caller's devices get notifications."})
    this_device = fields.Boolean(metadata={"description": "Whether the device named in the request is one."})
