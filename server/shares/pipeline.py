"""Submitting, reviewing and cancelling shares: every door (portal, widget, extension, digest, API) comes
here, and the charter is checked here, on the server, whatever the client showed.

A submitted share is checked against the current charter: `block` refuses it (nothing is stored); what
waits for a moderator follows the moderation level (`moderation_level`): the link's campaign's, else the
charter's. `none` releases everything the charter does not block, `terms` holds `review` verdicts,
`every_share` holds every share. Submitting twice with the same Idempotency-Key returns the first share and
publishes nothing more.

The parrot rule compares the post with the caption ideas the server offers for the link (its kit), never
with a text the client says it suggested; and a post that colleagues already posted almost word for word
for the same link gets the same finding, with their number and never their names (`shares.originality`).
"""

import hashlib
import json
import secrets
from datetime import UTC, timedelta

from flask import current_app
from flask_babel import lazy_gettext as _l
from peewee import IntegrityError

from server import audit, networks
from server.auth.roles import Role
from server.charter.engine import SEVERITIES
from server.charter.engine.originality import closest_caption
from server.charter.engine.sketches import sketch_of
from server.charter.service import (
    CheckOutcome,
    check_against,
    ensure_ready_to_share,
    moderation_outside_campaigns,
    rules_in_force_and_number,
)
from server.db import utcnow
from server.errors import Conflict, Forbidden, InvalidInput, NotFound
from server.library.kits import idea_key, kit_of
from server.library.models import Moderation
from server.library.sharing import link_for_sharing
from server.shares import lifecycle, originality
from server.shares.accounts import account_for
from server.shares.errors import (
    IdempotencyKeyReused,
    NotAllowedNow,
    NotParticipating,
    OwnShareReview,
    ShareBlocked,
)
from server.shares.labels import network_label
from server.shares.limits import apply_campaign_limits
from server.shares.listings import own_share
from server.shares.models import ACTIVE, Participant, Share, ShareState, ShareTarget, TargetState
from server.shares.publishing import release

__all__ = ["IdempotencyKeyReused", "NotAllowedNow", "NotParticipating", "ShareBlocked", "approve_share",
           "authoritative_check", "cancel_share", "opt_in", "opt_out", "participant", "reject_share",
           "resubmit_share", "submit_share"]


def kit_ideas(link):
    """The caption ideas the server offers for the link: what the parrot rule compares a post with."""
    return [caption.text for caption in kit_of(link.id)[0]]


def authoritative_check(text, link, network_names, language=None, user=None, ideas=None):
    """The check that decides: the current charter, each network's length, the link's campaign hashtag, the
    parrot rule against the link's own caption ideas and (with `user`) against colleagues' recent posts."""
    campaign = link.campaign
    hashtags = (campaign.hashtag,) if campaign is not None and campaign.hashtag else ()
    ideas = kit_ideas(link) if ideas is None else ideas
    rules, number = rules_in_force_and_number()
    outcome = check_against(rules, text, version_number=number, networks=network_names, link=link.url,
                            suggested=closest_caption(text, ideas), required_hashtags=hashtags,
                            language=language or link.language)
    if user is None:
        return outcome
    return _with_colleague_copies(outcome, rules, user, link, text)


def _with_colleague_copies(outcome, rules, user, link, text):
    """Add the `parrot` finding for a near copy of colleagues' recent posts (unless the copy of a caption
    idea already has it: one finding says it)."""
    severity = rules.severities.severity("parrot")
    if severity is None or any(finding["rule"] == "parrot" for finding in outcome.findings):
        return outcome
    count = originality.colleagues_with_copies(user.id, link.id, sketch_of(text))
    if not count:
        return outcome
    findings = sorted([*outcome.findings, originality.colleague_finding(count, severity, text)],
                      key=lambda f: (f["start"], f["rule"], f["end"]))
    verdict = max((outcome.verdict, severity), key=SEVERITIES.index)
    return CheckOutcome(version=outcome.version, verdict=verdict, per_network=outcome.per_network,
                        findings=findings)


