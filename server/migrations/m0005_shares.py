"""Sharing: connected accounts and per-instance Mastodon apps."""

from peewee import BooleanField, CharField, DateTimeField, ForeignKeyField, Model, TextField


def upgrade(db):
    class Base(Model):
        class Meta:
            database = db

    class User(Base):
        class Meta:
            table_name = "users"

    class ConnectedAccount(Base):
        user = ForeignKeyField(User, on_delete="CASCADE")
        network = CharField(max_length=20)
        instance = CharField(max_length=253, null=True)
        account_id = CharField(max_length=255, null=True)
        account_name = CharField(max_length=255, null=True)
        token = TextField()
        expires_at = DateTimeField(null=True)
        status = CharField(max_length=12)
        status_reason = CharField(max_length=500, null=True)
        connected_at = DateTimeField()
        refreshed_at = DateTimeField(null=True)
        last_used_at = DateTimeField(null=True)

        class Meta:
            table_name = "connected_accounts"
            indexes = ((("user", "network"), True),)

    class MastodonApp(Base):
        instance = CharField(max_length=253, primary_key=True)
        client_id = CharField(max_length=255)
        client_secret = TextField()
        pkce = BooleanField(null=True)
        created_at = DateTimeField()

        class Meta:
            table_name = "mastodon_apps"

    db.create_tables([ConnectedAccount, MastodonApp])
