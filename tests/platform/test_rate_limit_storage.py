"""The embedded rate-limit store (server/rate_limit_storage.py) under the `limits` fixed-window strategy:
processes hitting one file at once admit exactly the limit, and a window that ended starts afresh."""

import multiprocessing
import time

from limits import parse
from limits.storage import storage_from_string
from limits.strategies import FixedWindowRateLimiter

from server.rate_limit_storage import SqliteRateLimitStorage, storage_uri


def hit_many(uri, limit, attempts, start, results):
    limiter = FixedWindowRateLimiter(storage_from_string(uri))
    item = parse(limit)
    start.wait()
    results.put(sum(limiter.hit(item, "login", "client-a") for _ in range(attempts)))


def test_processes_hitting_one_file_at_once_admit_exactly_the_limit(tmp_path):
    uri = storage_uri(tmp_path / "rate-limits.db")
    context = multiprocessing.get_context("fork")
    start, results = context.Event(), context.Queue()
    processes = [context.Process(target=hit_many, args=(uri, "25 per minute", 20, start, results))
                 for _ in range(4)]
    for process in processes:
        process.start()
    start.set()
    admitted = [results.get(timeout=60) for _ in processes]
    for process in processes:
        process.join(30)
    assert sum(admitted) == 25, admitted
    assert storage_from_string(uri).get(parse("25 per minute").key_for("login", "client-a")) == 80


def test_a_window_that_ended_starts_afresh_and_keys_are_apart(tmp_path):
    storage = storage_from_string(storage_uri(tmp_path / "counters.db"))
    assert isinstance(storage, SqliteRateLimitStorage)
    limiter = FixedWindowRateLimiter(storage)
    item = parse("2 per second")
    assert [limiter.hit(item, "a") for _ in range(3)] == [True, True, False]
    assert limiter.hit(item, "b") is True, "another client has its own counter"
    stats = limiter.get_window_stats(item, "a")
    assert stats.remaining == 0 and time.time() < stats.reset_time <= time.time() + 1
    time.sleep(1.1)
    assert limiter.test(item, "a") and limiter.hit(item, "a")
    assert storage.check() is True
    storage.clear(item.key_for("a"))
    assert storage.get(item.key_for("a")) == 0
