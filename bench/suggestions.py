"""Benchmark of personalised suggestions with 100,000 links and 100,000 employees on PostgreSQL.

Run from the repository root: ``.venv/bin/python bench/suggestions.py``. It needs a PostgreSQL database
where it may create a schema: ``PV_BENCH_DATABASE_URL``, else ``PV_TEST_DATABASE_URL``, else the local
server's ``postgres`` database as the ``postgres`` role (what a fresh machine has: PostgreSQL on
127.0.0.1:5432 trusting local connections). Everything happens in a schema of its own, dropped at the end.

* seeding (COPY, a couple of minutes at most): 100,000 employees in 20 departments following 0–5 of 60
  interests; 100,000 links over two years (95 % approved, some embargoed or expired, a third targeted at
  departments, most at interests, a tenth in campaigns of which a few are running), two caption ideas on
  a third of them; 3 shares per employee, seen through a registered shared-links source as the share
  pipeline will provide it.
* measure: GET /api/v1/suggestions through the Flask test client for a sample of employees with their
  bearer token, interleaved with the baseline GET /api/v1/me (same authentication, one row), p50/p99 of
  each; then the same with the page the employee is on (context_text) for information.

The last line is one JSON object (see `summary`).
"""

from __future__ import annotations

import io
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
from urllib.parse import quote

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import psycopg2

DEFAULT_URL = "postgresql://postgres@127.0.0.1:5432/postgres"
LINKS = 100_000
EMPLOYEES = 100_000
DEPARTMENTS = 20
INTERESTS = 60
CAMPAIGNS = 30
SHARES_PER_EMPLOYEE = 3
SAMPLE = 600
WARMUP = 60
SEED = 20250314
TARGET = "p99 ≤ 50 ms with 100,000 links and 100,000 employees on PostgreSQL"

WORDS = (
    "énergie", "solaire", "éolien", "hydrogène", "réseau", "électrique", "batterie", "stockage", "recharge",
    "véhicule", "mobilité", "transition", "carbone", "climat", "industrie", "usine", "recrutement", "ingénieur",
    "talent", "culture", "équipe", "innovation", "recherche", "client", "offre", "marché", "prix", "contrat",
    "sobriété", "efficacité", "bâtiment", "chaleur", "pompe", "biomasse", "nucléaire", "barrage", "turbine",
    "panneau", "parc", "chantier", "région", "ville", "territoire", "investissement", "emploi", "grid", "power",
    "solar", "wind", "hydrogen", "storage", "battery", "charging", "fleet", "climate", "factory", "hiring",
    "engineer", "culture", "team", "innovation", "research", "customer", "market", "price", "efficiency", "heat",
    "pump", "investment", "jobs",
)
SITES = ("Acme Énergie", "Énergie Actu", "Cleantech Weekly", "Le Monde de l'énergie", "L'Usine Nouvelle",
         "Electrive", "ADEME", "Les Échos", "Reuters", "Bloomberg Green")
PAGE_TEXT = ("L'hydrogène vert et les électrolyseurs changent l'industrie lourde : une usine du Grand Est "
             "remplace le gaz par de l'hydrogène produit avec de l'électricité renouvelable. Les ingénieurs "
             "du réseau électrique préparent le raccordement, et la région investit dans le stockage.")


def main():
    url = os.environ.get("PV_BENCH_DATABASE_URL") or os.environ.get("PV_TEST_DATABASE_URL") or DEFAULT_URL
    # PV_BENCH_SCHEMA reuses a schema kept by an earlier run with PV_BENCH_KEEP=1 (when tuning queries).
    reused = os.environ.get("PV_BENCH_SCHEMA")
    schema = reused or "pv_bench_" + uuid.uuid4().hex[:10]
    admin = psycopg2.connect(url)
    admin.autocommit = True
    if not reused:
        with admin.cursor() as cursor:
            cursor.execute(f'CREATE SCHEMA "{schema}"')
    try:
        run(url, schema, seeded=bool(reused))
    finally:
        from server.db import database

        if database.obj is not None and not database.is_closed():
            database.close()
        if os.environ.get("PV_BENCH_KEEP"):
            print(f"schema kept: PV_BENCH_SCHEMA={schema}")
        else:
            with admin.cursor() as cursor:
                cursor.execute(f'DROP SCHEMA "{schema}" CASCADE')
        admin.close()


