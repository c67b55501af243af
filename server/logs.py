"""Logging: plain lines, or JSON lines with PV_LOG_FORMAT=json, every line carrying its request's id.

Each request gets an id: the incoming X-Request-ID when it is sane (what a proxy or a load balancer in front
assigned), otherwise a new one. It is sent back in the response's X-Request-ID header and written in every
line logged while the request runs, the access line included (server/serving.py writes that one).

Nothing secret goes into a log line: the access line names the route's pattern (`/login/magic/<token>`),
never the path that was asked for nor its query string (sign-in links and codes travel there).
"""

import logging
import re
import sys
import uuid

from flask import g, has_request_context, request
from pythonjsonlogger.json import JsonFormatter

REQUEST_ID_HEADER = "X-Request-ID"
SANE_REQUEST_ID = re.compile(r"[A-Za-z0-9._:=+/-]{1,128}")
# Where the application leaves, in the WSGI environ, what the server's access line may say of a request.
ENVIRON_ROUTE = "porte_voix.route"
ENVIRON_REQUEST_ID = "porte_voix.request_id"
UNROUTED = "<unrouted>"

PLAIN_FORMAT = "%(asctime)s %(levelname)s %(name)s [%(request_id)s]: %(message)s"
LOG_FORMATS = ("plain", "json")


class RequestIdFilter(logging.Filter):
    """Give each record the id of the request it was logged in (unless the caller named one)."""

    def __init__(self, missing):
        super().__init__()
        self.missing = missing

    def filter(self, record):
        if getattr(record, "request_id", None) is None:
            record.request_id = (g.get("request_id") if has_request_context() else None) or self.missing
        return True


def formatter_for(log_format):
    if log_format == "json":
        return JsonFormatter(["levelname", "name", "message"], timestamp="time",
                             rename_fields={"levelname": "level", "name": "logger"}, json_ensure_ascii=False)
    return logging.Formatter(PLAIN_FORMAT)


def configure_logging(level="INFO", log_format="plain"):
    """Send every log line to stderr in `log_format` (plain or json); idempotent, replaces only our handler."""
    if log_format not in LOG_FORMATS:
        raise SystemExit("PV_LOG_FORMAT must be one of: " + ", ".join(LOG_FORMATS))
    root = logging.getLogger()
    for handler in [h for h in root.handlers if getattr(h, "porte_voix", False)]:
        root.removeHandler(handler)
    handler = logging.StreamHandler(sys.stderr)
    handler.porte_voix = True
    handler.setFormatter(formatter_for(log_format))
    handler.addFilter(RequestIdFilter(None if log_format == "json" else "-"))
    root.addHandler(handler)
    root.setLevel(level.upper() if isinstance(level, str) else level)


def incoming_request_id():
    """The caller's X-Request-ID when it is sane, else a fresh one."""
    offered = request.headers.get(REQUEST_ID_HEADER, "")
    return offered if SANE_REQUEST_ID.fullmatch(offered) else uuid.uuid4().hex


def _begin_request():
    g.request_id = incoming_request_id()
    request.environ[ENVIRON_REQUEST_ID] = g.request_id
    request.environ[ENVIRON_ROUTE] = request.url_rule.rule if request.url_rule else UNROUTED


def _send_request_id(response):
    if g.get("request_id"):
        response.headers[REQUEST_ID_HEADER] = g.request_id
    return response


def init_app(app):
    """Configure logging from the settings; register first, so that every response carries its id."""
    configure_logging(app.config["LOG_LEVEL"], app.config["LOG_FORMAT"])
    app.before_request(_begin_request)
    app.after_request(_send_request_id)
