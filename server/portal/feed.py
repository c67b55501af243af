"""The employee's home page as their feed: the campaigns running for them, a few suggestions to share,
their recent impact (from the results' rollups, never raw clicks), and what waits for them.

What waits, most pressing first: a moderator's suggested words to accept or decline, a share refused with
a reason to edit, a new charter version to read (or its quiz), drafts saved for later, composers still to
open. Each item names the page that settles it.
"""

from dataclasses import dataclass, field
from datetime import timedelta

from flask import url_for
from flask_babel import lazy_gettext as _l

from server.analytics.campaigns import progress, speaks_to
from server.analytics.figures import add_up, grouped
from server.analytics.periods import period_from
from server.charter import training
from server.charter.service import readiness
from server.db import utcnow
from server.library.models import Campaign, Link
from server.library.suggestions import suggest_links
from server.shares import pipeline
from server.shares.models import Share, ShareState, ShareTarget, TargetState

SUGGESTIONS = 3
RECENT_DAYS = 30
WAITING_SHARES = 10


@dataclass(frozen=True)
class Waiting:
    """One thing that waits for the employee: what it is, and where to settle it."""

    kind: str  # edit_suggested, rejected, charter, quiz, draft, to_open
    title: str
    detail: str
    url: str
    action: str


@dataclass
class Impact:
    """The employee's own figures over the last RECENT_DAYS days, and since they started."""

    days: int
    shares: int
    clicks: int
    all_shares: int
    all_clicks: int


@dataclass
class Feed:
    campaigns: list = field(default_factory=list)  # [(campaign, (shares, target, clicks, target))]
    suggestions: list = field(default_factory=list)
    impact: Impact | None = None
    waiting: list = field(default_factory=list)
    participating: bool = False


def running_campaigns(user, now=None):
    """The campaigns running now that speak to `user`'s department (or to everyone), ending soonest first."""
    now = now or utcnow()
    query = (Campaign.select()
             .where((Campaign.starts_at.is_null() | (Campaign.starts_at <= now))
                    & (Campaign.ends_at.is_null() | (Campaign.ends_at >= now)))
             .order_by(Campaign.ends_at.asc(nulls="LAST"), Campaign.id.desc()))
    return [campaign for campaign in query
            if user.department_id is None or speaks_to(campaign, user.department_id)]


def recent_impact(user, days=RECENT_DAYS):
    """`user`'s shares handed over and clicks received over the last `days` days, and all-time."""
    period = period_from(days=days if days in (7, 30, 90) else RECENT_DAYS)
    recent = add_up(grouped("day", period, user_id=user.id))
    ever = add_up(grouped("network", user_id=user.id))
    return Impact(days=len(period.days), shares=recent.shares, clicks=recent.clicks, all_shares=ever.shares,
                  all_clicks=ever.clicks)


def _share_items(user):
    items = []
    shares = (Share.select(Share, Link).join(Link)
              .where(Share.user == user, Share.state.in_([ShareState.EDIT_SUGGESTED, ShareState.REJECTED,
                                                           ShareState.DRAFT]))
              .order_by(Share.updated_at.desc()).limit(WAITING_SHARES))
    texts = {
        ShareState.EDIT_SUGGESTED: (_l("A moderator suggests other words"), _l("Accept them or keep yours")),
        ShareState.REJECTED: (_l("Not approved: edit it and submit it again"), _l("Edit the share")),
        ShareState.DRAFT: (_l("Saved for later"), _l("Finish the share")),
    }
    for share in shares:
        heading, action = texts[share.state]
        detail = share.review_reason if share.state == ShareState.REJECTED and share.review_reason else share.text
        items.append(Waiting(share.state, f"{heading} · {share.link.title or share.link.url}", detail,
                             url_for("shares.share_page", share_id=share.id), str(action)))
    to_open = (Share.select(Share, Link).join(Link).switch(Share).join(ShareTarget)
               .where(Share.user == user, Share.state == ShareState.APPROVED, ShareTarget.method == "intent",
                      ShareTarget.state == TargetState.READY, Share.updated_at >= utcnow() - timedelta(days=14))
               .group_by(Share.id, Link.id).order_by(Share.id.desc()).limit(WAITING_SHARES))
    for share in to_open:
        items.append(Waiting("to_open", f"{_l('Ready to share')} · {share.link.title or share.link.url}",
                             share.text, url_for("shares.share_page", share_id=share.id),
                             str(_l("Open the networks' composers"))))
    order = ("edit_suggested", "rejected", "draft", "to_open")
    return sorted(items, key=lambda item: order.index(item.kind))


def _charter_items(user):
    standing = readiness(user)
    if standing.version is None:
        return []
    if not standing.acknowledged:
        earlier = training.acknowledged_version(user)
        title = (_l("Our charter changed since version %(number)s", number=earlier.number) if earlier
                 else _l("Read our charter before your first share"))
        return [Waiting("charter", str(title), str(_l("Version %(number)s is in force.", number=standing.version)),
                        url_for("charter.page"), str(_l("Read it")))]
    if not standing.quiz_passed:
        return [Waiting("quiz", str(_l("Take the charter quiz")), str(_l("Needed before your next share.")),
                        url_for("charter.quiz"), str(_l("Take the quiz")))]
    return []


def home_feed(user, language):
    """Everything the home page shows `user`, in `language` (suggestions' caption ideas)."""
    participating = pipeline.participant(user) is not None
    shares = _share_items(user)
    waiting = [item for item in shares if item.kind == "edit_suggested"]
    waiting += _charter_items(user) if participating else []
    waiting += [item for item in shares if item.kind != "edit_suggested"]
    return Feed(campaigns=[(campaign, progress(campaign)) for campaign in running_campaigns(user)],
                suggestions=suggest_links(user, limit=SUGGESTIONS, language=language),
                impact=recent_impact(user), waiting=waiting, participating=participating)
