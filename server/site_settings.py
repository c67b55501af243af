"""Site-wide settings kept in the database (the demo flag, the company's name)."""

from peewee import CharField

from server.db import BaseModel, JSONField


class SiteSetting(BaseModel):
    key = CharField(max_length=64, primary_key=True)
    value = JSONField(null=True)

    class Meta:
        table_name = "site_settings"


def get_setting(key, default=None):
    """The stored value of a site setting, or `default`."""
    row = SiteSetting.get_or_none(SiteSetting.key == key)
    return default if row is None else row.value


def set_setting(key, value):
    """Store a site setting (insert or replace)."""
    SiteSetting.insert(key=key, value=value).on_conflict(
        conflict_target=[SiteSetting.key], update={SiteSetting.value: value}
    ).execute()
