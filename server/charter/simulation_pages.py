"""The simulator's admin pages: simulate the editor's draft, follow the replay, read the comparison, publish it."""

from datetime import UTC, date, datetime

from flask import Blueprint, flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from server.auth.roles import Role, access
from server.charter import editing, simulator
from server.charter.admin_routes import editor_page
from server.charter.editor_form import values_from_form
from server.charter.labels import RULE_LABELS, SEVERITY_LABELS
from server.charter.replay import CHANGES
from server.errors import Conflict

bp = Blueprint("charter_simulator", __name__, url_prefix="/admin/charter/simulations")

STATUS_LABELS = {"pending": _l("Waiting"), "running": _l("In progress"), "done": _l("Finished"),
                 "failed": _l("Stopped")}


def _since(form):
    """The first day to replay (None: every past share), or the error to show next to the field."""
    raw = (form.get("since") or "").strip()
    if not raw:
        return None, None
    try:
        day = date.fromisoformat(raw)
    except ValueError:
        return None, _("Give a date such as 2026-01-31, or leave it empty to replay every past share.")
    if day > datetime.now(UTC).date():
        return None, _("This date is in the future: there is nothing to replay after it.")
    return datetime.combine(day, datetime.min.time()), None


def _columns(summary):
    """The kinds of change shown as columns: "less severe" only when some rule softened a post."""
    rules = (summary or {}).get("rules", [])
    return [change for change in CHANGES
            if change != "softened" or any(entry["changes"]["softened"] for entry in rules)]


@bp.post("/")
@access(Role.ADMIN)
def start():
    """The editor's "simulate" button: the draft as typed, replayed over past shares."""
    values = values_from_form(request.form)
    based_on = editing.based_on(request.form)
    since, problem = _since(request.form)
    if problem:
        return editor_page(values, 422, errors={"since": [problem]}, based_on=based_on)
    try:
        document = editing.draft_document(request.form)
    except editing.EditorInvalid as error:
        return editor_page(values, 422, errors=error.fields, based_on=based_on)
    simulation = simulator.start_simulation(g.user, document, since=since)
    return redirect(url_for("charter_simulator.show", simulation_id=simulation.id))


@bp.get("/<int:simulation_id>")
@access(Role.ADMIN)
def show(simulation_id, status=200, errors=None):
    simulation = simulator.get_simulation(simulation_id)
    return render_template("charter/admin/simulation.html", simulation=simulation, rule_labels=RULE_LABELS,
                           severity_labels=SEVERITY_LABELS, changes=_columns(simulation.summary),
                           status_labels=STATUS_LABELS,
                           errors=errors or {},
                           form=request.form), status


@bp.post("/<int:simulation_id>/publish")
@access(Role.ADMIN)
def publish(simulation_id):
    """Publish the draft exactly as simulated; the new version keeps the simulation's summary."""
    simulation = simulator.get_simulation(simulation_id)
    try:
        version = simulator.publish_simulation(g.user, simulation, note=request.form.get("note"),
                                               needs_acknowledgement=bool(request.form.get("needs_acknowledgement")))
    except Conflict as error:
        return show(simulation_id, 409, errors={"_form": [error.message]})
    flash(_("Version %(number)s of the charter is published.", number=version.number), "success")
    return redirect(url_for("charter_admin.version", number=version.number))
