"""GET /healthz: whether the database and the job queue answer, for load balancers and operators."""

from flask import Blueprint

from schemas.health import HealthSchema
from server import __version__
from server.auth.roles import public
from server.db import backend_name, database
from server.jobs import queue_status
from server.migrations import available

bp = Blueprint("health", __name__)


def database_status():
    try:
        # A read needs no transaction; on SQLite one would queue for the write lock (server/db.py).
        applied = database.execute_sql("SELECT COUNT(*) FROM pv_schema_migrations").fetchone()[0]
        return {"ok": True, "backend": backend_name(), "migrations_pending": len(available()) - applied}
    except Exception as exc:  # health reports any failure rather than raising it
        return {"ok": False, "backend": backend_name(), "error": exc.__class__.__name__}


@bp.get("/healthz")
@public
def healthz():
    db = database_status()
    jobs = queue_status()
    status = "ok" if db["ok"] and jobs["ok"] and not db.get("migrations_pending") else "degraded"
    if not db["ok"]:
        status = "down"
    body = HealthSchema().dump({"status": status, "version": __version__, "database": db, "jobs": jobs})
    return body, 503 if status == "down" else 200, {"Cache-Control": "no-store"}
