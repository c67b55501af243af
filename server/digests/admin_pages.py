"""Administrators' pages: announcements (write, preview, test on oneself, send to an audience) and the
programme's one invitation to the digest; leaders' page to relay announcements to their team."""

from flask import Blueprint, flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import ngettext

from server.auth.models import Department
from server.auth.roles import Role, access
from server.digests import announcements, preferences
from server.digests.models import Audience
from server.digests.routes import email_preview_response
from server.errors import DomainError, InvalidInput
from server.library.interests import all_interests
from server.library.models import Campaign

bp = Blueprint("digest_admin", __name__)


def _int(value):
    try:
        return int(value) if value not in (None, "") else None
    except ValueError:
        return None


def _announcements_page(status=200, errors=None, form=None):
    return render_template("digests/announcements.html", announcements=announcements.list_announcements(),
                           departments=list(Department.select().order_by(Department.name)),
                           interests=all_interests(), campaigns=list(Campaign.select().order_by(Campaign.name)),
                           audience_label=announcements.audience_label, errors=errors or {}, form=form or {},
                           never_invited=preferences.never_invited().count()), status


@bp.get("/admin/announcements")
@access(Role.ADMIN)
def announcements_page():
    return _announcements_page()


@bp.post("/admin/announcements")
@access(Role.ADMIN)
def create_announcement():
    form = request.form
    audience = form.get("audience", Audience.EVERYONE)
    audience_id = _int(form.get("department_id")) if audience == Audience.DEPARTMENT else _int(form.get("interest_id"))
    try:
        announcement = announcements.create_announcement(
            g.user, form.get("subject"), form.get("body"), audience, audience_id, _int(form.get("campaign_id")))
    except InvalidInput as exc:
        return _announcements_page(422, exc.fields, form)
    return redirect(url_for("digest_admin.announcement_page", announcement_id=announcement.id))


@bp.get("/admin/announcements/<int:announcement_id>")
@access(Role.ADMIN)
def announcement_page(announcement_id):
    announcement = announcements.get_announcement(announcement_id)
    subject, text, _html = announcements.render_announcement(announcement, g.user)
    return render_template("digests/announcement.html", announcement=announcement, subject=subject, text=text,
                           audience=announcements.audience_label(announcement),
                           recipients=announcements.audience_of(announcement).count(),
                           delivered=announcement.deliveries.count())


@bp.get("/admin/announcements/<int:announcement_id>/preview.html")
@access(Role.ADMIN)
def announcement_email(announcement_id):
    announcement = announcements.get_announcement(announcement_id)
    return email_preview_response(announcements.render_announcement(announcement, g.user)[2])


@bp.post("/admin/announcements/<int:announcement_id>/test")
@access(Role.ADMIN)
def test_announcement(announcement_id):
    announcements.send_test(announcements.get_announcement(announcement_id), g.user)
    flash(_("A test was sent to %(email)s.", email=g.user.email), "success")
    return redirect(url_for("digest_admin.announcement_page", announcement_id=announcement_id))


@bp.post("/admin/announcements/<int:announcement_id>/send")
@access(Role.ADMIN)
def send_announcement(announcement_id):
    try:
        count = announcements.send_announcement(announcements.get_announcement(announcement_id), g.user)
    except DomainError as exc:
        flash(str(exc.message), "error")
    else:
        flash(ngettext("Sent to %(num)d person.", "Sent to %(num)d people.", count), "success")
    return redirect(url_for("digest_admin.announcement_page", announcement_id=announcement_id))


@bp.post("/admin/announcements/digest-invitation")
@access(Role.ADMIN)
def invite_to_digests():
    count = preferences.invite_to_digests(g.user)
    flash(ngettext("%(num)d person was invited to the digest.", "%(num)d people were invited to the digest.", count),
          "success")
    return redirect(url_for("digest_admin.announcements_page"))


@bp.get("/team/announcements")
@access(Role.LEADER)
def team_announcements():
    return render_template("digests/team_announcements.html",
                           items=announcements.announcements_for_leader(g.user),
                           team_size=announcements.team_of(g.user).count() if g.user.department_id else 0)


@bp.post("/team/announcements/<int:announcement_id>/relay")
@access(Role.LEADER)
def relay_announcement(announcement_id):
    try:
        count = announcements.relay_announcement(g.user, announcement_id, request.form.get("note", ""))
    except DomainError as exc:
        flash(" ".join(exc.fields.get("note", [])) or str(exc.message), "error")
    else:
        flash(ngettext("Relayed to %(num)d person of your team.", "Relayed to %(num)d people of your team.", count),
              "success")
    return redirect(url_for("digest_admin.team_announcements"))
