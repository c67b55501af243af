"""Leaders and their team: the campaigns that speak to their department, who takes part, what each member
achieved (only members who chose to show their figures to their team), and relaying a campaign to the team.

A leader sees their own department and nothing else: every function here takes the department from the
leader's account, never from the request.
"""

from dataclasses import dataclass
from datetime import timedelta

from flask_babel import lazy_gettext as _l

from server.analytics.campaigns import campaign_report, recent_campaigns, speaks_to
from server.analytics.figures import Totals, grouped
from server.analytics.models import CampaignRelay
from server.analytics.recognition import visible_to_team
from server.auth.models import User
from server.db import utcnow
from server.errors import Conflict, Forbidden, NotFound
from server.library.models import Campaign
from server.notifications import notify
from server.shares.models import Participant

RELAY_EVERY = timedelta(hours=24)


@dataclass
class Member:
    user: User
    takes_part: bool
    visible: bool
    totals: Totals | None  # None when the member keeps their figures to themselves


@dataclass
class Team:
    department: object
    members: list
    campaigns: list  # [(campaign, report of the department's part, last relay or None)]

    @property
    def private_count(self):
        return sum(1 for member in self.members if not member.visible)


def leader_department(leader):
    """The leader's department id; a leader without one has no team to see."""
    if leader.department_id is None:
        raise Forbidden(_l("Your account has no department: ask an administrator to set it."))
    return leader.department_id


def team_of(leader, period):
    department_id = leader_department(leader)
    users = list(User.select().where(User.department == department_id, User.active == True)  # noqa: E712
                 .order_by(User.name))
    ids = [user.id for user in users]
    taking_part = {row[0] for row in Participant.select(Participant.user).where(Participant.user.in_(ids)).tuples()}
    visible = visible_to_team(ids) if ids else set()
    figures = grouped("user", period, department_id=department_id)
    members = [Member(user, user.id in taking_part, user.id in visible,
                      figures.get(user.id, Totals()) if user.id in visible else None) for user in users]
    campaigns = [(campaign, campaign_report(campaign, department_id), last_relay(campaign, department_id))
                 for campaign in recent_campaigns(department_id)]
    return Team(users[0].department if users else leader.department, members, campaigns)


def last_relay(campaign, department_id):
    return (CampaignRelay.select().where(CampaignRelay.campaign == campaign, CampaignRelay.department == department_id)
            .order_by(CampaignRelay.created_at.desc()).first())


def relay_campaign(leader, campaign_id, now=None):
    """Notify the leader's team of a campaign that speaks to it (once a day at most); returns the relay."""
    now = now or utcnow()
    department_id = leader_department(leader)
    campaign = Campaign.get_or_none(Campaign.id == campaign_id)
    if campaign is None or not speaks_to(campaign, department_id):
        raise NotFound()
    previous = last_relay(campaign, department_id)
    if previous is not None and previous.created_at > now - RELAY_EVERY:
        raise Conflict(_l("You already relayed this campaign to your team in the last 24 hours."))
    recipients = list(User.select().where(User.department == department_id, User.active == True,  # noqa: E712
                                          User.id != leader.id))
    for member in recipients:
        notify(member, "campaign.relay", _l("%(leader)s invites you to take part in “%(campaign)s”",
                                            leader=leader.name, campaign=campaign.name),
               body=campaign.objective or None, endpoint="analytics.team_campaign_page", campaign_id=campaign.id)
    return CampaignRelay.create(campaign=campaign, leader=leader, department=department_id,
                                recipients=len(recipients), created_at=now)
