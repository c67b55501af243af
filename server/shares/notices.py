"""Telling employees what became of their shares (on their pages and by e-mail)."""

from datetime import timedelta

from flask_babel import format_date
from flask_babel import lazy_gettext as _l
from huey import crontab

from server.db import utcnow
from server.jobs import periodic_job
from server.notifications import notify
from server.shares.accounts import accounts_expiring
from server.shares.labels import network_label
from server.shares.models import ConnectedAccount, Share, ShareState, ShareTarget, TargetState
from server.shares.presenting import failure_message


def _title(share):
    return share.link.title or share.link.url


def tell_outcome(share):
    """After a review: approved (and on its way) or refused with the moderator's reason."""
    if share.state == ShareState.REJECTED:
        notify(share.user, "share.rejected", _l("Your share of “%(title)s” was not approved", title=_title(share)),
               _l("Reason: %(reason)s — you can edit it and submit it again.", reason=share.review_reason),
               endpoint="shares.share_page", share_id=share.id)
    else:
        notify(share.user, "share.approved", _l("Your share of “%(title)s” is approved", title=_title(share)),
               _l("Open it to publish it on the networks you chose."),
               endpoint="shares.share_page", share_id=share.id)


def tell_failure(share, target):
    """A network refused or could not be reached for good; say what to do."""
    notify(share.user, "share.failed",
           _l("Your share on %(network)s did not go through", network=network_label(target.network)),
           failure_message(target), endpoint="shares.share_page", share_id=share.id)


def tell_suggestion(share):
    """A moderator suggested other words: the author accepts or declines them on the share's page."""
    notify(share.user, "share.edit_suggested",
           _l("A moderator suggests an edit to your share of “%(title)s”", title=_title(share)),
           _l("Read the suggested words, then accept them or keep yours."),
           endpoint="shares.share_page", share_id=share.id)


def on_transition(transition):
    """The notices the life cycle's moves call for: a review's outcome, a post that failed for good."""
    if transition.of_target:
        if transition.to_state == TargetState.FAILED:
            target = ShareTarget.get_or_none(ShareTarget.id == transition.target_id)
            if target is not None:
                tell_failure(target.share, target)
    elif transition.to_state == ShareState.EDIT_SUGGESTED:
        share = Share.get_or_none(Share.id == transition.share_id)
        if share is not None:
            tell_suggestion(share)
    elif transition.from_state == ShareState.PENDING_REVIEW and transition.to_state in (ShareState.APPROVED,
                                                                                          ShareState.REJECTED):
        share = Share.get_or_none(Share.id == transition.share_id)
        if share is not None:
            tell_outcome(share)


EXPIRY_NOTICE = timedelta(days=7)


def warn_expiring_connections():
    """Tell owners a week ahead that a connection which cannot be refreshed is about to expire."""
    for account in accounts_expiring(EXPIRY_NOTICE):
        notify(account.user, "account.expiring",
               _l("Your %(network)s connection expires on %(day)s", network=network_label(account.network),
                  day=format_date(account.expires_at, "long")),
               _l("Connect the account again before then to keep publishing through it."),
               endpoint="shares.accounts_page")
        ConnectedAccount.update(expiry_warned_at=utcnow()).where(ConnectedAccount.id == account.id).execute()


@periodic_job(crontab(minute="5", hour="8"))
def warn_expiring_connections_daily():
    warn_expiring_connections()
