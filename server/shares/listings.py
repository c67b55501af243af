"""Reading shares: one's own, one target of them, and the moderators' queue."""

from flask_babel import lazy_gettext as _l

from server.auth.models import Department, User
from server.errors import NotFound
from server.library.models import Campaign, Link
from server.shares.models import Share, ShareState, ShareTarget
from server.shares.presenting import share_views


def own_share(user, share_id):
    """One of `user`'s shares, or NotFound (someone else's share is not found either)."""
    share = Share.get_or_none(Share.id == share_id, Share.user == user)
    if share is None:
        raise NotFound(_l("No such share."))
    return share


def target_of(share, network):
    """The share's target on `network`, or NotFound."""
    target = ShareTarget.get_or_none(ShareTarget.share == share, ShareTarget.network == network)
    if target is None:
        raise NotFound(_l("This share does not go to that network."))
    return target


def shares_of(user, state=None, limit=50, offset=0):
    """`user`'s shares, newest first."""
    query = Share.select(Share, Link).join(Link).where(Share.user == user)
    if state:
        query = query.where(Share.state == state)
    return list(query.order_by(Share.created_at.desc(), Share.id.desc()).limit(limit).offset(offset))


def queue(campaign_id=None, rule=None):
    """Shares waiting for review, oldest first, optionally for one campaign or one charter rule."""
    query = (Share.select(Share, Link, User).join(Link).switch(Share).join(User, on=(Share.user == User.id))
             .where(Share.state == ShareState.PENDING_REVIEW))
    if campaign_id:
        query = query.where(Link.campaign == campaign_id)
    shares = list(query.order_by(Share.created_at, Share.id))
    if rule:
        shares = [s for s in shares if any(f.get("rule", "").startswith(rule) for f in s.findings or [])]
    return shares


def queue_views(campaign_id=None, rule=None, reviewer=None):
    """The queue as the API and the page show it; `own` marks the reviewer's own shares (someone else
    approves them)."""
    shares = queue(campaign_id, rule)
    campaigns = {c.id: c.name for c in Campaign.select().where(
        Campaign.id.in_({s.link.campaign_id for s in shares if s.link.campaign_id} or {0}))}
    departments = {d.id: d.name for d in Department.select()}
    views = share_views(shares)
    for share, view in zip(shares, views, strict=True):
        view["author"] = {"id": share.user.id, "name": share.user.name,
                          "department": departments.get(share.user.department_id)}
        view["campaign"] = campaigns.get(share.link.campaign_id)
        view["own"] = reviewer is not None and share.user_id == reviewer.id
    return views
