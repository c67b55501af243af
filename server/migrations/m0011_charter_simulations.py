"""Charter simulations: a draft replayed over past shares before it is published, and, on each version,
the summary of the simulation it was published from (who published is the version's author)."""

from peewee import CharField, DateTimeField, ForeignKeyField, IntegerField, Model, TextField
from playhouse.migrate import SchemaMigrator, migrate


def upgrade(db):
    class Base(Model):
        class Meta:
            database = db

    class User(Base):
        class Meta:
            table_name = "users"

    class CharterVersion(Base):
        class Meta:
            table_name = "charter_versions"

    class CharterSimulation(Base):
        created_by = ForeignKeyField(User, null=True, on_delete="SET NULL")
        document = TextField()
        base_version = ForeignKeyField(CharterVersion, null=True, on_delete="SET NULL")
        since = DateTimeField(null=True)
        status = CharField(max_length=16, default="pending")
        total_posts = IntegerField(default=0)
        processed_posts = IntegerField(default=0)
        summary = TextField(null=True)
        error = TextField(null=True)
        created_at = DateTimeField()
        finished_at = DateTimeField(null=True)

        class Meta:
            table_name = "charter_simulations"

    db.create_tables([CharterSimulation])
    migrator = SchemaMigrator.from_database(db)
    migrate(
        migrator.add_column("charter_versions", "simulation_id",
                            ForeignKeyField(CharterSimulation, null=True, on_delete="SET NULL",
                                            field=CharterSimulation.id)),
        migrator.add_column("charter_versions", "simulation_summary", TextField(null=True)),
    )
