"""Finding links: the curators' filtered list and the employees' search of what they may share."""

from peewee import JOIN, Node

from server.db import utcnow
from server.library import search
from server.library.links import attach_details
from server.library.models import Campaign, Link, LinkDepartment, LinkInterest, LinkStatus

MAX_RANKED = 500


def currently_valid(now, link=Link):
    """The condition "inside its window at `now`" on Link (or an alias of it)."""
    return ((link.not_before.is_null() | (link.not_before <= now))
            & (link.not_after.is_null() | (link.not_after >= now)))


def shareable(now, link=Link):
    """Approved and inside its window."""
    return (link.status == LinkStatus.APPROVED) & currently_valid(now, link)


def search_links(q=None, status=None, category=None, campaign_id=None, department_id=None, interest_id=None,
                 language=None, source=None, preview_status=None, validity=None, limit=50, offset=0, now=None):
    """The curators' list: every filter given narrows it; newest first. Returns (page, total)."""
    now = now or utcnow()
    query = Link.select(Link, Campaign).join(Campaign, JOIN.LEFT_OUTER)
    conditions = [
        status and Link.status == status,
        category and (Link.category.is_null() if category == "none" else Link.category == category),
        campaign_id and Link.campaign == campaign_id,
        language and Link.language.startswith(language),
        source and Link.source == source,
        preview_status and Link.preview_status == preview_status,
        department_id and Link.id.in_(LinkDepartment.select(LinkDepartment.link)
                                      .where(LinkDepartment.department == department_id)),
        interest_id and Link.id.in_(LinkInterest.select(LinkInterest.link)
                                    .where(LinkInterest.interest == interest_id)),
        validity and _validity_condition(validity, now),
        q and search.matching(search.query_words(q)),
    ]
    for condition in conditions:
        if isinstance(condition, Node):  # a filter left empty evaluates to None, "" or False
            query = query.where(condition)
    total = query.count()
    page = list(query.order_by(Link.created_at.desc(), Link.id.desc()).limit(limit).offset(offset))
    return attach_details(page), total


def browse_library(q=None, category=None, language=None, campaign_id=None, limit=20, offset=0, now=None):
    """What employees may share now, best matches first for a search, newest first otherwise."""
    now = now or utcnow()
    query = Link.select(Link.id).where(shareable(now))
    for condition in (category and Link.category == category, language and Link.language.startswith(language),
                      campaign_id and Link.campaign == campaign_id):
        if isinstance(condition, Node):
            query = query.where(condition)
    if q and search.query_words(q):
        ranked = [link_id for link_id, _score in search.ranked_ids(query, search.query_words(q), limit=MAX_RANKED)]
        page_ids, total = ranked[offset:offset + limit], len(ranked)
    else:
        total = query.count()
        page_ids = [row.id for row in query.order_by(Link.approved_at.desc(), Link.id.desc())
                    .limit(limit).offset(offset)]
    links = {link.id: link for link in Link.select(Link, Campaign).join(Campaign, JOIN.LEFT_OUTER)
             .where(Link.id.in_(page_ids))} if page_ids else {}
    return attach_details([links[i] for i in page_ids if i in links]), total


def _validity_condition(validity, now):
    if validity == "embargoed":
        return Link.not_before > now
    if validity == "expired":
        return Link.not_after < now
    return currently_valid(now)
