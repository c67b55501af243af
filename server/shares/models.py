"""The share pipeline's tables: shares, their per-network targets and history, connected accounts."""

from peewee import BooleanField, CharField, DateTimeField, ForeignKeyField, IntegerField, TextField

from server import networks
from server.auth.models import User
from server.crypto import EncryptedJSONField
from server.db import BaseModel, JSONField, utcnow
from server.library.models import Link

ACTIVE, RECONNECT = "active", "reconnect"


class ShareState:
    """draft → checked → pending_review → approved → publishing → published; or rejected, failed, cancelled."""

    DRAFT = "draft"
    CHECKED = "checked"
    PENDING_REVIEW = "pending_review"
    APPROVED = "approved"
    PUBLISHING = "publishing"
    PUBLISHED = "published"
    REJECTED = "rejected"
    FAILED = "failed"
    CANCELLED = "cancelled"
    ALL = (DRAFT, CHECKED, PENDING_REVIEW, APPROVED, PUBLISHING, PUBLISHED, REJECTED, FAILED, CANCELLED)
    # States from which an employee may still cancel (nothing has been handed to a network yet).
    CANCELLABLE = (DRAFT, CHECKED, PENDING_REVIEW, APPROVED, REJECTED)
    # Shares that went out or are on their way: they count as shared (suggestions, daily caps).
    UNDER_WAY = (PENDING_REVIEW, APPROVED, PUBLISHING, PUBLISHED)
    EDITABLE = (DRAFT, REJECTED)


class TargetState:
    WAITING = "waiting"        # approved, an API post is due (now or at the scheduled time)
    PUBLISHING = "publishing"  # a post request may be in flight
    PUBLISHED = "published"    # posted through the API, or the composer's URL handed to the employee
    FAILED = "failed"
    CANCELLED = "cancelled"
    HELD = "held"              # the share is not approved yet (review, draft)
    OPEN = (HELD, WAITING, PUBLISHING)


class Share(BaseModel):
    user = ForeignKeyField(User, on_delete="CASCADE", backref="shares")
    link = ForeignKeyField(Link, on_delete="CASCADE", backref="shares")
    text = TextField()
    language = CharField(max_length=35, null=True)
    state = CharField(max_length=16, default=ShareState.DRAFT, index=True)
    verdict = CharField(max_length=8, null=True)
    findings = JSONField(null=True)
    charter_version = IntegerField(null=True)
    suggested = TextField(null=True)
    source = CharField(max_length=16, default="portal")
    idempotency_key = CharField(max_length=100)
    request_fingerprint = CharField(max_length=64)
    scheduled_for = DateTimeField(null=True)
    review_reason = TextField(null=True)
    reviewed_by = ForeignKeyField(User, null=True, on_delete="SET NULL", backref="+")
    reviewed_at = DateTimeField(null=True)
    created_at = DateTimeField(default=utcnow, index=True)
    updated_at = DateTimeField(default=utcnow)
    published_at = DateTimeField(null=True)

    class Meta:
        table_name = "shares"
        indexes = ((("user", "idempotency_key"), True), (("user", "link"), False),
                   (("state", "scheduled_for"), False))


class ConnectedAccount(BaseModel):
    user = ForeignKeyField(User, on_delete="CASCADE", backref="connected_accounts")
    network = CharField(max_length=20)
    instance = CharField(max_length=253, null=True)
    account_id = CharField(max_length=255, null=True)
    account_name = CharField(max_length=255, null=True)
    token = EncryptedJSONField()
    expires_at = DateTimeField(null=True)
    status = CharField(max_length=12, default=ACTIVE)
    status_reason = CharField(max_length=500, null=True)
    connected_at = DateTimeField(default=utcnow)
    refreshed_at = DateTimeField(null=True)
    last_used_at = DateTimeField(null=True)
    expiry_warned_at = DateTimeField(null=True)

    class Meta:
        table_name = "connected_accounts"
        indexes = ((("user", "network"), True),)

    @property
    def network_module(self):
        return networks.get(self.network)


class MastodonApp(BaseModel):
    """Our app as registered on one Mastodon instance (once per instance)."""

    instance = CharField(max_length=253, primary_key=True)
    client_id = CharField(max_length=255)
    client_secret = EncryptedJSONField()
    pkce = BooleanField(null=True)
    created_at = DateTimeField(default=utcnow)

    class Meta:
        table_name = "mastodon_apps"


class ShareTarget(BaseModel):
    """One network of a share: how it is published, its tracked link and what the network answered."""

    share = ForeignKeyField(Share, on_delete="CASCADE", backref="targets")
    network = CharField(max_length=20)
    method = CharField(max_length=8)  # "intent" or "api"
    account = ForeignKeyField(ConnectedAccount, null=True, on_delete="SET NULL", backref="+")
    instance = CharField(max_length=253, null=True)  # Mastodon intents: the employee's server
    code = CharField(max_length=16, unique=True)      # the tracked link /s/<code>
    state = CharField(max_length=12, default=TargetState.HELD)
    link_url = TextField(null=True)    # the tracked link as written in the post (fixed at release)
    posted_text = TextField(null=True)
    intent_url = TextField(null=True)
    copy_text = TextField(null=True)
    opened_at = DateTimeField(null=True)
    external_id = CharField(max_length=255, null=True)
    external_url = TextField(null=True)
    error_code = CharField(max_length=40, null=True)
    error_message = TextField(null=True)
    attempts = IntegerField(default=0)
    attempt_started_at = DateTimeField(null=True)
    next_attempt_at = DateTimeField(null=True)
    published_at = DateTimeField(null=True)

    class Meta:
        table_name = "share_targets"
        indexes = ((("share", "network"), True), (("state", "next_attempt_at"), False))

    @property
    def network_module(self):
        return networks.get(self.network)


class ShareEvent(BaseModel):
    """Every transition of a share: who, when, why."""

    share = ForeignKeyField(Share, on_delete="CASCADE", backref="events")
    at = DateTimeField(default=utcnow)
    actor = ForeignKeyField(User, null=True, on_delete="SET NULL", backref="+")
    from_state = CharField(max_length=16, null=True)
    to_state = CharField(max_length=16)
    note = TextField(null=True)
    details = JSONField(null=True)

    class Meta:
        table_name = "share_events"


class Participant(BaseModel):
    """An employee who chose to take part (participation is voluntary), and what they like to reuse."""

    user = ForeignKeyField(User, primary_key=True, on_delete="CASCADE", backref="+")
    opted_in_at = DateTimeField(default=utcnow)
    mastodon_instance = CharField(max_length=253, null=True)

    class Meta:
        table_name = "participants"
