"""Personalised suggestions: the approved, currently valid links ranked for one employee.

Scoring every link would not scale (the benchmark has 100,000), so candidates come from a few small
queries that each walk an index and stop early: the newest links, the newest for the person's department,
for each of their interests, for the running campaigns, and — when they tell us the page they are on —
the links whose text matches it. Each source leaves out what the person may not be shown (outside its
window, aimed at other departments) and what they already shared. The few hundred candidates are then
scored here, where the weights can be read:

- the page they are on is itself in the library (first), or its words match the link's;
- the link targets their department; it targets interests they follow;
- it belongs to a running campaign; it is fresh; it is in their language; its window closes soon.

Targeting by department is an audience: a link aimed at other departments is not suggested (it can still
be found by searching the library and shared). Interests only raise a link.
"""

import math
from dataclasses import dataclass, field

from peewee import JOIN, SQL, Case, fn

from server.db import utcnow
from server.library import search
from server.library.campaigns import active_campaigns
from server.library.errors import InvalidURL
from server.library.interests import interest_ids_of
from server.library.kits import ideas_for_links
from server.library.listing import shareable
from server.library.models import Campaign, CampaignDepartment, Link, LinkDepartment, LinkInterest
from server.library.share_sources import shared_link_ids
from server.library.urls import canonical_url

POOL = 200  # candidates per source: enough for the first pages, small enough to stay fast
MAX_OFFSET = 150
FRESHNESS_DAYS = 14
NEW_DAYS = 3
ENDING_SOON_DAYS = 3
WEIGHTS = {"this_page": 10.0, "context": 4.0, "department": 3.0, "interest": 2.0, "campaign": 2.5,
           "freshness": 2.0, "language": 1.0, "ending_soon": 0.5}
MAX_INTEREST_MATCHES = 2


@dataclass
class Suggestion:
    link: Link
    score: float
    reasons: list = field(default_factory=list)
    caption: object = None
    idea_count: int = 0


@dataclass
class _Reader:
    """Who asks, and what the sources need to know about them."""

    user: object
    department_id: int | None
    interest_ids: list
    campaigns: dict
    language: str | None
    now: object


def suggest_links(user, *, limit=20, offset=0, context_url=None, context_text=None, language=None, now=None):
    """The links to suggest to `user`, best first, as Suggestion objects (with one caption idea each)."""
    now = now or utcnow()
    reader = _Reader(user, user.department_id, interest_ids_of(user),
                     {c.id: c for c in active_campaigns(now)}, (language or user.locale or "").lower() or None, now)
    allowed = _allowed_for(reader)
    candidates = _newest(allowed) | _for_department(reader, allowed) | _for_interests(reader, allowed) \
        | _in_campaigns(reader, allowed)
    relevance, this_page = _context(reader, allowed, context_url, context_text)
    candidates |= set(relevance) | ({this_page} if this_page else set())
    ranked = _score(reader, candidates, relevance, this_page)
    page = ranked[offset:offset + limit]
    ideas = ideas_for_links(user, [s.link for s in page], reader.language)
    for suggestion in page:
        suggestion.caption, suggestion.idea_count = ideas[suggestion.link.id]
    return page


def _allowed_for(reader):
    """Approved, in its window, meant for the reader's department, not shared by them yet."""
    condition = shareable(reader.now)
    any_target = LinkDepartment.select(SQL("1")).where(LinkDepartment.link == Link.id)
    audience = ~fn.EXISTS(any_target)
    if reader.department_id:
        audience |= fn.EXISTS(any_target.where(LinkDepartment.department == reader.department_id))
    condition &= audience
    closed = _campaigns_closed_to(reader.department_id)
    if closed:
        condition &= Link.campaign.is_null() | Link.campaign.not_in(closed)
    shared = shared_link_ids(reader.user)
    if shared is not None:
        condition &= Link.id.not_in(shared)
    return condition


def _campaigns_closed_to(department_id):
    """Campaigns whose audience leaves out this department (few rows: campaigns are counted in tens)."""
    is_member = fn.SUM(Case(None, [((CampaignDepartment.department == department_id), 1)], 0)) \
        if department_id else fn.SUM(0)
    rows = (CampaignDepartment.select(CampaignDepartment.campaign).group_by(CampaignDepartment.campaign)
            .having(is_member == 0))
    return [row.campaign_id for row in rows]


def _ids(query):
    return {row[0] for row in query.tuples()}


def _newest(allowed):
    return _ids(Link.select(Link.id).where(allowed).order_by(Link.approved_at.desc()).limit(POOL))


