"""The part of an employee's export about e-mail: their digest choice, the digests sent to them, the
announcements they received and the recruiting invitation written to them."""

from server.digests.models import AnnouncementDelivery, Digest, DigestPreference, DigestStatus
from server.privacy import exporter
from server.recruiting.models import RecruitingInvitation


def _iso(value):
    return value.isoformat() + "Z" if value else None


@exporter("digests")
def _export_digests(user):
    preference = DigestPreference.get_or_none(DigestPreference.user == user.id)
    digests = Digest.select().where(Digest.user == user.id, Digest.status == DigestStatus.SENT).order_by(Digest.id)
    deliveries = (AnnouncementDelivery.select().where(AnnouncementDelivery.user == user.id,
                                                      AnnouncementDelivery.sent_at.is_null(False))
                  .order_by(AnnouncementDelivery.id))
    invitation = RecruitingInvitation.get_or_none(RecruitingInvitation.invitee == user.id)
    return {
        "frequency": preference.frequency if preference else "off",
        "chosen_at": _iso(preference.chosen_at) if preference else None,
        "invited_to_digests_at": _iso(preference.invited_at) if preference else None,
        "digests_sent": [{"period": d.period, "links": d.link_count, "sent_at": _iso(d.sent_at)} for d in digests],
        "announcements_received": [{"subject": d.announcement.subject, "sent_at": _iso(d.sent_at)}
                                   for d in deliveries],
        "recruiting_invitation": {"message": invitation.message, "sent_at": _iso(invitation.sent_at),
                                  "reminded_at": _iso(invitation.reminded_at),
                                  "opened_at": _iso(invitation.opened_at)} if invitation else None,
    }
