"""The one question the share pipeline asks the library: may this person share this link now?"""

from flask_babel import gettext as _
from peewee import JOIN

from server.db import utcnow
from server.errors import NotFound
from server.library.models import Campaign, Link, LinkStatus
from server.library.refusals import LinkNotApproved, embargoed, expired


def link_for_sharing(link_id, user, now=None):
    """The link `user` wants to share, with its campaign (hashtag, moderation level) loaded.

    Raises NotFound for an unknown link, LinkNotApproved when it is proposed or archived, LinkEmbargoed
    before its window opens and LinkExpired after it closes; each carries a translated message that says
    when. Targeting does not restrict sharing: it only orders suggestions.
    """
    link = (Link.select(Link, Campaign).join(Campaign, JOIN.LEFT_OUTER).where(Link.id == link_id).first())
    if link is None:
        raise NotFound(_("No such link."))
    if link.status != LinkStatus.APPROVED:
        raise LinkNotApproved()
    validity = link.validity(now or utcnow())
    if validity == "embargoed":
        raise embargoed(link)
    if validity == "expired":
        raise expired(link)
    return link
