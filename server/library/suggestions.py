"""Personalised suggestions: the approved, currently valid links ranked for one employee.

Candidates come from server.library.suggestion_sources (a few hundred, found through indexes); they are
scored here, where the weights can be read:

- the page the reader is on is itself in the library (first), or its words match the link's;
- the link targets their department; it targets interests they follow;
- it belongs to a running campaign; it is fresh; it is in their language; its window closes soon.

Targeting by department is an audience: a link aimed at other departments is not suggested (it can still
be found by searching the library and shared). Interests only raise a link. Links the reader already
shared (as the share pipeline reports them) are left out.
"""

import math
from dataclasses import dataclass, field

from peewee import JOIN, SQL, Value, fn

from server.db import utcnow
from server.library import suggestion_sources as sources
from server.library.interests import interest_ids_of
from server.library.kits import ideas_for_links
from server.library.models import Campaign, CampaignDepartment, Link, LinkDepartment, LinkInterest

# Candidates per source: what the asked page needs plus a margin, so that the weights can reorder them;
# small enough that scoring them stays cheap.
MIN_POOL, MAX_POOL, POOL_MARGIN = 40, 200, 20
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
    interest_ids: list
    running_campaigns: set
    closed_campaigns: list  # campaigns whose audience leaves the reader out
    language: str | None
    now: object
    pool: int = MIN_POOL

    @property
    def department_id(self):
        return self.user.department_id


@dataclass(frozen=True)
class _Candidate:
    """What scoring needs of a link, read as plain values (instantiating full models would cost more)."""

    id: int
    approved_at: object
    campaign_id: int | None
    language: str | None
    not_after: object
    in_department: bool
    interest_count: int


def suggest_links(user, *, limit=20, offset=0, context_url=None, context_text=None, language=None, now=None):
    """The links to suggest to `user`, best first, as Suggestion objects (with one caption idea each)."""
    now = now or utcnow()
    running, closed = _campaigns_for(user.department_id, now)
    reader = _Reader(user, interest_ids_of(user), running, closed, (language or user.locale or "").lower() or None,
                     now, min(max(offset + limit + POOL_MARGIN, MIN_POOL), MAX_POOL))
    allowed = sources.allowed_for(reader)
    candidates = sources.candidate_ids(reader, allowed)
    relevance, this_page = {}, None
    if context_url or context_text:
        relevance, this_page = sources.context_matches(reader, allowed, context_url, context_text)
        candidates |= set(relevance) | ({this_page} if this_page else set())
    page = _score(reader, candidates, relevance, this_page)[offset:offset + limit]
    _load_links(page)
    ideas = ideas_for_links(user, [s.link for s in page], reader.language)
    for suggestion in page:
        suggestion.caption, suggestion.idea_count = ideas[suggestion.link.id]
    return page


def _campaigns_for(department_id, now):
    """(ids of the running campaigns, ids of campaigns whose audience leaves this department out), in one
    query: campaigns are counted in tens."""
    rows = (Campaign.select(Campaign.id, Campaign.starts_at, Campaign.ends_at, CampaignDepartment.department)
            .join(CampaignDepartment, JOIN.LEFT_OUTER).tuples())
    running, audiences = set(), {}
    for campaign_id, starts_at, ends_at, audience_department in rows:
        if (starts_at is None or starts_at <= now) and (ends_at is None or now <= ends_at):
            running.add(campaign_id)
        if audience_department is not None:
            audiences.setdefault(campaign_id, set()).add(audience_department)
    closed = [campaign_id for campaign_id, members in audiences.items() if department_id not in members]
    return running, closed


def _score(reader, candidate_ids, relevance, this_page):
    """Every candidate as a Suggestion (without its link loaded yet), best first."""
    if not candidate_ids:
        return []
    in_department = fn.EXISTS(LinkDepartment.select(SQL("1")).where(
        LinkDepartment.link == Link.id, LinkDepartment.department == reader.department_id)) \
        if reader.department_id else Value(False)
    interest_count = LinkInterest.select(fn.COUNT(SQL("*"))).where(
        LinkInterest.link == Link.id, LinkInterest.interest.in_(reader.interest_ids)) \
        if reader.interest_ids else Value(0)
    rows = Link.select(Link.id, fn.COALESCE(Link.approved_at, Link.created_at), Link.campaign, Link.language,
                       Link.not_after, in_department, interest_count).where(Link.id.in_(sorted(candidate_ids)))
    suggestions = [_suggestion(reader, _Candidate(*row[:5], bool(row[5]), int(row[6] or 0)),
                               relevance.get(row[0], 0), row[0] == this_page) for row in rows.tuples()]
    suggestions.sort(key=lambda s: (-s.score, -s.link.approved_at.timestamp(), -s.link.id))
    return suggestions


def _load_links(page):
    """Replace each suggestion's candidate by its full link (with its campaign), in one query."""
    ids = [suggestion.link.id for suggestion in page]
    links = {link.id: link for link in Link.select(Link, Campaign).join(Campaign, JOIN.LEFT_OUTER)
             .where(Link.id.in_(ids))} if ids else {}
    for suggestion in page:
        suggestion.link = links[suggestion.link.id]


def _suggestion(reader, candidate, relevance, is_this_page):
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
    if candidate.in_department:
        add("department", WEIGHTS["department"])
    if candidate.interest_count:
        add("interests", WEIGHTS["interest"] * min(candidate.interest_count, MAX_INTEREST_MATCHES))
    if candidate.campaign_id in reader.running_campaigns:
        add("campaign", WEIGHTS["campaign"])
    age_days = max((reader.now - candidate.approved_at).total_seconds(), 0) / 86400
    add("new" if age_days < NEW_DAYS else None, WEIGHTS["freshness"] * math.exp(-age_days / FRESHNESS_DAYS))
    if reader.language and candidate.language \
            and candidate.language.split("-")[0] == reader.language.split("-")[0]:
        add(None, WEIGHTS["language"])
    if candidate.not_after and (candidate.not_after - reader.now).total_seconds() < ENDING_SOON_DAYS * 86400:
        add("ending_soon", WEIGHTS["ending_soon"])
    return Suggestion(link=candidate, score=round(score, 4), reasons=reasons)
