"""Campaigns: a name, an objective, a hashtag, dates, targets, an audience and a moderation level.

The hashtag becomes the charter's `hashtag_required` for the campaign's links and the moderation level is
applied by the share pipeline; both are only stored and exposed here.
"""

from flask_babel import gettext as _
from peewee import JOIN, fn

from server import audit
from server.auth.models import Department
from server.db import database, utcnow
from server.errors import InvalidInput, NotFound
from server.library.models import Campaign, CampaignDepartment, Link, LinkStatus

CAMPAIGN_FIELDS = ("name", "objective", "hashtag", "starts_at", "ends_at", "target_shares", "target_clicks",
                   "moderation", "daily_share_cap", "sharing_hours_start", "sharing_hours_end")


def departments_by_id(department_ids, field="department_ids"):
    """The departments with these ids; an unknown id is refused, naming `field`."""
    ids = sorted(set(department_ids or ()))
    if not ids:
        return []
    found = list(Department.select().where(Department.id.in_(ids)).order_by(Department.name))
    missing = set(ids) - {row.id for row in found}
    if missing:
        raise InvalidInput(fields={field: [_("Unknown department: %(ids)s.",
                                             ids=", ".join(str(i) for i in sorted(missing)))]})
    return found


def _check_dates(starts_at, ends_at):
    if starts_at and ends_at and ends_at < starts_at:
        raise InvalidInput(fields={"ends_at": [_("The end comes before the start.")]})


def _set_audience(campaign, department_ids):
    departments = departments_by_id(department_ids)
    CampaignDepartment.delete().where(CampaignDepartment.campaign == campaign).execute()
    if departments:
        CampaignDepartment.insert_many([{"campaign": campaign.id, "department": d.id} for d in departments]).execute()


def create_campaign(actor, department_ids=(), **fields):
    """Create a campaign; `fields` are among CAMPAIGN_FIELDS (validated by the schema)."""
    _check_dates(fields.get("starts_at"), fields.get("ends_at"))
    with database.atomic():
        campaign = Campaign.create(created_by=actor, **{k: v for k, v in fields.items() if k in CAMPAIGN_FIELDS})
        _set_audience(campaign, department_ids)
        audit.record("library.campaign.create", actor=actor, target=campaign, name=campaign.name)
    return get_campaign(campaign.id)


def update_campaign(actor, campaign_id, **changes):
    """Change a campaign's fields and, when `department_ids` is given, its audience."""
    campaign = get_campaign(campaign_id)
    starts_at = changes.get("starts_at", campaign.starts_at)
    ends_at = changes.get("ends_at", campaign.ends_at)
    _check_dates(starts_at, ends_at)
    with database.atomic():
        for key in CAMPAIGN_FIELDS:
            if key in changes:
                setattr(campaign, key, changes[key])
        campaign.updated_at = utcnow()
        campaign.save()
        if "department_ids" in changes:
            _set_audience(campaign, changes["department_ids"])
        audit.record("library.campaign.update", actor=actor, target=campaign, fields=sorted(changes))
    return get_campaign(campaign.id)


def delete_campaign(actor, campaign_id):
    """Delete a campaign; its links stay in the library, outside any campaign."""
    campaign = get_campaign(campaign_id)
    with database.atomic():
        audit.record("library.campaign.delete", actor=actor, target=campaign, name=campaign.name)
        campaign.delete_instance()


def get_campaign(campaign_id):
    """A campaign with its audience (`departments`) and approved link count (`link_count`)."""
    campaign = Campaign.get_or_none(Campaign.id == campaign_id)
    if campaign is None:
        raise NotFound(_("No such campaign."))
    _attach_audiences([campaign])
    campaign.link_count = Link.select().where(Link.campaign == campaign, Link.status == LinkStatus.APPROVED).count()
    return campaign


def list_campaigns():
    """Every campaign, the current and coming ones first, with audiences and approved link counts."""
    links = (Link.select(Link.campaign, fn.COUNT(Link.id).alias("n")).where(Link.status == LinkStatus.APPROVED)
             .group_by(Link.campaign).alias("campaign_links"))
    campaigns = list(Campaign.select(Campaign, fn.COALESCE(links.c.n, 0).alias("link_count"))
                     .join(links, JOIN.LEFT_OUTER, on=(links.c.campaign_id == Campaign.id))
                     .order_by(Campaign.ends_at.desc(nulls="first"), Campaign.name))
    _attach_audiences(campaigns)
    return campaigns


def _attach_audiences(campaigns):
    by_id = {campaign.id: campaign for campaign in campaigns}
    for campaign in campaigns:
        campaign.departments = []
    if not by_id:
        return
    rows = (CampaignDepartment.select(CampaignDepartment, Department).join(Department)
            .where(CampaignDepartment.campaign.in_(list(by_id))).order_by(Department.name))
    for row in rows:
        by_id[row.campaign_id].departments.append(row.department)


def campaign_choices():
    """(id, name) of every campaign, for the forms' selects."""
    return [(c.id, c.name) for c in Campaign.select(Campaign.id, Campaign.name).order_by(Campaign.name)]
