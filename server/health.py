"""Probes for load balancers, service managers and operators, open to anyone and never rate-limited.

GET /readyz: whether this process can serve now (the database answers and every migration is applied),
200 or 503 with a short body; what a load balancer or an orchestrator polls. GET /healthz: the full report
(database, migrations, job queue, the worker's last heartbeat) for operators.
"""

from flask import Blueprint

from schemas.health import HealthSchema, ReadinessSchema
from server import __version__
from server.auth.roles import public
from server.db import backend_name, database
from server.jobs import queue_status
from server.migrations import available
from server.protection import limiter

bp = Blueprint("health", __name__)
limiter.exempt(bp)

NO_STORE = {"Cache-Control": "no-store"}


def database_status():
    try:
        # A read needs no transaction; on SQLite one would queue for the write lock (server/db.py).
        applied = database.execute_sql("SELECT COUNT(*) FROM pv_schema_migrations").fetchone()[0]
        return {"ok": True, "backend": backend_name(), "migrations_pending": len(available()) - applied}
    except Exception as exc:  # health reports any failure rather than raising it
        return {"ok": False, "backend": backend_name(), "error": exc.__class__.__name__}


@bp.get("/readyz")
@public
def readyz():
    db = database_status()
    if not db["ok"]:
        body = {"ready": False, "reason": "database_unreachable"}
    elif db["migrations_pending"]:
        body = {"ready": False, "reason": "migrations_pending"}
    else:
        body = {"ready": True}
    return ReadinessSchema().dump(body), 200 if body["ready"] else 503, NO_STORE


@bp.get("/healthz")
@public
def healthz():
    db = database_status()
    jobs = queue_status()
    status = "ok" if db["ok"] and jobs["ok"] and not db.get("migrations_pending") else "degraded"
    if not db["ok"]:
        status = "down"
    body = HealthSchema().dump({"status": status, "version": __version__, "database": db, "jobs": jobs})
    return body, 503 if status == "down" else 200, NO_STORE
