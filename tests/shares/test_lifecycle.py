"""The one state machine: allowed moves only, one event per move, compare-and-set, announcements after commit."""

import ast
import threading
from pathlib import Path

import pytest

from server.db import database
from server.shares import lifecycle
from server.shares.models import Share, ShareEvent, ShareTarget
from server.shares.states import (
    SHARE_LABELS,
    SHARE_MOVES,
    TARGET_LABELS,
    TARGET_MOVES,
    ShareState,
    TargetState,
    settled_share_state,
)

SHARES = Path(__file__).resolve().parents[2] / "server" / "shares"


@pytest.fixture
def alice(employee, ready, bearer):
    ready(employee)
    return bearer(employee)


def submit(client, headers, link, networks=("linkedin", "x"), key="k"):
    body = {"link_id": link.id, "text": "Bravo à l'équipe de Lyon",
            "targets": [{"network": name, "method": "intent"} for name in networks]}
    return client.post("/api/v1/shares", json=body, headers={**headers, "Idempotency-Key": key}).get_json()


def test_every_state_has_its_moves_and_its_label():
    assert set(SHARE_MOVES) - {None} == set(ShareState.ALL) == set(SHARE_LABELS)
    assert set(TARGET_MOVES) == set(TargetState.ALL) == set(TARGET_LABELS)
    for moves in (*SHARE_MOVES.values(), *TARGET_MOVES.values()):
        assert moves <= set(ShareState.ALL) | set(TargetState.ALL)


TARGET_SETS = [("ready",), ("opened",), ("posted",), ("waiting",), ("publishing",), ("failed",), ("ready", "opened"),
               ("opened", "posted"), ("failed", "ready"), ("failed", "waiting"), ("cancelled", "opened"),
               ("posted", "waiting")]


@pytest.mark.parametrize(("current", "targets"), [
    (current, targets) for current in ShareState.SETTLING for targets in TARGET_SETS
    # a failed share keeps a failed target until it is retried
    if current != ShareState.FAILED or {"failed", "waiting", "publishing"} & set(targets)])
def test_whatever_its_targets_say_a_released_share_only_makes_allowed_moves(current, targets):
    for scheduled in (False, True):
        wanted = settled_share_state(current, targets, scheduled=scheduled)
        assert wanted in (None, current) or wanted in SHARE_MOVES[current], (current, targets, wanted)


def test_shares_are_completed_only_when_every_network_was_opened_or_posted():
    assert settled_share_state("approved", ["ready", "opened"]) == "approved"
    assert settled_share_state("approved", ["opened", "opened"]) == "completed"
    assert settled_share_state("publishing", ["posted", "opened"]) == "completed"
    assert settled_share_state("approved", ["waiting"], scheduled=True) == "approved"
    assert settled_share_state("approved", ["waiting"]) == "publishing"
    assert settled_share_state("publishing", ["failed", "ready"]) == "failed"
    assert settled_share_state("pending_review", ["held"]) is None, "nothing is derived before release"
    assert settled_share_state("completed", ["opened"]) is None


def test_a_move_the_table_forbids_is_refused_and_writes_nothing(app, client, alice, link):
    share = submit(client, alice, link)
    with app.app_context():
        target = ShareTarget.get(ShareTarget.network == "x")
        with pytest.raises(lifecycle.IllegalMove):
            lifecycle.move_target(target, TargetState.POSTED)
        with pytest.raises(lifecycle.IllegalMove):
            lifecycle.move_share(Share.get_by_id(share["id"]), ShareState.DRAFT)
    assert ShareTarget.get(ShareTarget.network == "x").state == "ready"
    assert Share.get_by_id(share["id"]).state == "approved"
    assert ShareEvent.select().where(ShareEvent.to_state.in_(["posted", "draft"])).count() == 0


def test_a_move_from_a_state_the_row_has_left_writes_nothing(app, client, alice, link):
    submit(client, alice, link)
    with app.app_context():
        target = ShareTarget.get(ShareTarget.network == "x")
        assert lifecycle.move_target(target, TargetState.OPENED, expect=(TargetState.READY,))
        events = ShareEvent.select().count()
        assert not lifecycle.move_target(target, TargetState.OPENED, expect=(TargetState.READY,))
        assert not lifecycle.move_target(target, TargetState.CANCELLED, expect=(TargetState.READY,))
    assert ShareEvent.select().count() == events
    assert ShareTarget.get(ShareTarget.network == "x").state == "opened"


def test_two_processes_moving_the_same_target_at_once_make_one_move(app, client, alice, link):
    submit(client, alice, link)
    target_id = ShareTarget.get(ShareTarget.network == "linkedin").id
    results, barrier = [], threading.Barrier(4)

    def open_it():
        with app.app_context():
            barrier.wait()
            try:
                results.append(lifecycle.move_target(target_id, TargetState.OPENED, expect=(TargetState.READY,)))
            finally:
                database.close()

    threads = [threading.Thread(target=open_it) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert sorted(results) == [False, False, False, True]
    assert ShareEvent.select().where(ShareEvent.target == target_id, ShareEvent.to_state == "opened").count() == 1


def test_listeners_hear_committed_moves_once_and_never_rolled_back_ones(app, client, alice, link):
    heard = []
    lifecycle.on_transition(app, heard.append)
    share = submit(client, alice, link)
    assert [(t.to_state, t.network) for t in heard] == [
        ("checked", None), ("approved", None), ("ready", "linkedin"), ("ready", "x")]
    heard.clear()
    with app.app_context(), pytest.raises(RuntimeError), lifecycle.atomic():
        lifecycle.move_target(ShareTarget.get(ShareTarget.network == "x"), TargetState.OPENED)
        assert heard == [], "nothing is announced before the transaction commits"
        raise RuntimeError("the request failed after the move")
    assert heard == [] and ShareTarget.get(ShareTarget.network == "x").state == "ready"
    client.post(f"/api/v1/shares/{share['id']}/targets/x/opened", headers=alice)
    [opened] = heard
    assert (opened.share_id, opened.network, opened.from_state, opened.to_state) == (share["id"], "x", "ready",
                                                                                     "opened")
    assert opened.actor_id == Share.get_by_id(share["id"]).user_id


def test_a_failing_listener_neither_undoes_the_move_nor_silences_the_others(app, client, alice, link):
    heard = []

    def broken(_transition):
        raise ValueError("a webhook endpoint is down")

    lifecycle.on_transition(app, broken)
    lifecycle.on_transition(app, heard.append)
    share = submit(client, alice, link)
    assert share["state"] == "approved" and len(heard) == 4


def _writes_of_state(path):
    """Assignments and updates of a `state` field outside the life cycle (`x.state = …`, `update(state=…)`)."""
    found = []
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Assign) and any(isinstance(t, ast.Attribute) and t.attr == "state"
                                                for t in node.targets):
            found.append(node.lineno)
        if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "update"
                and any(keyword.arg == "state" for keyword in node.keywords)):
            found.append(node.lineno)
    return found


def test_only_the_life_cycle_writes_states():
    writers = {path.name: lines for path in SHARES.glob("*.py") if path.name != "lifecycle.py"
               if (lines := _writes_of_state(path))}
    assert writers == {}, "states are moved by server/shares/lifecycle.py only"
