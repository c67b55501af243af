"""Two web processes and the job worker writing to one database at once lose nothing and never fail.

Two `porte-voix run --no-worker` servers on one instance and a job worker: employees submit shares (each
twice at once, to both servers, with the same Idempotency-Key), curators edit links (three editors, each
owning one field, on the same links), visitors click tracked links, and the worker publishes the shares
through the employees' connected Mastodon accounts (a local fake instance) and records the results.
"""

import itertools
import random
import threading
import time
from collections import Counter, defaultdict

import pytest
import requests

from server.db import database
from tests.conftest import make_app
from tests.networks.fakes.fixtures import fake_mastodon, insecure_transport  # noqa: F401
from tests.support.processes import ServerProcess, WorkerProcess, free_port

EMPLOYEES = 3
SHARES_EACH = 4  # each submitted twice: 24 submissions, under the 30 a minute each server allows
LINKS = 4
EDIT_ROUNDS = 8
CLICKS_EACH = 60
BROWSER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36"
CHARTER = {
    "name": "Charte Acme", "languages": ["fr", "en"], "competitors": [], "review_terms": [], "banned_terms": [],
    "brand_terms": [], "allowed_domains": ["acme-energie.example"], "disclosure": {"required": False, "markers": []},
    "hashtags": {"max": 5, "required": []}, "text": {"fr": "Soyez vous-même.", "en": "Be yourself."}, "quiz": [],
}


@pytest.fixture
def instance(database_url, tmp_path, fake_mastodon):  # noqa: F811 (the fixture imported above)
    """A migrated instance with an administrator, employees ready to share (charter acknowledged, Mastodon
    connected), approved links, one tracked link per employee already out, and API tokens."""
    settings = {"DATABASE_URL": database_url, "INSTANCE_PATH": str(tmp_path / "instance"),
                "SECRET_KEY": "test-secret-key", "JOBS_IMMEDIATE": False, "BASE_URL": "",
                "NETWORK_INSTANCE_URLS": {"social.example": fake_mastodon.url}, "OUTBOUND_ALLOW": ["127.0.0.1"]}
    app = make_app(database_url, tmp_path / "instance", **settings)
    with app.test_request_context():
        database.connect(reuse_if_open=True)
        seeded = _seed(fake_mastodon)
        database.close()
    yield app, settings, seeded
    database.close()
    make_app(database_url, tmp_path / "reset", JOBS_IMMEDIATE=True)  # leave jobs inline for the next tests


def _seed(fake):
    from server.auth.models import User
    from server.auth.tokens import create_api_token
    from server.charter.training import acknowledge
    from server.charter.versions import parse_document, save_version
    from server.library.links import add_link
    from server.shares import accounts
    from server.shares.pipeline import opt_in, submit_share

    admin = User.create(email="alice@acme.example", name="Alice Martin", role="admin")
    charter = save_version(admin, parse_document(CHARTER))
    links = [add_link(admin, f"https://acme-energie.example/news/{n}", fetch_preview=False, title=f"Titre {n}",
                      category="sector", language="fr").id for n in range(LINKS)]
    employees, codes = [], []
    for n in range(EMPLOYEES):
        user = User.create(email=f"person{n}@acme.example", name=f"Person {n}", role="employee")
        opt_in(user)
        acknowledge(user, charter.number)
        url, pending = accounts.begin_connect("mastodon", "social.example")
        accounts.complete_connect(user, pending, fake.approve(url))
        share, _created = submit_share(user, link_id=links[0], text="Lyon passe à l'hydrogène",
                                       targets=[{"network": "linkedin", "method": "intent"}],
                                       idempotency_key="before")
        codes.append(share.targets[0].code)
        employees.append((user.id, {"Authorization": f"Bearer {create_api_token(user, 'load')[1]}"}))
    curator = {"Authorization": f"Bearer {create_api_token(admin, 'load')[1]}"}
    return {"links": links, "employees": employees, "curator": curator, "codes": codes}


class Load:
    """What the clients sent and what the servers answered, shared by the client threads."""

    def __init__(self):
        self.lock = threading.Lock()
        self.statuses = Counter()
        self.errors = []
        self.created = defaultdict(list)  # (user id, key) → statuses of its two submissions
        self.last_edit = {}  # (link id, field) → the last value a 200 answered
        self.edits = 0
        self.clicks = Counter()  # code → redirects answered
        self.codes = []

    def send(self, session, method, url, expected, **options):
        """The response, counted; None (and an error noted) when it is not one of `expected`."""
        try:
            response = session.request(method, url, timeout=30, allow_redirects=False, **options)
        except requests.RequestException as exc:
            with self.lock:
                self.statuses["no answer"] += 1
                self.errors.append(f"{method} {url}: {exc!r}")
            return None
        with self.lock:
            self.statuses[response.status_code] += 1
            if response.status_code not in expected:
                self.errors.append(f"{method} {url}: {response.status_code} {response.text[:300]}")
                return None
        return response


