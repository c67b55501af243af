"""Handing a share to its networks: intent URLs at once, API posts as jobs that never post twice.

An API post is claimed (`publishing`, with the time the attempt started) and committed before the
request leaves, and its result is recorded right after. A worker that dies in between leaves the target
`publishing`: the sweeper (every minute, and when a worker starts) treats such a target as an uncertain
outcome and reconciles it with the network — the idempotency key (Mastodon), the account's recent posts
(X, Bluesky) or the network's duplicate answer naming the first post (LinkedIn) — before ever posting again.
"""

import logging
from datetime import UTC, timedelta

from flask import current_app
from flask_babel import lazy_gettext as _l
from huey import crontab

from server.db import database, locked, utcnow
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
from server.public_urls import external_url
from server.shares.accounts import mark_reconnect, network_config, usable_token
from server.shares.labels import network_label
from server.shares.models import Share, ShareState, ShareTarget, TargetState
from server.shares.texts import text_for_target

log = logging.getLogger(__name__)

MAX_ATTEMPTS = 6
BACKOFF_SECONDS = 30


def tracked_url(target):
    """The target's tracked link: as fixed when the share was released, or as it would be now."""
    return target.link_url or external_url("tracking.redirect_to_link", code=target.code)


# -- release ----------------------------------------------------------------------------------------------------

def release(share):
    """An approved share goes out: intent targets get their composer URL, API targets are queued (now or at
    the scheduled time)."""
    share = Share.get_by_id(share.id)
    due = share.scheduled_for if share.scheduled_for and share.scheduled_for > utcnow() else None
    api_targets = []
    with database.atomic():
        for target in share.targets:
            if target.state not in (TargetState.HELD, TargetState.WAITING):
                continue
            target.link_url = tracked_url(target)
            target.posted_text = text_for_target(share, target, target.link_url)
            if target.method == "intent":
                _prepare_intent(share, target)
            else:
                target.state, target.next_attempt_at = TargetState.WAITING, due
                api_targets.append(target.id)
            target.save()
        update_share_state(share, actor=None)
    for target_id in api_targets:
        enqueue(target_id, due)


def _prepare_intent(share, target):
    link = share.link
    intent = target.network_module.build_intent(target.posted_text, tracked_url(target), title=link.title,
                                                instance=target.instance)
    target.intent_url, target.copy_text = intent.url, intent.copy_text
    target.state, target.published_at = TargetState.PUBLISHED, utcnow()


def enqueue(target_id, when=None):
    """Queue the publication job (at `when`, naive UTC, if given)."""
    if when is not None:
        publish_target.schedule(args=(target_id,), eta=when.replace(tzinfo=UTC))
    else:
        publish_target(target_id)


def update_share_state(share, actor=None, note=None):
    """Derive the share's state from its targets' (published when all are, failed when one failed…)."""
    from server.shares.pipeline import record_transition

    share = Share.get_by_id(share.id)
    states = [t.state for t in share.targets]
    if share.state not in (ShareState.APPROVED, ShareState.PUBLISHING, ShareState.FAILED):
        return share
    if all(state == TargetState.PUBLISHED for state in states):
        new = ShareState.PUBLISHED
    elif any(state in (TargetState.WAITING, TargetState.PUBLISHING) for state in states):
        started = any(state in (TargetState.PUBLISHING, TargetState.PUBLISHED) for state in states)
        new = ShareState.PUBLISHING if started or not share.scheduled_for else ShareState.APPROVED
    elif any(state == TargetState.FAILED for state in states):
        new = ShareState.FAILED
    else:
        return share
    if new != share.state:
        if new == ShareState.PUBLISHED:
            Share.update(published_at=utcnow()).where(Share.id == share.id).execute()
        record_transition(share, new, actor=actor, note=note)
    return share


# -- the job ----------------------------------------------------------------------------------------------------

@job()
def publish_target(target_id):
    """Post one target through its connected account, at most once."""
    target = claim(target_id)
    if target is None:
        return
    try:
        account, token = usable_token(target.account_id)
    except TokenExpired as exc:
        return fail(target, "reconnect", _l("Reconnect your %(network)s account, then publish again.",
                                           network=network_label(target.network)), exc.message)
    except NetworkError as exc:
        return retry_later(target, exc)
    post_once(target, account, token)


