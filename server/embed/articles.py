"""The article a page author put a share button beside, as the dialog sees it: shareable, not in the
library (then the employee may suggest it to the communication team), or not shareable now, and why."""

from dataclasses import dataclass

from server.errors import DomainError, InvalidInput
from server.library.links import canonical_or_refuse, find_by_url
from server.library.models import Link, LinkStatus
from server.library.sharing import link_for_sharing

SHAREABLE, NOT_APPROVED, UNAVAILABLE, INVALID = "shareable", "not_approved", "unavailable", "invalid"


@dataclass(frozen=True)
class Article:
    state: str
    url: str
    link: Link | None = None
    message: str | None = None
    proposed: bool = False  # someone already suggested it: it waits in the approval queue


def article_for(user, url):
    """What `user` can do with the address `url` (any spelling: tracking parameters, case, fragment).

    An approved link that can be shared now is SHAREABLE (with the link, its campaign loaded); an address
    the library does not hold, or holds as a proposal or archived, is NOT_APPROVED; an approved link
    outside its window is UNAVAILABLE with the library's message saying when; a malformed address INVALID.
    """
    try:
        canonical = canonical_or_refuse(url)
    except InvalidInput as exc:
        problems = [str(message) for messages in exc.fields.values() for message in messages]
        return Article(INVALID, url, message=" ".join(problems) or str(exc.message))
    found = find_by_url(canonical)
    if found is None or found.status != LinkStatus.APPROVED:
        return Article(NOT_APPROVED, canonical, proposed=found is not None and found.status == LinkStatus.PROPOSED)
    try:
        return Article(SHAREABLE, canonical, link=link_for_sharing(found.id, user))
    except DomainError as exc:
        return Article(UNAVAILABLE, canonical, message=str(exc.message))
