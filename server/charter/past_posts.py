"""The past posts the charter simulator replays, supplied by the share pipeline when it exists.

The charter does not read the shares' tables (the share area is downstream of it): the share area
registers its answers here with `register_past_posts(count, batch)`:

- `count(since)`: how many submitted shares were created at or after `since` (None: all of them);
- `batch(since, after_id, limit)`: up to `limit` of them with an id above `after_id`, in id order, as
  ``(id, ReplayedPost)`` pairs.

With nothing registered there is nothing to replay (a simulation then reports zero posts).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import datetime

from server.charter.replay import ReplayedPost

_source: dict[str, Callable | None] = {"count": None, "batch": None}


def register_past_posts(count: Callable, batch: Callable) -> None:
    """Register the share area's counting and batch functions (last registration wins)."""
    _source["count"], _source["batch"] = count, batch


def count_past_posts(since: datetime | None = None) -> int:
    """How many posts a simulation from `since` will replay."""
    count = _source["count"]
    return count(since) if count is not None else 0


def past_post_batches(since: datetime | None = None, size: int = 500) -> Iterator[list[ReplayedPost]]:
    """The posts to replay, oldest first, `size` at a time (keyset paging: no growing OFFSET)."""
    batch = _source["batch"]
    if batch is None:
        return
    after = 0
    while True:
        rows = list(batch(since, after, size))
        if not rows:
            return
        after = rows[-1][0]
        yield [post for _id, post in rows]
