"""Web push, off unless an employee turns it on for a device: each device's subscription (its push address
and keys, encrypted: whoever holds them can send to that device), and the campaigns already announced, so a
campaign's start is announced once whatever the number of workers or runs."""

from datetime import UTC, datetime

from peewee import CharField, DateTimeField, ForeignKeyField, IntegerField, Model, TextField


def _now():
    return datetime.now(UTC).replace(tzinfo=None)


def upgrade(db):
    class Base(Model):
        class Meta:
            database = db

    class User(Base):
        class Meta:
            table_name = "users"

    class Campaign(Base):
        class Meta:
            table_name = "campaigns"

    class PushSubscription(Base):
        user = ForeignKeyField(User, on_delete="CASCADE", index=True)
        endpoint_hash = CharField(max_length=64, unique=True)
        subscription = TextField()  # encrypted JSON: {"endpoint", "keys": {"p256dh", "auth"}}
        created_at = DateTimeField(default=_now)
        last_sent_at = DateTimeField(null=True)

        class Meta:
            table_name = "push_subscriptions"

    class CampaignAnnouncement(Base):
        campaign = ForeignKeyField(Campaign, primary_key=True, on_delete="CASCADE")
        announced_at = DateTimeField(default=_now)
        devices = IntegerField(default=0)

        class Meta:
            table_name = "push_campaign_announcements"

    db.create_tables([PushSubscription, CampaignAnnouncement])
