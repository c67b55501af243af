"""What feeds the queue: the share life cycle's committed moves, the library's news, and the daily clicks.

* Shares: `on_transition` listens to `server/shares/lifecycle.py` (called once the move is committed).
  `share.submitted` when a checked share goes to review or straight to release (a draft is not submitted),
  `share.pending_review` when it goes to review, `share.posted` when a network confirms a post made through
  a connected account (an opened share intent is not a post: we cannot see it).
* The library: `announce_library_news` runs every minute and announces links approved since its mark
  (`link.approved`) and campaigns whose start has come (`campaign.started`: at their start date, or when
  created without one). Reading the library by its dates, rather than hooking each place that approves,
  catches every door (pages, API, imports, feeds) and the campaigns that start on their own at a set time.
  A short settling delay leaves in-flight transactions time to commit before their rows are read. Chat
  channels hear of the first `CHAT_LINKS` links of a run (a CSV import must not flood them); signed
  endpoints of every one.
* Clicks: `announce_daily_clicks` sends yesterday's totals (UTC) from the analytics rollups, once a day;
  its message id is the day, so a second run queues nothing.
"""

from datetime import datetime, time, timedelta

from huey import crontab
from peewee import fn

from server.db import utcnow
from server.jobs import periodic_job
from server.public_urls import external_url
from server.shares.states import ShareState, TargetState
from server.webhooks import events
from server.webhooks.delivery import emit, subscribers
from server.webhooks.models import AnnouncementMark

SETTLE = timedelta(seconds=10)
CHAT_LINKS = 5  # links announced in chat channels per run: an import of a hundred is not a hundred messages
LINKS_MARK, CAMPAIGNS_MARK = "link.approved", "campaign.started"


# -- shares --------------------------------------------------------------------------------------------------

def share_events(transition):
    """The events one life-cycle move calls for."""
    if transition.of_target:
        return [events.SHARE_POSTED] if transition.to_state == TargetState.POSTED else []
    found = []
    if transition.from_state == ShareState.CHECKED and transition.to_state in (ShareState.PENDING_REVIEW,
                                                                               ShareState.APPROVED):
        found.append(events.SHARE_SUBMITTED)
    if transition.to_state == ShareState.PENDING_REVIEW:
        found.append(events.SHARE_PENDING_REVIEW)
    return found


def on_transition(transition):
    """Queue the share events of a committed move for the endpoints that want them."""
    wanted = [event for event in share_events(transition) if subscribers(event)]
    if not wanted:
        return
    from server.shares.models import Share, ShareTarget

    share = Share.get_or_none(Share.id == transition.share_id)
    if share is None:
        return
    networks = [network for (network,) in ShareTarget.select(ShareTarget.network)
                .where(ShareTarget.share == share.id).tuples()]
    for event in wanted:
        data = events.share_data(share, networks, network=transition.network)
        if event == events.SHARE_PENDING_REVIEW:
            data["review_url"] = external_url("shares.review_queue")
        emit(event, data)


# -- the library ---------------------------------------------------------------------------------------------

def _advance(name, now):
    """The window (since, upto] not yet announced for `name`; the first run starts from now (no backlog)."""
    upto = now - SETTLE
    mark = AnnouncementMark.get_or_none(AnnouncementMark.name == name)
    if mark is None:
        AnnouncementMark.create(name=name, upto=upto)
        return None
    since = mark.upto
    written = (AnnouncementMark.update(upto=upto)
               .where(AnnouncementMark.name == name, AnnouncementMark.upto == since).execute())
    return (since, upto) if written and upto > since else None


def announce_library_news(now=None):
    """Queue `link.approved` and `campaign.started` for what happened since the last run; returns the count."""
    from server.library.models import Campaign, Link, LinkStatus

    now = now or utcnow()
    count = 0
    window = _advance(LINKS_MARK, now)
    if window:
        approved = (Link.select().where(Link.status == LinkStatus.APPROVED, Link.approved_at > window[0],
                                        Link.approved_at <= window[1]).order_by(Link.approved_at))
        for position, link in enumerate(approved):
            count += bool(emit(events.LINK_APPROVED, events.link_data(link),
                               message_id=_id("link", link.id, link.approved_at), chats=position < CHAT_LINKS))
    window = _advance(CAMPAIGNS_MARK, now)
    if window:
        started = fn.COALESCE(Campaign.starts_at, Campaign.created_at)
        for campaign in (Campaign.select().where(started > window[0], started <= window[1])
                         .order_by(started)):
            if campaign.ends_at is None or campaign.ends_at > now:
                count += bool(emit(events.CAMPAIGN_STARTED, events.campaign_data(campaign),
                                   message_id=_id("campaign", campaign.id, campaign.starts_at or campaign.created_at)))
    return count


def _id(kind, object_id, moment):
    return f"msg_{kind}_{object_id}_{int(moment.timestamp())}"


@periodic_job(crontab(minute="*"))
def announce_library_news_now():
    announce_library_news()


# -- clicks --------------------------------------------------------------------------------------------------

def daily_clicks_data(day):
    """The day's clicks from the rollups: totals, per network, per campaign (visitors are per day)."""
    from server.analytics.models import ClickRollup
    from server.library.models import Campaign

    base = ClickRollup.select().where(ClickRollup.day == day)
    clicks, visitors = (ClickRollup.select(fn.COALESCE(fn.SUM(ClickRollup.clicks), 0),
                                           fn.COALESCE(fn.SUM(ClickRollup.visitors), 0))
                        .where(ClickRollup.day == day).tuples().get())
    by_network = {network: {"clicks": int(c), "visitors": int(v)} for network, c, v in
                  base.select(ClickRollup.network, fn.SUM(ClickRollup.clicks), fn.SUM(ClickRollup.visitors))
                  .group_by(ClickRollup.network).tuples()}
    names = dict(Campaign.select(Campaign.id, Campaign.name).tuples())
    by_campaign = [{"id": campaign, "name": names.get(campaign), "clicks": int(c), "visitors": int(v)}
                   for campaign, c, v in
                   base.select(ClickRollup.campaign, fn.SUM(ClickRollup.clicks), fn.SUM(ClickRollup.visitors))
                   .where(ClickRollup.campaign.is_null(False)).group_by(ClickRollup.campaign).tuples()]
    return {"day": day.isoformat(), "clicks": int(clicks), "visitors": int(visitors), "by_network": by_network,
            "by_campaign": sorted(by_campaign, key=lambda row: row["id"])}


def announce_daily_clicks(day=None):
    """Queue `click.daily_rollup` for `day` (default: yesterday, UTC), once per day and endpoint."""
    day = day or (utcnow().date() - timedelta(days=1))
    if not subscribers(events.CLICK_DAILY_ROLLUP):
        return []
    moment = datetime.combine(day, time())
    return emit(events.CLICK_DAILY_ROLLUP, daily_clicks_data(day), message_id=_id("clicks", 0, moment))


@periodic_job(crontab(minute="20", hour="0"))
def announce_daily_clicks_now():
    # 00:20 UTC: after the rollup job (every 5 minutes) has read the day's last clicks.
    announce_daily_clicks()
