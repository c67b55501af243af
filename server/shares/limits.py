"""A campaign's limits on sharing, in each employee's own time zone: shares per day and sharing hours."""

from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

from flask_babel import lazy_gettext as _l

from server.errors import DomainError, InvalidInput
from server.library.models import Link
from server.shares.models import Share, ShareState


class ShareCapReached(DomainError):
    status = 422
    code = "share_cap_reached"


class OutsideSharingHours(DomainError):
    status = 422
    code = "outside_sharing_hours"


def _zone(user):
    return ZoneInfo(user.timezone or "UTC")


def _clock(text):
    hours, minutes = text.split(":")
    return time(int(hours), int(minutes))


def _open_at(campaign, moment):
    """Whether sharing is open at `moment` (aware, local): opening ≤ t < closing, across midnight too."""
    start, end, now = _clock(campaign.sharing_hours_start), _clock(campaign.sharing_hours_end), moment.time()
    return start <= now < end if start < end else (now >= start or now < end)


def next_opening(campaign, moment):
    """The next time sharing opens after `moment` (aware, local)."""
    opening = datetime.combine(moment.date(), _clock(campaign.sharing_hours_start), tzinfo=moment.tzinfo)
    return opening if opening > moment else opening + timedelta(days=1)


def shares_today(user, campaign):
    local_midnight = datetime.combine(datetime.now(_zone(user)).date(), time(0), tzinfo=_zone(user))
    since = local_midnight.astimezone(UTC).replace(tzinfo=None)
    return (Share.select().join(Link).where(Share.user == user, Link.campaign == campaign,
                                            Share.created_at >= since, Share.state.in_(ShareState.UNDER_WAY)).count())


def apply_campaign_limits(user, link, targets, scheduled_for):
    """Refuse a share over the campaign's daily cap or outside its hours; a post through connected accounts
    asked outside the hours waits for the next opening. Returns the (possibly new) scheduled time, naive UTC."""
    campaign = link.campaign
    if campaign is None:
        return scheduled_for
    if campaign.daily_share_cap and shares_today(user, campaign) >= campaign.daily_share_cap:
        raise ShareCapReached(_l("You have reached today's limit for this campaign (%(cap)s shares a day). "
                                 "Come back tomorrow!", cap=campaign.daily_share_cap))
    if not (campaign.sharing_hours_start and campaign.sharing_hours_end):
        return scheduled_for
    zone = _zone(user)
    moment = (scheduled_for.replace(tzinfo=UTC) if scheduled_for else datetime.now(UTC)).astimezone(zone)
    if _open_at(campaign, moment):
        return scheduled_for
    hours = {"start": campaign.sharing_hours_start, "end": campaign.sharing_hours_end}
    if scheduled_for is not None:
        raise InvalidInput(fields={"scheduled_for": [str(_l(
            "This campaign is shared between %(start)s and %(end)s (your time): choose a moment then.", **hours))]})
    if all(target["method"] == "api" for target in targets):
        return next_opening(campaign, moment).astimezone(UTC).replace(tzinfo=None)
    raise OutsideSharingHours(_l("This campaign is shared between %(start)s and %(end)s (your time). Come back "
                                 "then, or post through a connected account: it will wait for the opening.",
                                 **hours))