def run(url, schema, seeded=False):
    separator = "&" if "?" in url else "?"
    schema_url = f"{url}{separator}options={quote('-csearch_path=' + schema)}"
    app = build_app(schema_url)
    started = time.perf_counter()
    if not seeded:
        seed(schema_url)
        print(f"seeded {LINKS:,} links and {EMPLOYEES:,} employees in {time.perf_counter() - started:.1f} s")
    headers = make_tokens(app)
    register_shares_source()
    client = app.test_client()
    people = list(headers)
    random.Random(SEED).shuffle(people)
    for person in people[:WARMUP]:
        client.get("/api/v1/suggestions", headers=headers[person])
        client.get("/api/v1/me", headers=headers[person])
    suggestions, baseline, counts = [], [], []
    for person in people[:SAMPLE]:
        counts.append(len(timed(client, "/api/v1/suggestions", headers[person], suggestions)))
        timed(client, "/api/v1/me", headers[person], baseline)
    with_context = []
    for person in people[:SAMPLE // 3]:
        timed(client, "/api/v1/suggestions", headers[person], with_context, context_text=PAGE_TEXT,
              context_url="https://www.usine-nouvelle.example/2025/hydrogene-vert-grand-est")
    print(f"suggestions per answer: median {statistics.median(counts):.0f} (of 20 asked)")
    report("GET /api/v1/suggestions", suggestions)
    report("GET /api/v1/me (baseline)", baseline)
    report("GET /api/v1/suggestions with the page's text and address", with_context)
    p50, p99, base99 = percentile(suggestions, 50), percentile(suggestions, 99), percentile(baseline, 99)
    print(f"ratio p50 to baseline p50: {p50 / percentile(baseline, 50):.1f}×; p99 to baseline p99: "
          f"{p99 / base99:.1f}×")
    print(json.dumps(summary(p50, p99, base99)))


def summary(p50, p99, baseline_p99):
    return {"bench": "suggestions", "p50_ms": round(p50, 2), "p99_ms": round(p99, 2),
            "baseline_p99_ms": round(baseline_p99, 2), "ratio_p99_to_baseline": round(p99 / baseline_p99, 2),
            "target": TARGET, "target_met": p99 <= 50}


def timed(client, path, headers, into, **query):
    start = time.perf_counter()
    response = client.get(path, headers=headers, query_string=query)
    into.append((time.perf_counter() - start) * 1000)
    if response.status_code != 200:
        raise SystemExit(f"{path} answered {response.status_code}: {response.get_data(as_text=True)[:300]}")
    return response.get_json()


def percentile(values, q):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q / 100 * (len(ordered) - 1)))]


def report(label, values):
    print(f"{label}: n={len(values)} p50={percentile(values, 50):.2f} ms p90={percentile(values, 90):.2f} ms "
          f"p99={percentile(values, 99):.2f} ms max={max(values):.2f} ms")


# -- the application ---------------------------------------------------------------------------------------

def build_app(schema_url):
    from server import create_app
    from server.db import database
    from server.migrations import upgrade

    instance = tempfile.mkdtemp(prefix="pv-bench-")
    app = create_app({"TESTING": False, "DATABASE_URL": schema_url, "INSTANCE_PATH": instance,
                      "SECRET_KEY": "bench", "JOBS_IMMEDIATE": True, "LOG_LEVEL": "WARNING"})
    with app.app_context():
        database.connect(reuse_if_open=True)
        upgrade(database)
        database.close()
    return app


def make_tokens(app):
    """A bearer token for each sampled employee (ids 1..EMPLOYEES, spread over the departments)."""
    from server.auth.models import User
    from server.auth.tokens import create_api_token
    from server.db import database

    ids = random.Random(SEED + 1).sample(range(1, EMPLOYEES + 1), SAMPLE + WARMUP)
    headers = {}
    with app.app_context(), database.connection_context():
        for user in User.select().where(User.id.in_(ids)):
            _row, raw = create_api_token(user, "bench")
            headers[user.id] = {"Authorization": f"Bearer {raw}", "Accept-Language": user.locale}
    return headers


def register_shares_source():
    """What the share pipeline will register: the links a person shared (here from a bench table)."""
    from peewee import Table

    from server.library.share_sources import register_shared_links_source

    shares = Table("bench_shares", ("user_id", "link_id"))
    register_shared_links_source(lambda user: shares.select(shares.link_id).where(shares.user_id == user.id))


# -- seeding -----------------------------------------------------------------------------------------------

