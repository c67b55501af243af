"""Past shares as the charter simulator replays them: text, the approved link, the suggested caption, language.

Drafts are left out (they were never submitted); every other share counts, whatever became of it, since a
refused or cancelled post is exactly what a new charter might have treated differently.
"""

from server.charter.replay import ReplayedPost
from server.library.models import Link
from server.shares.models import Share
from server.shares.states import ShareState


def _submitted(since):
    query = Share.select(Share.id, Share.text, Link.url, Share.suggested, Share.language).join(Link).where(
        Share.state != ShareState.DRAFT)
    return query.where(Share.created_at >= since) if since is not None else query


def count_submitted(since=None):
    """How many submitted shares were created at or after `since` (all when None)."""
    return _submitted(since).count()


def submitted_after(since, after_id, limit):
    """Up to `limit` submitted shares with an id above `after_id`, in id order, as (id, ReplayedPost)."""
    rows = _submitted(since).where(Share.id > after_id).order_by(Share.id).limit(limit).tuples()
    return [(share_id, ReplayedPost(text=text, link=url, suggested=suggested, language=language))
            for share_id, text, url, suggested, language in rows]
