"""Handing a share to its networks: composers ready at once, posts through accounts as jobs that never post twice.

Releasing an approved share makes each intent target `ready` (its composer's address built with the
tracked link) and each API target `waiting` (now or at the scheduled time). When the employee opens a
composer, the target is `opened`: that is all we can know of it.

An API post is claimed (`publishing`, its attempt counted and its start time written) and committed before
the request leaves, and its result is recorded right after. A worker that dies in between leaves the target
`publishing`: the sweeper (every minute, and when a worker starts) treats such a target as an uncertain
outcome and reconciles it with the network — the idempotency key (Mastodon), the account's recent posts
(X, Bluesky) or the network's duplicate answer naming the first post (LinkedIn) — before posting again.
Every way back to `waiting` goes through a new claim, so every attempt counts against `MAX_ATTEMPTS`.

States move only through `server/shares/lifecycle.py`.
"""

import logging
from datetime import UTC, timedelta

from flask import current_app
from flask_babel import lazy_gettext as _l
from huey import crontab

from server.db import utcnow
from server.jobs import huey, job, periodic_job
from server.networks import (
    DuplicatePost,
    MissingScope,
    NetworkError,
    PermanentError,
    RateLimited,
    TokenExpired,
    TransientError,
    UncertainOutcome,
)
from server.shares import lifecycle
from server.shares.accounts import mark_reconnect, network_config, usable_token
from server.shares.errors import NotAllowedNow
from server.shares.listings import own_share, target_of
from server.shares.models import Share, ShareState, ShareTarget, TargetState
from server.shares.presenting import tracked_url
from server.shares.texts import text_for_target

log = logging.getLogger(__name__)

MAX_ATTEMPTS = 6
BACKOFF_SECONDS = 30

# -- release and the composers -------------------------------------------------------------------------------

def release(share):
    """An approved share goes out: intent targets become ready to open, API targets are queued (now or at
    the scheduled time). Jobs are queued once the transaction has committed, so a worker finds them."""
    due = share.scheduled_for if share.scheduled_for and share.scheduled_for > utcnow() else None
    queued = []
    with lifecycle.atomic():
        share = lifecycle.lock_share(share.id)
        for target in ShareTarget.select().where(ShareTarget.share == share.id, ShareTarget.state == TargetState.HELD):
            link_url = tracked_url(target)
            fields = {"link_url": link_url, "posted_text": text_for_target(share, target, link_url)}
            if target.method == "intent":
                intent = target.network_module.build_intent(fields["posted_text"], link_url, title=share.link.title,
                                                            instance=target.instance)
                fields.update(intent_url=intent.url, copy_text=intent.copy_text)
                lifecycle.move_target(target, TargetState.READY, fields=fields, settle=False)
            else:
                fields["next_attempt_at"] = due
                lifecycle.move_target(target, TargetState.WAITING, fields=fields, settle=False)
                queued.append(target.id)
        lifecycle.settle_share(share)
    for target_id in queued:
        enqueue(target_id, due)


def mark_opened(user, share_id, network):
    """The employee opened the network's composer: the target is `opened` (opening it again changes nothing)."""
    share = own_share(user, share_id)
    target = target_of(share, network)
    if target.method != "intent" or target.state not in (TargetState.READY, TargetState.OPENED):
        raise NotAllowedNow(_l("This network's composer is not ready to open."))
    lifecycle.move_target(target, TargetState.OPENED, actor=user, expect=(TargetState.READY,),
                          fields={"opened_at": utcnow()})
    return Share.get_by_id(share.id)


def enqueue(target_id, when=None):
    """Queue the publication job (at `when`, naive UTC, if given)."""
    if when is not None:
        publish_target.schedule(args=(target_id,), eta=when.replace(tzinfo=UTC))
    else:
        publish_target(target_id)


# -- the job -------------------------------------------------------------------------------------------------

@job()
def publish_target(target_id):
    """Post one target through its connected account, at most once."""
    target = claim(target_id)
    if target is None:
        return
    try:
        account, token = usable_token(target.account_id)
    except TokenExpired as exc:
        return fail(target, "reconnect", exc.message)
    except PermanentError as exc:  # e.g. the account's server is not one we may call: retrying changes nothing
        return fail(target, "refused", exc.message)
    except NetworkError as exc:
        return retry_later(target, exc)
    post_once(target, account, token)


def claim(target_id):
    """Mark the target `publishing` and count the attempt (committed before any request leaves), or None when
    there is nothing to do: posted already, cancelled, or another worker has it in hand."""
    target = ShareTarget.get_or_none(ShareTarget.id == target_id)
    if target is None or target.state != TargetState.WAITING:
        return None
    if Share.get_by_id(target.share_id).state == ShareState.CANCELLED:
        return None
    if target.external_id:  # posted by an earlier attempt whose answer was recorded, not its state
        record_result(target, target.external_id, target.external_url)
        return None
    claimed = lifecycle.move_target(target, TargetState.PUBLISHING, expect=(TargetState.WAITING,), fields={
        "attempts": ShareTarget.attempts + 1, "attempt_started_at": utcnow(), "next_attempt_at": None})
    return ShareTarget.get_by_id(target_id) if claimed else None


def _post(target, token, config):
    share, link = target.share, target.share.link
    return target.network_module.post(
        config, token, target.posted_text, link=tracked_url(target), title=link.title,
        description=link.description, language=share.language, idempotency_key=f"porte-voix-{target.code}")


