"""The charter as stored: one row per version (never edited), who acknowledged which, quiz attempts."""

from peewee import (
    BooleanField,
    CharField,
    DateTimeField,
    DeferredForeignKey,
    ForeignKeyField,
    IntegerField,
    TextField,
)

from server.auth.models import User
from server.db import BaseModel, JSONField, utcnow


class CharterVersion(BaseModel):
    """One published charter. Saving the charter always adds a row with the next `number`.

    `rules` is the engine's charter (the JSON of the issue, without `version`, which is `number`);
    `quiz` is a list of questions (see server.charter.quiz); the texts are Markdown.
    """

    number = IntegerField(unique=True)
    name = CharField(max_length=200)
    rules = JSONField()
    text_fr = TextField(default="")
    text_en = TextField(default="")
    quiz = JSONField(default=list)
    note = CharField(max_length=500, null=True)
    needs_acknowledgement = BooleanField(default=True)
    author = ForeignKeyField(User, null=True, on_delete="SET NULL", backref="charter_versions")
    created_at = DateTimeField(default=utcnow)
    # The simulation it was published from (None: published without one) and that simulation's summary,
    # kept here too so the record survives the simulation being cleaned up.
    simulation = DeferredForeignKey("CharterSimulation", null=True, on_delete="SET NULL", backref="+")
    simulation_summary = JSONField(null=True)

    class Meta:
        table_name = "charter_versions"

    def text(self, language):
        """The Markdown text in `language`, or in the other language when that one is empty."""
        own = self.text_fr if language == "fr" else self.text_en
        return own or self.text_en or self.text_fr


class CharterAcknowledgement(BaseModel):
    """A person said they read a version and will follow it."""

    user = ForeignKeyField(User, on_delete="CASCADE", backref="charter_acknowledgements")
    version = ForeignKeyField(CharterVersion, on_delete="CASCADE", backref="acknowledgements")
    acknowledged_at = DateTimeField(default=utcnow)

    class Meta:
        table_name = "charter_acknowledgements"
        indexes = ((("user", "version"), True),)


class CharterQuizAttempt(BaseModel):
    """One submission of a version's quiz: the answers given (choice indexes) and the score."""

    user = ForeignKeyField(User, on_delete="CASCADE", backref="charter_quiz_attempts")
    version = ForeignKeyField(CharterVersion, on_delete="CASCADE", backref="quiz_attempts")
    answers = JSONField()
    score = IntegerField()
    total = IntegerField()
    passed = BooleanField()
    created_at = DateTimeField(default=utcnow)

    class Meta:
        table_name = "charter_quiz_attempts"
        indexes = ((("user", "passed"), False),)


class CharterSimulation(BaseModel):
    """A draft charter replayed over past shares, beside the version in force when it was started.

    `document` is the whole draft (rules, text, quiz) so that it can be published as simulated;
    `summary` is the comparison (see server.charter.replay) once `status` is ``done``.
    """

    created_by = ForeignKeyField(User, null=True, on_delete="SET NULL", backref="+")
    document = JSONField()
    base_version = ForeignKeyField(CharterVersion, null=True, on_delete="SET NULL", backref="+")
    since = DateTimeField(null=True)
    status = CharField(max_length=16, default="pending")  # pending | running | done | failed
    total_posts = IntegerField(default=0)
    processed_posts = IntegerField(default=0)
    summary = JSONField(null=True)
    error = TextField(null=True)
    created_at = DateTimeField(default=utcnow)
    finished_at = DateTimeField(null=True)

    class Meta:
        table_name = "charter_simulations"
