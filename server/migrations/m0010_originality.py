"""Originality: a MinHash sketch per share and its LSH bucket keys, so a new post is compared with what
colleagues posted for the same link through a few index lookups; the caption idea each share started
from (by a key of its text), so the least used idea is offered first. Existing shares get no sketch:
only posts submitted from now on are compared."""

from peewee import (
    BigIntegerField,
    BlobField,
    CharField,
    CompositeKey,
    DateTimeField,
    ForeignKeyField,
    IntegerField,
    Model,
    SqliteDatabase,
)


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

    class Share(Base):
        class Meta:
            table_name = "shares"

    class ShareSketch(Base):
        share = ForeignKeyField(Share, primary_key=True, on_delete="CASCADE")
        link = ForeignKeyField(Link, on_delete="CASCADE", index=False)  # (link, idea_key) serves it
        user = ForeignKeyField(User, on_delete="CASCADE")
        idea_key = CharField(max_length=16, null=True)
        signature = BlobField()
        created_at = DateTimeField()

        class Meta:
            table_name = "share_sketches"
            indexes = ((("link", "idea_key"), False),)

    # Twenty rows a share, written on the submit's path: the table is its one index (no row id on SQLite),
    # names nobody (the person is read from the sketch), and keeps only the recent days the look-up reads
    # (a periodic job forgets older rows, and with them the rows of deleted shares).
    class ShareSketchBucket(Base):
        link_id = IntegerField()
        bucket = BigIntegerField()
        created_at = DateTimeField()
        share_id = IntegerField()

        class Meta:
            table_name = "share_sketch_buckets"
            primary_key = CompositeKey("link_id", "bucket", "created_at", "share_id")
            without_rowid = isinstance(getattr(db, "obj", db), SqliteDatabase)  # the app passes its proxy

    db.create_tables([ShareSketch, ShareSketchBucket])