def _for_department(reader, allowed):
    if not reader.department_id:
        return set()
    # Walks the (department, link) index backwards: newest links of the department first, stops at POOL.
    return _ids(Link.select(Link.id).join(LinkDepartment, on=(LinkDepartment.link == Link.id))
                .where(LinkDepartment.department == reader.department_id, allowed)
                .order_by(LinkDepartment.link.desc()).limit(POOL))


def _for_interests(reader, allowed):
    # One ordered, limited walk per interest: with an IN list the database would sort every match.
    found = set()
    per_interest = max(POOL // max(len(reader.interest_ids), 1), 40)
    for interest_id in reader.interest_ids[:10]:
        found |= _ids(Link.select(Link.id).join(LinkInterest, on=(LinkInterest.link == Link.id))
                      .where(LinkInterest.interest == interest_id, allowed)
                      .order_by(LinkInterest.link.desc()).limit(per_interest))
    return found


def _in_campaigns(reader, allowed):
    if not reader.campaigns:
        return set()
    return _ids(Link.select(Link.id).where(Link.campaign.in_(list(reader.campaigns)), allowed)
                .order_by(Link.approved_at.desc()).limit(POOL))


def _context(reader, allowed, context_url, context_text):
    """({link_id: relevance 0..1}, id of the link that is the page itself or None)."""
    this_page = None
    if context_url:
        try:
            digest_url = canonical_url(context_url)
        except InvalidURL:
            digest_url = None
        if digest_url:
            from server.library.links import find_by_url

            found = find_by_url(digest_url)
            if found is not None and Link.select().where(Link.id == found.id, allowed).exists():
                this_page = found.id
    words = search.context_words(context_text, context_url)
    ranked = search.ranked_ids(Link.select(Link.id).where(allowed), words, any_word=True, limit=POOL)
    best = max((score for _id, score in ranked), default=0) or 1
    return {link_id: score / best for link_id, score in ranked}, this_page


def _score(reader, candidate_ids, relevance, this_page):
    if not candidate_ids:
        return []
    ids = list(candidate_ids)
    links = list(Link.select(Link, Campaign).join(Campaign, JOIN.LEFT_OUTER).where(Link.id.in_(ids)))
    in_department = set()
    if reader.department_id:
        in_department = _ids(LinkDepartment.select(LinkDepartment.link)
                             .where(LinkDepartment.link.in_(ids), LinkDepartment.department == reader.department_id))
    interest_matches = {}
    if reader.interest_ids:
        for link_id, _interest in (LinkInterest.select(LinkInterest.link, LinkInterest.interest)
                                   .where(LinkInterest.link.in_(ids), LinkInterest.interest.in_(reader.interest_ids))
                                   .tuples()):
            interest_matches[link_id] = interest_matches.get(link_id, 0) + 1
    suggestions = [_suggestion(reader, link, link.id in in_department, interest_matches.get(link.id, 0),
                               relevance.get(link.id, 0), link.id == this_page) for link in links]
    suggestions.sort(key=lambda s: (-s.score, -(s.link.approved_at or s.link.created_at).timestamp(), -s.link.id))
    return suggestions


def _suggestion(reader, link, for_department, interest_count, relevance, is_this_page):
    score, reasons = 0.0, []

    def add(reason, points):
        nonlocal score
        score += points
        if reason:
            reasons.append(reason)

    if is_this_page:
        add("this_page", WEIGHTS["this_page"])
    if relevance > 0:
        add("context", WEIGHTS["context"] * relevance)
    if for_department:
        add("department", WEIGHTS["department"])
    if interest_count:
        add("interests", WEIGHTS["interest"] * min(interest_count, MAX_INTEREST_MATCHES))
    if link.campaign_id in reader.campaigns:
        add("campaign", WEIGHTS["campaign"])
    age_days = max((reader.now - (link.approved_at or link.created_at)).total_seconds(), 0) / 86400
    add("new" if age_days < NEW_DAYS else None, WEIGHTS["freshness"] * math.exp(-age_days / FRESHNESS_DAYS))
    if reader.language and link.language and link.language.split("-")[0] == reader.language.split("-")[0]:
        add(None, WEIGHTS["language"])
    if link.not_after and (link.not_after - reader.now).total_seconds() < ENDING_SOON_DAYS * 86400:
        add("ending_soon", WEIGHTS["ending_soon"])
    return Suggestion(link=link, score=round(score, 4), reasons=reasons)
