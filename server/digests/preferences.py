"""Who receives digests, and how often: weekly, daily or never, each employee's own choice.

Nobody receives a digest without having chosen one. The programme may invite each employee who never
chose, once (`invite_to_digests`): one e-mail with a signed "subscribe" button; after that, the choice
is theirs (from the account page, or the link at the bottom of every digest).
"""

from flask_babel import lazy_gettext as _l

from server import audit
from server.auth.models import User
from server.db import database, utcnow
from server.digests.mailing import build_message, deliver, render_parts
from server.digests.models import DigestPreference, Frequency
from server.digests.signed_links import subscribe_token, unsubscribe_token
from server.errors import InvalidInput
from server.jobs import job
from server.public_urls import external_url

FREQUENCY_LABELS = {Frequency.WEEKLY: _l("Every week (Monday morning)"),
                    Frequency.DAILY: _l("Every working day (in the morning)"),
                    Frequency.OFF: _l("Never")}


def preference_of(user):
    """`user`'s preference (an unsaved "off, never chosen" one when they never chose)."""
    return DigestPreference.get_or_none(DigestPreference.user == user.id) or DigestPreference(user=user.id)


def choose_frequency(user, frequency, now=None):
    """Record `user`'s choice of digest frequency; refuses an unknown value, naming the field."""
    if frequency not in Frequency.ALL:
        raise InvalidInput(fields={"frequency": [str(_l("Choose weekly, daily or never."))]})
    now = now or utcnow()
    with database.atomic():
        updated = (DigestPreference.update(frequency=frequency, chosen_at=now, updated_at=now)
                   .where(DigestPreference.user == user.id).execute())
        if not updated:
            DigestPreference.create(user=user.id, frequency=frequency, chosen_at=now, updated_at=now)
    audit.record("digest.choose", actor=user, target=user, frequency=frequency)
    return preference_of(user)


def unsubscribe(user_id):
    """Turn `user_id`'s digests off (the one-click link: no sign-in). Returns the user, or None if gone."""
    user = User.get_or_none(User.id == user_id)
    if user is not None:
        choose_frequency(user, Frequency.OFF)
    return user


def subscribe_weekly(user_id):
    """Subscribe `user_id` to the weekly digest (the invitation's button). Returns the user, or None."""
    user = User.get_or_none(User.id == user_id)
    if user is not None:
        choose_frequency(user, Frequency.WEEKLY)
    return user


def never_invited():
    """Active employees who never chose a frequency and were never invited."""
    chosen_or_invited = DigestPreference.select(DigestPreference.user).where(
        DigestPreference.chosen_at.is_null(False) | DigestPreference.invited_at.is_null(False))
    return User.select().where(User.active == True, User.id.not_in(chosen_or_invited))  # noqa: E712


def invite_to_digests(actor, now=None):
    """Invite everyone who never chose to subscribe, once; returns how many. Everyone is marked invited
    first, then a job sends the e-mails, marking each once the mail server took it: a second call, or a
    crash and a rerun, never invites anyone twice."""
    now = now or utcnow()
    people = [user.id for user in never_invited()]
    with database.atomic():
        for user_id in people:
            marked = (DigestPreference.update(invited_at=now).where(
                DigestPreference.user == user_id, DigestPreference.invited_at.is_null()).execute())
            if not marked:
                DigestPreference.create(user=user_id, frequency=Frequency.OFF, invited_at=now, updated_at=now)
    audit.record("digest.invite", actor=actor, count=len(people))
    send_digest_invitations()
    return len(people)


@job(retries=3, retry_delay=60)
def send_digest_invitations():
    """Send every recorded invitation to the digest not sent yet."""
    waiting = (User.select().join(DigestPreference, on=(DigestPreference.user == User.id))
               .where(DigestPreference.invited_at.is_null(False), DigestPreference.invitation_sent_at.is_null(),
                      User.active == True))  # noqa: E712
    for user in waiting:
        subject, text, html = render_parts(
            "digests/email/invitation", user, subscribe_url=external_url(
                "digests.subscribe", token=subscribe_token(user.id)),
            account_url=external_url("portal.account"))
        deliver(build_message(user, subject, text, html, f"<digest-invitation-{user.id}@porte-voix>",
                              unsubscribe_url=external_url("digests.unsubscribe", token=unsubscribe_token(user.id))))
        DigestPreference.update(invitation_sent_at=utcnow()).where(DigestPreference.user == user.id).execute()
