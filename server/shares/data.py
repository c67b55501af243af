"""What other areas and the employee's own export need to know about shares."""

from peewee import fn

from server.library.models import Link
from server.privacy import exporter
from server.shares.models import ConnectedAccount, Participant, Share, ShareState, ShareTarget, TargetState


def shared_link_ids(user):
    """Links `user` has shared or is sharing (suggestions leave them out)."""
    return Share.select(Share.link).where(Share.user == user, Share.state.in_(ShareState.UNDER_WAY))


def shares_per_category():
    """{category: shares handed to the networks} for the content-mix chart: shares where at least one network
    was opened or posted (a share whose composers were never opened went nowhere)."""
    handed = ShareTarget.select(ShareTarget.share).where(ShareTarget.state.in_(TargetState.HANDED_OVER))
    rows = (Share.select(Link.category, fn.COUNT(Share.id)).join(Link)
            .where(Share.id.in_(handed)).group_by(Link.category).tuples())
    return {category or "uncategorised": count for category, count in rows}


def _iso(value):
    return value.isoformat() + "Z" if value else None


@exporter("shares")
def _export_shares(user):
    shares = Share.select().where(Share.user == user).order_by(Share.id)
    return [{"link": share.link.url, "text": share.text, "state": share.state, "verdict": share.verdict,
             "charter_version": share.charter_version, "created_at": _iso(share.created_at),
             "published_at": _iso(share.published_at), "review_reason": share.review_reason,
             "networks": [{"network": t.network, "method": t.method, "state": t.state, "post": t.external_url}
                          for t in ShareTarget.select().where(ShareTarget.share == share)]}
            for share in shares]


@exporter("participation")
def _export_participation(user):
    row = Participant.get_or_none(Participant.user == user)
    accounts = ConnectedAccount.select().where(ConnectedAccount.user == user)
    return {"participating": row is not None, "opted_in_at": _iso(row.opted_in_at) if row else None,
            "instances": (row.instances or {}) if row else {},
            "connected_accounts": [{"network": a.network, "account": a.account_name,
                                    "connected_at": _iso(a.connected_at)} for a in accounts]}
