"""What the library keeps about a person, in their export: their proposals and the interests they follow.

Deleting the account removes their interests and keeps the links they proposed (the proposer is forgotten:
`proposed_by` is set to null by the database).
"""

from server.library.interests import interests_of
from server.library.models import Link
from server.privacy import exporter


def _iso(value):
    return value.isoformat() + "Z" if value else None


@exporter("library")
def export_library_data(user):
    proposals = Link.select().where(Link.proposed_by == user).order_by(Link.created_at)
    return {
        "interests": [interest.name for interest in interests_of(user)],
        "proposals": [{"url": link.url, "title": link.title, "note": link.proposal_note, "status": link.status,
                       "proposed_at": _iso(link.created_at)} for link in proposals],
    }
