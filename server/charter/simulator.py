"""The charter simulator: a draft replayed over past shares beside the version in force, before it is published.

`start_simulation` stores the draft and replays it at once when there are few posts (at most
`INLINE_LIMIT`), or queues `run_simulation_job` and returns: the job works through the posts in batches and
records its progress after each, so the page shows a progress bar. Both charters are compiled once per
simulation (the engine caches compiled charters by content, so publishing the simulated draft reuses the
same compiled rules). `publish_simulation` publishes the draft exactly as simulated and keeps the
simulation's headline with the new version (its author is who published).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime

from flask_babel import lazy_gettext as _l

from server import audit
from server.auth.models import User
from server.charter import versions
from server.charter.document import CharterDocument
from server.charter.models import CharterSimulation, CharterVersion
from server.charter.past_posts import count_past_posts, past_post_batches
from server.charter.replay import Comparison
from server.db import utcnow
from server.errors import Conflict, NotFound
from server.jobs import job

log = logging.getLogger(__name__)

INLINE_LIMIT = 2_000
BATCH_SIZE = 500
FINISHED = ("done", "failed")


def stored_document(document: CharterDocument) -> dict:
    """The draft as kept with a simulation: its normalised rules plus the text and quiz it carried."""
    stored = dict(document.rules)
    if document.text is not None:
        stored["text"] = document.text
    if document.quiz is not None:
        stored["quiz"] = document.quiz
    return stored


def start_simulation(actor: User | None, document: CharterDocument, *, since: datetime | None = None
                     ) -> CharterSimulation:
    """Store a simulation of `document` against the version in force over posts since `since` and start it.

    Returns the simulation: finished when it ran inline, pending when a job was queued.
    """
    current = versions.current_version()
    total = count_past_posts(since)
    simulation = CharterSimulation.create(created_by=actor, document=stored_document(document),
                                          base_version=current, since=since, total_posts=total)
    audit.record("charter.simulate", actor=actor, target=simulation, posts=total,
                 since=since.isoformat() if since else None)
    if total <= INLINE_LIMIT:
        run_simulation(simulation)
    else:
        run_simulation_job(simulation.id)
    return get_simulation(simulation.id)


def get_simulation(simulation_id: int) -> CharterSimulation:
    """A simulation with its progress and, once done, its summary; NotFound otherwise."""
    simulation = CharterSimulation.get_or_none(CharterSimulation.id == simulation_id)
    if simulation is None:
        raise NotFound(_l("There is no such simulation."))
    return simulation


def recent_simulations(limit: int = 5) -> list[CharterSimulation]:
    """The latest simulations, newest first, without their summaries."""
    fields = [f for f in CharterSimulation._meta.sorted_fields if f not in (CharterSimulation.summary,
                                                                              CharterSimulation.document)]
    return list(CharterSimulation.select(*fields).order_by(CharterSimulation.id.desc()).limit(limit))


@job(retries=0)
def run_simulation_job(simulation_id: int) -> None:
    """The job: replay a stored simulation's posts, recording progress after each batch."""
    run_simulation(get_simulation(simulation_id))


def compiled_pair(simulation: CharterSimulation):
    """(version in force when the simulation started, draft), both compiled."""
    base = simulation.base_version
    current = versions.compiled_rules(base.id if base else None, (lambda: base) if base else None)
    draft = versions.parse_document(simulation.document).compiled
    return current, draft


def replay_posts(current, draft, since: datetime | None = None, on_batch: Callable | None = None) -> dict:
    """Replay the past posts since `since` against two compiled charters; `on_batch(processed)` after each batch."""
    comparison = Comparison(current, draft)
    for batch in past_post_batches(since, BATCH_SIZE):
        for post in batch:
            comparison.add(post)
        if on_batch:
            on_batch(comparison.posts)
    return comparison.summary()


def simulate_document(document: CharterDocument, since: datetime | None = None) -> dict:
    """The comparison of `document` with the version in force, stored nowhere (the `charter simulate` command)."""
    current = versions.current_version()
    compiled = versions.compiled_rules(current.id if current else None, (lambda: current) if current else None)
    return {"current_version": current.number if current else None,
            "since": since.isoformat() if since else None, **replay_posts(compiled, document.compiled, since)}


def _record_progress(simulation_id: int) -> Callable:
    def record(processed: int) -> None:
        CharterSimulation.update(processed_posts=processed).where(CharterSimulation.id == simulation_id).execute()
    return record


def run_simulation(simulation: CharterSimulation) -> dict:
    """Replay every post of `simulation`, recording progress after each batch, and store the summary."""
    CharterSimulation.update(status="running").where(CharterSimulation.id == simulation.id).execute()
    try:
        summary = replay_posts(*compiled_pair(simulation), simulation.since, _record_progress(simulation.id))
    except Exception as error:
        log.exception("charter simulation %s failed", simulation.id)
        CharterSimulation.update(status="failed", error=str(error)[:1000], finished_at=utcnow()).where(
            CharterSimulation.id == simulation.id).execute()
        raise
    CharterSimulation.update(status="done", summary=summary, processed_posts=summary["posts"],
                             total_posts=max(simulation.total_posts, summary["posts"]),
                             finished_at=utcnow()).where(CharterSimulation.id == simulation.id).execute()
    return summary


def publish_simulation(author: User, simulation: CharterSimulation, *, note: str | None = None,
                       needs_acknowledgement: bool = True) -> CharterVersion:
    """Publish the simulated draft as the next version, recording the simulation's summary with it.

    Conflict when the simulation is not finished, or when a version was published since it started (the
    comparison was made against a version that is no longer in force: simulate again).
    """
    if simulation.status != "done":
        raise Conflict(_l("The simulation is not finished yet."))
    current = versions.current_version()
    base = simulation.base_version
    if (current.id if current else None) != (base.id if base else None):
        raise Conflict(_l("Version %(number)s was published after this simulation started: simulate again "
                          "before publishing.", number=current.number))
    document = versions.parse_document(simulation.document)
    return versions.save_version(author, document, note=note, needs_acknowledgement=needs_acknowledgement,
                                 based_on=base.number if base else None, simulation=simulation)
