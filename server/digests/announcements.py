"""Administrators' announcements (a campaign's kick-off, say) to an audience — everyone, a department,
or the followers of an interest — previewed, tried on oneself, then sent; and leaders' relays of an
announcement to their own team, with a word of their own.

Sending records one delivery per person before any e-mail goes (unique per announcement, source and
person), then a job sends what is recorded and not sent yet: a second click, or a crash and a rerun,
never writes to anyone twice.
"""

from flask_babel import lazy_gettext as _l
from peewee import IntegrityError

from server import audit
from server.auth.models import Department, User
from server.db import database, utcnow
from server.digests.mailing import build_message, deliver, render_parts
from server.digests.models import Announcement, AnnouncementDelivery, AnnouncementRelay, Audience
from server.errors import Conflict, Forbidden, InvalidInput, NotFound
from server.jobs import job
from server.library.models import Campaign, Interest, UserInterest
from server.public_urls import external_url

ADMIN_SOURCE = "admin"


def create_announcement(actor, subject, body, audience=Audience.EVERYONE, audience_id=None, campaign_id=None):
    """A draft announcement; refuses an unknown audience, department, interest or campaign (naming the field)."""
    subject, body = (subject or "").strip(), (body or "").strip()
    errors = {}
    if not subject:
        errors["subject"] = [str(_l("Write a subject."))]
    elif len(subject) > 200:
        errors["subject"] = [str(_l("At most 200 characters."))]
    if not body:
        errors["body"] = [str(_l("Write the message."))]
    if audience not in Audience.ALL:
        errors["audience"] = [str(_l("Choose everyone, a department or an interest."))]
    elif audience == Audience.DEPARTMENT and not Department.get_or_none(Department.id == audience_id):
        errors["department_id"] = [str(_l("Choose a department."))]
    elif audience == Audience.INTEREST and not Interest.get_or_none(Interest.id == audience_id):
        errors["interest_id"] = [str(_l("Choose an interest."))]
    if campaign_id and not Campaign.get_or_none(Campaign.id == campaign_id):
        errors["campaign_id"] = [str(_l("This campaign does not exist."))]
    if errors:
        raise InvalidInput(fields=errors)
    announcement = Announcement.create(author=actor, subject=subject, body=body, audience=audience,
                                       audience_id=None if audience == Audience.EVERYONE else audience_id,
                                       campaign=campaign_id or None)
    audit.record("announcement.create", actor=actor, target=announcement)
    return announcement


def get_announcement(announcement_id):
    announcement = Announcement.get_or_none(Announcement.id == announcement_id)
    if announcement is None:
        raise NotFound()
    return announcement


def list_announcements():
    return list(Announcement.select().order_by(Announcement.id.desc()).limit(100))


def audience_of(announcement):
    """The active people an announcement is addressed to."""
    people = User.select().where(User.active == True)  # noqa: E712
    if announcement.audience == Audience.DEPARTMENT:
        people = people.where(User.department == announcement.audience_id)
    elif announcement.audience == Audience.INTEREST:
        people = people.where(User.id.in_(UserInterest.select(UserInterest.user).where(
            UserInterest.interest == announcement.audience_id)))
    return people.order_by(User.id)


def audience_label(announcement):
    """The audience in words ("Everyone", "Department: Sales"…)."""
    if announcement.audience == Audience.DEPARTMENT:
        department = Department.get_or_none(Department.id == announcement.audience_id)
        return _l("Department: %(name)s", name=department.name if department else "?")
    if announcement.audience == Audience.INTEREST:
        interest = Interest.get_or_none(Interest.id == announcement.audience_id)
        return _l("Interest: %(name)s", name=interest.name if interest else "?")
    return _l("Everyone")


def render_announcement(announcement, reader, relay=None):
    """(subject, text, html) of the announcement as `reader` receives it (with the leader's note)."""
    campaign_url = external_url("analytics.team_campaign_page", campaign_id=announcement.campaign_id) \
        if announcement.campaign_id else None
    return render_parts("digests/email/announcement", reader, announcement=announcement, relay=relay,
                        campaign_url=campaign_url, library_url=external_url("portal.home"))


def _message(announcement, reader, relay=None, test=False):
    subject, text, html = render_announcement(announcement, reader, relay)
    if test:
        subject = str(_l("[Test] %(subject)s", subject=subject))
    source = f"relay{relay.leader_id}" if relay else ("test" if test else ADMIN_SOURCE)
    message_id = f"<announcement-{announcement.id}-{source}-{reader.id}@porte-voix>"
    return build_message(reader, subject, text, html, message_id)


