"""The states of a share and of its per-network targets, their labels, and the moves allowed between them.

Honest states: a share by share intent is *opened* when the employee opens the network's composer (we hand
them the composer; whether they then post, we cannot see), a share through a connected account is *posted*
when the network confirms it. Nothing is ever called "published" on our word alone.

The tables below are the whole life cycle; `server/shares/lifecycle.py` is the one module that applies them.
This module imports nothing of the application, so models, schemas and pages can all read it.
"""

from flask_babel import lazy_gettext as _l


class ShareState:
    """checked → (draft | pending_review | approved) → publishing → completed; or rejected, failed, cancelled.

    From review a moderator may suggest other words (edit_suggested): the author accepts them (checked →
    approved or back to review) or declines them (pending_review again)."""

    DRAFT = "draft"                    # saved for later, not submitted
    CHECKED = "checked"                # passed the authoritative charter check (a moment, on the way to the next)
    PENDING_REVIEW = "pending_review"  # waits for a moderator
    EDIT_SUGGESTED = "edit_suggested"  # a moderator suggested other words; waits for the author to accept or decline
    APPROVED = "approved"              # released: composers ready to open, posts queued or scheduled
    PUBLISHING = "publishing"          # a post through a connected account is on its way
    COMPLETED = "completed"            # every network opened (intent) or posted (account)
    REJECTED = "rejected"              # refused by a moderator, with a reason; editable
    FAILED = "failed"                  # a network refused or could not be reached for good
    CANCELLED = "cancelled"
    ALL = (DRAFT, CHECKED, PENDING_REVIEW, EDIT_SUGGESTED, APPROVED, PUBLISHING, COMPLETED, REJECTED, FAILED,
           CANCELLED)
    # Shares that went out or are on their way: they count as shared (suggestions, daily caps).
    UNDER_WAY = (PENDING_REVIEW, EDIT_SUGGESTED, APPROVED, PUBLISHING, COMPLETED)
    EDITABLE = (DRAFT, REJECTED)
    # States from which an employee may cancel, as long as no network has received anything.
    CANCELLABLE = (DRAFT, CHECKED, PENDING_REVIEW, EDIT_SUGGESTED, APPROVED, REJECTED)
    # Released shares whose state follows their targets' (a completed share stays completed).
    SETTLING = (APPROVED, PUBLISHING, FAILED)


class TargetState:
    """An intent target is held → ready → opened; an API target held → waiting → publishing → posted."""

    HELD = "held"              # the share is not approved yet (draft, review)
    READY = "ready"            # intent: the composer's address is ready for the employee to open
    OPENED = "opened"          # intent: the employee opened the composer (what they posted there is theirs)
    WAITING = "waiting"        # account: a post is due (now, at the scheduled time or after a retry delay)
    PUBLISHING = "publishing"  # account: a post request may be in flight
    POSTED = "posted"          # account: the network confirmed the post
    FAILED = "failed"
    CANCELLED = "cancelled"
    ALL = (HELD, READY, OPENED, WAITING, PUBLISHING, POSTED, FAILED, CANCELLED)
    IN_FLIGHT = (WAITING, PUBLISHING)
    HANDED_OVER = (OPENED, POSTED)  # the network has it (or the employee took it there)
    STARTED = (OPENED, PUBLISHING, POSTED)  # past this point a share can no longer be cancelled


