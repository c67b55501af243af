"""The events the server announces, what each one carries, and who may subscribe to which.

The event body follows the Standard Webhooks shape: ``{"type", "timestamp", "data"}``. Payloads name
objects (links, campaigns, shares, networks) and never a person: an employee's name, address or individual
figures do not leave the server through a webhook. Click figures are the day's totals.
"""

from flask_babel import lazy_gettext as _l

from server.public_urls import external_url

LINK_APPROVED = "link.approved"
CAMPAIGN_STARTED = "campaign.started"
SHARE_SUBMITTED = "share.submitted"
SHARE_PENDING_REVIEW = "share.pending_review"
SHARE_POSTED = "share.posted"
CLICK_DAILY_ROLLUP = "click.daily_rollup"
TEST = "webhook.test"

EVERYONE, DEPARTMENTS = "everyone", "departments"
"""A link's or campaign's `audience`: chat channels, read by everyone, hear only of what is for everyone."""

SIGNED_EVENTS = (LINK_APPROVED, CAMPAIGN_STARTED, SHARE_SUBMITTED, SHARE_PENDING_REVIEW, SHARE_POSTED,
                 CLICK_DAILY_ROLLUP)
"""What a signed endpoint may subscribe to."""

CHAT_EVENTS = (CAMPAIGN_STARTED, LINK_APPROVED, SHARE_PENDING_REVIEW)
"""What a chat channel may be told: news for ambassadors, and shares waiting for the moderators."""

EVENT_LABELS = {
    LINK_APPROVED: _l("A link is approved in the library"),
    CAMPAIGN_STARTED: _l("A campaign starts"),
    SHARE_SUBMITTED: _l("A share is submitted"),
    SHARE_PENDING_REVIEW: _l("A share waits for review"),
    SHARE_POSTED: _l("A share is posted through a connected account"),
    CLICK_DAILY_ROLLUP: _l("Yesterday's clicks (once a day)"),
}


def link_data(link):
    """What an event says of a link, with the address of its compose page."""
    return {"link": {"id": link.id, "url": link.url, "title": link.title, "category": link.category,
                     "language": link.language, "campaign_id": link.campaign_id,
                     "approved_at": _iso(link.approved_at),
                     "audience": DEPARTMENTS if link.for_departments else EVERYONE},
            "share_url": external_url("shares.compose", link_id=link.id)}


def campaign_data(campaign):
    """What an event says of a campaign; `share_url` opens the compose page of its newest approved link (the
    campaign's page when it has none yet)."""
    from server.library.models import CampaignDepartment, Link, LinkStatus

    newest = (Link.select(Link.id).where(Link.campaign == campaign.id, Link.status == LinkStatus.APPROVED)
              .order_by(Link.approved_at.desc(), Link.id.desc()).first())
    page = external_url("analytics.team_campaign_page", campaign_id=campaign.id)
    return {"campaign": {"id": campaign.id, "name": campaign.name, "objective": campaign.objective,
                         "hashtag": campaign.hashtag, "starts_at": _iso(campaign.starts_at),
                         "ends_at": _iso(campaign.ends_at),
                         "audience": DEPARTMENTS if CampaignDepartment.select().where(
                             CampaignDepartment.campaign == campaign.id).exists() else EVERYONE},
            "url": page, "share_url": external_url("shares.compose", link_id=newest.id) if newest else page}


def share_data(share, networks, network=None):
    """What an event says of a share: its link, campaign, state and networks; never who wrote it."""
    data = {"share": {"id": share.id, "state": share.state, "link_id": share.link_id, "link_url": share.link.url,
                      "link_title": share.link.title, "campaign_id": share.link.campaign_id,
                      "networks": sorted(networks)}}
    if network is not None:
        data["network"] = network
    return data


def _iso(moment):
    return moment.isoformat() + "Z" if moment else None
