"""Protections every request gets: CSRF on forms, CORS only for configured origins, rate limits,
security headers, and trust of reverse proxies only when configured.

Rate-limit counters are shared by every process: in Redis when PV_REDIS_URL is set, otherwise in a SQLite
file of the instance folder (server/rate_limit_storage.py), never in one process's memory, where each web
worker would let the whole limit through.
"""

import hashlib
import hmac
import logging
import math
import os
import time

from flask import current_app, g, request
from flask_cors import CORS
from flask_limiter import Limiter
from flask_wtf.csrf import CSRFProtect
from limits import parse
from werkzeug.middleware.proxy_fix import ProxyFix

from server.config import private_file
from server.errors import TooManyRequests
from server.rate_limit_storage import storage_uri

log = logging.getLogger(__name__)
csrf = CSRFProtect()

# Failed bearer-token attempts a client may make; past that its bearer requests are refused until the
# window ends, before any token is looked up (so guessing gets no answer either way).
BEARER_FAILURES = parse("10 per minute")
BEARER_FAILURES_SCOPE = "bearer-failures"

UNSAFE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})


def client_fingerprint():
    """Rate-limit key for a client: a keyed hash of its address, so no raw IP is kept, even in Redis."""
    address = (request.remote_addr or "unknown").encode()
    return hmac.new(current_app.config["SECRET_KEY"].encode(), address, hashlib.sha256).hexdigest()[:32]


limiter = Limiter(key_func=client_fingerprint, default_limits=[], headers_enabled=True)


def refuse_token_guessing():
    """Refuse (429) a bearer request from a client that failed too many times this minute."""
    if not limiter.enabled:
        return
    client = client_fingerprint()
    try:
        if limiter.limiter.test(BEARER_FAILURES, BEARER_FAILURES_SCOPE, client):
            return
        reset_at = limiter.limiter.get_window_stats(BEARER_FAILURES, BEARER_FAILURES_SCOPE, client).reset_time
    except Exception:  # the counters' store is unreachable: let the token check itself decide
        log.warning("rate-limit store unreachable: bearer failures not checked", exc_info=True)
        return
    error = TooManyRequests()
    error.headers = {"Retry-After": str(max(1, math.ceil(reset_at - time.time())))}
    raise error


def count_token_failure():
    """Count a failed bearer attempt (unknown, revoked or malformed token) against this client."""
    if limiter.enabled:
        try:
            limiter.limiter.hit(BEARER_FAILURES, BEARER_FAILURES_SCOPE, client_fingerprint())
        except Exception:  # the counters' store is unreachable: the refusal stands, uncounted
            log.warning("rate-limit store unreachable: a bearer failure was not counted", exc_info=True)


def check_csrf():
    """Forms and cookie-authenticated API calls need the CSRF token. Bearer-token API calls do not (a
    browser never attaches a bearer token by itself), nor do anonymous API calls (no ambient credential
    for a forged request to borrow)."""
    if request.method not in UNSAFE_METHODS or g.get("bearer_authenticated"):
        return
    if request.path.startswith("/api/") and g.get("user") is None:
        return
    if request.endpoint in current_app.extensions.get("csrf.signed_link_endpoints", ()):
        return
    csrf.protect()


def exempt_signed_link_endpoint(app, endpoint):
    """Let a form reach `endpoint` without the CSRF token: for endpoints whose URL carries a signed,
    single-purpose token (an e-mail's one-click unsubscribe, posted by mail clients that have no session).
    The token itself is what a forged request would lack."""
    app.extensions.setdefault("csrf.signed_link_endpoints", set()).add(endpoint)


CONTENT_SECURITY_POLICY = (
    "default-src 'self'; img-src 'self' https: data:; style-src 'self'; script-src 'self'; "
    "connect-src 'self'; form-action 'self'; base-uri 'none'; object-src 'none'; frame-ancestors {ancestors}"
)


def add_security_headers(response):
    """Headers for every response; pages meant to be embedded set `g.frame_ancestors`."""
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    response.headers.setdefault("Referrer-Policy", "strict-origin-when-cross-origin")
    ancestors = g.get("frame_ancestors") or "'none'"
    response.headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY.format(ancestors=ancestors))
    if ancestors == "'none'":
        response.headers.setdefault("X-Frame-Options", "DENY")
    if current_app.config["SESSION_COOKIE_SECURE"]:
        response.headers.setdefault("Strict-Transport-Security", "max-age=31536000")
    return response


def init_app(app):
    if app.config["PROXY_COUNT"]:
        count = app.config["PROXY_COUNT"]
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=count, x_proto=count, x_host=count)
    app.config.update(WTF_CSRF_CHECK_DEFAULT=False, WTF_CSRF_TIME_LIMIT=None, WTF_CSRF_SSL_STRICT=True)
    csrf.init_app(app)
    CORS(app, resources={r"/api/*": {"origins": app.config["CORS_ORIGINS"]}},
         allow_headers=["Authorization", "Content-Type", "Idempotency-Key", "X-CSRFToken"],
         supports_credentials=False, max_age=600)
    app.config["RATELIMIT_STORAGE_URI"] = app.config.get("REDIS_URL") or storage_uri(
        private_file(os.path.join(app.instance_path, "rate-limits.db")))
    app.config.setdefault("RATELIMIT_ENABLED", True)
    # Redis gone for a moment: count in this process's memory meanwhile rather than answer 500.
    app.config.setdefault("RATELIMIT_IN_MEMORY_FALLBACK_ENABLED", True)
    app.config.setdefault("RATELIMIT_SWALLOW_ERRORS", True)
    limiter.init_app(app)
    app.after_request(add_security_headers)
