"""Benchmark of the colleague-aware originality check: what it adds to a submit when the link already has
100,000 shares.

Run from the repository root: ``.venv/bin/python bench/colleagues.py``. On SQLite (a file in a temporary
instance; ``PV_BENCH_DATABASE_URL`` names another database, e.g. PostgreSQL, used as it is):

* seeding: one approved link, 2,000 employees and ``PAST_SHARES`` shares of that link over the last
  days, each with its sketch (server/charter/engine/sketches.py), as the pipeline stores them. Texts are
  drawn from a vocabulary, so they differ the way employees' own words do; ``COPIES`` of them are near
  copies of one popular text (the case where the check finds something and confirms candidates);
* measure: ``pipeline.submit_share`` (the whole submit: charter check, share, targets, events, release)
  by employees who have not posted yet, one with the colleague check (look-up of the sketch's buckets,
  confirmation, finding, recording of the new sketch), the next without it (both replaced by no-ops), so
  both run under the same conditions; nine submits in ten are the employee's own words, one in ten a near
  copy of the popular text.

The last line is one JSON object: p50/p99 of each, the p99 difference (target ≤ 5 ms) and the ratio.
"""

from __future__ import annotations

import json
import os
import random
import statistics
import sys
import tempfile
import time
import uuid
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

PAST_SHARES = int(os.environ.get("PV_BENCH_PAST_SHARES", "100000"))
COPIES = PAST_SHARES // 100
EMPLOYEES = 2_000
ROUNDS = 6
SUBMITS_PER_ROUND = 100
SEED = 20261202
TARGET = "the colleague check adds ≤ 5 ms p99 to a submit with 100,000 past shares of the same link"

WORDS = ("énergie", "solaire", "éolien", "hydrogène", "réseau", "électrique", "batterie", "stockage", "recharge",
         "véhicule", "mobilité", "transition", "carbone", "climat", "industrie", "usine", "recrutement", "ingénieur",
         "talent", "culture", "équipe", "innovation", "recherche", "client", "offre", "marché", "prix", "contrat",
         "sobriété", "efficacité", "bâtiment", "chaleur", "pompe", "biomasse", "barrage", "turbine", "fier",
         "panneau", "parc", "chantier", "région", "ville", "territoire", "investissement", "emploi", "bravo",
         "projet", "vraiment", "belle", "étape", "nous", "notre", "avec", "pour", "dans", "cette", "une", "les")
POPULAR = ("Très fière de notre équipe de Lyon qui met en service le premier électrolyseur du site : trois ans "
           "de travail pour une énergie vraiment propre, bravo à tous.")


def own_words(rng):
    return " ".join(rng.choice(WORDS) for _ in range(rng.randint(14, 40))).capitalize() + "."


def near_copy(rng):
    words = POPULAR.split()
    words.insert(rng.randrange(len(words)), rng.choice(("vraiment", "aujourd'hui", "#Lyon", "enfin")))
    return " ".join(words)


def build_app():
    from server import create_app
    from server.db import database
    from server.migrations import upgrade

    instance = tempfile.mkdtemp(prefix="pv-bench-")
    url = os.environ.get("PV_BENCH_DATABASE_URL") or f"sqlite:///{instance}/bench.db"
    app = create_app({"TESTING": False, "DATABASE_URL": url, "INSTANCE_PATH": instance, "SECRET_KEY": "bench",
                      "JOBS_IMMEDIATE": True, "LOG_LEVEL": "WARNING", "BASE_URL": "http://localhost"})
    with app.app_context():
        database.connect(reuse_if_open=True)
        upgrade(database)
        database.close()
    return app, url


