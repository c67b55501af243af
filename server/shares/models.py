"""The share pipeline's tables: shares, their per-network targets and history, connected accounts.

States are moved by `server/shares/lifecycle.py` only; see `server/shares/states.py` for what they mean.
"""

from peewee import BooleanField, CharField, CompositeKey, DateTimeField, ForeignKeyField, IntegerField, TextField

from server import networks
from server.auth.models import User
from server.crypto import EncryptedJSONField
from server.db import BaseModel, JSONField, utcnow
from server.library.models import Link
from server.shares.states import ShareState, TargetState

__all__ = ["ACTIVE", "RECONNECT", "ConnectedAccount", "InstanceApp", "Participant", "Share", "ShareEvent",
           "ShareState", "ShareTarget", "TargetState"]

ACTIVE, RECONNECT = "active", "reconnect"


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


class InstanceApp(BaseModel):
    """Our app as registered on one server of a network where each server is its own OAuth provider
    (Mastodon): once per (network, instance)."""

    network = CharField(max_length=20)
    instance = CharField(max_length=253)
    client_id = CharField(max_length=255)
    client_secret = EncryptedJSONField()
    pkce = BooleanField(null=True)
    created_at = DateTimeField(default=utcnow)

    class Meta:
        table_name = "instance_apps"
        primary_key = CompositeKey("network", "instance")


class ShareTarget(BaseModel):
    """One network of a share: how it is published, its tracked link and what the network answered."""

    share = ForeignKeyField(Share, on_delete="CASCADE", backref="targets")
    network = CharField(max_length=20)
    method = CharField(max_length=8)  # "intent" or "api"
    account = ForeignKeyField(ConnectedAccount, null=True, on_delete="SET NULL", backref="+")
    instance = CharField(max_length=253, null=True)  # the employee's own server, on networks that need one
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
    """Every transition of a share or of one of its targets (`target` set): who, when, why."""

    share = ForeignKeyField(Share, on_delete="CASCADE", backref="events")
    target = ForeignKeyField(ShareTarget, null=True, on_delete="CASCADE", backref="events")
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
    instances = JSONField(null=True)  # {network: host}: the servers the employee named, to offer them again

    class Meta:
        table_name = "participants"
