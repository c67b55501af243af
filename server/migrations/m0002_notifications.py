"""Notifications: what the product tells a person (proposal outcomes, reviews, reconnect prompts)."""

from peewee import CharField, DateTimeField, ForeignKeyField, Model, TextField


def upgrade(db):
    class Base(Model):
        class Meta:
            database = db

    class User(Base):
        class Meta:
            table_name = "users"

    class Notification(Base):
        user = ForeignKeyField(User, on_delete="CASCADE")
        kind = CharField(max_length=40)
        subject = CharField(max_length=300)
        body = TextField(null=True)
        url = CharField(max_length=500, null=True)
        created_at = DateTimeField(index=True)
        read_at = DateTimeField(null=True)

        class Meta:
            table_name = "notifications"
            indexes = ((("user", "read_at"), False),)

    db.create_tables([Notification])
