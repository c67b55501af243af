"""The administrators' pages: chat channels and signed webhooks, each endpoint's deliveries and attempts."""

from flask import Blueprint, flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _

from server.auth.roles import Role, access
from server.errors import InvalidInput
from server.webhooks import endpoints, events
from server.webhooks.models import EndpointKind
from server.webhooks.signing import secret_hint

bp = Blueprint("webhooks", __name__, url_prefix="/admin/webhooks")


def _form():
    """The form's values; the page offers every event beside every kind, so keep those of the chosen kind."""
    form = request.form
    kind = form.get("kind", "")
    offered = endpoints.allowed_events(kind)
    return {"kind": kind, "name": form.get("name", ""), "url": form.get("url", ""),
            "events": [name for name in form.getlist("events") if name in offered],
            "language": form.get("language", "fr"), "internal_host": form.get("internal_host") == "on"}


def _index(status=200, errors=None, values=None):
    return render_template("webhooks/admin.html", endpoints=endpoints.list_endpoints(), errors=errors or {},
                           values=values or {"kind": EndpointKind.SLACK, "language": "fr", "events": []},
                           chat_events=events.CHAT_EVENTS, signed_events=events.SIGNED_EVENTS,
                           event_labels=events.EVENT_LABELS), status


def _endpoint_page(endpoint, status=200, errors=None, secret=None):
    return render_template("webhooks/endpoint.html", endpoint=endpoint, errors=errors or {}, secret=secret,
                           secret_hint=secret_hint(endpoint.secret) if endpoint.secret else "",
                           offered=endpoints.allowed_events(endpoint.kind), event_labels=events.EVENT_LABELS,
                           deliveries=endpoints.recent_deliveries(endpoint)), status


@bp.get("/")
@access(Role.ADMIN)
def index():
    return _index()


@bp.post("/")
@access(Role.ADMIN)
def create():
    values = _form()
    try:
        endpoint, secret = endpoints.create_endpoint(g.user, values["kind"], values["name"], values["url"],
                                                     values["events"], values["language"], values["internal_host"])
    except InvalidInput as exc:
        return _index(422, exc.fields, {**values, "url": ""})
    flash(_("“%(name)s” will be notified.", name=endpoint.name), "success")
    return _endpoint_page(endpoint, 201, secret=secret)


@bp.get("/<int:endpoint_id>")
@access(Role.ADMIN)
def endpoint_page(endpoint_id):
    return _endpoint_page(endpoints.get_endpoint(endpoint_id))


@bp.post("/<int:endpoint_id>")
@access(Role.ADMIN)
def update(endpoint_id):
    values = _form()
    try:
        endpoints.update_endpoint(g.user, endpoint_id, values["name"], values["events"], values["language"],
                                  url=values["url"], internal_host=values["internal_host"])
    except InvalidInput as exc:
        return _endpoint_page(endpoints.get_endpoint(endpoint_id), 422, exc.fields)
    flash(_("Changes saved."), "success")
    return redirect(url_for("webhooks.endpoint_page", endpoint_id=endpoint_id))


@bp.post("/<int:endpoint_id>/active")
@access(Role.ADMIN)
def set_active(endpoint_id):
    endpoint = endpoints.set_active(g.user, endpoint_id, request.form.get("active") == "on")
    flash(_("Enabled: waiting messages are being sent.") if endpoint.active else _("Disabled: nothing is sent."),
          "success")
    return redirect(url_for("webhooks.endpoint_page", endpoint_id=endpoint_id))


@bp.post("/<int:endpoint_id>/test")
@access(Role.ADMIN)
def send_test(endpoint_id):
    try:
        endpoints.send_test_event(g.user, endpoint_id)
    except InvalidInput as exc:
        return _endpoint_page(endpoints.get_endpoint(endpoint_id), 409, exc.fields)
    flash(_("Test event queued: its attempts appear below."), "success")
    return redirect(url_for("webhooks.endpoint_page", endpoint_id=endpoint_id) + "#deliveries-title")


@bp.post("/<int:endpoint_id>/secret")
@access(Role.ADMIN)
def renew_secret(endpoint_id):
    try:
        secret = endpoints.renew_secret(g.user, endpoint_id)
    except InvalidInput as exc:
        return _endpoint_page(endpoints.get_endpoint(endpoint_id), 409, exc.fields)
    return _endpoint_page(endpoints.get_endpoint(endpoint_id), secret=secret)


@bp.post("/<int:endpoint_id>/delete")
@access(Role.ADMIN)
def delete(endpoint_id):
    endpoints.delete_endpoint(g.user, endpoint_id)
    flash(_("Deleted."), "success")
    return redirect(url_for("webhooks.index"))
