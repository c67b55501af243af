"""Recruiting pages: choose colleagues and write to them (administrators and leaders), follow the
invitations and send the one reminder; the page an invitation opens, for the person it was written for."""

from flask import Blueprint, flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import ngettext

from server.auth.models import Department
from server.auth.roles import Role, access, public
from server.digests.signed_links import read_invitation_token
from server.errors import DomainError
from server.recruiting import service
from server.shares.models import Participant

bp = Blueprint("recruiting", __name__)
ROLE_CHOICES = (Role.EMPLOYEE, Role.LEADER, Role.MODERATOR, Role.ADMIN)


def _filters():
    args = request.values
    return {"department_id": args.get("department_id", type=int), "role": args.get("role") or None,
            "name": (args.get("name") or "")[:120]}


def _page(status=200, errors=None, message=""):
    filters = _filters()
    return render_template("recruiting/invite.html", filters=filters, roles=ROLE_CHOICES,
                           departments=list(Department.select().order_by(Department.name)),
                           candidates=service.find_candidates(g.user, **filters),
                           invitations=service.invitations_seen_by(g.user), errors=errors or {},
                           message=message, funnel=service.funnel(
                               None if g.user.has_role(Role.ADMIN) else g.user.department_id)), status


@bp.get("/recruiting")
@access(Role.LEADER)
def invite_page():
    return _page()


@bp.post("/recruiting/invitations")
@access(Role.LEADER)
def invite():
    ids = [int(value) for value in request.form.getlist("user_ids") if value.isdigit()]
    try:
        created = service.invite(g.user, ids, request.form.get("message", ""))
    except DomainError as exc:
        return _page(exc.status, exc.fields or {"user_ids": [str(exc.message)]}, request.form.get("message", ""))
    flash(ngettext("%(num)d colleague invited.", "%(num)d colleagues invited.", len(created)), "success")
    return redirect(url_for("recruiting.invite_page"))


@bp.post("/recruiting/invitations/<int:invitation_id>/remind")
@access(Role.LEADER)
def remind(invitation_id):
    try:
        invitation = service.remind(g.user, invitation_id)
    except DomainError as exc:
        if exc.status == 404:
            raise
        flash(str(exc.message), "error")
    else:
        flash(_("Reminder sent to %(name)s.", name=invitation.invitee.name), "success")
    return redirect(url_for("recruiting.invite_page"))


@bp.get("/r/<token>")
@public
def open_invitation(token):
    """What an invitation's button opens: the programme explained, and a way to take part (or not)."""
    try:
        user_id, invitation_id = read_invitation_token(token)
    except DomainError as exc:
        return render_template("digests/link_problem.html", message=exc.message,
                               expired=exc.status == 410), exc.status
    invitation = service.open_invitation(user_id, invitation_id)
    if invitation is None:
        return render_template("digests/link_problem.html",
                               message=_("This invitation no longer exists.")), 404
    signed_in_as_invitee = g.user is not None and g.user.id == user_id
    taking_part = signed_in_as_invitee and Participant.get_or_none(Participant.user == user_id) is not None
    return render_template("recruiting/welcome.html", invitation=invitation, signed_in=signed_in_as_invitee,
                           other_person=g.user is not None and not signed_in_as_invitee, taking_part=taking_part,
                           sign_in_url=url_for("auth.login", next=request.path))
