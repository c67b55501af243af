"""Honest share states, target events, and no network named in the core's tables.

- A target reached through the network's composer was marked "published" as soon as its address was ready;
  it becomes `ready`, or `opened` when the employee opened it (opened_at). A target posted through an
  account becomes `posted`. A share whose every target is opened or posted is `completed`; one whose
  composers are still to open goes back to `approved` (ready to share).
- share_events gains `target_id`: a target's transitions are recorded there too.
- participants.mastodon_instance becomes `instances` ({network: host}); mastodon_apps becomes instance_apps
  with a network column.
"""

import json

from peewee import BooleanField, CharField, CompositeKey, DateTimeField, ForeignKeyField, Model, TextField
from playhouse.migrate import SchemaMigrator, migrate


def upgrade(db):
    class Base(Model):
        class Meta:
            database = db

    class ShareTarget(Base):
        class Meta:
            table_name = "share_targets"

    class InstanceApp(Base):
        network = CharField(max_length=20)
        instance = CharField(max_length=253)
        client_id = CharField(max_length=255)
        client_secret = TextField()
        pkce = BooleanField(null=True)
        created_at = DateTimeField()

        class Meta:
            table_name = "instance_apps"
            primary_key = CompositeKey("network", "instance")

    _honest_states(db)
    migrator = SchemaMigrator.from_database(db)
    migrate(migrator.add_column("share_events", "target_id",
                                ForeignKeyField(ShareTarget, null=True, on_delete="CASCADE", field=ShareTarget.id)),
            migrator.add_column("participants", "instances", TextField(null=True)))
    rows = db.execute_sql("SELECT user_id, mastodon_instance FROM participants WHERE mastodon_instance IS NOT NULL")
    for user_id, host in rows.fetchall():
        db.execute_sql(f"UPDATE participants SET instances = {db.param} WHERE user_id = {db.param}",  # noqa: S608
                       (json.dumps({"mastodon": host}), user_id))
    migrate(migrator.drop_column("participants", "mastodon_instance"))
    db.create_tables([InstanceApp])
    db.execute_sql("INSERT INTO instance_apps (network, instance, client_id, client_secret, pkce, created_at) "
                   "SELECT 'mastodon', instance, client_id, client_secret, pkce, created_at FROM mastodon_apps")
    db.execute_sql("DROP TABLE mastodon_apps")


def _honest_states(db):
    statements = (
        "UPDATE share_targets SET state = 'opened' WHERE state = 'published' AND method = 'intent' "
        "AND opened_at IS NOT NULL",
        "UPDATE share_targets SET state = 'ready' WHERE state = 'published' AND method = 'intent'",
        "UPDATE share_targets SET state = 'posted' WHERE state = 'published'",
        "UPDATE shares SET state = 'approved' WHERE state = 'published' AND id IN "
        "(SELECT share_id FROM share_targets WHERE state = 'ready')",
        "UPDATE shares SET state = 'completed' WHERE state = 'published'",
    )
    for statement in statements:
        db.execute_sql(statement)
