"""Where suggestions come from: a few hundred candidates found through indexes, never a scan of the library.

Each source walks one index and stops early: the newest shareable links; the newest aimed at the reader's
department (the (department, link) index, backwards); the newest for their interests; the newest of each
running campaign (the (campaign, approved_at) index); and, when the reader says which page they are on,
the links whose words match it. All sources share one condition (`allowed_for`): approved, inside its
window, meant for the reader's department, not shared by them yet.

The sources run as one UNION query. They name links `candidate` (a fixed alias rather than peewee's
numbered ones) so that the shared condition can be turned into SQL once and repeated as text: building
SQL from a tree of a few dozen nodes, once per source, cost more than running the queries.
"""

from peewee import SQL, fn

from server.library import search
from server.library.errors import InvalidURL
from server.library.listing import shareable
from server.library.models import Link, LinkDepartment, LinkInterest
from server.library.share_sources import shared_link_ids
from server.library.urls import canonical_url

candidate = Link.alias("candidate")
MAX_CAMPAIGN_SOURCES = 10
MIN_PER_CAMPAIGN = 10


def allowed_for(reader):
    """The condition every candidate meets, as ready-made SQL on `candidate`."""
    condition = shareable(reader.now, candidate)
    audience = candidate.for_departments == False  # noqa: E712 (SQL comparison)
    if reader.department_id:
        audience |= fn.EXISTS(LinkDepartment.select(SQL("1")).where(
            LinkDepartment.link == candidate.id, LinkDepartment.department == reader.department_id))
    condition &= audience
    if reader.closed_campaigns:
        condition &= candidate.campaign.is_null() | candidate.campaign.not_in(reader.closed_campaigns)
    shared = shared_link_ids(reader.user)
    if shared is not None:
        condition &= candidate.id.not_in(shared)
    sql, params = candidate.select(SQL("1")).where(condition).sql()
    return SQL("(" + sql.split(" WHERE ", 1)[1] + ")", params)


def candidate_ids(reader, allowed):
    """The ids every source proposes, in one query."""
    sources = [candidate.select(candidate.id).where(allowed).order_by(candidate.approved_at.desc())]
    if reader.department_id:
        sources.append(candidate.select(candidate.id).join(LinkDepartment, on=(LinkDepartment.link == candidate.id))
                       .where(LinkDepartment.department == reader.department_id, allowed)
                       .order_by(LinkDepartment.link.desc()))
    if reader.interest_ids:
        # Interests are dense: walking link_interests by link, backwards, finds the reader's quickly.
        sources.append(candidate.select(candidate.id).join(LinkInterest, on=(LinkInterest.link == candidate.id))
                       .where(LinkInterest.interest.in_(reader.interest_ids), allowed)
                       .order_by(LinkInterest.link.desc()))
    branches = [Link.select(SQL("source.id")).from_(source.limit(reader.pool).alias("source")) for source in sources]
    # One branch per running campaign (with an IN list the database would sort every link of every campaign);
    # together they bring about as many candidates as one source.
    running = sorted(reader.running_campaigns)[:MAX_CAMPAIGN_SOURCES]
    for campaign_id in running:
        source = (candidate.select(candidate.id).where(candidate.campaign == campaign_id, allowed)
                  .order_by(candidate.approved_at.desc()).limit(max(reader.pool // len(running), MIN_PER_CAMPAIGN)))
        branches.append(Link.select(SQL("source.id")).from_(source.alias("source")))
    union = branches[0]
    for branch in branches[1:]:
        union = union | branch
    return {row[0] for row in union.tuples()}


def context_matches(reader, allowed, context_url, context_text):
    """({link_id: relevance from 0 to 1}, the id of the link that is the page itself or None)."""
    this_page = None
    if context_url:
        try:
            url = canonical_url(context_url)
        except InvalidURL:
            url = None
        if url:
            from server.library.links import find_by_url

            found = find_by_url(url)
            if found is not None and candidate.select().where(candidate.id == found.id, allowed).exists():
                this_page = found.id
    words = search.context_words(context_text, context_url)
    ranked = search.ranked_ids(candidate.select(candidate.id).where(allowed), words, any_word=True,
                               limit=reader.pool, model=candidate)
    best = max((score for _id, score in ranked), default=0) or 1
    return {link_id: score / best for link_id, score in ranked}, this_page
