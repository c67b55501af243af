from peewee import CharField
from playhouse.migrate import SchemaMigrator, migrate


def upgrade(db):
    migrator = SchemaMigrator.from_database(db)
    migrate(migrator.add_column("sample_notes", "language", CharField(max_length=5, default="fr")))