def _submit_shares(load, server, user_id, headers, links):
    session = requests.Session()
    for n in range(SHARES_EACH):
        body = {"link_id": links[n % len(links)], "text": f"Notre site de Lyon passe à l'hydrogène, épisode {n}",
                "targets": [{"network": "mastodon", "method": "api"}]}
        response = load.send(session, "POST", f"{server}/api/v1/shares", (200, 201), json=body,
                             headers={**headers, "Idempotency-Key": f"load-{n}"})
        if response is not None:
            with load.lock:
                load.created[(user_id, f"load-{n}")].append(response.status_code)
                load.codes.append(response.json()["targets"][0]["tracked_url"].rsplit("/", 1)[1])


def _edit_links(load, servers, headers, links, field):
    session = requests.Session()
    for round_number in range(EDIT_ROUNDS):
        for link_id in links:
            value = [f"{field}-{round_number}"] if field == "tags" else f"{field} {link_id}/{round_number}"
            server = servers[(round_number + link_id) % len(servers)]
            response = load.send(session, "PATCH", f"{server}/api/v1/links/{link_id}", (200,),
                                 json={field: value}, headers=headers)
            if response is not None:
                with load.lock:
                    load.last_edit[(link_id, field)] = value
                    load.edits += 1


def _click(load, servers, seed):
    session, draw = requests.Session(), random.Random(seed)
    for n in range(CLICKS_EACH):
        with load.lock:
            code = draw.choice(load.codes)
        response = load.send(session, "GET", f"{servers[n % len(servers)]}/s/{code}", (302,),
                             headers={"User-Agent": f"{BROWSER} {seed}"})
        if response is not None:
            with load.lock:
                load.clicks[code] += 1


def _run_load(servers, seeded):
    load = Load()
    load.codes.extend(seeded["codes"])
    threads = [threading.Thread(target=_submit_shares, args=(load, server, user_id, headers, seeded["links"]))
               for (user_id, headers), server in itertools.product(seeded["employees"], servers)]
    threads += [threading.Thread(target=_edit_links, args=(load, servers, seeded["curator"], seeded["links"], field))
                for field in ("title", "description", "tags")]
    threads += [threading.Thread(target=_click, args=(load, servers, seed)) for seed in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)
    return load


def _wait_for_the_worker(app, seconds=40):
    """Poll until every post through a connected account has a recorded result (or the time is up)."""
    from server.shares.models import ShareTarget

    deadline = time.monotonic() + seconds
    with app.app_context():
        while time.monotonic() < deadline:
            with database.connection_context():
                left = ShareTarget.select().where(ShareTarget.method == "api",
                                                  ShareTarget.state != "posted").count()
            if left == 0:
                return
            time.sleep(0.2)


def _lost_writes(app, load, seeded, fake):
    """Every write a client was told succeeded (or the worker should have made) that is not in the database,
    as (what, how many) pairs."""
    from server.audit import AuditEvent
    from server.library.models import Link
    from server.shares.models import Share, ShareTarget
    from server.tracking.models import Click

    lost = []
    with app.app_context(), database.connection_context():
        for user_id, _headers in seeded["employees"]:
            for n in range(SHARES_EACH):
                stored = Share.select().where(Share.user == user_id, Share.idempotency_key == f"load-{n}").count()
                answered = load.created[(user_id, f"load-{n}")]
                if stored != 1 or answered.count(201) != 1:
                    lost.append((f"share load-{n} of user {user_id}: {stored} stored, answers {answered}", 1))
        for (link_id, field), value in load.last_edit.items():
            if getattr(Link.get_by_id(link_id), field) != value:
                lost.append((f"link {link_id}: {field} is not the last value saved ({value!r})", 1))
        updates = AuditEvent.select().where(AuditEvent.action == "library.link.update").count()
        if updates != load.edits:
            lost.append((f"{load.edits} edits answered, {updates} in the audit log", abs(load.edits - updates)))
        for code, count in load.clicks.items():
            stored = Click.select().join(ShareTarget).where(ShareTarget.code == code).count()
            if stored != count:
                lost.append((f"/s/{code}: {count} clicks answered, {stored} stored", abs(count - stored)))
        posts = ShareTarget.select().where(ShareTarget.method == "api")
        unpublished = [t.id for t in posts if t.state != "posted" or not t.external_id]
        if unpublished:
            lost.append((f"targets without a recorded result: {unpublished}", len(unpublished)))
        if len(fake.posts) != posts.count():
            lost.append((f"{posts.count()} posts through accounts, {len(fake.posts)} at the network",
                         abs(posts.count() - len(fake.posts))))
        open_shares = Share.select().where(Share.idempotency_key != "before", Share.state != "completed").count()
        if open_shares:
            lost.append((f"{open_shares} shares whose state does not say completed", open_shares))
    return lost


