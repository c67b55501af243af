"""GET /s/<code> without the request machinery: the public hot path, served before Flask.

Every Flask request pays for what a tracked link needs none of: the session cookie, the caller's sign-in and
bearer token, CSRF, the language, rate-limit counters, a new database connection. Measured, that machinery
made the redirect ~7 times slower than a bare Flask redirect (bench/redirect.py). So `TrackedLinks`, a WSGI
middleware placed in front of the application, answers these requests itself:

- the code → (target, destination) lookup is cached in this process (a tracked link's destination never
  changes; an entry is re-read after `CACHE_SECONDS` so that a renamed campaign reaches its UTM tag);
- a person's click is one INSERT on the thread's own connection, kept open between tracked-link requests
  (opening one per request costs more than the insert on PostgreSQL); it is written before the redirect is
  answered, so an answered click is a stored click;
- robots and prefetches (server/tracking/crawlers.py) are redirected without an insert.

Anything else — an unknown code, another method, a database error — goes on to Flask, whose `/s/<code>`
route (server/tracking/routes.py) does the same through the same functions and renders errors as usual.
The access line still names the route's pattern and the request's id (server/logs.py, server/serving.py).
"""

import logging
import re
import time
import uuid

from peewee import InterfaceError, OperationalError
from werkzeug.middleware.proxy_fix import ProxyFix

from server.db import database
from server.logs import ENVIRON_REQUEST_ID, ENVIRON_ROUTE, REQUEST_ID_HEADER, SANE_REQUEST_ID
from server.tracking.crawlers import is_crawler, is_prefetch
from server.tracking.service import record_click, tracked_destination

log = logging.getLogger(__name__)

PREFIX = "/s/"
ROUTE = "/s/<code>"
CODE = re.compile(r"[A-Za-z0-9_-]{1,16}")
CACHE_SECONDS = 600
CACHE_SIZE = 50_000
REDIRECT_HEADERS = [("Cache-Control", "private, no-store"), ("Referrer-Policy", "no-referrer-when-downgrade"),
                    ("X-Content-Type-Options", "nosniff"), ("Content-Length", "0")]


class DestinationCache:
    """code → (target id, destination URL), for `CACHE_SECONDS`; unknown codes are never cached (a share
    released a moment later gets that code)."""

    def __init__(self, app, seconds=CACHE_SECONDS, size=CACHE_SIZE):
        self.app, self.seconds, self.size, self.entries = app, seconds, size, {}

    def get(self, code):
        entry = self.entries.get(code)
        now = time.monotonic()
        if entry is not None and entry[2] > now:
            return entry[0], entry[1]
        with self.app.app_context():  # settings and signing keys are read there (a miss only)
            found = tracked_destination(code)
        database.connect(reuse_if_open=True)  # the context's end closed it
        if found is None:
            return None
        if len(self.entries) >= self.size:
            self.entries.clear()
        self.entries[code] = (*found, now + self.seconds)
        return found


def _headers(environ):
    """The few request headers the click filter reads, under their HTTP names."""
    return {"Sec-Purpose": environ.get("HTTP_SEC_PURPOSE"), "Purpose": environ.get("HTTP_PURPOSE"),
            "X-Purpose": environ.get("HTTP_X_PURPOSE")}


def _request_id(environ):
    offered = environ.get("HTTP_X_REQUEST_ID", "")
    return offered if SANE_REQUEST_ID.fullmatch(offered) else uuid.uuid4().hex


class TrackedLinks:
    """WSGI middleware: answers GET/HEAD /s/<code> for known codes, hands everything else to `app`."""

    def __init__(self, app, flask_app, proxy_count=0, secure=False):
        self.app = app
        self.cache = DestinationCache(flask_app)
        self.extra_headers = [("Strict-Transport-Security", "max-age=31536000")] if secure else []
        # Behind reverse proxies, the client's address comes from their headers, as for the application.
        self.serve = (ProxyFix(self._serve, x_for=proxy_count, x_proto=proxy_count, x_host=proxy_count)
                      if proxy_count else self._serve)

    def __call__(self, environ, start_response):
        path = environ.get("PATH_INFO", "")
        if (path.startswith(PREFIX) and environ.get("REQUEST_METHOD") in ("GET", "HEAD")
                and CODE.fullmatch(path, len(PREFIX))):
            return self.serve(environ, start_response)
        return self.app(environ, start_response)

    def _serve(self, environ, start_response):
        try:
            location = self._count(environ)
        except (OperationalError, InterfaceError):
            log.warning("tracked link: database error, handed to the application", exc_info=True)
            if not database.is_closed():
                database.close()
            location = None
        if location is None:
            return self.app(environ, start_response)
        request_id = _request_id(environ)
        environ[ENVIRON_ROUTE], environ[ENVIRON_REQUEST_ID] = ROUTE, request_id
        start_response("302 Found", [("Location", location), *REDIRECT_HEADERS, *self.extra_headers,
                                     (REQUEST_ID_HEADER, request_id)])
        return [b""]

    def _count(self, environ):
        """The destination, after recording the click of a person (None: let the application answer)."""
        database.connect(reuse_if_open=True)  # this thread's connection, kept for its next tracked link
        found = self.cache.get(environ["PATH_INFO"][len(PREFIX):])
        if found is None:
            return None
        target_id, location = found
        user_agent = environ.get("HTTP_USER_AGENT", "")
        if environ["REQUEST_METHOD"] == "GET" and not is_crawler(user_agent) and not is_prefetch(_headers(environ)):
            record_click(target_id, environ.get("REMOTE_ADDR"), user_agent)
        return location
