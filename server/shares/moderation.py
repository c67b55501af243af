"""Moderators' daily work on the review queue, beyond one share at a time: decide several waiting shares
at once, and suggest other words that the author accepts or declines.

Every decision goes through the pipeline's own `approve_share`/`reject_share` (the same four-eyes rule,
the same life cycle), so a batch is only a loop with a report: what was decided and what could not be,
and why (already decided by a colleague, one's own share, gone). A suggested edit moves the share to
`edit_suggested` through the life cycle; the author's answer moves it on. Each decision is in the audit log.
"""

from dataclasses import dataclass, field

from flask_babel import lazy_gettext as _l
from peewee import CharField, DateTimeField, ForeignKeyField, TextField

from server import audit
from server.auth.models import User
from server.auth.roles import Role
from server.db import BaseModel, utcnow
from server.errors import Conflict, DomainError, Forbidden, InvalidInput, NotFound
from server.library.sharing import link_for_sharing
from server.privacy import exporter
from server.shares import lifecycle, pipeline
from server.shares.errors import ShareBlocked
from server.shares.listings import own_share
from server.shares.models import Share, ShareState
from server.shares.publishing import release

ACCEPTED, DECLINED = "accepted", "declined"
APPROVE, REJECT = "approve", "reject"


class SuggestedEdit(BaseModel):
    """Other words a moderator proposed for a waiting share, and the author's answer (None: not yet)."""

    share = ForeignKeyField(Share, on_delete="CASCADE", backref="suggested_edits")
    moderator = ForeignKeyField(User, null=True, on_delete="SET NULL", backref="+")
    original_text = TextField()
    text = TextField()
    note = TextField(null=True)
    answer = CharField(max_length=10, null=True)
    created_at = DateTimeField(default=utcnow, index=True)
    answered_at = DateTimeField(null=True)

    class Meta:
        table_name = "share_suggested_edits"
        indexes = ((("share", "answer"), False),)


# -- several at once ----------------------------------------------------------------------------------------

@dataclass
class BatchReport:
    """What a batch did: the shares decided, and those left as they were with the reason."""

    decision: str
    done: list = field(default_factory=list)
    skipped: list = field(default_factory=list)  # (share id, message)


def decide_many(moderator, share_ids, decision, reason=None):
    """Approve, or reject with one reason, each of `share_ids`; returns a BatchReport.

    A share another moderator decided meanwhile, one's own share (four eyes) or a share that is gone is
    skipped with its reason; the others are decided. Rejecting needs a reason (InvalidInput otherwise),
    the author reads it.
    """
    if not moderator.has_role(Role.MODERATOR):
        raise Forbidden()
    if decision not in (APPROVE, REJECT):
        raise InvalidInput(fields={"decision": [str(_l("Choose to approve or to refuse."))]})
    if not share_ids:
        raise InvalidInput(fields={"share_ids": [str(_l("Tick at least one share."))]})
    if decision == REJECT and not (reason or "").strip():
        raise InvalidInput(fields={"reason": [str(_l("Say why, so your colleagues can fix their shares."))]})
    report = BatchReport(decision)
    for share_id in dict.fromkeys(share_ids):  # in the order given, each once
        try:
            if decision == APPROVE:
                pipeline.approve_share(moderator, share_id)
            else:
                pipeline.reject_share(moderator, share_id, reason)
        except DomainError as exc:
            report.skipped.append((share_id, str(exc.message)))
        else:
            report.done.append(share_id)
    return report


# -- suggested edits ----------------------------------------------------------------------------------------

def open_suggestion(share):
    """The suggestion waiting for the author's answer on `share`, or None."""
    return (SuggestedEdit.select().where(SuggestedEdit.share == share, SuggestedEdit.answer.is_null())
            .order_by(SuggestedEdit.id.desc()).first())