SHARE_MOVES = {
    None: {ShareState.CHECKED},
    ShareState.CHECKED: {ShareState.DRAFT, ShareState.PENDING_REVIEW, ShareState.APPROVED},
    ShareState.DRAFT: {ShareState.CHECKED, ShareState.CANCELLED},
    ShareState.REJECTED: {ShareState.CHECKED, ShareState.CANCELLED},
    ShareState.PENDING_REVIEW: {ShareState.APPROVED, ShareState.REJECTED, ShareState.EDIT_SUGGESTED,
                                ShareState.CANCELLED},
    # The author accepts (the moderator's words are checked again, then released) or declines (back to the
    # queue with their own words); they may also cancel.
    ShareState.EDIT_SUGGESTED: {ShareState.CHECKED, ShareState.PENDING_REVIEW, ShareState.CANCELLED},
    ShareState.APPROVED: {ShareState.PUBLISHING, ShareState.COMPLETED, ShareState.FAILED, ShareState.CANCELLED},
    ShareState.PUBLISHING: {ShareState.APPROVED, ShareState.COMPLETED, ShareState.FAILED},
    ShareState.FAILED: {ShareState.PUBLISHING},
    ShareState.COMPLETED: set(),
    ShareState.CANCELLED: set(),
}
"""Where a share may go from each state (None: a new share)."""

TARGET_MOVES = {
    TargetState.HELD: {TargetState.READY, TargetState.WAITING, TargetState.CANCELLED},
    TargetState.READY: {TargetState.OPENED, TargetState.CANCELLED},
    TargetState.OPENED: set(),
    TargetState.WAITING: {TargetState.PUBLISHING, TargetState.POSTED, TargetState.FAILED, TargetState.CANCELLED},
    TargetState.PUBLISHING: {TargetState.POSTED, TargetState.WAITING, TargetState.FAILED},
    TargetState.POSTED: set(),
    TargetState.FAILED: {TargetState.WAITING},
    TargetState.CANCELLED: set(),
}
"""Where a target may go from each state (targets are created held)."""


SHARE_LABELS = {
    ShareState.DRAFT: _l("Draft"), ShareState.CHECKED: _l("Checked"),
    ShareState.PENDING_REVIEW: _l("Waiting for review"), ShareState.EDIT_SUGGESTED: _l("Edit suggested"),
    ShareState.APPROVED: _l("Ready to share"),
    ShareState.PUBLISHING: _l("Publishing"), ShareState.COMPLETED: _l("Shared"),
    ShareState.REJECTED: _l("Not approved"), ShareState.FAILED: _l("Failed"), ShareState.CANCELLED: _l("Cancelled"),
}
TARGET_LABELS = {
    TargetState.HELD: _l("On hold"), TargetState.READY: _l("Ready to open"), TargetState.OPENED: _l("Opened"),
    TargetState.WAITING: _l("Waiting"), TargetState.PUBLISHING: _l("Publishing"), TargetState.POSTED: _l("Posted"),
    TargetState.FAILED: _l("Failed"), TargetState.CANCELLED: _l("Cancelled"),
}


def share_may_move(from_state, to_state):
    """Whether the table allows a share to go from `from_state` to `to_state`."""
    return to_state in SHARE_MOVES.get(from_state, ())


def target_may_move(from_state, to_state):
    """Whether the table allows a target to go from `from_state` to `to_state`."""
    return to_state in TARGET_MOVES.get(from_state, ())


def settled_share_state(current, target_states, scheduled=False):
    """The state a released share should be in, given its targets' states (None: leave it as it is).

    A post on its way makes the share `publishing` (a scheduled one stays `approved` until it starts); a
    failure with nothing left on its way makes it `failed`; every target opened or posted makes it
    `completed`; composers still to open (or a post still to start) keep it `approved`.
    """
    if current not in ShareState.SETTLING or not target_states:
        return None
    states = set(target_states)
    live = states - {TargetState.CANCELLED}
    if live & set(TargetState.IN_FLIGHT):
        started = bool(live & {TargetState.PUBLISHING, TargetState.POSTED, TargetState.OPENED})
        waits_for_its_time = scheduled and not started and current != ShareState.FAILED
        return ShareState.APPROVED if waits_for_its_time else ShareState.PUBLISHING
    if TargetState.FAILED in live:
        return ShareState.FAILED
    if live and live <= set(TargetState.HANDED_OVER):
        return ShareState.COMPLETED
    return ShareState.APPROVED
