"""The approval queue: employees propose, curators approve or archive, proposers hear the outcome."""

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from server import audit
from server.db import database, utcnow
from server.library.links import (
    add_link,
    canonical_or_refuse,
    find_by_url,
    get_link,
    link_to_edit,
    update_link,
)
from server.library.models import Link, LinkSource, LinkStatus
from server.library.publishable import require_publishable
from server.notifications import notify

MAX_NOTE = 1000
# What a proposer may see of a link (see `proposal_answer`).
OWN_FIELDS = ("id", "url", "title", "status", "proposal_note", "archive_reason", "created_at")
PUBLIC_FIELDS = ("id", "url", "title", "status")
KNOWN_FIELDS = ("url", "status")


def propose_link(user, url, note=None):
    """An employee suggests an address for the library; returns what they may learn of it (`proposal_answer`).

    An address already in the library is not proposed twice: the answer then says "already in the library"
    or "already proposed" (created is false) and no second row is stored.
    """
    existing = find_by_url(canonical_or_refuse(url))
    if existing is not None:
        return proposal_answer(user, get_link(existing.id), created=False)
    note = (note or "").strip()[:MAX_NOTE] or None
    link = add_link(user, url, status=LinkStatus.PROPOSED, source=LinkSource.PROPOSAL, proposed_by=user,
                    proposal_note=note)
    return proposal_answer(user, link, created=True)


def proposal_answer(user, link, created):
    """What `user`, who proposed `link`'s address, may see of it, as a dict for ProposalSchema.

    All of their own proposal (their note, and the curators' reason if it was turned down: they were told
    it); the public fields of an approved link; of someone else's proposal or of an archived link, only the
    address and its status: neither the other person's note nor the curators' reason or edits.
    """
    if link.proposed_by_id == user.id:
        fields = OWN_FIELDS
    elif link.status == LinkStatus.APPROVED:
        fields = PUBLIC_FIELDS
    else:
        fields = KNOWN_FIELDS
    answer = {name: getattr(link, name) for name in fields}
    if created:
        message = _("Thank you! Your proposal is in the approval queue; you will be told the outcome.")
    elif link.status == LinkStatus.APPROVED:
        message = _("This link is already in the library.")
    else:
        message = _("This link has already been proposed.")
    return {**answer, "created": created, "message": message}


def proposals_of(user, limit=50):
    """What `user` proposed, newest first."""
    return list(Link.select().where(Link.proposed_by == user).order_by(Link.created_at.desc(), Link.id.desc())
                .limit(limit))


def waiting_count():
    """How many links wait in the approval queue (the navigation's badge)."""
    return Link.select().where(Link.status == LinkStatus.PROPOSED).count()


def approve_link(actor, link_id, **changes):
    """Approve a link (applying `changes` first, e.g. its category); tell its proposer."""
    with database.atomic():  # the changes and the approval stand or fall together
        if changes:
            update_link(actor, link_id, **changes)
        link = link_to_edit(link_id)
        was_proposal = link.status == LinkStatus.PROPOSED and link.approved_at is None
        require_publishable(link)
        link.status, link.approved_by, link.approved_at = LinkStatus.APPROVED, actor, utcnow()
        link.archived_at = link.archive_reason = None
        link.save()
        audit.record("library.link.approve", actor=actor, target=link)
    if was_proposal:
        _tell_proposer(link, actor, approved=True)
    return get_link(link.id)


def archive_link(actor, link_id, reason=None):
    """Take a link out of circulation (or turn a proposal down, with an optional reason for its author)."""
    with database.atomic():
        link = link_to_edit(link_id)
        was_proposal = link.status == LinkStatus.PROPOSED and link.approved_at is None
        link.status, link.archived_at = LinkStatus.ARCHIVED, utcnow()
        link.archive_reason = (reason or "").strip()[:MAX_NOTE] or None
        link.save()
        audit.record("library.link.archive", actor=actor, target=link, declined_proposal=was_proposal)
    if was_proposal:
        _tell_proposer(link, actor, approved=False)
    return get_link(link.id)


def _tell_proposer(link, actor, approved):
    proposer = link.proposed_by
    if proposer is None or proposer.id == getattr(actor, "id", None):
        return
    title = link.title or link.url
    if approved:
        notify(proposer, "library.proposal_approved", _l("Your proposal is in the library"),
               _l("“%(title)s” is approved: you and your colleagues can share it now.", title=title),
               endpoint="library.link_page", link_id=link.id)
    elif link.archive_reason:
        notify(proposer, "library.proposal_declined", _l("Your proposal was not retained"),
               _l("“%(title)s” was not added to the library. Reason: %(reason)s", title=title,
                  reason=link.archive_reason), endpoint="library.to_share", _anchor="proposals")
    else:
        notify(proposer, "library.proposal_declined", _l("Your proposal was not retained"),
               _l("“%(title)s” was not added to the library. Thank you for the suggestion.", title=title),
               endpoint="library.to_share", _anchor="proposals")
