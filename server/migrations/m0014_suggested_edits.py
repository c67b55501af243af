"""Suggested edits: a moderator proposes other words for a share waiting for review; its author accepts
them (the share goes out with those words) or declines them (the share waits for review again, unchanged).

One row per suggestion, kept after its answer, so the share's history says who proposed what and how the
author answered. The share's own state `edit_suggested` needs no schema change (a 16-character column)."""

from peewee import CharField, DateTimeField, ForeignKeyField, Model, TextField


def upgrade(db):
    class Base(Model):
        class Meta:
            database = db

    class User(Base):
        class Meta:
            table_name = "users"

    class Share(Base):
        class Meta:
            table_name = "shares"

    class SuggestedEdit(Base):
        share = ForeignKeyField(Share, on_delete="CASCADE")
        moderator = ForeignKeyField(User, null=True, on_delete="SET NULL")
        original_text = TextField()
        text = TextField()
        note = TextField(null=True)
        answer = CharField(max_length=10, null=True)
        created_at = DateTimeField(index=True)
        answered_at = DateTimeField(null=True)

        class Meta:
            table_name = "share_suggested_edits"
            indexes = ((("share", "answer"), False),)

    db.create_tables([SuggestedEdit])