def post_once(target, account, token):
    """One post request, and what its answer means for the target."""
    config = network_config(target.network, account.instance)
    try:
        result = _post(target, token, config)
    except UncertainOutcome:
        return reconcile(target, account, token)
    except DuplicatePost as exc:
        if exc.existing_id:
            return record_result(target, exc.existing_id, None)
        return reconcile(target, account, token)
    except TokenExpired as exc:
        mark_reconnect(account, exc.message)
        return fail(target, "reconnect", exc.message)
    except (RateLimited, TransientError) as exc:
        return retry_later(target, exc)
    except (MissingScope, PermanentError) as exc:
        return fail(target, "refused", exc.message)
    record_result(target, result.external_id, result.url)


def reconcile(target, account=None, token=None):
    """After an uncertain outcome: record the post if it went through; otherwise wait and try again through a
    new claim (the same idempotency key, which Mastodon honours) — never a blind second post, never an
    uncounted one."""
    if token is None:
        try:
            account, token = usable_token(target.account_id)
        except TokenExpired as exc:
            return fail(target, "reconnect", exc.message)
        except NetworkError as exc:
            return retry_later(target, exc)
    config = network_config(target.network, account.instance)
    try:
        found = target.network_module.find_recent_post(config, token, target.posted_text, link=tracked_url(target),
                                                       idempotency_key=f"porte-voix-{target.code}")
    except NetworkError as exc:
        return retry_later(target, exc)
    if found is not None:
        return record_result(target, found.external_id, found.url)
    log.info("target %s: not found at %s after an uncertain outcome; trying again", target.id, target.network)
    # At once: the post most likely never went through, and where the network cannot list posts (LinkedIn)
    # the repeat itself is the check (its duplicate answer names the first post).
    return retry_later(target, UncertainOutcome("sent, no answer, and the post is not on the account",
                                                network=target.network), delay=0)


def record_result(target, external_id, url):
    """The network confirmed the post."""
    lifecycle.move_target(target, TargetState.POSTED, expect=(TargetState.PUBLISHING, TargetState.WAITING), fields={
        "external_id": external_id, "external_url": url, "published_at": utcnow(), "attempt_started_at": None,
        "error_code": None, "error_message": None})


def retry_later(target, error, delay=None):
    """Try again (through a new claim, which counts the attempt) after `delay` seconds, else the network's
    Retry-After, else an exponential backoff; give up after MAX_ATTEMPTS."""
    target = ShareTarget.get_by_id(target.id)
    if target.attempts >= MAX_ATTEMPTS:
        return fail(target, "gave_up", str(error))
    if delay is None:
        delay = getattr(error, "retry_after", None) or BACKOFF_SECONDS * 2 ** max(target.attempts - 1, 0)
    when = utcnow() + timedelta(seconds=delay)
    moved = lifecycle.move_target(target, TargetState.WAITING, expect=(TargetState.PUBLISHING,), note="retrying",
                                  fields={"next_attempt_at": when, "attempt_started_at": None,
                                          "error_code": "retrying", "error_message": str(error)[:1000]})
    if moved:
        enqueue(target.id, when if delay else None)


def fail(target, code, detail):
    """Give up on this target: the employee is told why (a listener sends the notice)."""
    lifecycle.move_target(target, TargetState.FAILED, expect=(TargetState.PUBLISHING, TargetState.WAITING),
                          note=code, fields={"error_code": code, "error_message": str(detail)[:1000],
                                             "attempt_started_at": None})


def publish_again(user, share_id, network):
    """The employee retries a failed target (after reconnecting, say)."""
    share = own_share(user, share_id)
    target = target_of(share, network)
    if target.state != TargetState.FAILED:
        raise NotAllowedNow()
    lifecycle.move_target(target, TargetState.WAITING, actor=user, note="published again",
                          expect=(TargetState.FAILED,),
                          fields={"attempts": 0, "error_code": None, "error_message": None, "next_attempt_at": None})
    enqueue(target.id)
    return Share.get_by_id(share.id)


# -- the sweeper ---------------------------------------------------------------------------------------------

def sweep():
    """Recover what a crashed worker or a lost job left behind: due targets are queued again, stalled ones
    (a request started long ago and never recorded) are reconciled."""
    now = utcnow()
    stall = timedelta(seconds=current_app.config["PUBLISH_STALL_SECONDS"])
    due = ShareTarget.select(ShareTarget.id).where(ShareTarget.state == TargetState.WAITING,
                                                   ShareTarget.method == "api",
                                                   (ShareTarget.next_attempt_at.is_null())
                                                   | (ShareTarget.next_attempt_at <= now))
    for row in due:
        publish_target(row.id)
    stalled = ShareTarget.select(ShareTarget.id).where(ShareTarget.state == TargetState.PUBLISHING,
                                                       ShareTarget.attempt_started_at <= now - stall)
    for row in stalled:
        recover_stalled(row.id)


@job()
def recover_stalled(target_id):
    """Reconcile a target left `publishing` by a worker that stopped; the first sweeper to stamp it does."""
    stall = timedelta(seconds=current_app.config["PUBLISH_STALL_SECONDS"])
    now = utcnow()
    taken = ShareTarget.update(attempt_started_at=now).where(
        ShareTarget.id == target_id, ShareTarget.state == TargetState.PUBLISHING,
        ShareTarget.attempt_started_at <= now - stall).execute()
    if not taken:
        return
    target = ShareTarget.get_by_id(target_id)
    log.warning("target %s was left publishing (worker stopped?): reconciling with %s", target_id, target.network)
    reconcile(target)


@periodic_job(crontab(minute="*"))
def sweep_every_minute():
    sweep()


@job()
def sweep_now():
    sweep()


@huey.on_startup()
def sweep_when_a_worker_starts():
    # A worker that starts may be replacing one that died mid-post: look for its leftovers at once.
    sweep_now()
