"""The charter: versions (rules, text, quiz), acknowledgements and quiz attempts."""

from peewee import BooleanField, CharField, DateTimeField, ForeignKeyField, IntegerField, Model, TextField


def upgrade(db):
    class Base(Model):
        class Meta:
            database = db

    class User(Base):
        class Meta:
            table_name = "users"

    class CharterVersion(Base):
        number = IntegerField(unique=True)
        name = CharField(max_length=200)
        rules = TextField()
        text_fr = TextField()
        text_en = TextField()
        quiz = TextField()
        note = CharField(max_length=500, null=True)
        needs_acknowledgement = BooleanField()
        author = ForeignKeyField(User, null=True, on_delete="SET NULL")
        created_at = DateTimeField()

        class Meta:
            table_name = "charter_versions"

    class CharterAcknowledgement(Base):
        user = ForeignKeyField(User, on_delete="CASCADE")
        version = ForeignKeyField(CharterVersion, on_delete="CASCADE")
        acknowledged_at = DateTimeField()

        class Meta:
            table_name = "charter_acknowledgements"
            indexes = ((("user", "version"), True),)

    class CharterQuizAttempt(Base):
        user = ForeignKeyField(User, on_delete="CASCADE")
        version = ForeignKeyField(CharterVersion, on_delete="CASCADE")
        answers = TextField()
        score = IntegerField()
        total = IntegerField()
        passed = BooleanField()
        created_at = DateTimeField()

        class Meta:
            table_name = "charter_quiz_attempts"
            indexes = ((("user", "passed"), False),)

    db.create_tables([CharterVersion, CharterAcknowledgement, CharterQuizAttempt])
