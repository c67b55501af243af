"""Benchmark of the charter simulator: 100,000 stored posts replayed against the version in force and a draft.

Run from the repository root: ``.venv/bin/python bench/simulate.py`` (``make bench`` runs it). On SQLite (a file
in a temporary instance, the embedded default):

* 100,000 shares are stored (distinct texts of a realistic length, a tenth of them touching a rule), with the
  demo's charter in force; the draft adds a banned term, drops a review term and changes a severity;
* the simulator replays them all (`server.charter.simulator.simulate_document`: reading the posts in batches,
  checking each against both charters, counting per rule) — posts per second;
* the baseline, in the same run, checks posts one by one through ``POST /api/v1/checks`` (the application's
  test client: the whole request — authentication, rate limit, schema, serialisation — without a network
  between, which flatters the baseline) for a sample of ``BASELINE_POSTS``, and is counted as one request per
  post although a comparison needs two checks (the version in force and the draft): the ratio is a floor.

Target: the replay ≥ 10 × the posts per second of the one-by-one baseline. The last line is one JSON object.
"""

from __future__ import annotations

import json
import os
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

POSTS = int(os.environ.get("PV_BENCH_POSTS", "100000"))
BASELINE_POSTS = int(os.environ.get("PV_BENCH_BASELINE_POSTS", "1000"))
TARGET_RATIO = 10.0
TARGET = "replaying stored posts ≥ 10 × the posts per second of checking them one by one through POST /api/v1/checks"
SEED = 20261202
OPENINGS = ("Je travaille chez Acme et je suis fière de ce projet", "I work at Acme and this made my week",
            "Je travaille chez Acme : une lecture utile", "Belle étape pour nos équipes de Lyon",
            "Proud of our teams in Nantes")
MIDDLES = ("la transition avance sur le terrain, avec des techniciens formés chez nous",
           "our wind farm now powers forty thousand homes, and the next one is on its way",
           "un bel exemple de ce que l'industrie peut changer quand elle s'en donne les moyens",
           "the kind of project that makes you proud to come to work on a Monday")
TOUCHING = ("on parle d'un rachat ?", "Voltéo fait moins bien", "une vraie arnaque, ce tarif", "grève annoncée",
            "écrivez-moi : camille.durand@gmail.com", "ÉnergiePlus est neutre en carbone")


def post_text(number, chance):
    parts = [chance.choice(OPENINGS), chance.choice(MIDDLES), f"(n° {number})"]
    if chance.random() < 0.1:
        parts.insert(2, chance.choice(TOUCHING))
    return " — ".join(parts) + " #TransitionAcme"


def draft_document():
    from server.charter.demo_content import RULES_V2

    draft = json.loads(json.dumps(RULES_V2))
    draft["banned_terms"].append("tarif")
    draft["review_terms"] = [term for term in draft["review_terms"] if term != "grève"]
    draft["severity"] = {"competitor": "block"}
    return draft


def seed(app, database):
    """The charter in force, one link, one author and POSTS shares; an API token for the baseline."""
    from server.auth.models import User
    from server.auth.tokens import create_api_token
    from server.charter.demo_content import RULES_V2
    from server.charter.versions import parse_document, save_version
    from server.library.models import Link
    from server.shares.models import Share

    chance = random.Random(SEED)
    with app.test_request_context(), database.connection_context():
        admin = User.create(email="admin@acme.example", name="Admin", role="admin")
        author = User.create(email="camille@acme.example", name="Camille Durand")
        save_version(admin, parse_document(RULES_V2), announce=False)
        link = Link.create(url="https://acme-energie.example/news/eoliennes", url_hash="bench", title="Éoliennes",
                           status="approved")
        rows = ({"user": author.id, "link": link.id, "text": post_text(number, chance), "state": "completed",
                 "language": "fr", "idempotency_key": f"k{number}", "request_fingerprint": "bench"}
                for number in range(POSTS))
        batch = []
        with database.atomic():
            for row in rows:
                batch.append(row)
                if len(batch) == 1000:
                    Share.insert_many(batch).execute()
                    batch = []
            if batch:
                Share.insert_many(batch).execute()
        return create_api_token(author, "bench")[1]


def replay(app, database):
    from server.charter import simulator, versions

    with app.test_request_context(), database.connection_context():
        document = versions.parse_document(draft_document())
        started = time.perf_counter()
        summary = simulator.simulate_document(document)
        return summary, time.perf_counter() - started


def one_by_one(app, database, token):
    from server.shares.models import Share

    with app.app_context(), database.connection_context():
        texts = [text for (text,) in Share.select(Share.text).order_by(Share.id).limit(BASELINE_POSTS).tuples()]
    client = app.test_client()
    headers = {"Authorization": f"Bearer {token}"}
    started = time.perf_counter()
    for text in texts:
        response = client.post("/api/v1/checks", json={"text": text, "link": "https://acme-energie.example/news/"
                                                                          "eoliennes", "language": "fr"},
                               headers=headers)
        if response.status_code != 200:
            raise SystemExit(f"POST /api/v1/checks answered {response.status_code}: {response.get_data(True)}")
    return len(texts), time.perf_counter() - started


def main():
    from server import create_app
    from server.db import database
    from server.migrations import upgrade

    workdir = tempfile.mkdtemp(prefix="pv-bench-simulate-")
    # The baseline sends more requests than the live check's per-person limit allows: limits off for this run.
    app = create_app({"DATABASE_URL": f"sqlite:///{workdir}/bench.db", "INSTANCE_PATH": workdir,
                      "SECRET_KEY": "bench", "JOBS_IMMEDIATE": True, "RATELIMIT_ENABLED": False})
    with app.app_context(), database.connection_context():
        upgrade(database)
    started = time.perf_counter()
    token = seed(app, database)
    print(f"stored {POSTS} posts in {time.perf_counter() - started:.1f} s", flush=True)
    summary, seconds = replay(app, database)
    replay_rate = summary["posts"] / seconds
    print(f"replay: {summary['posts']} posts in {seconds:.1f} s ({replay_rate:.0f} posts/s), "
          f"{summary['changed_posts']} treated differently", flush=True)
    sent, baseline_seconds = one_by_one(app, database, token)
    baseline_rate = sent / baseline_seconds
    print(f"one by one through POST /api/v1/checks: {sent} posts in {baseline_seconds:.1f} s "
          f"({baseline_rate:.0f} posts/s)", flush=True)
    ratio = round(replay_rate / baseline_rate, 1)
    print(json.dumps({"bench": "simulate", "posts": summary["posts"], "replay_seconds": round(seconds, 2),
                      "posts_per_second": round(replay_rate), "baseline_posts": sent,
                      "baseline_posts_per_second": round(baseline_rate, 1), "ratio": ratio,
                      "changed_posts": summary["changed_posts"], "target": TARGET,
                      "target_met": summary["posts"] == POSTS and ratio >= TARGET_RATIO}, ensure_ascii=False))


if __name__ == "__main__":
    main()
