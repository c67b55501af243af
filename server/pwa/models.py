"""Web push tables: one row per device an employee turned notifications on for, and the campaigns already
announced (see server/migrations/m0015_push_subscriptions.py)."""

from peewee import CharField, DateTimeField, ForeignKeyField, IntegerField

from server.auth.models import User
from server.crypto import EncryptedJSONField
from server.db import BaseModel, utcnow
from server.library.models import Campaign


class PushSubscription(BaseModel):
    user = ForeignKeyField(User, on_delete="CASCADE", index=True, backref="+")
    endpoint_hash = CharField(max_length=64, unique=True)  # sha256 of the push address: unique without it in clear
    subscription = EncryptedJSONField()  # {"endpoint", "keys": {"p256dh", "auth"}}: lets anyone push to the device
    created_at = DateTimeField(default=utcnow)
    last_sent_at = DateTimeField(null=True)

    class Meta:
        table_name = "push_subscriptions"


class CampaignAnnouncement(BaseModel):
    campaign = ForeignKeyField(Campaign, primary_key=True, on_delete="CASCADE", backref="+")
    announced_at = DateTimeField(default=utcnow)
    devices = IntegerField(default=0)

    class Meta:
        table_name = "push_campaign_announcements"
