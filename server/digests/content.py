"""What a digest holds for one employee: the links approved since their last digest, best matches first
(their department, their interests, running campaigns: the library's suggestion ranking), and the
campaigns running for their department, each link with a one-click Share button."""

from dataclasses import dataclass, field
from datetime import timedelta

from server.db import utcnow
from server.digests.models import Digest, DigestStatus, Frequency
from server.digests.signed_links import share_token, unsubscribe_token
from server.library.models import Campaign, CampaignDepartment
from server.library.suggestions import suggest_links
from server.public_urls import external_url

MAX_LINKS = 8
POOL = 40
DESCRIPTION_CHARS = 240
PERIODS = {Frequency.DAILY: timedelta(days=1), Frequency.WEEKLY: timedelta(days=7)}


@dataclass
class DigestLink:
    title: str
    description: str
    site: str
    reasons: list
    share_url: str


@dataclass
class DigestContent:
    links: list = field(default_factory=list)
    campaigns: list = field(default_factory=list)
    unsubscribe_url: str = ""
    account_url: str = ""

    @property
    def empty(self):
        return not self.links


def last_digest_time(user):
    """When `user`'s previous digest was recorded, or None."""
    previous = (Digest.select(Digest.created_at).where(Digest.user == user.id, Digest.status == DigestStatus.SENT)
                .order_by(Digest.created_at.desc()).first())
    return previous.created_at if previous else None


def running_campaigns_for(user, now):
    """Campaigns running now whose audience includes `user`'s department (or that speak to everyone)."""
    with_audience = CampaignDepartment.select(CampaignDepartment.campaign)
    for_department = CampaignDepartment.select(CampaignDepartment.campaign).where(
        CampaignDepartment.department == user.department_id)
    query = (Campaign.select().where(
        (Campaign.starts_at.is_null() | (Campaign.starts_at <= now)),
        (Campaign.ends_at.is_null() | (Campaign.ends_at >= now)),
        Campaign.id.not_in(with_audience) | Campaign.id.in_(for_department))
        .order_by(Campaign.starts_at.desc(nulls="LAST"), Campaign.id.desc()))
    return list(query)


def _preview(text):
    text = " ".join((text or "").split())
    return text if len(text) <= DESCRIPTION_CHARS else text[:DESCRIPTION_CHARS - 1].rstrip() + "…"


def digest_content(user, frequency, now=None):
    """The digest `user` would receive now: new links since their last digest (or the last period)."""
    now = now or utcnow()
    since = last_digest_time(user) or now - PERIODS.get(frequency, PERIODS[Frequency.WEEKLY])
    suggestions = suggest_links(user, limit=POOL, language=user.locale, now=now)
    fresh = [s for s in suggestions if s.link.approved_at and s.link.approved_at >= since][:MAX_LINKS]
    links = [DigestLink(title=s.link.title or s.link.url, description=_preview(s.link.description),
                        site=s.link.site_name or "", reasons=[r for r in s.reasons if r in REASONS],
                        share_url=external_url("digests.open_share", token=share_token(user.id, s.link.id)))
             for s in fresh]
    return DigestContent(links=links, campaigns=running_campaigns_for(user, now),
                         unsubscribe_url=external_url("digests.unsubscribe", token=unsubscribe_token(user.id)),
                         account_url=external_url("portal.account"))


REASONS = ("department", "interests", "campaign")
