"""Administrator pages: people, departments, audit log."""

from flask import Blueprint, flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _
from marshmallow import ValidationError

from schemas.audit import AuditQuerySchema
from schemas.users import DepartmentSchema, UserCreateSchema, UserQuerySchema, UserUpdateSchema
from server import audit
from server.admin import audit_log as audit_lines
from server.auth import directory
from server.auth.roles import Role, access
from server.errors import DomainError

bp = Blueprint("admin", __name__, url_prefix="/admin")


def _form(keys):
    """The submitted form fields that are present, empty strings becoming None."""
    return {key: (request.form[key] or None) for key in keys if key in request.form}


@bp.get("/")
@access(Role.MODERATOR)
def index():
    if g.user.has_role(Role.ADMIN):
        return redirect(url_for("admin.users"))
    return render_template("admin/index.html")


def _users_page(status=200, **context):
    try:
        query = UserQuerySchema().load({k: v for k, v in request.args.items() if v != ""})
    except ValidationError:
        query = UserQuerySchema().load({})
    users, total = directory.search_users(**query)
    context.setdefault("errors", {})
    return render_template("admin/users.html", users=users, total=total, query=query,
                           departments=directory.list_departments(), roles=list(Role), **context), status


@bp.get("/users")
@access(Role.ADMIN)
def users():
    return _users_page()


@bp.post("/users")
@access(Role.ADMIN)
def invite():
    data = _form(("email", "name", "role", "department_id"))
    data["send_invitation"] = request.form.get("send_invitation") == "on"
    try:
        user = directory.invite_user(g.user, **UserCreateSchema().load(data))
    except ValidationError as exc:
        return _users_page(422, errors=exc.messages, invite=data)
    except DomainError as exc:
        return _users_page(exc.status, errors=exc.fields or {"email": [exc.message]}, invite=data)
    flash(_("%(name)s is invited.", name=user.name), "success")
    return redirect(url_for("admin.users"))


@bp.post("/users/<int:user_id>")
@access(Role.ADMIN)
def update_user(user_id):
    data = _form(("role", "department_id"))
    data["active"] = request.form.get("active") == "on"
    try:
        user = directory.update_user(g.user, user_id, **UserUpdateSchema().load(data))
    except ValidationError as exc:
        flash(_("Not saved: %(problem)s", problem="; ".join(f"{k}: {' '.join(v)}" for k, v in exc.messages.items())),
              "error")
        return _users_page(422)
    except DomainError as exc:
        flash(_("Not saved: %(problem)s", problem=exc.message), "error")
        return _users_page(exc.status)
    flash(_("%(name)s is updated.", name=user.name), "success")
    return redirect(url_for("admin.users", **request.args))


@bp.get("/departments")
@access(Role.ADMIN)
def departments():
    return render_template("admin/departments.html", departments=directory.list_departments(), errors={})


@bp.post("/departments")
@access(Role.ADMIN)
def create_department():
    try:
        body = DepartmentSchema().load({"name": request.form.get("name", "")})
        directory.create_department(g.user, body["name"])
    except ValidationError as exc:
        return render_template("admin/departments.html", departments=directory.list_departments(),
                               errors=exc.messages), 422
    except DomainError as exc:
        return render_template("admin/departments.html", departments=directory.list_departments(),
                               errors=exc.fields or {"name": [exc.message]}), exc.status
    flash(_("Department added."), "success")
    return redirect(url_for("admin.departments"))


@bp.get("/audit")
@access(Role.ADMIN)
def audit_log():
    errors = {}
    try:
        query = AuditQuerySchema().load({k: v for k, v in request.args.items() if v != ""})
    except ValidationError as exc:
        errors, query = exc.messages, AuditQuerySchema().load({})
    events = audit_lines.events_for(query)
    return render_template("admin/audit.html", lines=audit_lines.readable(events), query=query, errors=errors,
                           families=audit_lines.FAMILIES, actors=audit.actors(),
                           newer=_newer_exists(query, events)), 422 if errors else 200


def _newer_exists(query, events):
    """Whether a page of newer events exists (the reader paged back, or forwards from an older page)."""
    return bool(events) and bool(query.get("before_id") or query.get("after_id")) and bool(
        audit_lines.events_for({**query, "before_id": None, "after_id": events[0].id, "limit": 1}))