def moderation_level(link):
    """How this link's shares are moderated: its campaign's level, else the charter's."""
    campaign = link.campaign
    return campaign.moderation if campaign is not None else moderation_outside_campaigns()


# -- participation --------------------------------------------------------------------------------------------

def participant(user):
    return Participant.get_or_none(Participant.user == user)


def opt_in(user):
    """Take part (voluntarily)."""
    Participant.insert(user=user, opted_in_at=utcnow()).on_conflict_ignore().execute()
    audit.record("participation.opt_in", actor=user)
    return participant(user)


def opt_out(user):
    """Stop taking part: nothing more can be shared; past shares stay visible to the employee."""
    Participant.delete().where(Participant.user == user).execute()
    audit.record("participation.opt_out", actor=user)


# -- submitting -----------------------------------------------------------------------------------------------

def fingerprint(link_id, text, targets, scheduled_for):
    """What makes two submissions "the same request" for idempotency."""
    payload = json.dumps([link_id, text, sorted((t["network"], t["method"]) for t in targets),
                          scheduled_for.isoformat() if scheduled_for else None])
    return hashlib.sha256(payload.encode()).hexdigest()


def _existing(user, idempotency_key, request_fingerprint):
    share = Share.get_or_none(Share.user == user, Share.idempotency_key == idempotency_key)
    if share is not None and share.request_fingerprint != request_fingerprint:
        raise IdempotencyKeyReused(fields={"Idempotency-Key": [str(IdempotencyKeyReused.default_message)]})
    return share


def _instance_for(user, module, given, index):
    """The employee's own server on a network that needs one (given now, or the one they named last time)."""
    instance = given or ((participant(user).instances or {}).get(module.name) if participant(user) else None)
    if not instance:
        message = _l("Name your %(network)s server.", network=network_label(module.name))
        raise InvalidInput(fields={"targets": {index: {"instance": [str(message)]}}})
    try:
        return module.normalize_instance(instance)
    except networks.InvalidInstance as exc:
        message = _l("Give your server's name, like %(example)s.", example=module.instance_example)
        raise InvalidInput(fields={"targets": {index: {"instance": [str(message)]}}}) from exc


def _resolve_targets(user, targets):
    """Check each requested network and method; API posting needs a connected, working account."""
    seen, resolved = set(), []
    for index, target in enumerate(targets):
        name, method = target["network"], target.get("method", "intent")
        if name in seen:
            continue
        seen.add(name)
        module = networks.get(name)
        account = instance = None
        if method == "api":
            account = account_for(user, name) if module.posts_directly else None
            if account is None or account.status != ACTIVE:
                raise InvalidInput(fields={"targets": [str(_l("Connect your %(network)s account first (or share "
                                                              "with the network's own composer).",
                                                              network=network_label(name)))]})
        elif module.needs_instance:
            instance = _instance_for(user, module, target.get("instance"), index)
        resolved.append({"network": name, "method": method, "account": account, "instance": instance,
                         "instance_given": bool(target.get("instance"))})
    return resolved


def _naive_utc(moment):
    return moment.astimezone(UTC).replace(tzinfo=None) if moment is not None else None


def _check_schedule(scheduled_for, targets):
    """Only posts through connected accounts can wait: a composer has to be opened by the employee."""
    if scheduled_for is None:
        return
    if any(t["method"] != "api" for t in targets):
        raise InvalidInput(fields={"scheduled_for": [str(_l(
            "Only posts through a connected account can be scheduled; a network's composer opens now."))]})
    now = utcnow()
    if scheduled_for <= now:
        raise InvalidInput(fields={"scheduled_for": [str(_l("Choose a moment in the future."))]})
    if scheduled_for > now + timedelta(days=90):
        raise InvalidInput(fields={"scheduled_for": [str(_l("Schedule at most 90 days ahead."))]})


