"""Benchmark of the tracked-link redirect GET /s/<code> against a bare Flask redirect under the same gunicorn.

Run from the repository root: ``.venv/bin/python bench/redirect.py`` (``make bench`` runs it). On SQLite (a
file in a temporary instance) and on PostgreSQL (``PV_BENCH_DATABASE_URL``, else ``PV_TEST_DATABASE_URL``,
else the local server's ``postgres`` database as ``postgres``; a schema of its own, dropped at the end):

* the application is served by ``porte-voix run --no-worker`` (gunicorn, 2 workers × 24 threads, access lines
  logged); the bare application — one Flask route answering ``redirect(url)``, nothing else — is served by
  the same gunicorn class with the same settings (server/serving.py);
* throughput: ``wrk`` (``apt-get install wrk``; without it, a Python load generator with the same number of
  connections) with 50 keep-alive connections, alternating bare / tracked-link rounds of ``ROUND_SECONDS``
  (the machine is shared: alternating keeps them under the same conditions), the median of each; a person's
  click (inserted) and a robot's (not inserted) are measured apart;
* exactness: ``EXACT_REQUESTS`` people's requests sent by 50 threads, every one answered 302, and the
  clicks stored afterwards counted; on PostgreSQL, again with two application processes on the database.

The last line is one JSON object: per database the requests per second of each, the ratio (target ≥ 0.7),
and sent vs stored.
"""

from __future__ import annotations

import http.client
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

DEFAULT_PG_URL = "postgresql://postgres@127.0.0.1:5432/postgres"
CONNECTIONS = 50
ROUNDS = 3
ROUND_SECONDS = 5
EXACT_REQUESTS = 3000
WORKERS, THREADS = 2, int(os.environ.get("PV_BENCH_THREADS", "24"))  # porte-voix run's defaults
TARGET = "tracked-link redirect ≥ 0.7 × a bare Flask redirect under the same gunicorn; stored clicks = requests sent"
PERSON = ("Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) "
          "Chrome/126.0.6478.122 Mobile Safari/537.36 [LinkedInApp]/9.29.8756")
ROBOT = "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)"
DESTINATION = "https://acme-energie.example/news/hydrogene?utm_source=linkedin&utm_medium=employee_advocacy"


# -- the bare application, served by the same gunicorn as the product --------------------------------------

def bare_app():
    from flask import Flask, redirect

    app = Flask("bare")

    @app.get("/s/<code>")
    def tracked(code):
        return redirect(DESTINATION, code=302)

    return app


def serve_bare(port):
    from server.serving import PorteVoixServer, serve

    PorteVoixServer.load = lambda self: bare_app()
    serve("127.0.0.1", int(port), workers=WORKERS, threads=THREADS)


# -- servers -----------------------------------------------------------------------------------------------

def free_port():
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Server:
    def __init__(self, command, environment, log_path):
        self.port = free_port()
        self.log = open(log_path, "wb")  # noqa: SIM115 (closed in stop)
        self.process = subprocess.Popen([*command, str(self.port)], cwd=ROOT, env={**os.environ, **environment},
                                        stdout=self.log, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=2)
                connection.request("GET", "/s/warm-up")
                connection.getresponse().read()
                return
            except OSError:
                time.sleep(0.2)
        raise SystemExit(f"server did not start: {log_path}")

    def stop(self):
        self.process.terminate()
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.log.close()


def product(environment, log_path):
    command = [sys.executable, "-m", "server", "run", "--no-worker", "--host", "127.0.0.1",
               "--workers", str(WORKERS), "--threads", str(THREADS), "--port"]
    return Server(command, environment, log_path)


def bare(log_path):
    return Server([sys.executable, str(Path(__file__).resolve()), "--serve-bare"], {}, log_path)


# -- load --------------------------------------------------------------------------------------------------

