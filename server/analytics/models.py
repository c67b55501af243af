"""The results' tables: rollups that dashboards read instead of raw clicks, points and donations, the
employees' choices about their own figures, leaders' relays and conversions.

`click_rollups` holds one row per tracked link and day (clicks, visitors that day) with the dimensions the
dashboards group by (who shared, their department, the link, its campaign, the network, opened or posted),
filled incrementally by a periodic job (server/analytics/rollups.py). `shared_targets` holds one row per
target handed to its network (an intent `opened`, a post `posted`), written when the life cycle announces the
move. No raw click is ever read by a page.
"""

from peewee import (
    BooleanField,
    CharField,
    CompositeKey,
    DateField,
    DateTimeField,
    ForeignKeyField,
    IntegerField,
    TextField,
)

from server.auth.models import Department, User
from server.db import BaseModel, utcnow
from server.library.models import Campaign, Link
from server.shares.models import ShareTarget


class SharedTarget(BaseModel):
    """A target that went out: `outcome` is "opened" (a composer the employee opened: what they posted there
    we cannot see) or "posted" (the network confirmed the post)."""

    target = ForeignKeyField(ShareTarget, primary_key=True, on_delete="CASCADE", backref="+")
    share_id = IntegerField()
    day = DateField()
    user = ForeignKeyField(User, on_delete="CASCADE", backref="+")
    department = ForeignKeyField(Department, null=True, on_delete="SET NULL", backref="+")
    link = ForeignKeyField(Link, on_delete="CASCADE", backref="+")
    campaign = ForeignKeyField(Campaign, null=True, on_delete="SET NULL", backref="+")
    category = CharField(max_length=16, null=True)
    network = CharField(max_length=20)
    outcome = CharField(max_length=8)

    class Meta:
        table_name = "shared_targets"
        indexes = ((("day", "department"), False), (("user", "day"), False), (("campaign", "day"), False))


class ClickRollup(BaseModel):
    """Clicks on one tracked link on one day. `visitors` counts that day's distinct visitors (the visitor hash
    is salted per day), so adding days gives visitor-days, not people."""

    target = ForeignKeyField(ShareTarget, on_delete="CASCADE", backref="+")
    day = DateField()
    clicks = IntegerField()
    visitors = IntegerField()
    share_id = IntegerField()
    user = ForeignKeyField(User, on_delete="CASCADE", backref="+")
    department = ForeignKeyField(Department, null=True, on_delete="SET NULL", backref="+")
    link = ForeignKeyField(Link, on_delete="CASCADE", backref="+")
    campaign = ForeignKeyField(Campaign, null=True, on_delete="SET NULL", backref="+")
    network = CharField(max_length=20)
    method = CharField(max_length=8)

    class Meta:
        table_name = "click_rollups"
        primary_key = CompositeKey("target", "day")
        indexes = ((("day", "department"), False), (("user", "day"), False), (("campaign", "day"), False))


class RollupMark(BaseModel):
    """How far the rollup job has read the clicks table (its last click id)."""

    name = CharField(max_length=40, primary_key=True)
    last_id = IntegerField(default=0)
    updated_at = DateTimeField(default=utcnow)

    class Meta:
        table_name = "rollup_marks"


class FiguresChoice(BaseModel):
    """What an employee lets others see of their own figures (nothing unless they say so)."""

    user = ForeignKeyField(User, primary_key=True, on_delete="CASCADE", backref="+")
    visible_to_team = BooleanField(default=False)   # their leader and the team page
    on_leaderboard = BooleanField(default=False)    # the leaderboard, when the company has one
    updated_at = DateTimeField(default=utcnow)

    class Meta:
        table_name = "figures_choices"


class PointEntry(BaseModel):
    """Points of one employee for one day and one reason ("shares" or "clicks"), capped per day."""

    user = ForeignKeyField(User, on_delete="CASCADE", backref="+")
    day = DateField()
    kind = CharField(max_length=12)
    points = IntegerField()
    updated_at = DateTimeField(default=utcnow)

    class Meta:
        table_name = "point_entries"
        primary_key = CompositeKey("user", "day", "kind")


class Charity(BaseModel):
    name = CharField(max_length=200, unique=True)
    description = TextField(null=True)
    url = TextField(null=True)
    active = BooleanField(default=True)
    created_at = DateTimeField(default=utcnow)

    class Meta:
        table_name = "charities"


class Donation(BaseModel):
    """Points an employee turned into a donation; the company pays `amount_cents` to the charity."""

    user = ForeignKeyField(User, null=True, on_delete="SET NULL", backref="+")
    charity = ForeignKeyField(Charity, on_delete="RESTRICT", backref="donations")
    points = IntegerField()
    amount_cents = IntegerField()
    created_at = DateTimeField(default=utcnow, index=True)

    class Meta:
        table_name = "donations"


class CampaignRelay(BaseModel):
    """A leader relayed a campaign to their team (notified its members)."""

    campaign = ForeignKeyField(Campaign, on_delete="CASCADE", backref="+")
    leader = ForeignKeyField(User, null=True, on_delete="SET NULL", backref="+")
    department = ForeignKeyField(Department, on_delete="CASCADE", backref="+")
    recipients = IntegerField()
    created_at = DateTimeField(default=utcnow)

    class Meta:
        table_name = "campaign_relays"
        indexes = ((("campaign", "department", "created_at"), False),)


class Conversion(BaseModel):
    """A sign-up or application the company's site reported for a visitor who came through a tracked link."""

    target = ForeignKeyField(ShareTarget, on_delete="CASCADE", backref="+")
    day = DateField()
    kind = CharField(max_length=20)
    created_at = DateTimeField(default=utcnow)

    class Meta:
        table_name = "conversions"
        indexes = ((("day", "target"), False),)
