"""Colleague-aware originality: is a new post a near copy of what colleagues already posted for its link?

Each submitted share leaves a sketch (`server/charter/engine/sketches.py`): its MinHash signature and
its LSH bucket keys, stored per link. A new post is sketched, the buckets it falls into are looked up
for the same link over the last `WINDOW_DAYS` days (one indexed query, however many shares the link
has), and only those candidates are confirmed on their signature. The post then gets the charter's
`parrot` finding, with the number of colleagues and never their names.

The sketch also records the caption idea the post started from (`kits.idea_key`), so the kit can offer
the least used idea first.
"""

from __future__ import annotations

from datetime import timedelta

from flask_babel import force_locale, ngettext
from huey import crontab
from peewee import (
    BigIntegerField,
    BlobField,
    CharField,
    CompositeKey,
    DateTimeField,
    ForeignKeyField,
    IntegerField,
    fn,
)

from server.auth.models import User
from server.charter.engine.sketches import NEAR_COPY, Sketch, bucket_keys, estimated_similarity, signature_from_bytes
from server.db import BaseModel, database, utcnow
from server.jobs import periodic_job
from server.library.models import Link
from server.shares.models import Share

WINDOW_DAYS = 14
"""How far back colleagues' posts count: a link's news is shared over days, rarely over months."""
MAX_CANDIDATES = 2000
"""Candidates confirmed at most per check; beyond that the count says "at least"."""


class ShareSketch(BaseModel):
    share = ForeignKeyField(Share, primary_key=True, on_delete="CASCADE")
    link = ForeignKeyField(Link, on_delete="CASCADE", index=False)
    user = ForeignKeyField(User, on_delete="CASCADE")
    idea_key = CharField(max_length=16, null=True)
    signature = BlobField()
    created_at = DateTimeField(default=utcnow)

    class Meta:
        table_name = "share_sketches"
        indexes = ((("link", "idea_key"), False),)


class ShareSketchBucket(BaseModel):
    """One LSH bucket key of a recent share's sketch.

    ``BANDS`` rows a share, written on the submit's path: the table is its own one index (no row id on
    SQLite), names nobody (the person is read from the sketch) and keeps only the `WINDOW_DAYS` the
    look-up reads: `forget_old_buckets` drops older rows, and with them those of deleted shares.
    """

    link_id = IntegerField()
    bucket = BigIntegerField()
    created_at = DateTimeField(default=utcnow)
    share_id = IntegerField()

    class Meta:
        table_name = "share_sketch_buckets"
        primary_key = CompositeKey("link_id", "bucket", "created_at", "share_id")


# Written out once rather than built by the query builder at each submit: building these statements costs
# milliseconds, running them a few tens of microseconds (the look-up is on the submit's path).
_CANDIDATES = ("SELECT s.user_id, s.signature FROM share_sketches s WHERE s.share_id IN ("
               "SELECT DISTINCT b.share_id FROM share_sketch_buckets b WHERE b.link_id = {p}"
               " AND b.bucket IN ({buckets}) AND b.created_at >= {p} LIMIT {limit}) AND s.user_id <> {p}")
_EARLIER = "SELECT signature, created_at FROM share_sketches WHERE share_id = {p}"
_FORGET = ("DELETE FROM share_sketch_buckets WHERE link_id = {p} AND bucket IN ({buckets}) AND created_at = {p}"
           " AND share_id = {p}")
_KEEP_SKETCH = ("INSERT INTO share_sketches (share_id, link_id, user_id, idea_key, signature, created_at) "
                "VALUES ({p}, {p}, {p}, {p}, {p}, {p})")
_FORGET_SKETCH = "DELETE FROM share_sketches WHERE share_id = {p}"
_KEEP_BUCKET = ("INSERT INTO share_sketch_buckets (link_id, bucket, created_at, share_id) "
                "VALUES ({p}, {p}, {p}, {p})")


def _sql(template, **values):
    return template.format(p=database.param, **values)


def colleagues_with_copies(user_id, link_id, sketch: Sketch | None, now=None) -> int:
    """How many colleagues (other people) posted a near copy of the sketched post for this link lately."""
    if sketch is None:
        return 0
    since = (now or utcnow()) - timedelta(days=WINDOW_DAYS)
    sql = _sql(_CANDIDATES, buckets=", ".join([database.param] * len(sketch.buckets)), limit=MAX_CANDIDATES)
    rows = database.execute_sql(sql, (link_id, *sketch.buckets, since, user_id)).fetchall()
    return len({author for author, signature in rows if estimated_similarity(sketch, signature) >= NEAR_COPY})


def record_sketch(share, sketch: Sketch | None, idea_key=None) -> None:
    """Keep a share's sketch, replacing the one of an earlier text (call inside the share's transaction)."""
    if sketch is None:
        return
    now = share.created_at or utcnow()
    with database.atomic():
        earlier = database.execute_sql(_sql(_EARLIER), (share.id,)).fetchone()
        if earlier is not None:  # a resubmitted text: its old buckets go
            old = bucket_keys(tuple(int(value) for value in signature_from_bytes(earlier[0])))
            database.execute_sql(_sql(_FORGET, buckets=", ".join([database.param] * len(old))),
                                 (share.link_id, *old, earlier[1], share.id))
            database.execute_sql(_sql(_FORGET_SKETCH), (share.id,))
        database.execute_sql(_sql(_KEEP_SKETCH), (share.id, share.link_id, share.user_id, idea_key,
                                                 sketch.to_bytes(), now))
        database.cursor().executemany(_sql(_KEEP_BUCKET), [(share.link_id, bucket, now, share.id)
                                                           for bucket in dict.fromkeys(sketch.buckets)])


@periodic_job(crontab(minute="17", hour="3"))
def forget_old_buckets():
    """Drop the bucket keys older than the look-up's window (and so those of deleted shares)."""
    ShareSketchBucket.delete().where(ShareSketchBucket.created_at < utcnow() - timedelta(days=WINDOW_DAYS)).execute()


def idea_uses(link_ids) -> dict[int, dict[str, int]]:
    """{link_id: {idea_key: number of shares that started from that idea}} (the kit's rotation)."""
    uses: dict[int, dict[str, int]] = {}
    ids = list(link_ids)
    if not ids:
        return uses
    query = (ShareSketch.select(ShareSketch.link, ShareSketch.idea_key, fn.COUNT(ShareSketch.share))
             .where(ShareSketch.link.in_(ids), ShareSketch.idea_key.is_null(False))
             .group_by(ShareSketch.link, ShareSketch.idea_key).tuples())
    for link_id, key, count in query:
        uses.setdefault(link_id, {})[key] = count
    return uses


def colleague_finding(count: int, severity: str, text: str) -> dict:
    """The `parrot` finding for a post `count` colleagues already posted, in French and English."""
    message = {}
    for language in ("fr", "en"):
        with force_locale(language):
            message[language] = ngettext(
                "A colleague already posted almost this text for this link: add what it means to you.",
                "%(num)d colleagues already posted almost this text for this link: add what it means to you.",
                count)
    return {"rule": "parrot", "severity": severity, "start": 0, "end": len(text), "excerpt": text,
            "message": message, "message_key": "parrot.colleagues", "params": {"colleagues": count},
            "fix": None, "networks": []}