def claim(target_id):
    """Mark the target `publishing` (committed before any request leaves), or None when there is nothing to
    do: already published, cancelled, or another worker has it in hand."""
    with locked(ShareTarget, target_id) as target:
        share = Share.get_by_id(target.share_id)
        if share.state == ShareState.CANCELLED or target.state != TargetState.WAITING:
            return None
        if target.external_id:
            record_result(target, target.external_id, target.external_url)
            return None
        ShareTarget.update(state=TargetState.PUBLISHING, attempts=ShareTarget.attempts + 1,
                           attempt_started_at=utcnow(), next_attempt_at=None).where(
            ShareTarget.id == target_id).execute()
    target = ShareTarget.get_by_id(target_id)
    update_share_state(target.share)
    return target


def _post(target, token, config):
    share, link = target.share, target.share.link
    return target.network_module.post(
        config, token, target.posted_text, link=tracked_url(target), title=link.title,
        description=link.description, language=share.language, idempotency_key=f"porte-voix-{target.code}")


def post_once(target, account, token):
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
        return fail(target, "reconnect", _l("Reconnect your %(network)s account, then publish again.",
                                           network=network_label(target.network)), exc.message)
    except (RateLimited, TransientError) as exc:
        return retry_later(target, exc)
    except (MissingScope, PermanentError) as exc:
        return fail(target, "refused", _l("%(network)s refused the post.", network=network_label(target.network)),
                    exc.message)
    record_result(target, result.external_id, result.url)


def reconcile(target, account=None, token=None):
    """After an uncertain outcome: find the post if it went through; otherwise post again with the same
    idempotency key (which Mastodon honours) — never a blind second post."""
    if token is None:
        try:
            account, token = usable_token(target.account_id)
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
    log.info("target %s: not found at %s after an uncertain outcome; posting again", target.id, target.network)
    post_once(target, account, token)


def record_result(target, external_id, url):
    ShareTarget.update(state=TargetState.PUBLISHED, external_id=external_id, external_url=url,
                       published_at=utcnow(), attempt_started_at=None, error_code=None,
                       error_message=None).where(ShareTarget.id == target.id).execute()
    update_share_state(target.share)


def retry_later(target, error):
    """Try again after the network's Retry-After, or with exponential backoff; give up after a few tries."""
    target = ShareTarget.get_by_id(target.id)
    if target.attempts >= MAX_ATTEMPTS:
        return fail(target, "gave_up", _l("%(network)s did not accept the post after several tries.",
                                          network=network_label(target.network)), str(error))
    delay = getattr(error, "retry_after", None) or BACKOFF_SECONDS * 2 ** max(target.attempts - 1, 0)
    when = utcnow() + timedelta(seconds=delay)
    ShareTarget.update(state=TargetState.WAITING, next_attempt_at=when, attempt_started_at=None,
                       error_code="retrying", error_message=str(error)[:1000]).where(
        ShareTarget.id == target.id).execute()
    enqueue(target.id, when)
    return None


def fail(target, code, message, detail):
    from server.shares.notices import tell_failure

    ShareTarget.update(state=TargetState.FAILED, error_code=code, error_message=str(detail)[:1000],
                       attempt_started_at=None).where(ShareTarget.id == target.id).execute()
    share = update_share_state(target.share, note=str(message))
    tell_failure(share, ShareTarget.get_by_id(target.id), message)


def publish_again(user, share_id, target_id):
    """The employee retries a failed target (after reconnecting, say)."""
    from server.shares.pipeline import NotAllowedNow, own_share, record_transition

    share = own_share(user, share_id)
    target = ShareTarget.get_or_none(ShareTarget.id == target_id, ShareTarget.share == share)
    if target is None or target.state != TargetState.FAILED:
        raise NotAllowedNow()
    ShareTarget.update(state=TargetState.WAITING, attempts=0, error_code=None, error_message=None).where(
        ShareTarget.id == target.id).execute()
    if share.state == ShareState.FAILED:
        record_transition(share, ShareState.PUBLISHING, actor=user, note="published again")
    enqueue(target.id)


# -- the sweeper ------------------------------------------------------------------------------------------------

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
    with locked(ShareTarget, target_id) as target:
        if target.state != TargetState.PUBLISHING:
            return
        ShareTarget.update(attempt_started_at=utcnow()).where(ShareTarget.id == target_id).execute()
    log.warning("target %s was left publishing (worker stopped?): reconciling with %s", target_id, target.network)
    reconcile(ShareTarget.get_by_id(target_id))


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
