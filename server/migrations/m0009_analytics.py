"""Results: shared targets and click rollups (dashboards read these, never raw clicks), the rollup job's
mark, employees' choices about their figures, points, charities and donations, leaders' relays, conversions.
Existing handed-over targets and clicks are picked up by the first run of the rollup job."""

from peewee import (
    BooleanField,
    CharField,
    CompositeKey,
    DateField,
    DateTimeField,
    ForeignKeyField,
    IntegerField,
    Model,
    TextField,
)


def upgrade(db):
    class Base(Model):
        class Meta:
            database = db

    class User(Base):
        class Meta:
            table_name = "users"

    class Department(Base):
        class Meta:
            table_name = "departments"

    class Link(Base):
        class Meta:
            table_name = "links"

    class Campaign(Base):
        class Meta:
            table_name = "campaigns"

    class ShareTarget(Base):
        class Meta:
            table_name = "share_targets"

    def dimensions():
        return {"share_id": IntegerField(), "user": ForeignKeyField(User, on_delete="CASCADE"),
                "department": ForeignKeyField(Department, null=True, on_delete="SET NULL"),
                "link": ForeignKeyField(Link, on_delete="CASCADE"),
                "campaign": ForeignKeyField(Campaign, null=True, on_delete="SET NULL"),
                "network": CharField(max_length=20)}

    indexes = ((("day", "department"), False), (("user", "day"), False), (("campaign", "day"), False))
    SharedTarget = type("SharedTarget", (Base,), {
        "target": ForeignKeyField(ShareTarget, primary_key=True, on_delete="CASCADE"), "day": DateField(),
        "category": CharField(max_length=16, null=True), "outcome": CharField(max_length=8), **dimensions(),
        "Meta": type("Meta", (), {"table_name": "shared_targets", "indexes": indexes})})
    ClickRollup = type("ClickRollup", (Base,), {
        "target": ForeignKeyField(ShareTarget, on_delete="CASCADE"), "day": DateField(), "clicks": IntegerField(),
        "visitors": IntegerField(), "method": CharField(max_length=8), **dimensions(),
        "Meta": type("Meta", (), {"table_name": "click_rollups", "primary_key": CompositeKey("target", "day"),
                                  "indexes": indexes})})

    class RollupMark(Base):
        name = CharField(max_length=40, primary_key=True)
        last_id = IntegerField(default=0)
        updated_at = DateTimeField()

        class Meta:
            table_name = "rollup_marks"

    class FiguresChoice(Base):
        user = ForeignKeyField(User, primary_key=True, on_delete="CASCADE")
        visible_to_team = BooleanField(default=False)
        on_leaderboard = BooleanField(default=False)
        updated_at = DateTimeField()

        class Meta:
            table_name = "figures_choices"

    class PointEntry(Base):
        user = ForeignKeyField(User, on_delete="CASCADE")
        day = DateField()
        kind = CharField(max_length=12)
        points = IntegerField()
        updated_at = DateTimeField()

        class Meta:
            table_name = "point_entries"
            primary_key = CompositeKey("user", "day", "kind")

    class Charity(Base):
        name = CharField(max_length=200, unique=True)
        description = TextField(null=True)
        url = TextField(null=True)
        active = BooleanField(default=True)
        created_at = DateTimeField()

        class Meta:
            table_name = "charities"

    class Donation(Base):
        user = ForeignKeyField(User, null=True, on_delete="SET NULL")
        charity = ForeignKeyField(Charity, on_delete="RESTRICT")
        points = IntegerField()
        amount_cents = IntegerField()
        created_at = DateTimeField(index=True)

        class Meta:
            table_name = "donations"

    class CampaignRelay(Base):
        campaign = ForeignKeyField(Campaign, on_delete="CASCADE")
        leader = ForeignKeyField(User, null=True, on_delete="SET NULL")
        department = ForeignKeyField(Department, on_delete="CASCADE")
        recipients = IntegerField()
        created_at = DateTimeField()

        class Meta:
            table_name = "campaign_relays"
            indexes = ((("campaign", "department", "created_at"), False),)

    class Conversion(Base):
        target = ForeignKeyField(ShareTarget, on_delete="CASCADE")
        day = DateField()
        kind = CharField(max_length=20)
        created_at = DateTimeField()

        class Meta:
            table_name = "conversions"
            indexes = ((("day", "target"), False),)

    db.create_tables([SharedTarget, ClickRollup, RollupMark, FiguresChoice, PointEntry, Charity, Donation,
                      CampaignRelay, Conversion])
