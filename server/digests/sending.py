"""Sending digests, so that a crash mid-run neither skips nor doubles anyone.

A run has two steps, each safe to repeat:

1. *Record* (`record_due_digests`): for every subscriber whose morning has come in their own time zone,
   insert one `digests` row for their current period ("D2026-12-02" daily, "W2026-49" weekly). The
   unique (user, period) index makes a second insert fail, so two runs (or two workers) can never record
   the same digest twice.
2. *Deliver* (`deliver_pending_digests`): every pending row is written, handed to the mail server, then
   marked sent in its own transaction. A run killed before a row is marked leaves it pending, and the next
   run delivers it; rows already marked are never sent again.

The one window left is between the mail server's acceptance and the mark (milliseconds): a crash exactly
there sends that one digest again, with the same Message-ID, which mail systems use to spot duplicates.
"""

import logging
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from peewee import IntegrityError

from server.auth.models import User
from server.db import database, utcnow
from server.digests.content import digest_content
from server.digests.mailing import build_message, deliver, render_parts
from server.digests.models import Digest, DigestPreference, DigestStatus, Frequency

log = logging.getLogger(__name__)

SEND_HOUR = 8  # local time: a digest arrives with the morning's mail, never at night


def local_time(user, now):
    """`now` (naive UTC) in `user`'s time zone (UTC when their zone is unknown)."""
    try:
        zone = ZoneInfo(user.timezone or "UTC")
    except (ZoneInfoNotFoundError, ValueError):
        zone = ZoneInfo("UTC")
    return now.replace(tzinfo=ZoneInfo("UTC")).astimezone(zone)


def period_of(frequency, local):
    """The period a digest covers, named from the reader's local date."""
    if frequency == Frequency.DAILY:
        return "D" + local.strftime("%Y-%m-%d")
    year, week, _ = local.isocalendar()
    return f"W{year}-{week:02d}"


def is_due(frequency, local):
    """Whether the reader's morning has come: daily on working days from 8:00, weekly on Mondays from 8:00
    (the job runs all day, so a digest recorded on Monday is delivered even if a run fails)."""
    if frequency == Frequency.DAILY:
        return local.weekday() < 5 and local.hour >= SEND_HOUR
    return local.weekday() == 0 and local.hour >= SEND_HOUR


def record_due_digests(now=None):
    """Record a pending digest for every subscriber whose period is due and not recorded yet; returns how
    many were recorded."""
    now = now or utcnow()
    subscribers = (User.select(User, DigestPreference.frequency.alias("frequency"))
                   .join(DigestPreference, on=(DigestPreference.user == User.id))
                   .where(User.active == True,  # noqa: E712
                          DigestPreference.frequency.in_((Frequency.DAILY, Frequency.WEEKLY)),
                          DigestPreference.chosen_at.is_null(False)).objects())
    recorded = 0
    for user in subscribers:
        local = local_time(user, now)
        if not is_due(user.frequency, local):
            continue
        period = period_of(user.frequency, local)
        try:
            with database.atomic():
                Digest.create(user=user.id, period=period, frequency=user.frequency, created_at=now,
                              message_id=f"<digest-{user.id}-{period}@porte-voix>")
            recorded += 1
        except IntegrityError:
            continue  # recorded by an earlier run
    return recorded


def deliver_pending_digests(now=None):
    """Write and send every pending digest, marking each once the mail server took it; returns
    (sent, empty)."""
    now = now or utcnow()
    sent = empty = 0
    pending = Digest.select(Digest, User).join(User).where(Digest.status == DigestStatus.PENDING).order_by(Digest.id)
    for digest in pending:
        content = digest_content(digest.user, digest.frequency, now)
        if content.empty:
            Digest.update(status=DigestStatus.EMPTY).where(Digest.id == digest.id).execute()
            empty += 1
            continue
        subject, text, html = render_parts("digests/email/digest", digest.user, content=content,
                                           frequency=digest.frequency)
        deliver(build_message(digest.user, subject, text, html, digest.message_id,
                              unsubscribe_url=content.unsubscribe_url))
        with database.atomic():
            Digest.update(status=DigestStatus.SENT, sent_at=utcnow(), link_count=len(content.links)).where(
                Digest.id == digest.id, Digest.status == DigestStatus.PENDING).execute()
        sent += 1
    return sent, empty


def run_digests(now=None):
    """One run of the digest job: record what is due, then deliver what is pending."""
    recorded = record_due_digests(now)
    sent, empty = deliver_pending_digests(now)
    log.info("digests: %d recorded, %d sent, %d with nothing new", recorded, sent, empty)
    return {"recorded": recorded, "sent": sent, "empty": empty}


def preview_digest(user, frequency=Frequency.WEEKLY, now=None):
    """(subject, text, html) of the digest `user` would receive now (nothing is recorded or sent)."""
    content = digest_content(user, frequency, now)
    return (*render_parts("digests/email/digest", user, content=content, frequency=frequency), content)

