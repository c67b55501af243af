"""Recruiting ambassadors: administrators and leaders invite chosen colleagues — found by department,
role or name — with a personal message, and the e-mail always says that taking part is voluntary.

Each colleague gets one invitation (whoever sends it) and at most one reminder, and only while they have
neither opened it nor taken part. Leaders invite within their own department; administrators anyone.
The funnel counts invited → opened → took part → shared, for the programme's results page.
"""

from flask_babel import lazy_gettext as _l
from peewee import fn

from server import audit
from server.analytics.models import SharedTarget
from server.auth.models import User
from server.auth.roles import Role
from server.db import database, utcnow
from server.digests.mailing import build_message, deliver, render_parts
from server.digests.signed_links import invitation_token
from server.errors import Conflict, Forbidden, InvalidInput, NotFound
from server.jobs import job
from server.public_urls import external_url
from server.recruiting.models import RecruitingInvitation
from server.shares.models import Participant

MESSAGE_CHARS = 2000
MAX_CANDIDATES = 200


def _may_invite(inviter, person):
    return inviter.has_role(Role.ADMIN) or (inviter.department_id is not None
                                            and person.department_id == inviter.department_id)


def find_candidates(inviter, department_id=None, role=None, name=None):
    """Active colleagues who neither take part nor were invited yet, filtered by department, role or name
    (leaders see their own department only)."""
    people = User.select().where(
        User.active == True, User.id != inviter.id,  # noqa: E712
        User.id.not_in(Participant.select(Participant.user)),
        User.id.not_in(RecruitingInvitation.select(RecruitingInvitation.invitee)))
    if not inviter.has_role(Role.ADMIN):
        people = people.where(User.department == inviter.department_id)
    elif department_id:
        people = people.where(User.department == department_id)
    if role in {r.value for r in Role}:
        people = people.where(User.role == role)
    if name and name.strip():
        words = name.strip().lower()
        people = people.where(fn.LOWER(User.name).contains(words) | fn.LOWER(User.email).contains(words))
    return list(people.order_by(User.name).limit(MAX_CANDIDATES))


def _send(invitation, reminder=False):
    person = invitation.invitee
    url = external_url("recruiting.open_invitation", token=invitation_token(person.id, invitation.id))
    subject, text, html = render_parts("recruiting/email/invitation", person, invitation=invitation, url=url,
                                       reminder=reminder)
    kind = "reminder" if reminder else "invitation"
    deliver(build_message(person, subject, text, html, f"<recruiting-{kind}-{invitation.id}@porte-voix>"))


def invite(inviter, user_ids, message):
    """Invite each chosen colleague once with `message`; returns the new invitations."""
    message = (message or "").strip()
    if not message:
        raise InvalidInput(fields={"message": [str(_l("Write a personal message."))]})
    if len(message) > MESSAGE_CHARS:
        raise InvalidInput(fields={"message": [str(_l("At most 2000 characters."))]})
    people = list(User.select().where(User.id.in_(sorted(set(user_ids))), User.active == True))  # noqa: E712
    if not people:
        raise InvalidInput(fields={"user_ids": [str(_l("Choose at least one colleague."))]})
    if any(not _may_invite(inviter, person) for person in people):
        raise Forbidden(_l("Leaders invite colleagues of their own department."))
    created = []
    for person in people:
        with database.atomic():
            invitation, new = RecruitingInvitation.get_or_create(
                invitee=person, defaults={"inviter": inviter, "message": message})
        if new:
            created.append(invitation)
    audit.record("recruiting.invite", actor=inviter, count=len(created))
    send_invitations()
    return created


@job(retries=3, retry_delay=60)
def send_invitations():
    """Send every recorded invitation not sent yet, marking each once the mail server took it."""
    for invitation in RecruitingInvitation.select().where(RecruitingInvitation.sent_at.is_null()):
        _send(invitation)
        RecruitingInvitation.update(sent_at=utcnow()).where(RecruitingInvitation.id == invitation.id).execute()


@job(retries=3, retry_delay=60)
def send_reminder(invitation_id):
    """Send the reminder of an invitation (claimed by `remind`)."""
    invitation = RecruitingInvitation.get_or_none(RecruitingInvitation.id == invitation_id)
    if invitation is not None:
        _send(invitation, reminder=True)


def invitations_seen_by(inviter):
    """The invitations an inviter may follow: all of them for administrators, their department's for leaders."""
    query = (RecruitingInvitation.select(RecruitingInvitation, User)
             .join(User, on=(RecruitingInvitation.invitee == User.id)).order_by(RecruitingInvitation.id.desc()))
    if not inviter.has_role(Role.ADMIN):
        query = query.where(User.department == inviter.department_id)
    participating = {row.user_id for row in Participant.select(Participant.user)}
    return [(invitation, invitation.invitee_id in participating) for invitation in query.limit(500)]


def remind(inviter, invitation_id, now=None):
    """Send the one reminder of an invitation not opened yet, by someone who does not take part."""
    invitation = RecruitingInvitation.get_or_none(RecruitingInvitation.id == invitation_id)
    if invitation is None or not _may_invite(inviter, invitation.invitee):
        raise NotFound()
    if invitation.reminded_at is not None:
        raise Conflict(_l("A reminder was already sent: there is no second one."))
    if invitation.opened_at is not None or Participant.get_or_none(Participant.user == invitation.invitee_id):
        raise Conflict(_l("This colleague already read the invitation: no reminder is needed."))
    claimed = RecruitingInvitation.update(reminded_at=now or utcnow()).where(
        RecruitingInvitation.id == invitation.id, RecruitingInvitation.reminded_at.is_null()).execute()
    if not claimed:
        raise Conflict(_l("A reminder was already sent: there is no second one."))
    send_reminder(invitation.id)
    audit.record("recruiting.remind", actor=inviter, target=invitation)
    return invitation


def open_invitation(user_id, invitation_id):
    """Mark an invitation opened by the person it was written for; returns it (None if it is gone)."""
    invitation = RecruitingInvitation.get_or_none(RecruitingInvitation.id == invitation_id,
                                                  RecruitingInvitation.invitee == user_id)
    if invitation is not None and invitation.opened_at is None:
        RecruitingInvitation.update(opened_at=utcnow()).where(RecruitingInvitation.id == invitation.id,
                                                               RecruitingInvitation.opened_at.is_null()).execute()
    return invitation


def funnel(department_id=None):
    """{"invited", "opened", "took_part", "shared"}: how many invited colleagues reached each step."""
    invited = RecruitingInvitation.select(RecruitingInvitation.invitee)
    if department_id is not None:
        invited = invited.join(User, on=(RecruitingInvitation.invitee == User.id)).where(
            User.department == department_id)
    ids = [row.invitee_id for row in invited]
    if not ids:
        return {"invited": 0, "opened": 0, "took_part": 0, "shared": 0}
    took_part = {row.user_id for row in Participant.select(Participant.user).where(Participant.user.in_(ids))}
    shared = {row.user_id for row in SharedTarget.select(SharedTarget.user).where(SharedTarget.user.in_(ids))
              .distinct()}
    opened = RecruitingInvitation.select().where(RecruitingInvitation.invitee.in_(ids),
                                                 RecruitingInvitation.opened_at.is_null(False)).count()
    return {"invited": len(ids), "opened": max(opened, len(took_part)), "took_part": len(took_part),
            "shared": len(shared)}
