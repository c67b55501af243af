"""Clicks on tracked links. No raw IP address is kept: a visitor is a hash salted with a random value
that changes every day and is deleted soon after, so visitors can be counted within a day and never
followed across days."""

from peewee import CharField, DateField, DateTimeField, ForeignKeyField

from server.db import BaseModel, utcnow
from server.shares.models import ShareTarget


class DailySalt(BaseModel):
    day = DateField(primary_key=True)
    salt = CharField(max_length=64)

    class Meta:
        table_name = "daily_salts"


class Click(BaseModel):
    target = ForeignKeyField(ShareTarget, on_delete="CASCADE", backref="clicks")
    clicked_at = DateTimeField(default=utcnow)
    day = DateField()
    visitor = CharField(max_length=32)

    class Meta:
        table_name = "clicks"
        indexes = ((("target", "day"), False),)
