from peewee import CharField, Model


def upgrade(db):
    class Note(Model):
        title = CharField()

        class Meta:
            database = db
            table_name = "sample_notes"

    db.create_tables([Note])
