"""Campaign limits applied by the share pipeline: shares per employee per day, and sharing hours."""

from peewee import CharField, IntegerField
from playhouse.migrate import SchemaMigrator, migrate


def upgrade(db):
    migrator = SchemaMigrator.from_database(db)
    migrate(
        migrator.add_column("campaigns", "daily_share_cap", IntegerField(null=True)),
        migrator.add_column("campaigns", "sharing_hours_start", CharField(max_length=5, null=True)),
        migrator.add_column("campaigns", "sharing_hours_end", CharField(max_length=5, null=True)),
    )