def send_test(announcement, actor):
    """Send the announcement to `actor` alone, marked as a test; nothing is recorded as sent."""
    deliver_test(announcement.id, actor.id)
    audit.record("announcement.test", actor=actor, target=announcement)


@job(retries=3, retry_delay=60)
def deliver_test(announcement_id, user_id):
    announcement = Announcement.get_or_none(Announcement.id == announcement_id)
    actor = User.get_or_none(User.id == user_id)
    if announcement is not None and actor is not None:
        deliver(_message(announcement, actor, test=True))


def _record_deliveries(announcement, people, source):
    recorded = 0
    for person in people:
        try:
            with database.atomic():
                AnnouncementDelivery.create(announcement=announcement, user=person, source=source)
            recorded += 1
        except IntegrityError:
            continue
    return recorded


def send_announcement(announcement, actor, now=None):
    """Record a delivery for everyone in the audience and queue the sending; once per announcement."""
    with database.atomic():
        claimed = Announcement.update(sent_at=now or utcnow()).where(
            Announcement.id == announcement.id, Announcement.sent_at.is_null()).execute()
    if not claimed:
        raise Conflict(_l("This announcement was already sent."))
    count = _record_deliveries(announcement, audience_of(announcement), ADMIN_SOURCE)
    audit.record("announcement.send", actor=actor, target=announcement, recipients=count)
    deliver_announcements()
    return count


def announcements_for_leader(leader):
    """Sent announcements that reach the leader's department, with the leader's relay if any."""
    if leader.department_id is None:
        return []
    sent = [a for a in Announcement.select().where(Announcement.sent_at.is_null(False))
            .order_by(Announcement.sent_at.desc()).limit(50)
            if a.audience == Audience.EVERYONE
            or (a.audience == Audience.DEPARTMENT and a.audience_id == leader.department_id)
            or a.audience == Audience.INTEREST]
    relays = {r.announcement_id: r for r in AnnouncementRelay.select().where(AnnouncementRelay.leader == leader)}
    return [(announcement, relays.get(announcement.id)) for announcement in sent]


def team_of(leader):
    """The leader's team: the other active members of their department."""
    return User.select().where(User.department == leader.department_id, User.id != leader.id,
                               User.active == True).order_by(User.id)  # noqa: E712


def relay_announcement(leader, announcement_id, note=""):
    """Pass a sent announcement on to the leader's team, once, with the leader's note; returns how many."""
    announcement = get_announcement(announcement_id)
    if announcement.sent_at is None or leader.department_id is None \
            or announcement.id not in {a.id for a, _relay in announcements_for_leader(leader)}:
        raise Forbidden(_l("You can relay only announcements sent to your team."))
    note = (note or "").strip()
    if len(note) > 2000:
        raise InvalidInput(fields={"note": [str(_l("At most 2000 characters."))]})
    try:
        with database.atomic():
            AnnouncementRelay.create(announcement=announcement, leader=leader, note=note or None)
    except IntegrityError as exc:
        raise Conflict(_l("You already relayed this announcement to your team.")) from exc
    count = _record_deliveries(announcement, team_of(leader), f"relay:{leader.id}")
    audit.record("announcement.relay", actor=leader, target=announcement, recipients=count)
    deliver_announcements()
    return count


@job(retries=3, retry_delay=60)
def deliver_announcements():
    """Send every recorded delivery not sent yet, marking each once the mail server took it."""
    pending = (AnnouncementDelivery.select(AnnouncementDelivery, User, Announcement)
               .join(User).switch(AnnouncementDelivery).join(Announcement)
               .where(AnnouncementDelivery.sent_at.is_null()).order_by(AnnouncementDelivery.id))
    relays = {}
    for delivery in pending:
        relay = None
        if delivery.source.startswith("relay:"):
            key = (delivery.announcement_id, int(delivery.source.split(":", 1)[1]))
            if key not in relays:
                relays[key] = AnnouncementRelay.get_or_none(AnnouncementRelay.announcement == key[0],
                                                            AnnouncementRelay.leader == key[1])
            relay = relays[key]
        deliver(_message(delivery.announcement, delivery.user, relay))
        AnnouncementDelivery.update(sent_at=utcnow()).where(AnnouncementDelivery.id == delivery.id).execute()