def _read_then_write(db):
    with db.atomic():
        seen = db.execute_sql("SELECT n FROM counter").fetchone()[0]
        db.execute_sql("UPDATE counter SET n = ?", (seen + 1,))


def _single_write(db):
    db.execute_sql("UPDATE counter SET n = n + 1")  # outside any transaction: its own


@pytest.mark.parametrize("write", [_read_then_write, _single_write], ids=["read-then-write", "single-write"])
def test_a_write_waits_for_another_connections_writer_on_sqlite_instead_of_failing(tmp_path, write):
    """A read then a write in one transaction is the case SQLite's busy timeout does not cover by itself;
    a single statement outside a transaction must wait too."""
    from server.db import open_database

    path = f"sqlite:///{tmp_path}/locks.db"
    holder, writer = open_database(path), open_database(path)
    holder.execute_sql("CREATE TABLE counter (n INTEGER)")
    holder.execute_sql("INSERT INTO counter VALUES (0)")
    locked, outcome = threading.Event(), {}

    def hold_the_lock():
        with holder.atomic():
            holder.execute_sql("UPDATE counter SET n = n + 1")
            locked.set()
            time.sleep(0.5)
        holder.close()

    def write_meanwhile():
        locked.wait(5)
        try:
            write(writer)
        except Exception as exc:  # what the test is about: no "database is locked"
            outcome["error"] = exc
        writer.close()

    threads = [threading.Thread(target=hold_the_lock), threading.Thread(target=write_meanwhile)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(15)
    assert "error" not in outcome, outcome.get("error")
    assert holder.execute_sql("SELECT n FROM counter").fetchone()[0] == 2, "the second writer saw the first's change"
    holder.close()


def test_two_web_processes_and_the_worker_write_at_once_without_errors_or_lost_writes(
        instance, tmp_path, fake_mastodon, database_url):  # noqa: F811 (the fixture imported above)
    app, settings, seeded = instance
    ports = [free_port(), free_port()]
    base_url = f"http://127.0.0.1:{ports[0]}"  # tracked links name one public address, whoever writes them
    environment = {"PV_INSTANCE_PATH": settings["INSTANCE_PATH"], "PV_DATABASE_URL": database_url,
                   "PV_SECRET_KEY": settings["SECRET_KEY"], "PV_BASE_URL": base_url, "PV_LOG_LEVEL": "WARNING"}
    servers = [ServerProcess(environment, tmp_path / f"web{port}.log", port=port) for port in ports]
    worker = WorkerProcess({**settings, "BASE_URL": base_url, "LOG_LEVEL": "WARNING"}, tmp_path / "worker.log")
    try:
        for process in (*servers, worker):
            process.wait_until_ready()
        load = _run_load([server.url for server in servers], seeded)
        _wait_for_the_worker(app)
    finally:
        for process in (*servers, worker):
            process.stop()
    lost = _lost_writes(app, load, seeded, fake_mastodon)
    requests_sent = sum(load.statuses.values())
    server_errors = sum(count for status, count in load.statuses.items() if status != "no answer" and status >= 500)
    print(f"\n{database_url.split(':')[0]}: {requests_sent} requests ({dict(load.statuses)}), {server_errors} 5xx, "
          f"{sum(n for _what, n in lost)} lost writes; {len(fake_mastodon.posts)} posts published by the worker")
    assert requests_sent == EMPLOYEES * SHARES_EACH * 2 + 3 * EDIT_ROUNDS * LINKS + 2 * CLICKS_EACH
    assert not load.errors, "\n".join(load.errors[:20])
    assert not lost, "\n".join(what for what, _n in lost[:20])