def wrk_rate(port, path, user_agent, seconds):
    """Requests per second answered, by wrk (or the Python generator without it), and how many."""
    if shutil.which("wrk"):
        output = subprocess.run(["wrk", "-t2", f"-c{CONNECTIONS}", f"-d{seconds}s", "-H", f"User-Agent: {user_agent}",
                                 f"http://127.0.0.1:{port}{path}"], capture_output=True, text=True, check=True).stdout
        requests = int(re.search(r"(\d+) requests in", output).group(1))
        non_redirect = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
        if non_redirect:
            raise SystemExit(f"wrk: {non_redirect.group(1)} answers were not redirects\n{output}")
        return float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)), requests
    sent, elapsed = python_load([port], path, user_agent, seconds=seconds)
    return sent / elapsed, sent


def python_load(ports, path, user_agent, seconds=None, total=None):
    """Keep-alive requests from CONNECTIONS threads, for `seconds` or `total` requests; (answered, elapsed).
    Every answer must be a redirect."""
    lock, counts, errors = threading.Lock(), [0], []
    share = None if total is None else total // CONNECTIONS
    stop_at = None if seconds is None else time.monotonic() + seconds

    def client(n):
        connection = http.client.HTTPConnection("127.0.0.1", ports[n % len(ports)], timeout=30)
        done = 0
        while (share is None or done < share + (1 if n < total % CONNECTIONS else 0)) and (
                stop_at is None or time.monotonic() < stop_at):
            connection.request("GET", path, headers={"User-Agent": user_agent})
            response = connection.getresponse()
            response.read()
            if response.status != 302:
                errors.append(response.status)
            done += 1
        with lock:
            counts[0] += done

    threads = [threading.Thread(target=client, args=(n,)) for n in range(CONNECTIONS)]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if errors:
        raise SystemExit(f"{len(errors)} answers were not redirects: {sorted(set(errors))}")
    return counts[0], time.monotonic() - started


# -- the product's data ------------------------------------------------------------------------------------

def seed(database_url, instance):
    """A migrated database with one released share whose tracked link is clicked; its code."""
    from server import create_app
    from server.auth.models import User
    from server.db import database
    from server.library.models import Link
    from server.migrations import upgrade
    from server.shares.models import Share, ShareTarget

    app = create_app({"DATABASE_URL": database_url, "INSTANCE_PATH": instance, "SECRET_KEY": "bench"})
    with app.app_context(), database.connection_context():
        upgrade(database)
        user = User.create(email="camille@acme.example", name="Camille Durand")
        link = Link.create(url="https://acme-energie.example/news/hydrogene", url_hash=uuid.uuid4().hex,
                           title="Hydrogène", status="approved")
        share = Share.create(user=user, link=link, text="Lyon passe à l'hydrogène", state="completed",
                             idempotency_key="bench", request_fingerprint="bench")
        target = ShareTarget.create(share=share, network="linkedin", method="intent", code="bench01",
                                    state="opened")
    database.close()
    return target.code


def stored_clicks(database_url, instance):
    from server import create_app
    from server.db import database
    from server.tracking.models import Click

    app = create_app({"DATABASE_URL": database_url, "INSTANCE_PATH": instance, "SECRET_KEY": "bench"})
    with app.app_context(), database.connection_context():
        count = Click.select().count()
    database.close()
    return count


# -- one database ------------------------------------------------------------------------------------------

