"""Outbound notifications: chat channels (Slack, Microsoft Teams) and signed webhook endpoints, the persistent
queue of their deliveries, every attempt made, and the marks of the library's news already announced."""

from peewee import BooleanField, CharField, DateTimeField, ForeignKeyField, IntegerField, Model, TextField


def upgrade(db):
    class Base(Model):
        class Meta:
            database = db

    class User(Base):
        class Meta:
            table_name = "users"

    class WebhookEndpoint(Base):
        kind = CharField(max_length=16)
        name = CharField(max_length=120)
        url = TextField()
        url_hint = CharField(max_length=200)
        secret = TextField(null=True)
        previous_secret = TextField(null=True)
        previous_secret_until = DateTimeField(null=True)
        events = TextField()
        language = CharField(max_length=5)
        internal_host = BooleanField(default=False)
        active = BooleanField(default=True)
        failures = IntegerField(default=0)
        disabled_at = DateTimeField(null=True)
        disabled_reason = CharField(max_length=300, null=True)
        created_by = ForeignKeyField(User, null=True, on_delete="SET NULL")
        created_at = DateTimeField()
        updated_at = DateTimeField()

        class Meta:
            table_name = "webhook_endpoints"

    class WebhookDelivery(Base):
        endpoint = ForeignKeyField(WebhookEndpoint, on_delete="CASCADE")
        message_id = CharField(max_length=60)
        event = CharField(max_length=40)
        body = TextField()
        state = CharField(max_length=12)
        attempts = IntegerField(default=0)
        next_attempt_at = DateTimeField(null=True)
        created_at = DateTimeField()
        finished_at = DateTimeField(null=True)

        class Meta:
            table_name = "webhook_deliveries"
            indexes = ((("state", "next_attempt_at"), False), (("endpoint", "created_at"), False),
                       (("endpoint", "message_id"), True))

    class WebhookAttempt(Base):
        delivery = ForeignKeyField(WebhookDelivery, on_delete="CASCADE")
        at = DateTimeField()
        status_code = IntegerField(null=True)
        error = CharField(max_length=300, null=True)
        response_start = TextField(null=True)
        duration_ms = IntegerField()

        class Meta:
            table_name = "webhook_attempts"
            indexes = ((("delivery", "at"), False),)

    class AnnouncementMark(Base):
        name = CharField(max_length=40, primary_key=True)
        upto = DateTimeField()

        class Meta:
            table_name = "announcement_marks"

    db.create_tables([WebhookEndpoint, WebhookDelivery, WebhookAttempt, AnnouncementMark])