def seed(schema_url):
    from server.db import utcnow
    from server.library.models import url_hash
    from server.library.search import normalise_words, url_words

    rng = random.Random(SEED)
    now = utcnow().replace(microsecond=0)
    connection = psycopg2.connect(schema_url)
    with connection, connection.cursor() as cursor:
        copy(cursor, "departments", ("name", "created_at"), ((f"Service {n}", now) for n in range(DEPARTMENTS)))
        copy(cursor, "interests", ("name", "key", "created_at"),
             ((f"Sujet {n}", f"sujet {n}", now) for n in range(INTERESTS)))
        copy(cursor, "users", ("email", "name", "role", "department_id", "locale", "timezone", "active",
                               "created_at"),
             ((f"person{n}@acme.example", f"Person {n}", "employee", rng.randint(1, DEPARTMENTS),
               rng.choice(("fr", "fr", "en")), "Europe/Paris", True, now) for n in range(EMPLOYEES)))
        copy(cursor, "user_interests", ("user_id", "interest_id"),
             ((user, interest) for user in range(1, EMPLOYEES + 1)
              for interest in rng.sample(range(1, INTERESTS + 1), rng.randint(0, 5))))
        campaigns = []
        for n in range(CAMPAIGNS):
            start = now - timedelta(days=rng.randint(0, 700))
            running = n < 4
            starts, ends = (now - timedelta(days=3), now + timedelta(days=10)) if running \
                else (start, start + timedelta(days=14))
            campaigns.append((f"Campagne {n}", "Objectif", f"Campagne{n}", starts, ends, "none", now, now))
        copy(cursor, "campaigns", ("name", "objective", "hashtag", "starts_at", "ends_at", "moderation",
                                   "created_at", "updated_at"), campaigns)
        copy(cursor, "campaigns_audience", ("campaign_id", "department_id"),
             ((campaign, department) for campaign in range(1, CAMPAIGNS + 1) if campaign % 3 == 0
              for department in rng.sample(range(1, DEPARTMENTS + 1), 3)))
        links, targets, subjects, captions = [], [], [], []
        for n in range(1, LINKS + 1):
            title = " ".join(rng.choice(WORDS) for _ in range(rng.randint(5, 10))).capitalize()
            description = " ".join(rng.choice(WORDS) for _ in range(rng.randint(12, 25)))
            url = f"https://www.site{rng.randint(1, 400)}.example/{n}/{'-'.join(title.lower().split()[:4])}"
            site = rng.choice(SITES)
            tags = rng.sample(WORDS, 2)
            search_text = " ".join(normalise_words(f"{title} {description} {site} {' '.join(tags)}") + url_words(url))
            roll = rng.random()
            status = "approved" if roll < 0.95 else ("proposed" if roll < 0.98 else "archived")
            approved_at = now - timedelta(minutes=rng.randint(0, 730 * 24 * 60))
            not_before = now + timedelta(days=rng.randint(1, 20)) if rng.random() < 0.02 else None
            not_after = approved_at + timedelta(days=rng.randint(7, 90)) if rng.random() < 0.2 else None
            campaign = rng.randint(1, CAMPAIGNS) if rng.random() < 0.1 else None
            aimed = rng.sample(range(1, DEPARTMENTS + 1), rng.randint(1, 2)) if rng.random() < 0.3 else []
            targets.extend((n, department) for department in aimed)
            links.append((url, url_hash(url), title, description, site, rng.choice(("fr", "fr", "en")),
                          rng.choice(("product", "culture", "sector", "sector")), json.dumps(tags), status, "csv",
                          campaign, bool(aimed), not_before, not_after,
                          approved_at if status != "proposed" else None, "manual", search_text, approved_at,
                          approved_at))
            subjects.extend((n, interest) for interest in rng.sample(range(1, INTERESTS + 1), rng.randint(0, 3)))
            if rng.random() < 0.33:
                captions.extend((n, lang, f"Idée {k} pour {title[:40]}", k) for k, lang in enumerate(("fr", "en")))
        copy(cursor, "links", ("url", "url_hash", "title", "description", "site_name", "language", "category", "tags",
                               "status", "source", "campaign_id", "for_departments", "not_before", "not_after",
                               "approved_at", "preview_status", "search_text", "created_at", "updated_at"), links)
        copy(cursor, "link_departments", ("link_id", "department_id"), targets)
        copy(cursor, "link_interests", ("link_id", "interest_id"), subjects)
        copy(cursor, "kit_captions", ("link_id", "language", "text", "position"), captions)
        cursor.execute("CREATE TABLE bench_shares (user_id integer NOT NULL, link_id integer NOT NULL)")
        copy(cursor, "bench_shares", ("user_id", "link_id"),
             ((user, rng.randint(1, LINKS)) for user in range(1, EMPLOYEES + 1) for _ in range(SHARES_PER_EMPLOYEE)))
        cursor.execute("CREATE INDEX bench_shares_user ON bench_shares (user_id)")
    connection.autocommit = True
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
    connection.close()


def copy(cursor, table, columns, rows):
    """COPY rows (tuples) into table: tab-separated text, None as \\N."""
    buffer = io.StringIO()
    for row in rows:
        buffer.write("\t".join(r"\N" if value is None else _text(value) for value in row))
        buffer.write("\n")
    buffer.seek(0)
    cursor.copy_expert(f'COPY "{table}" ({", ".join(columns)}) FROM STDIN', buffer)


def _text(value):
    if isinstance(value, bool):
        return "t" if value else "f"
    return str(value).replace("\\", "\\\\").replace("\t", " ").replace("\n", " ")


if __name__ == "__main__":
    main()
