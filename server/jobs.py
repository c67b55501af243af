"""Background jobs with huey: SQLite in the instance folder by default, Redis when PV_REDIS_URL is set.

API posting, feed polling, digests, metadata fetches and e-mail are jobs: a request never waits on a
social network or a mail server. `porte-voix worker` runs the consumer. Jobs are declared with `@job`
(or `@periodic_job`) so that they run inside the application context with a database connection.
"""

import functools
import logging
import os
import time

from flask import has_app_context
from huey import Huey
from huey import crontab as huey_crontab
from huey.constants import EmptyData
from huey.storage import MemoryStorage, RedisStorage, SqliteStorage

from server.config import private_file
from server.db import database

log = logging.getLogger(__name__)

huey = Huey("porte-voix", storage_class=MemoryStorage, results=False, utc=True)

HEARTBEAT_KEY = "worker-heartbeat"
HEARTBEAT_STALE_SECONDS = 150
_state = {"app": None}


def configure_storage(app):
    """Point the queue at the configured backend (or run jobs inline when JOBS_IMMEDIATE is set)."""
    if app.config["JOBS_IMMEDIATE"]:
        huey.immediate = True
        return
    huey.immediate = False
    if app.config.get("REDIS_URL"):
        huey.storage_class = RedisStorage
        huey.storage_kwargs = {"url": app.config["REDIS_URL"]}
    else:
        huey.storage_class = SqliteStorage
        huey.storage_kwargs = {"filename": private_file(os.path.join(app.instance_path, "jobs.db"))}
    huey.storage = huey.create_storage()


def init_app(app):
    configure_storage(app)
    _state["app"] = app


def _in_app_context(fn):
    @functools.wraps(fn)
    def run(*args, **kwargs):
        if has_app_context():
            database.connect(reuse_if_open=True)
            return fn(*args, **kwargs)
        app = _state["app"]
        if app is None:
            raise RuntimeError("jobs.init_app was not called before running a job")
        with app.app_context(), database.connection_context():
            return fn(*args, **kwargs)

    return run


def job(**task_options):
    """Declare a background job (huey task options: retries, retry_delay, priority…)."""

    def declare(fn):
        return huey.task(**task_options)(_in_app_context(fn))

    return declare


def periodic_job(schedule, **task_options):
    """Declare a job that the worker runs on a crontab schedule (huey.crontab)."""

    def declare(fn):
        return huey.periodic_task(schedule, **task_options)(_in_app_context(fn))

    return declare


def queue_status():
    """What /healthz says of the queue: its backend, whether it answers, pending jobs, the worker's last sign."""
    backend = "inline" if huey.immediate else ("redis" if huey.storage_class is RedisStorage else "sqlite")
    status = {"backend": backend, "ok": True}
    try:
        status["pending"] = huey.pending_count()
        status["scheduled"] = huey.scheduled_count()
        beat = huey.storage.peek_data(HEARTBEAT_KEY)
    except Exception as exc:  # any storage failure is what health reports are for
        log.warning("job queue unreachable: %s", exc)
        return {"backend": backend, "ok": False, "error": exc.__class__.__name__}
    if beat is EmptyData:
        status["worker"] = "inline" if huey.immediate else "unknown"
        return status
    age = time.time() - float(beat)
    status["worker_last_seen_seconds"] = round(age, 1)
    status["worker"] = "running" if age < HEARTBEAT_STALE_SECONDS else "stale"
    return status


def run_consumer(workers=2):
    """Consume jobs until stopped (SIGINT/SIGTERM), running periodic jobs too: `porte-voix worker`."""
    consumer = huey.create_consumer(workers=workers, worker_type="thread", periodic=True, check_worker_health=True)
    consumer.run()


def beat():
    """Record that a worker is alive (called by the consumer every minute)."""
    huey.storage.put_data(HEARTBEAT_KEY, str(time.time()).encode())


@huey.on_startup()
def _announce_worker():
    beat()


@huey.periodic_task(huey_crontab(minute="*"))
def worker_heartbeat():
    beat()