def seed(rng):
    from server.auth.models import User
    from server.charter.engine.sketches import sketch_of
    from server.db import database, utcnow
    from server.library.links import add_link
    from server.shares.models import Participant, Share, ShareState
    from server.shares.originality import ShareSketch, ShareSketchBucket

    admin = User.create(email="admin@acme.example", name="Admin", role="admin")
    link = add_link(admin, "https://acme-energie.example/news/electrolyseur-lyon", fetch_preview=False,
                    title="Premier électrolyseur à Lyon", category="product", language="fr")
    now = utcnow()
    with database.atomic():
        User.insert_many([{"email": f"e{n}@acme.example", "name": f"E {n}", "role": "employee", "timezone": "UTC",
                           "active": True, "created_at": now} for n in range(EMPLOYEES)]).execute()
    people = [user.id for user in User.select(User.id).where(User.role == "employee")]
    copies = set(rng.sample(range(PAST_SHARES), COPIES))
    for start in range(0, PAST_SHARES, 2000):
        shares, texts = [], []
        for n in range(start, min(start + 2000, PAST_SHARES)):
            text = near_copy(rng) if n in copies else own_words(rng)
            created = now - timedelta(minutes=rng.randint(0, 60 * 24 * 10))
            shares.append({"user": rng.choice(people), "link": link.id, "text": text, "state": ShareState.COMPLETED,
                           "verdict": "ok", "source": "portal", "idempotency_key": f"seed-{n}",
                           "request_fingerprint": "seed", "created_at": created, "updated_at": created})
            texts.append(text)
        with database.atomic():
            first = Share.select(Share.id).order_by(Share.id.desc()).scalar() or 0
            Share.insert_many(shares).execute()
            rows = list(Share.select(Share.id, Share.user, Share.created_at).where(Share.id > first)
                        .order_by(Share.id))
            sketches, buckets = [], []
            for row, text in zip(rows, texts, strict=True):
                sketch = sketch_of(text)
                sketches.append({"share": row.id, "link": link.id, "user": row.user_id, "signature": sketch.to_bytes(),
                                 "created_at": row.created_at})
                buckets += [{"share_id": row.id, "link_id": link.id, "bucket": bucket, "created_at": row.created_at}
                            for bucket in dict.fromkeys(sketch.buckets)]
            ShareSketch.insert_many(sketches).execute()
            for chunk in range(0, len(buckets), 5000):
                ShareSketchBucket.insert_many(buckets[chunk : chunk + 5000]).execute()
    newcomers = [User.create(email=f"new{n}@acme.example", name=f"New {n}", role="employee")
                 for n in range(ROUNDS * SUBMITS_PER_ROUND * 2)]
    Participant.insert_many([{"user": user.id, "opted_in_at": now} for user in newcomers]).execute()
    return link, newcomers


def submit_times(link, people, rng, found):
    from server.shares import pipeline

    values = []
    for user in people:
        text = near_copy(rng) if rng.random() < 0.1 else own_words(rng)
        started = time.perf_counter()
        share, _created = pipeline.submit_share(user, link_id=link.id, text=text, idempotency_key=uuid.uuid4().hex,
                                                targets=[{"network": "linkedin", "method": "intent"}])
        values.append((time.perf_counter() - started) * 1000)
        found.append(any(f["message_key"] == "parrot.colleagues" for f in share.findings or []))
    return values


class Without:
    """The submit without the colleague check: no look-up, no finding, no sketch recorded."""

    def __enter__(self):
        from server.shares import pipeline

        self.saved = pipeline._with_colleague_copies, pipeline._record_sketch
        pipeline._with_colleague_copies = lambda outcome, *args: outcome
        pipeline._record_sketch = lambda *args: None

    def __exit__(self, *exc):
        from server.shares import pipeline

        pipeline._with_colleague_copies, pipeline._record_sketch = self.saved


def percentile(values, share):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def main():
    from server.db import database

    rng = random.Random(SEED)
    app, url = build_app()
    with app.test_request_context(), database.connection_context():
        started = time.perf_counter()
        link, newcomers = seed(rng)
        print(f"seeded {PAST_SHARES:,} shares of one link with their sketches in {time.perf_counter() - started:.0f} s",
              file=sys.stderr)
        with_check, without_check, found = [], [], []
        submit_times(link, newcomers[:20], rng, [])  # warm-up: compiled charter, caches, prepared paths
        people = iter(newcomers[20:])
        # One submit with, one without, in turn: a shared machine's slow moments fall on both alike.
        for _pair in range(ROUNDS * SUBMITS_PER_ROUND // 2):
            with_check += submit_times(link, [next(people)], rng, found)
            with Without():
                without_check += submit_times(link, [next(people)], rng, [])
    p99_with, p99_without = percentile(with_check, 0.99), percentile(without_check, 0.99)
    summary = {
        "bench": "colleagues", "database": url.split(":", 1)[0], "past_shares_of_the_link": PAST_SHARES,
        "near_copies_among_them": COPIES, "submits_each": len(with_check),
        "with_check_ms": {"p50": round(statistics.median(with_check), 2), "p99": round(p99_with, 2)},
        "without_check_ms": {"p50": round(statistics.median(without_check), 2), "p99": round(p99_without, 2)},
        "added_p99_ms": round(p99_with - p99_without, 2), "p99_ratio": round(p99_with / p99_without, 3),
        "near_copies_flagged": f"{sum(found)} of {len(found)} submits",
        "target": TARGET, "target_met": p99_with - p99_without <= 5.0,
    }
    print(json.dumps(summary, ensure_ascii=False))


if __name__ == "__main__":
    main()