def suggest_edit(moderator, share_id, text, note=None):
    """Propose `text` instead of the author's words; the share waits for the author's answer.

    The proposed words are checked against the charter first: a moderator cannot suggest what the charter
    blocks (ShareBlocked with the findings). The author is told on their share's page.
    """
    if not moderator.has_role(Role.MODERATOR):
        raise Forbidden()
    text = (text or "").strip()
    if not text:
        raise InvalidInput(fields={"text": [str(_l("Write the words you suggest."))]})
    share = Share.get_or_none(Share.id == share_id)
    if share is None:
        raise NotFound(_l("No such share."))
    if share.state != ShareState.PENDING_REVIEW:
        raise Conflict(_l("This share is no longer waiting for review."))
    if share.user_id == moderator.id:
        raise InvalidInput(fields={"text": [str(_l("Edit your own share from its page instead."))]})
    if text == share.text:
        raise InvalidInput(fields={"text": [str(_l("Change something in the text first."))]})
    networks = [t.network for t in share.targets]
    outcome = pipeline.authoritative_check(text, share.link, networks, language=share.language)
    if outcome.verdict == "block":
        raise ShareBlocked(details={"verdict": "block", "findings": outcome.findings})
    with lifecycle.atomic():
        if not lifecycle.move_share(share, ShareState.EDIT_SUGGESTED, actor=moderator, note=note,
                                    expect=(ShareState.PENDING_REVIEW,)):
            raise Conflict(_l("This share is no longer waiting for review."))
        suggestion = SuggestedEdit.create(share=share, moderator=moderator, original_text=share.text, text=text,
                                          note=(note or "").strip() or None)
        audit.record("share.edit_suggested", actor=moderator, target=share, author=share.user_id)
    return suggestion


def _answerable(user, share_id):
    share = own_share(user, share_id)
    suggestion = open_suggestion(share)
    if share.state != ShareState.EDIT_SUGGESTED or suggestion is None:
        raise Conflict(_l("No suggestion waits for your answer on this share."))
    return share, suggestion


def accept_edit(user, share_id):
    """The author takes the moderator's words: checked again (the charter may have changed), then released
    as approved by that moderator; returns the share."""
    share, suggestion = _answerable(user, share_id)
    link = link_for_sharing(share.link_id, user)
    outcome = pipeline.authoritative_check(suggestion.text, link, [t.network for t in share.targets],
                                           language=share.language, user=user)
    if outcome.verdict == "block":
        raise ShareBlocked(details={"verdict": "block", "findings": outcome.findings})
    with lifecycle.atomic():
        if not lifecycle.move_share(share, ShareState.CHECKED, actor=user, note="suggested edit accepted",
                                    expect=(ShareState.EDIT_SUGGESTED,),
                                    fields={"text": suggestion.text, "verdict": outcome.verdict,
                                            "findings": outcome.findings, "charter_version": outcome.version}):
            raise Conflict(_l("No suggestion waits for your answer on this share."))
        lifecycle.move_share(share, ShareState.APPROVED, actor=user,
                             fields={"reviewed_by": suggestion.moderator_id, "reviewed_at": utcnow()})
        SuggestedEdit.update(answer=ACCEPTED, answered_at=utcnow()).where(SuggestedEdit.id == suggestion.id).execute()
        audit.record("share.edit_accepted", actor=user, target=share, moderator=suggestion.moderator_id)
    release(share)
    return Share.get_by_id(share.id)


def decline_edit(user, share_id):
    """The author keeps their own words: the share waits for review again, unchanged; returns the share."""
    share, suggestion = _answerable(user, share_id)
    with lifecycle.atomic():
        if not lifecycle.move_share(share, ShareState.PENDING_REVIEW, actor=user, note="suggested edit declined",
                                    expect=(ShareState.EDIT_SUGGESTED,)):
            raise Conflict(_l("No suggestion waits for your answer on this share."))
        SuggestedEdit.update(answer=DECLINED, answered_at=utcnow()).where(SuggestedEdit.id == suggestion.id).execute()
        audit.record("share.edit_declined", actor=user, target=share, moderator=suggestion.moderator_id)
    return Share.get_by_id(share.id)


@exporter("suggested_edits")
def _export_suggested_edits(user):
    """The words moderators suggested for the employee's shares, and their answers (the moderators unnamed)."""
    rows = (SuggestedEdit.select().join(Share).where(Share.user == user).order_by(SuggestedEdit.id))
    return [{"share": row.share_id, "your_text": row.original_text, "suggested_text": row.text, "note": row.note,
             "answer": row.answer, "suggested_at": row.created_at.isoformat() + "Z",
             "answered_at": row.answered_at.isoformat() + "Z" if row.answered_at else None} for row in rows]
