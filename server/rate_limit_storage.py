"""Rate-limit counters in a SQLite file, shared by every process of one machine (the embedded mode).

flask-limiter keeps its counters in a `limits` storage. `limits` ships in-memory storage (one per process: two
gunicorn workers would each let the whole limit through), Redis, Memcached and MongoDB, but nothing file-based.
This storage registers the `pv-sqlite://` scheme through limits' extension point (a `limits.storage.Storage`
subclass naming its STORAGE_SCHEME) and implements what the fixed-window strategy needs, the one the
application uses: one row per key holding its count and the end of its window.

Each increment is a read-then-write inside `BEGIN IMMEDIATE`, which takes SQLite's write lock at once, so two
processes (or threads) incrementing the same key are serialised and none can both read the same count; the
busy timeout makes the second one wait for the lock instead of failing. The file is in WAL mode, so reads
(`get`, the remaining-requests headers) do not wait on writers.
"""

import os
import sqlite3
import threading
import time
from contextlib import contextmanager
from urllib.parse import quote, unquote, urlsplit

from limits.errors import ConfigurationError
from limits.storage import Storage

SCHEME = "pv-sqlite"
BUSY_TIMEOUT_SECONDS = 10.0

_SCHEMA = (
    "CREATE TABLE IF NOT EXISTS rate_limit_counters ("
    " key TEXT PRIMARY KEY, value INTEGER NOT NULL, expires_at REAL NOT NULL)",
    "CREATE INDEX IF NOT EXISTS rate_limit_counters_expiry ON rate_limit_counters (expires_at)",
)


def storage_uri(path):
    """The flask-limiter storage URI of a counters file at `path` (absolute)."""
    return f"{SCHEME}://{quote(os.path.abspath(path))}"


class SqliteRateLimitStorage(Storage):
    """Fixed-window counters in one SQLite file; safe across threads and processes."""

    STORAGE_SCHEME = [SCHEME]

    def __init__(self, uri, wrap_exceptions=False, busy_timeout=BUSY_TIMEOUT_SECONDS, **options):
        self.path = unquote(urlsplit(uri).path)
        if not self.path:
            raise ConfigurationError(f"{SCHEME}:// needs the path of the counters file, e.g. {SCHEME}:///var/x.db")
        self.busy_timeout = float(busy_timeout)
        self._local = threading.local()
        super().__init__(uri, wrap_exceptions=wrap_exceptions, **options)
        with self._transaction() as db:
            for statement in _SCHEMA:
                db.execute(statement)

    @property
    def base_exceptions(self):
        return sqlite3.Error

    def _connection(self):
        """This thread's connection (re-opened after a fork: a connection never crosses processes)."""
        local = self._local
        if getattr(local, "pid", None) != os.getpid():
            local.connection = sqlite3.connect(self.path, timeout=self.busy_timeout, isolation_level=None)
            local.connection.execute("PRAGMA journal_mode=WAL")
            local.connection.execute("PRAGMA synchronous=NORMAL")
            local.pid = os.getpid()
        return local.connection

    @contextmanager
    def _transaction(self):
        db = self._connection()
        db.execute("BEGIN IMMEDIATE")
        try:
            yield db
        except BaseException:
            db.execute("ROLLBACK")
            raise
        db.execute("COMMIT")

    def incr(self, key, expiry, amount=1):
        """Add `amount` to the key's count, starting a new window of `expiry` seconds if none is running."""
        now = time.time()
        with self._transaction() as db:
            row = db.execute("SELECT value FROM rate_limit_counters WHERE key = ? AND expires_at > ?",
                             (key, now)).fetchone()
            if row is None:
                # A new window: drop the windows that ended (theirs and any other key's), keeping the file small.
                db.execute("DELETE FROM rate_limit_counters WHERE expires_at <= ?", (now,))
                db.execute("INSERT OR REPLACE INTO rate_limit_counters (key, value, expires_at) VALUES (?, ?, ?)",
                           (key, amount, now + expiry))
                return amount
            db.execute("UPDATE rate_limit_counters SET value = value + ? WHERE key = ?", (amount, key))
            return row[0] + amount

    def get(self, key):
        row = self._connection().execute(
            "SELECT value FROM rate_limit_counters WHERE key = ? AND expires_at > ?", (key, time.time())).fetchone()
        return row[0] if row else 0

    def get_expiry(self, key):
        now = time.time()
        row = self._connection().execute(
            "SELECT expires_at FROM rate_limit_counters WHERE key = ? AND expires_at > ?", (key, now)).fetchone()
        return row[0] if row else now

    def check(self):
        try:
            self._connection().execute("SELECT 1 FROM rate_limit_counters LIMIT 1").fetchall()
        except sqlite3.Error:
            return False
        return True

    def reset(self):
        with self._transaction() as db:
            return db.execute("DELETE FROM rate_limit_counters").rowcount

    def clear(self, key):
        with self._transaction() as db:
            db.execute("DELETE FROM rate_limit_counters WHERE key = ?", (key,))
