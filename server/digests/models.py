"""E-mail to employees: digest preferences, one record per digest, announcements and their deliveries."""

from peewee import CharField, DateTimeField, ForeignKeyField, IntegerField, TextField

from server.auth.models import User
from server.db import BaseModel, utcnow
from server.library.models import Campaign


class Frequency:
    WEEKLY = "weekly"
    DAILY = "daily"
    OFF = "off"
    ALL = (WEEKLY, DAILY, OFF)


class DigestStatus:
    PENDING = "pending"  # recorded, not delivered yet: the next run delivers it
    SENT = "sent"
    EMPTY = "empty"  # nothing new for this person in this period: nothing sent, and not asked again


class DigestPreference(BaseModel):
    """An employee's choice. No row, or `chosen_at` empty, means they never chose: no digest."""

    user = ForeignKeyField(User, primary_key=True, on_delete="CASCADE", backref="+")
    frequency = CharField(max_length=8, default=Frequency.OFF)
    chosen_at = DateTimeField(null=True)
    invited_at = DateTimeField(null=True)  # the programme's one invitation to subscribe
    invitation_sent_at = DateTimeField(null=True)
    updated_at = DateTimeField(default=utcnow)

    class Meta:
        table_name = "digest_preferences"


class Digest(BaseModel):
    """One digest for one person and one period ("D2026-12-02", "W2026-49"), recorded before it is sent."""

    user = ForeignKeyField(User, on_delete="CASCADE", backref="+")
    period = CharField(max_length=16)
    frequency = CharField(max_length=8)
    status = CharField(max_length=8, default=DigestStatus.PENDING)
    link_count = IntegerField(default=0)
    message_id = CharField(max_length=200)
    created_at = DateTimeField(default=utcnow)
    sent_at = DateTimeField(null=True)

    class Meta:
        table_name = "digests"
        indexes = ((("user", "period"), True), (("status", "created_at"), False))


class Audience:
    EVERYONE = "everyone"
    DEPARTMENT = "department"
    INTEREST = "interest"
    ALL = (EVERYONE, DEPARTMENT, INTEREST)


class Announcement(BaseModel):
    author = ForeignKeyField(User, null=True, on_delete="SET NULL", backref="+")
    campaign = ForeignKeyField(Campaign, null=True, on_delete="SET NULL", backref="+")
    subject = CharField(max_length=200)
    body = TextField()
    audience = CharField(max_length=12, default=Audience.EVERYONE)
    audience_id = IntegerField(null=True)  # the department's or the interest's id
    created_at = DateTimeField(default=utcnow)
    sent_at = DateTimeField(null=True)

    class Meta:
        table_name = "announcements"


class AnnouncementRelay(BaseModel):
    """A leader passing an announcement on to their team, once, with a word of their own."""

    announcement = ForeignKeyField(Announcement, on_delete="CASCADE", backref="relays")
    leader = ForeignKeyField(User, on_delete="CASCADE", backref="+")
    note = TextField(null=True)
    created_at = DateTimeField(default=utcnow)

    class Meta:
        table_name = "announcement_relays"
        indexes = ((("announcement", "leader"), True),)


class AnnouncementDelivery(BaseModel):
    """One person's copy of an announcement, recorded before it is sent (one per source and person)."""

    announcement = ForeignKeyField(Announcement, on_delete="CASCADE", backref="deliveries")
    user = ForeignKeyField(User, on_delete="CASCADE", backref="+")
    source = CharField(max_length=24)  # "admin", or "relay:<leader id>"
    created_at = DateTimeField(default=utcnow)
    sent_at = DateTimeField(null=True)

    class Meta:
        table_name = "announcement_deliveries"
        indexes = ((("announcement", "source", "user"), True), (("sent_at",), False))
