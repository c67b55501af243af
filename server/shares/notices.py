"""Telling employees what became of their shares (on their pages and by e-mail)."""

from flask_babel import lazy_gettext as _l

from server.notifications import notify
from server.shares.labels import network_label
from server.shares.models import ShareState


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


def tell_failure(share, target, message):
    """A network refused or could not be reached for good; say what to do."""
    notify(share.user, "share.failed",
           _l("Your share on %(network)s did not go through", network=network_label(target.network)),
           message, endpoint="shares.share_page", share_id=share.id)
