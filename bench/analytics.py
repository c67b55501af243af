"""Benchmark of the results pages with 10,000 and with 1,000,000 clicks on PostgreSQL, in the same run.

Run from the repository root: ``.venv/bin/python bench/analytics.py`` (``make bench`` runs it). It needs a
PostgreSQL database where it may create schemas: ``PV_BENCH_DATABASE_URL``, else ``PV_TEST_DATABASE_URL``,
else the local server's ``postgres`` database as ``postgres``. Two schemas, dropped at the end, hold the
same programme — 2,000 employees in 20 departments (1,200 taking part), 40 campaigns, 1,000 links, 10,000
shares with 15,000 tracked links opened over 180 days — and differ only in their clicks: 10,000
in one, 1,000,000 in the other (COPY), each click in the two weeks after its share, from a pool of visitors,
stored in time order.

The rollup job (server/analytics/rollups.py) then reads every click once, as it would after an upgrade,
and its time is printed. Then, through the application (Flask test client, an administrator's session),
each page is asked `SAMPLE` times after a warm-up: the programme overview over 30 and 90 days and the report
of the campaign with the most clicks. Targets: the median under 500 ms on each page, and at 1,000,000 clicks
no more than 2 × the time at 10,000. The last line is one JSON object.
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
from datetime import datetime, timedelta
from pathlib import Path
from urllib.parse import quote

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import psycopg2

DEFAULT_URL = "postgresql://postgres@127.0.0.1:5432/postgres"
DEPARTMENTS, EMPLOYEES, PARTICIPANTS = 20, 2_000, 1_200
CAMPAIGNS, LINKS, SHARES = 40, 1_000, 10_000
DAYS = 180
VISITORS = 200_000
SIZES = (10_000, 1_000_000)
SAMPLE, WARMUP = 15, 3
SEED = 20261201
TARGET = "overview and campaign page < 500 ms each; at 1,000,000 clicks ≤ 2 × the time at 10,000"
NETWORK_CHOICES = 5  # the first networks of the registry


def main():
    url = os.environ.get("PV_BENCH_DATABASE_URL") or os.environ.get("PV_TEST_DATABASE_URL") or DEFAULT_URL
    admin = psycopg2.connect(url)
    admin.autocommit = True
    schemas = {size: "pv_bench_" + uuid.uuid4().hex[:10] for size in SIZES}
    results = {}
    try:
        for size, schema in schemas.items():
            with admin.cursor() as cursor:
                cursor.execute(f'CREATE SCHEMA "{schema}"')
            results[size] = run(url, schema, size)
    finally:
        with admin.cursor() as cursor:
            for schema in schemas.values():
                cursor.execute(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')
        admin.close()
    print(json.dumps(summary(results), ensure_ascii=False))


def summary(results):
    small, large = results[SIZES[0]], results[SIZES[1]]
    pages = {name: {"ms_10k": small["pages"][name], "ms_1m": large["pages"][name],
                    "ratio": round(large["pages"][name] / small["pages"][name], 2)} for name in large["pages"]}
    met = all(page["ms_1m"] < 500 and page["ratio"] <= 2 for page in pages.values())
    return {"bench": "analytics", "pages": pages, "rollup_seconds": {"10k": small["rollup_s"], "1m": large["rollup_s"]},
            "rollup_rows": {"10k": small["rollup_rows"], "1m": large["rollup_rows"]}, "target": TARGET,
            "target_met": met}


def run(url, schema, clicks):
    separator = "&" if "?" in url else "?"
    schema_url = f"{url}{separator}options={quote('-csearch_path=' + schema)}"
    app = build_app(schema_url)
    started = time.perf_counter()
    seed(schema_url, clicks)
    print(f"{clicks:,} clicks: seeded in {time.perf_counter() - started:.1f} s", flush=True)
    rollup_s, rollup_rows = roll_up(app)
    print(f"{clicks:,} clicks: rolled up in {rollup_s:.1f} s into {rollup_rows:,} rows", flush=True)
    client, campaign_id = signed_in_client(app)
    pages = {"overview_30d": "/results?period=30", "overview_90d": "/results?period=90",
             "campaign": f"/results/campaigns/{campaign_id}"}
    timings = {}
    for name, path in pages.items():
        values = timed(client, path)
        timings[name] = round(statistics.median(values), 1)
        print(f"{clicks:,} clicks: {name} median {timings[name]} ms, max {max(values):.1f} ms", flush=True)
    return {"pages": timings, "rollup_s": round(rollup_s, 1), "rollup_rows": rollup_rows}


def timed(client, path):
    for _ in range(WARMUP):
        client.get(path)
    values = []
    for _ in range(SAMPLE):
        start = time.perf_counter()
        response = client.get(path)
        values.append((time.perf_counter() - start) * 1000)
        if response.status_code != 200:
            raise SystemExit(f"{path} answered {response.status_code}")
    return values


# -- the application ---------------------------------------------------------------------------------------

def build_app(schema_url):
    from server import create_app
    from server.db import database
    from server.migrations import upgrade

    app = create_app({"TESTING": False, "DATABASE_URL": schema_url, "INSTANCE_PATH": tempfile.mkdtemp(prefix="pv-"),
                      "SECRET_KEY": "bench", "JOBS_IMMEDIATE": True, "LOG_LEVEL": "WARNING"})
    with app.app_context():
        database.connect(reuse_if_open=True)
        upgrade(database)
        database.close()
    return app


def roll_up(app):
    from server.analytics.models import ClickRollup
    from server.analytics.rollups import roll_up as run_job
    from server.db import database, utcnow

    with app.app_context(), database.connection_context():
        started = time.perf_counter()
        run_job(now=utcnow() + timedelta(hours=1))
        elapsed = time.perf_counter() - started
        database.execute_sql("ANALYZE")
        return elapsed, ClickRollup.select().count()


def signed_in_client(app):
    """A test client with an administrator's session, and the campaign with the most clicks."""
    from flask import session
    from peewee import fn

    from server.analytics.models import ClickRollup
    from server.auth.models import User
    from server.auth.sessions import SESSION_KEY, sign_in
    from server.db import database

    client = app.test_client()
    with app.test_request_context(), database.connection_context():
        admin = User.create(email="alice@acme.example", name="Alice Martin", role="admin")
        sign_in(admin, "bench")
        raw = session[SESSION_KEY]
        campaign_id = (ClickRollup.select(ClickRollup.campaign).where(ClickRollup.campaign.is_null(False))
                       .group_by(ClickRollup.campaign).order_by(fn.SUM(ClickRollup.clicks).desc()).scalar())
    with client.session_transaction() as stored:
        stored[SESSION_KEY] = raw
    return client, campaign_id


