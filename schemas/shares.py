"""Sharing: connected accounts, shares, reviews."""

from flask_babel import lazy_gettext as _l
from marshmallow import fields, validate

from schemas.common import BoundedInteger, Schema, UTCDateTime
from server.networks import NETWORKS
from server.shares.states import ShareState, TargetState


class InstanceConnectSchema(Schema):
    """Connecting on a network where each server is its own (Mastodon): the employee's server."""

    instance = fields.String(required=True, validate=validate.Length(min=3, max=253),
                             metadata={"description": "The employee's server, e.g. mastodon.social."})


class AppPasswordConnectSchema(Schema):
    """Connecting with an app password (Bluesky)."""

    identifier = fields.String(required=True, validate=validate.Length(min=3, max=253),
                               metadata={"description": "Handle (name.bsky.social) or e-mail."})
    app_password = fields.String(required=True, load_only=True, validate=validate.Length(min=4, max=100))


class ConnectedAccountSchema(Schema):
    id = BoundedInteger(dump_only=True)
    network = fields.String(dump_only=True)
    instance = fields.String(dump_only=True, allow_none=True)
    account_name = fields.String(dump_only=True, allow_none=True)
    status = fields.String(dump_only=True, metadata={"enum": ["active", "reconnect"]})
    status_reason = fields.String(dump_only=True, allow_none=True)
    connected_at = UTCDateTime(dump_only=True)
    expires_at = UTCDateTime(dump_only=True, allow_none=True)


class TargetRequestSchema(Schema):
    network = fields.String(required=True, validate=validate.OneOf(list(NETWORKS)))
    method = fields.String(load_default="intent", validate=validate.OneOf(["intent", "api"]),
                           metadata={"description": "intent: the network's composer opens (no account needed); "
                                                    "api: posted through the connected account."})
    instance = fields.String(load_default=None, validate=validate.Length(max=253), metadata={
        "description": "The employee's own server, for a composer on a network that needs one (needs_instance in "
                       "/networks, e.g. Mastodon); default: the one they named last time."})


# A header, not a body field: a client retrying after a lost answer resends the very same request.
IDEMPOTENCY_KEY_HEADER = {
    "in": "header", "name": "Idempotency-Key", "required": True, "schema": {"type": "string", "minLength": 1,
                                                                             "maxLength": 100},
    "description": "New for each share; repeating a request with the same key returns the same share."}


class ShareCreateSchema(Schema):
    link_id = BoundedInteger(required=True)
    text = fields.String(required=True, validate=validate.Length(min=1, max=10_000, error=_l("Write your text.")))
    targets = fields.List(fields.Nested(TargetRequestSchema), required=True,
                          validate=validate.Length(min=1, max=13, error=_l("Choose at least one network.")))
    scheduled_for = fields.AwareDateTime(load_default=None, metadata={
        "description": "Publish later (ISO 8601 with its offset); posts through connected accounts only."})
    suggested = fields.String(load_default=None, validate=validate.Length(max=10_000),
                              metadata={"description": "The caption idea shown, if any (for the originality rule)."})
    language = fields.String(load_default=None, validate=validate.Length(max=35))
    source = fields.String(load_default="api", validate=validate.OneOf(["portal", "widget", "extension", "digest",
                                                                        "api"]))
    draft = fields.Boolean(load_default=False, metadata={"description": "Save for later instead of sharing now."})


class ShareResubmitSchema(Schema):
    text = fields.String(required=True, validate=validate.Length(min=1, max=10_000))


class ReviewRejectSchema(Schema):
    reason = fields.String(required=True, validate=validate.Length(min=1, max=2000))


class ReviewApproveSchema(Schema):
    note = fields.String(load_default=None, validate=validate.Length(max=2000))


class ReviewQuerySchema(Schema):
    campaign_id = BoundedInteger(load_default=None)
    rule = fields.String(load_default=None, validate=validate.Length(max=40))


class ShareQuerySchema(Schema):
    state = fields.String(load_default=None, validate=validate.OneOf(ShareState.ALL))
    limit = BoundedInteger(load_default=50, validate=validate.Range(min=1, max=200))
    offset = BoundedInteger(load_default=0, validate=validate.Range(min=0))


class LinkBriefSchema(Schema):
    id = BoundedInteger()
    url = fields.String()
    title = fields.String(allow_none=True)
    image_url = fields.String(allow_none=True)


class TargetSchema(Schema):
    network = fields.String()
    method = fields.String()
    state = fields.String(metadata={"enum": list(TargetState.ALL), "description": (
        "Intents: held → ready (the composer's address is ready) → opened (the employee opened it; what they "
        "post there is theirs to see). Connected accounts: held → waiting → publishing → posted.")})
    tracked_url = fields.String()
    posted_text = fields.String(allow_none=True)
    intent_url = fields.String(allow_none=True)
    copy_text = fields.String(allow_none=True, metadata={"description": "Copy this to the clipboard: the "
                                                                          "network's composer cannot receive it."})
    opened_at = UTCDateTime(allow_none=True)
    external_url = fields.String(allow_none=True)
    error_code = fields.String(allow_none=True)
    error_message = fields.String(allow_none=True, metadata={"description": "The network's own words, if any."})
    failure = fields.String(allow_none=True, metadata={"description": "Why it failed, for the employee."})
    next_attempt_at = UTCDateTime(allow_none=True)
    published_at = UTCDateTime(allow_none=True)
    clicks = BoundedInteger()
    visitors = BoundedInteger()


class ShareEventSchema(Schema):
    at = UTCDateTime()
    actor_id = BoundedInteger(allow_none=True)
    actor_name = fields.String(allow_none=True, metadata={"description": "Who made the move (a reviewer, say)."})
    network = fields.String(allow_none=True, metadata={"description": "Set when the move is one network's."})
    from_state = fields.String(allow_none=True)
    to_state = fields.String()
    note = fields.String(allow_none=True)


class ShareSchema(Schema):
    id = BoundedInteger()
    link = fields.Nested(LinkBriefSchema)
    text = fields.String()
    state = fields.String(metadata={"enum": list(ShareState.ALL)})
    verdict = fields.String(allow_none=True)
    findings = fields.List(fields.Dict(), allow_none=True)
    charter_version = BoundedInteger(allow_none=True)
    scheduled_for = UTCDateTime(allow_none=True)
    review_reason = fields.String(allow_none=True)
    source = fields.String()
    created_at = UTCDateTime()
    published_at = UTCDateTime(allow_none=True)
    targets = fields.List(fields.Nested(TargetSchema))
    events = fields.List(fields.Nested(ShareEventSchema))


class ReviewItemSchema(ShareSchema):
    author = fields.Nested(Schema.from_dict({"id": BoundedInteger(), "name": fields.String(),
                                             "department": fields.String(allow_none=True)}))
    campaign = fields.String(allow_none=True)
    own = fields.Boolean(metadata={"description": "The reviewer's own share: someone else approves it."})


class NetworkSchema(Schema):
    name = fields.String()
    label = fields.String()
    prefills_text = fields.Boolean()
    needs_instance = fields.Boolean()
    posts_directly = fields.Boolean()
    length = fields.Dict(allow_none=True)
    account = fields.Nested(ConnectedAccountSchema, allow_none=True)


class ParticipationSchema(Schema):
    participating = fields.Boolean()
    opted_in_at = UTCDateTime(allow_none=True)
    instances = fields.Dict(keys=fields.String(), values=fields.String(), metadata={
        "description": "The servers the employee named, by network, offered again next time."})