def _new_code():
    return secrets.token_urlsafe(6)


def _create(user, link, text, targets, outcome, state, ideas, **fields):
    share = Share.create(user=user, link=link, text=text, state=ShareState.CHECKED, verdict=outcome.verdict,
                         findings=outcome.findings, charter_version=outcome.version, **fields)
    lifecycle.start(share, actor=user, verdict=outcome.verdict, charter_version=outcome.version)
    for target in targets:
        ShareTarget.create(share=share, network=target["network"], method=target["method"],
                           account=target["account"], instance=target["instance"], code=_new_code())
    lifecycle.move_share(share, state, actor=user)
    _record_sketch(share, text, ideas)
    return share


STARTED_FROM = 0.5
"""Word similarity to a caption idea from which a post counts as one more use of that idea."""


def _record_sketch(share, text, ideas):
    """Keep the share's sketch for the colleague check, with the caption idea it started from (drafts
    are not posts: they get theirs when submitted)."""
    if share.state == ShareState.DRAFT:
        return
    started_from = closest_caption(text, ideas, at_least=STARTED_FROM)
    originality.record_sketch(share, sketch_of(text), idea_key(started_from) if started_from else None)


def _review_needed(outcome, link):
    level = moderation_level(link)
    if level == Moderation.EVERY_SHARE:
        return True
    return level == Moderation.TERMS and outcome.verdict == "review"


def submit_share(user, *, link_id, text, targets, idempotency_key, scheduled_for=None, suggested=None,
                 language=None, source="portal", draft=False):
    """Check and create a share; returns (share, created). Raises ShareBlocked with the findings."""
    scheduled_for = _naive_utc(scheduled_for)
    key_print = fingerprint(link_id, text, targets, scheduled_for)
    existing = _existing(user, idempotency_key, key_print)
    if existing is not None:
        return existing, False
    if participant(user) is None:
        raise NotParticipating()
    ensure_ready_to_share(user)
    link = link_for_sharing(link_id, user)
    resolved = _resolve_targets(user, targets)
    _check_schedule(scheduled_for, resolved)
    scheduled_for = apply_campaign_limits(user, link, resolved, scheduled_for)
    ideas = kit_ideas(link)
    outcome = authoritative_check(text, link, [t["network"] for t in resolved], language=language, user=user,
                                  ideas=ideas)
    if outcome.verdict == "block" and not draft:
        raise ShareBlocked(details={"verdict": "block", "findings": outcome.findings})
    if draft:
        state = ShareState.DRAFT
    else:
        state = ShareState.PENDING_REVIEW if _review_needed(outcome, link) else ShareState.APPROVED
    fields = {"idempotency_key": idempotency_key, "request_fingerprint": key_print, "scheduled_for": scheduled_for,
              "suggested": suggested, "language": language or link.language, "source": source}
    try:
        with lifecycle.atomic():
            share = _create(user, link, text, resolved, outcome, state, ideas, **fields)
    except IntegrityError:
        # The same key submitted twice at once: the other request won; answer with its share.
        existing = _existing(user, idempotency_key, key_print)
        if existing is None:
            raise
        return existing, False
    _remember_instances(user, resolved)
    if share.state == ShareState.APPROVED:
        release(share)
    return Share.get_by_id(share.id), True


def _remember_instances(user, resolved):
    """The servers the employee named this time are offered again next time."""
    given = {t["network"]: t["instance"] for t in resolved if t["instance"] and t["instance_given"]}
    if given:
        row = participant(user)
        Participant.update(instances={**(row.instances or {}), **given}).where(Participant.user == user).execute()


