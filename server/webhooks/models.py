"""Where the server tells other tools what happens: chat channels and signed webhook endpoints, and the
persistent queue of what it sends them.

One table holds every destination (`kind`: a Slack incoming webhook, a Teams Workflows webhook, or a signed
endpoint of the company's own tools), so that the queue, the retries, the attempt log, the test button and
the disabling after repeated failures are the same for all. Addresses and signing secrets are encrypted at
rest (`server/crypto.py`); `url_hint` is what pages show instead (the host and the last characters).
"""

from peewee import BooleanField, CharField, DateTimeField, ForeignKeyField, IntegerField, TextField

from server.auth.models import User
from server.crypto import EncryptedJSONField
from server.db import BaseModel, JSONField, utcnow


class EndpointKind:
    SLACK = "slack_channel"  # a Slack incoming webhook: Block Kit messages
    TEAMS = "teams_channel"  # a Microsoft Teams Workflows webhook: Adaptive Cards
    SIGNED = "signed"        # the company's own tools: JSON events signed as Standard Webhooks says
    ALL = (SLACK, TEAMS, SIGNED)
    CHAT = (SLACK, TEAMS)


class DeliveryState:
    PENDING = "pending"      # due at `next_attempt_at` (now, or after a failed attempt)
    DELIVERED = "delivered"  # answered with a 2xx status
    FAILED = "failed"        # every attempt of the schedule failed, or the answer said it never will succeed
    ALL = (PENDING, DELIVERED, FAILED)


class WebhookEndpoint(BaseModel):
    kind = CharField(max_length=16)
    name = CharField(max_length=120)
    url = EncryptedJSONField()
    url_hint = CharField(max_length=200)
    secret = EncryptedJSONField(null=True)  # signed endpoints only: "whsec_" + base64 of 24 random bytes
    previous_secret = EncryptedJSONField(null=True)  # after a renewal, still signs until the time below
    previous_secret_until = DateTimeField(null=True)
    events = JSONField()
    language = CharField(max_length=5)
    internal_host = BooleanField(default=False)  # the administrator allowed this (non-public) host
    active = BooleanField(default=True)
    failures = IntegerField(default=0)  # failed attempts in a row
    disabled_at = DateTimeField(null=True)
    disabled_reason = CharField(max_length=300, null=True)
    created_by = ForeignKeyField(User, null=True, on_delete="SET NULL")
    created_at = DateTimeField(default=utcnow)
    updated_at = DateTimeField(default=utcnow)

    class Meta:
        table_name = "webhook_endpoints"

    @property
    def is_chat(self):
        return self.kind in EndpointKind.CHAT

    def signing_secrets(self, now):
        """The secrets a delivery is signed with at `now`: the current one, and the previous one for a day
        after a renewal (so the receiving tool can be switched over without losing a delivery)."""
        if self.previous_secret and self.previous_secret_until and now < self.previous_secret_until:
            return [self.secret, self.previous_secret]
        return [self.secret]


class WebhookDelivery(BaseModel):
    endpoint = ForeignKeyField(WebhookEndpoint, on_delete="CASCADE", backref="deliveries")
    message_id = CharField(max_length=60)  # the `webhook-id`: the same on every attempt, for the receiver's dedup
    event = CharField(max_length=40)
    body = TextField()  # the exact bytes signed and sent, written once
    state = CharField(max_length=12, default=DeliveryState.PENDING)
    attempts = IntegerField(default=0)
    next_attempt_at = DateTimeField(null=True, default=utcnow)
    created_at = DateTimeField(default=utcnow)
    finished_at = DateTimeField(null=True)

    class Meta:
        table_name = "webhook_deliveries"
        indexes = ((("state", "next_attempt_at"), False), (("endpoint", "created_at"), False),
                   (("endpoint", "message_id"), True))


class WebhookAttempt(BaseModel):
    delivery = ForeignKeyField(WebhookDelivery, on_delete="CASCADE", backref="attempt_log")
    at = DateTimeField(default=utcnow)
    status_code = IntegerField(null=True)  # None: no answer (refused address, timeout, connection error)
    error = CharField(max_length=300, null=True)
    response_start = TextField(null=True)  # the first bytes of the answer
    duration_ms = IntegerField(default=0)

    class Meta:
        table_name = "webhook_attempts"
        indexes = ((("delivery", "at"), False),)


class AnnouncementMark(BaseModel):
    """How far the library's news (approved links, started campaigns) has been announced."""

    name = CharField(max_length=40, primary_key=True)
    upto = DateTimeField()

    class Meta:
        table_name = "announcement_marks"
