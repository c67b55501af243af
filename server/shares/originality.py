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
from peewee import BigIntegerField, BlobField, CharField, CompositeKey, DateTimeField, ForeignKeyField, fn

from server.auth.models import User
from server.charter.engine.sketches import NEAR_COPY, Sketch, estimated_similarity
from server.db import BaseModel, utcnow
from server.library.models import Link
from server.shares.models import Share

WINDOW_DAYS = 14
"""How far back colleagues' posts count: a link's news is shared over days, rarely over months."""
MAX_CANDIDATES = 2000
"""Candidates confirmed at most per check; beyond that the count says "at least"."""


class ShareSketch(BaseModel):
    share = ForeignKeyField(Share, primary_key=True, on_delete="CASCADE")
    link = ForeignKeyField(Link, on_delete="CASCADE")
    user = ForeignKeyField(User, on_delete="CASCADE")
    idea_key = CharField(max_length=16, null=True)
    signature = BlobField()
    created_at = DateTimeField(default=utcnow)

    class Meta:
        table_name = "share_sketches"
        indexes = ((("link", "idea_key"), False),)


class ShareSketchBucket(BaseModel):
    share = ForeignKeyField(Share, on_delete="CASCADE")
    link = ForeignKeyField(Link, on_delete="CASCADE")
    user = ForeignKeyField(User, on_delete="CASCADE")
    bucket = BigIntegerField()
    created_at = DateTimeField(default=utcnow)

    class Meta:
        table_name = "share_sketch_buckets"
        primary_key = CompositeKey("share", "bucket")
        indexes = ((("link", "bucket", "created_at"), False),)


def colleagues_with_copies(user_id, link_id, sketch: Sketch | None, now=None) -> int:
    """How many colleagues (other people) posted a near copy of the sketched post for this link lately."""
    if sketch is None:
        return 0
    since = (now or utcnow()) - timedelta(days=WINDOW_DAYS)
    candidates = (ShareSketchBucket.select(ShareSketchBucket.share).distinct()
                  .where(ShareSketchBucket.link == link_id, ShareSketchBucket.bucket.in_(sketch.buckets),
                         ShareSketchBucket.created_at >= since, ShareSketchBucket.user != user_id)
                  .limit(MAX_CANDIDATES))
    rows = (ShareSketch.select(ShareSketch.user, ShareSketch.signature)
            .where(ShareSketch.share.in_(candidates)).tuples())
    return len({author for author, signature in rows if estimated_similarity(sketch, signature) >= NEAR_COPY})


def record_sketch(share, sketch: Sketch | None, idea_key=None) -> None:
    """Keep a share's sketch, replacing the one of an earlier text (call inside the share's transaction)."""
    if sketch is None:
        return
    now = share.created_at or utcnow()
    ShareSketchBucket.delete().where(ShareSketchBucket.share == share.id).execute()  # a resubmitted text
    ShareSketch.insert(share=share.id, link=share.link_id, user=share.user_id, idea_key=idea_key,
                       signature=sketch.to_bytes(), created_at=now).on_conflict_replace().execute()
    ShareSketchBucket.insert_many(
        [{"share": share.id, "link": share.link_id, "user": share.user_id, "bucket": bucket, "created_at": now}
         for bucket in dict.fromkeys(sketch.buckets)]).on_conflict_ignore().execute()


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