# -- seeding -----------------------------------------------------------------------------------------------

def seed(schema_url, clicks):
    from server import networks
    from server.db import utcnow

    rng = random.Random(SEED)
    now = utcnow().replace(microsecond=0)
    names = list(networks.NETWORKS)[:NETWORK_CHOICES]
    connection = psycopg2.connect(schema_url)
    with connection, connection.cursor() as cursor:
        copy(cursor, "departments", ("name", "created_at"), ((f"Service {n}", now) for n in range(DEPARTMENTS)))
        copy(cursor, "users", ("email", "name", "role", "department_id", "timezone", "active", "created_at"),
             ((f"person{n}@acme.example", f"Person {n}", "employee", n % DEPARTMENTS + 1, "Europe/Paris", True, now)
              for n in range(EMPLOYEES)))
        copy(cursor, "participants", ("user_id", "opted_in_at"), ((n, now) for n in range(1, PARTICIPANTS + 1)))
        start = now - timedelta(days=DAYS)
        copy(cursor, "campaigns", ("name", "starts_at", "ends_at", "target_shares", "target_clicks", "moderation",
                                   "created_at", "updated_at"),
             ((f"Campagne {n}", start + timedelta(days=4 * n), start + timedelta(days=4 * n + 30), 300, 20_000,
               "none", now, now) for n in range(CAMPAIGNS)))
        categories = ("product", "culture", "sector")
        copy(cursor, "links", ("url", "url_hash", "title", "category", "tags", "status", "source", "campaign_id",
                               "for_departments", "preview_status", "search_text", "created_at", "updated_at"),
             ((f"https://acme-energie.example/n/{n}", uuid.UUID(int=n).hex * 2, f"Article {n}", categories[n % 3],
               "[]", "approved", "admin", n % CAMPAIGNS + 1 if n % 3 == 0 else None, False, "manual", "", now, now)
              for n in range(LINKS)))
        shares, targets, shared_at = [], [], {}
        for share_id in range(1, SHARES + 1):
            when = start + timedelta(seconds=rng.randrange(DAYS * 86_400))
            shares.append((rng.randrange(1, PARTICIPANTS + 1), rng.randrange(1, LINKS + 1), "Texte", "completed",
                           "portal", f"k{share_id}", "f", when, when))
            for network in rng.sample(names, 1 if rng.random() < 0.5 else 2):
                targets.append((share_id, network, "intent", uuid.uuid4().hex[:12], "opened", when, 0))
                shared_at[len(targets)] = when
        copy(cursor, "shares", ("user_id", "link_id", "text", "state", "source", "idempotency_key",
                                "request_fingerprint", "created_at", "updated_at"), shares)
        copy(cursor, "share_targets", ("share_id", "network", "method", "code", "state", "opened_at", "attempts"),
             targets)
        copy_clicks(cursor, rng, shared_at, clicks, now)
    connection.close()


def copy_clicks(cursor, rng, shared_at, clicks, now):
    """`clicks` clicks on the targets (some far more clicked than others), within two weeks of each share,
    stored in the order they happened (as the redirect stores them: ids follow time)."""
    target_ids = list(shared_at)
    weights = [rng.paretovariate(1.2) for _ in target_ids]
    chosen = sorted((min(shared_at[target] + timedelta(seconds=int(rng.expovariate(1 / 200_000)) % (14 * 86_400)),
                         now), target) for target in rng.choices(target_ids, weights=weights, k=clicks))
    chunk = io.StringIO()
    for n, (moment, target) in enumerate(chosen, 1):
        chunk.write(f"{target}\t{moment}\t{moment.date()}\t{rng.randrange(VISITORS):032x}\n")
        if n % 200_000 == 0 or n == clicks:
            chunk.seek(0)
            cursor.copy_expert("COPY clicks (target_id, clicked_at, day, visitor) FROM STDIN", chunk)
            chunk = io.StringIO()


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
    if isinstance(value, datetime):
        return value.isoformat(" ")
    return str(value).replace("\\", "\\\\").replace("\t", " ").replace("\n", " ")


if __name__ == "__main__":
    main()
