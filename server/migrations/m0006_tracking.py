"""Tracked links: clicks (with a daily-salted visitor hash, never an address) and the salts."""

from peewee import CharField, DateField, DateTimeField, ForeignKeyField, Model


def upgrade(db):
    class Base(Model):
        class Meta:
            database = db

    class ShareTarget(Base):
        class Meta:
            table_name = "share_targets"

    class DailySalt(Base):
        day = DateField(primary_key=True)
        salt = CharField(max_length=64)

        class Meta:
            table_name = "daily_salts"

    class Click(Base):
        target = ForeignKeyField(ShareTarget, on_delete="CASCADE")
        clicked_at = DateTimeField()
        day = DateField()
        visitor = CharField(max_length=32)

        class Meta:
            table_name = "clicks"
            indexes = ((("target", "day"), False),)

    db.create_tables([DailySalt, Click])