def measure(name, database_url, workdir, bare_server):
    instance = os.path.join(workdir, name)
    code = seed(database_url, instance)
    environment = {"PV_DATABASE_URL": database_url, "PV_INSTANCE_PATH": instance, "PV_SECRET_KEY": "bench",
                   "PV_BASE_URL": "http://127.0.0.1", "PV_LOG_LEVEL": "INFO"}
    servers = [product(environment, os.path.join(workdir, f"{name}-web.log"))]
    try:
        path = f"/s/{code}"
        for port in (bare_server.port, servers[0].port):  # warm up: imports, caches, connections
            wrk_rate(port, path, PERSON, 1)
        before = stored_clicks(database_url, instance)
        bare_rates, person_rates, answered = [], [], 0
        for _ in range(ROUNDS):
            bare_rates.append(wrk_rate(bare_server.port, path, PERSON, ROUND_SECONDS)[0])
            rate, count = wrk_rate(servers[0].port, path, PERSON, ROUND_SECONDS)
            person_rates.append(rate)
            answered += count
        during_load = stored_clicks(database_url, instance) - before
        robot_rate = wrk_rate(servers[0].port, path, ROBOT, ROUND_SECONDS)[0]
        robots_stored = stored_clicks(database_url, instance) - before - during_load
        result = {"bare_rps": round(statistics.median(bare_rates)),
                  "person_rps": round(statistics.median(person_rates)), "robot_rps": round(robot_rate)}
        result["ratio"] = round(result["person_rps"] / result["bare_rps"], 3)
        result["robot_ratio"] = round(robot_rate / result["bare_rps"], 3)
        # wrk stops with requests in flight that the server still answers (and counts): at most one per connection.
        result["load"] = {"answered": answered, "stored": during_load, "robots_stored": robots_stored}
        result["exact"] = exact(database_url, instance, [servers[0].port], path)
        if name == "postgresql":
            servers.append(product(environment, os.path.join(workdir, f"{name}-web2.log")))
            result["exact_two_processes"] = exact(database_url, instance, [s.port for s in servers], path)
        print(f"{name}: bare {result['bare_rps']} req/s, tracked link {result['person_rps']} req/s "
              f"(ratio {result['ratio']}), robot {result['robot_rps']} req/s; exact: {result['exact']}"
              + (f", two processes: {result['exact_two_processes']}" if "exact_two_processes" in result else ""),
              flush=True)
        return result
    finally:
        for server in servers:
            server.stop()


def exact(database_url, instance, ports, path):
    before = stored_clicks(database_url, instance)
    sent, _elapsed = python_load(ports, path, PERSON, total=EXACT_REQUESTS)
    return {"sent": sent, "stored": stored_clicks(database_url, instance) - before}


def postgresql_url():
    import psycopg2

    url = os.environ.get("PV_BENCH_DATABASE_URL") or os.environ.get("PV_TEST_DATABASE_URL") or DEFAULT_PG_URL
    schema = "pv_bench_" + uuid.uuid4().hex[:10]
    admin = psycopg2.connect(url)
    admin.autocommit = True
    with admin.cursor() as cursor:
        cursor.execute(f'CREATE SCHEMA "{schema}"')
    separator = "&" if "?" in url else "?"
    return admin, schema, f"{url}{separator}options={quote('-csearch_path=' + schema)}"


def main():
    workdir = tempfile.mkdtemp(prefix="pv-bench-redirect-")
    bare_server = bare(os.path.join(workdir, "bare.log"))
    admin = schema = None
    summary = {"benchmark": "redirect", "target": TARGET, "connections": CONNECTIONS,
               "load": "wrk" if shutil.which("wrk") else "python threads",
               "gunicorn": f"{WORKERS} workers × {THREADS} threads (gthread)"}
    try:
        summary["sqlite"] = measure("sqlite", f"sqlite:///{workdir}/porte-voix.db", workdir, bare_server)
        admin, schema, pg_url = postgresql_url()
        summary["postgresql"] = measure("postgresql", pg_url, workdir, bare_server)
    finally:
        bare_server.stop()
        if admin is not None:
            with admin.cursor() as cursor:
                cursor.execute(f'DROP SCHEMA "{schema}" CASCADE')
            admin.close()
        shutil.rmtree(workdir, ignore_errors=True)
    checks = [summary[db]["ratio"] >= 0.7 and summary[db]["exact"]["sent"] == summary[db]["exact"]["stored"]
              for db in ("sqlite", "postgresql")]
    two = summary["postgresql"]["exact_two_processes"]
    summary["met"] = all(checks) and two["sent"] == two["stored"]
    print(json.dumps(summary, ensure_ascii=False))


if __name__ == "__main__":
    if sys.argv[1:2] == ["--serve-bare"]:
        serve_bare(sys.argv[2])
    else:
        main()
