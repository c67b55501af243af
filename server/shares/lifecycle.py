"""The one state machine of shares and of their per-network targets.

Every change of state goes through `move_share` or `move_target`. Each one

1. locks the share's row first (targets are always locked through their share, in that order, so two
   transactions never wait for each other's locks crosswise), then re-reads the row it moves;
2. checks the move against the tables of `server/shares/states.py` (a forbidden move is a bug:
   `IllegalMove`), and against `expect` (the states the caller saw; another process may have moved the row
   since: then nothing is written and the call answers False);
3. writes the new state only where the row still has the state it just read (compare-and-set);
4. records one `ShareEvent` (who, when, why; `target` set for a target's move);
5. announces the transition to the listeners registered with `on_transition` once the transaction that
   made it has committed (a rolled-back move is never announced). Notices listen today; webhooks and
   analytics are meant to listen here too.

A target's move re-derives its share's state (`settle`): a post on its way makes the share `publishing`,
every target opened or posted makes it `completed`, and so on (`states.settled_share_state`).
"""

import logging
import threading
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime

from flask import current_app, has_app_context

from server.db import database, for_update, utcnow
from server.shares.models import Share, ShareEvent, ShareTarget
from server.shares.states import (
    ShareState,
    TargetState,
    settled_share_state,
    share_may_move,
    target_may_move,
)

log = logging.getLogger(__name__)


class IllegalMove(RuntimeError):
    """A move the life cycle's tables forbid: a programming error, never the user's."""


@dataclass(frozen=True)
class Transition:
    """One move, as listeners receive it."""

    share_id: int
    to_state: str
    from_state: str | None = None
    target_id: int | None = None
    network: str | None = None
    actor_id: int | None = None
    note: str | None = None
    details: dict = field(default_factory=dict)
    at: datetime | None = None

    @property
    def of_target(self):
        return self.target_id is not None


# -- listeners and the transactions they wait for ------------------------------------------------------------

def on_transition(app, listener):
    """Call `listener(transition)` after each committed move, in `app`'s context."""
    app.extensions.setdefault("share_transition_listeners", []).append(listener)


_local = threading.local()


def _pending():
    if not hasattr(_local, "pending"):
        _local.pending, _local.depth = [], 0
    return _local.pending


@contextmanager
def atomic():
    """A transaction for several moves; their announcements wait until it has committed."""
    pending = _pending()
    mark, _local.depth = len(pending), _local.depth + 1
    try:
        with database.atomic():  # on SQLite, BEGIN IMMEDIATE (server/db.py): writers wait for each other
            yield
    except BaseException:
        del pending[mark:]  # rolled back: these moves never happened
        raise
    finally:
        _local.depth -= 1
    if _local.depth == 0:
        ready, pending[:] = list(pending), []
        for transition in ready:
            _announce(transition)


def _announce(transition):
    if not has_app_context():
        return
    for listener in current_app.extensions.get("share_transition_listeners", ()):
        try:
            listener(transition)
        except Exception:  # a listener's failure must not undo or hide a committed move
            log.exception("listener %r failed on %s", listener, transition)


def _record(share_id, from_state, to_state, actor=None, note=None, target=None, details=None):
    actor_id = getattr(actor, "id", actor)
    details = {key: value for key, value in (details or {}).items() if value is not None}
    if target is not None:
        details.setdefault("network", target.network)
    at = utcnow()
    ShareEvent.create(share=share_id, target=getattr(target, "id", None), actor=actor_id, at=at,
                      from_state=from_state, to_state=to_state, note=note, details=details or None)
    _pending().append(Transition(share_id=share_id, to_state=to_state, from_state=from_state,
                                 target_id=getattr(target, "id", None), network=getattr(target, "network", None),
                                 actor_id=actor_id, note=note, details=details, at=at))


# -- moves ---------------------------------------------------------------------------------------------------

def lock_share(share_id):
    """The share's row, locked for the rest of the transaction (SQLite's write transactions lock the whole
    database at BEGIN, which serialises writers the same way)."""
    return for_update(Share.select().where(Share.id == share_id)).get()


def start(share, actor=None, **details):
    """Record a new share's first state (it is created `checked`, by the pipeline)."""
    with atomic():
        _record(share.id, None, share.state, actor=actor, details=details)


def move_share(share, to_state, *, actor=None, note=None, expect=None, fields=None, **details):
    """Move a share to `to_state` (with `fields` written alongside). False if it is no longer in `expect`."""
    with atomic():
        current = lock_share(share.id if isinstance(share, Share) else share)
        if expect is not None and current.state not in expect:
            return False
        if current.state == to_state:
            return False
        if not share_may_move(current.state, to_state):
            raise IllegalMove(f"share {current.id}: {current.state} → {to_state}")
        values = {Share.state: to_state, Share.updated_at: utcnow(), **_columns(Share, fields)}
        if to_state == ShareState.COMPLETED:
            values[Share.published_at] = utcnow()
        written = Share.update(values).where(Share.id == current.id, Share.state == current.state).execute()
        if not written:
            return False
        _record(current.id, current.state, to_state, actor=actor, note=note, details=details)
    if isinstance(share, Share):
        share.state = to_state
    return True


def move_target(target, to_state, *, actor=None, note=None, expect=None, fields=None, settle=True, **details):
    """Move one target to `to_state` (with `fields`), then settle its share unless told not to.

    False, and nothing written, when the target is no longer in `expect` (another worker moved it).
    """
    target_id = target.id if isinstance(target, ShareTarget) else target
    with atomic():
        share_id = ShareTarget.select(ShareTarget.share).where(ShareTarget.id == target_id).scalar()
        share = lock_share(share_id)
        current = ShareTarget.get_by_id(target_id)
        if (expect is not None and current.state not in expect) or current.state == to_state:
            return False
        if not target_may_move(current.state, to_state):
            raise IllegalMove(f"target {current.id} ({current.network}): {current.state} → {to_state}")
        values = {ShareTarget.state: to_state, **_columns(ShareTarget, fields)}
        written = (ShareTarget.update(values)
                   .where(ShareTarget.id == current.id, ShareTarget.state == current.state).execute())
        if not written:
            return False
        _record(share.id, current.state, to_state, actor=actor, note=note, target=current, details=details)
        if settle:
            settle_share(share, actor=actor)
    return True


def settle_share(share, actor=None, note=None):
    """Bring a released share's state in line with its targets'; returns its state."""
    with atomic():
        share = lock_share(share.id if isinstance(share, Share) else share)
        states = [state for (state,) in ShareTarget.select(ShareTarget.state)
                  .where(ShareTarget.share == share.id).tuples()]
        scheduled = bool(share.scheduled_for and share.scheduled_for > utcnow())
        wanted = settled_share_state(share.state, states, scheduled=scheduled)
        if wanted is None or wanted == share.state:
            return share.state
        if not share_may_move(share.state, wanted):
            log.error("share %s: its targets (%s) call for %s → %s, which the life cycle forbids", share.id,
                      ", ".join(states), share.state, wanted)
            return share.state
        move_share(share, wanted, actor=actor, note=note)
        return wanted


def _columns(model, fields):
    """{Field: value} for `fields` given by name."""
    return {getattr(model, name): value for name, value in (fields or {}).items()}


__all__ = ["IllegalMove", "ShareState", "TargetState", "Transition", "atomic", "lock_share", "move_share",
           "move_target", "on_transition", "settle_share", "start"]