def resubmit_share(user, share_id, text, suggested=None):
    """Edit a draft or a rejected share and submit it again (checked again, against the current charter)."""
    share = own_share(user, share_id)
    if share.state not in ShareState.EDITABLE:
        raise NotAllowedNow()
    ensure_ready_to_share(user)
    link = link_for_sharing(share.link_id, user)
    targets = list(share.targets)
    ideas = kit_ideas(link)
    outcome = authoritative_check(text, link, [t.network for t in targets], language=share.language, user=user,
                                  ideas=ideas)
    if outcome.verdict == "block":
        raise ShareBlocked(details={"verdict": "block", "findings": outcome.findings})
    state = ShareState.PENDING_REVIEW if _review_needed(outcome, link) else ShareState.APPROVED
    with lifecycle.atomic():
        if not lifecycle.move_share(share, ShareState.CHECKED, actor=user, note="resubmitted",
                                    expect=ShareState.EDITABLE,
                                    fields={"text": text, "verdict": outcome.verdict, "findings": outcome.findings,
                                            "charter_version": outcome.version, "review_reason": None}):
            raise NotAllowedNow()
        lifecycle.move_share(share, state, actor=user)
        _record_sketch(share, text, ideas)
    if state == ShareState.APPROVED:
        release(share)
    return Share.get_by_id(share.id)


def cancel_share(user, share_id):
    """Cancel before anything reached a network (a scheduled post included)."""
    share = own_share(user, share_id)
    with lifecycle.atomic():
        share = lifecycle.lock_share(share.id)
        targets = list(ShareTarget.select().where(ShareTarget.share == share.id))
        if share.state not in ShareState.CANCELLABLE or any(t.state in TargetState.STARTED for t in targets):
            raise NotAllowedNow(_l("This share has already been handed to a network; it can no longer be "
                                   "cancelled here."))
        for target in targets:
            if target.state != TargetState.CANCELLED:
                lifecycle.move_target(target, TargetState.CANCELLED, actor=user, settle=False)
        lifecycle.move_share(share, ShareState.CANCELLED, actor=user)
    return Share.get_by_id(share.id)


# -- reviewing ------------------------------------------------------------------------------------------------

def _pending(share_id):
    share = Share.get_or_none(Share.id == share_id)
    if share is None:
        raise NotFound(_l("No such share."))
    if share.state != ShareState.PENDING_REVIEW:
        raise Conflict(_l("This share is no longer waiting for review."))
    return share


def may_approve(moderator, share):
    """Four eyes: a moderator approves others' shares, not their own, unless the company allows it
    (PV_SELF_APPROVAL, for a team too small to have a second moderator)."""
    return share.user_id != moderator.id or current_app.config["SELF_APPROVAL"]


def approve_share(moderator, share_id, note=None):
    """A moderator lets the share go (the history keeps who); the employee is told."""
    if not moderator.has_role(Role.MODERATOR):
        raise Forbidden()
    share = _pending(share_id)
    if not may_approve(moderator, share):
        raise OwnShareReview()
    with lifecycle.atomic():
        if not lifecycle.move_share(share, ShareState.APPROVED, actor=moderator, note=note,
                                    expect=(ShareState.PENDING_REVIEW,),
                                    fields={"reviewed_by": moderator.id, "reviewed_at": utcnow()}):
            raise Conflict(_l("This share is no longer waiting for review."))
        audit.record("share.approve", actor=moderator, target=share, author=share.user_id)
    release(share)
    return Share.get_by_id(share.id)


def reject_share(moderator, share_id, reason):
    """A moderator refuses the share with a reason the employee sees; they can edit and resubmit."""
    if not reason or not reason.strip():
        raise InvalidInput(fields={"reason": [str(_l("Say why, so your colleague can fix it."))]})
    share = _pending(share_id)
    with lifecycle.atomic():
        if not lifecycle.move_share(share, ShareState.REJECTED, actor=moderator, note=reason.strip(),
                                    expect=(ShareState.PENDING_REVIEW,),
                                    fields={"review_reason": reason.strip(), "reviewed_by": moderator.id,
                                            "reviewed_at": utcnow()}):
            raise Conflict(_l("This share is no longer waiting for review."))
        audit.record("share.reject", actor=moderator, target=share, author=share.user_id)
    return Share.get_by_id(share.id)
