"""The charter's admin pages: history and versions (moderators read), editor and import (admins write)."""

from flask import Blueprint, Response, flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _

from server.auth.roles import Role, access
from server.charter import editing, training, transfer, versions
from server.charter.api import CHECKS_RATE_LIMIT, caller_key
from server.charter.diff import compare
from server.charter.editor_form import (
    PROFANITY_LANGUAGES,
    SEVERITY_CHOICES,
    SEVERITY_KEYS,
    field_label_of,
    form_values,
    values_from_form,
)
from server.charter.labels import MODERATION_LEVEL_LABELS, RULE_LABELS, SEVERITY_LABELS
from server.charter.routes import try_networks
from server.charter.text import render_markdown
from server.errors import Conflict, DomainError
from server.protection import limiter

bp = Blueprint("charter_admin", __name__, url_prefix="/admin/charter")


def _overview(status=200, import_errors=None):
    current = versions.current_version()
    return render_template("charter/admin/overview.html", current=current, history=versions.list_versions(),
                           standing=training.standing(current) if current else None,
                           import_errors=import_errors or {}), status


@bp.get("/")
@access(Role.MODERATOR)
def overview():
    return _overview()


def editor_page(values, status=200, errors=None, based_on=None):
    return render_template("charter/admin/editor.html", values=values, errors=errors or {}, based_on=based_on,
                           severity_keys=SEVERITY_KEYS, severity_choices=SEVERITY_CHOICES, rule_labels=RULE_LABELS,
                           severity_labels=SEVERITY_LABELS, field_label_of=field_label_of,
                           networks=try_networks(), profanity_languages=PROFANITY_LANGUAGES,
                           moderation_level_labels=MODERATION_LEVEL_LABELS
                           ), status


@bp.get("/edit")
@access(Role.ADMIN)
def edit():
    current = versions.current_version()
    document = versions.version_document(current) if current else editing.STARTER_DOCUMENT
    values = form_values(document)
    values["needs_acknowledgement"] = True
    return editor_page(values, based_on=current.number if current else None)


@bp.post("/")
@access(Role.ADMIN)
def publish():
    values = values_from_form(request.form)
    based_on = editing.based_on(request.form)
    if request.form.get("action") == "add_question":
        values["quiz"].append(form_values({}, quiz_slots=1)["quiz"][0])
        return editor_page(values, based_on=based_on)
    try:
        version = editing.publish_form(g.user, request.form)
    except editing.EditorInvalid as error:
        return editor_page(values, 422, errors=error.fields, based_on=based_on)
    except Conflict as error:
        return editor_page(values, 409, errors={"_form": [error.message]}, based_on=based_on)
    flash(_("Version %(number)s of the charter is published.", number=version.number), "success")
    return redirect(url_for("charter_admin.version", number=version.number))


@bp.post("/draft-check")
@access(Role.ADMIN)
@limiter.limit(CHECKS_RATE_LIMIT, key_func=caller_key)
def draft_check():
    """The editor's "try a post" box: the post checked against the rules being edited, not yet saved."""
    return editing.check_draft(request.form)


@bp.post("/import")
@access(Role.ADMIN)
def import_file():
    upload = request.files.get("file")
    raw = upload.read() if upload and upload.filename else request.form.get("document", "")
    try:
        document = transfer.document_from_json(raw)
        version = versions.save_version(g.user, document, note=request.form.get("note"),
                                        needs_acknowledgement=bool(request.form.get("needs_acknowledgement")))
    except DomainError as error:
        fields = error.fields or {"document": [error.message]}
        if "document" not in fields:
            fields = {"document": [error.message]}
        return _overview(error.status, import_errors=fields)
    flash(_("The file is published as version %(number)s.", number=version.number), "success")
    return redirect(url_for("charter_admin.version", number=version.number))


@bp.get("/versions/<int:number>")
@access(Role.MODERATOR)
def version(number):
    shown = versions.get_version(number)
    compare_to = request.args.get("compare", "")
    older = versions.get_version(int(compare_to)) if compare_to.isdigit() else versions.previous_version(shown)
    return render_template("charter/admin/version.html", version=shown, changes=compare(older, shown),
                           history=versions.list_versions(), html=render_markdown,
                           severity_labels=SEVERITY_LABELS)


@bp.get("/versions/<int:number>/export.json")
@access(Role.MODERATOR)
def export(number):
    shown = versions.get_version(number)
    return Response(transfer.export_json(shown), mimetype="application/json",
                    headers={"Content-Disposition": f'attachment; filename="{transfer.export_filename(shown)}"'})
