"""Sharing: participants, shares with their per-network targets and history, connected accounts, Mastodon apps."""

from peewee import BooleanField, CharField, DateTimeField, ForeignKeyField, IntegerField, Model, TextField


def upgrade(db):
    class Base(Model):
        class Meta:
            database = db

    class User(Base):
        class Meta:
            table_name = "users"

    class Link(Base):
        class Meta:
            table_name = "links"

    class Participant(Base):
        user = ForeignKeyField(User, primary_key=True, on_delete="CASCADE")
        opted_in_at = DateTimeField()
        mastodon_instance = CharField(max_length=253, null=True)

        class Meta:
            table_name = "participants"

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
        expiry_warned_at = DateTimeField(null=True)

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

    class Share(Base):
        user = ForeignKeyField(User, on_delete="CASCADE")
        link = ForeignKeyField(Link, on_delete="CASCADE")
        text = TextField()
        language = CharField(max_length=35, null=True)
        state = CharField(max_length=16, index=True)
        verdict = CharField(max_length=8, null=True)
        findings = TextField(null=True)
        charter_version = IntegerField(null=True)
        suggested = TextField(null=True)
        source = CharField(max_length=16)
        idempotency_key = CharField(max_length=100)
        request_fingerprint = CharField(max_length=64)
        scheduled_for = DateTimeField(null=True)
        review_reason = TextField(null=True)
        reviewed_by = ForeignKeyField(User, null=True, on_delete="SET NULL")
        reviewed_at = DateTimeField(null=True)
        created_at = DateTimeField(index=True)
        updated_at = DateTimeField()
        published_at = DateTimeField(null=True)

        class Meta:
            table_name = "shares"
            indexes = ((("user", "idempotency_key"), True), (("user", "link"), False),
                       (("state", "scheduled_for"), False))

    class ShareTarget(Base):
        share = ForeignKeyField(Share, on_delete="CASCADE")
        network = CharField(max_length=20)
        method = CharField(max_length=8)
        account = ForeignKeyField(ConnectedAccount, null=True, on_delete="SET NULL")
        instance = CharField(max_length=253, null=True)
        code = CharField(max_length=16, unique=True)
        state = CharField(max_length=12)
        link_url = TextField(null=True)
        posted_text = TextField(null=True)
        intent_url = TextField(null=True)
        copy_text = TextField(null=True)
        opened_at = DateTimeField(null=True)
        external_id = CharField(max_length=255, null=True)
        external_url = TextField(null=True)
        error_code = CharField(max_length=40, null=True)
        error_message = TextField(null=True)
        attempts = IntegerField()
        attempt_started_at = DateTimeField(null=True)
        next_attempt_at = DateTimeField(null=True)
        published_at = DateTimeField(null=True)

        class Meta:
            table_name = "share_targets"
            indexes = ((("share", "network"), True), (("state", "next_attempt_at"), False))

    class ShareEvent(Base):
        share = ForeignKeyField(Share, on_delete="CASCADE")
        at = DateTimeField()
        actor = ForeignKeyField(User, null=True, on_delete="SET NULL")
        from_state = CharField(max_length=16, null=True)
        to_state = CharField(max_length=16)
        note = TextField(null=True)
        details = TextField(null=True)

        class Meta:
            table_name = "share_events"

    db.create_tables([Participant, ConnectedAccount, MastodonApp, Share, ShareTarget, ShareEvent])
