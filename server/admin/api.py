"""People, departments and the audit log in the JSON API (administrators)."""

from flask import g
from flask_smorest import Blueprint

from schemas.audit import AuditEventSchema, AuditQuerySchema
from schemas.users import DepartmentSchema, UserCreateSchema, UserQuerySchema, UserSchema, UserUpdateSchema
from server.admin.audit_log import events_for
from server.api import TOTAL_COUNT_HEADER
from server.auth import directory
from server.auth.roles import Role, access

blp = Blueprint("admin_api", __name__, url_prefix="/api/v1", description="People, departments, audit log.")


@blp.route("/users", methods=["GET"])
@blp.arguments(UserQuerySchema, location="query")
@blp.response(200, UserSchema(many=True), headers=TOTAL_COUNT_HEADER)
@access(Role.ADMIN)
def list_users(query):
    """Search people; the total is in the X-Total-Count header."""
    users, total = directory.search_users(**query)
    return users, 200, {"X-Total-Count": str(total)}


@blp.route("/users", methods=["POST"])
@blp.arguments(UserCreateSchema)
@blp.response(201, UserSchema)
@access(Role.ADMIN)
def create_user(body):
    """Invite someone (and e-mail their first sign-in link unless send_invitation is false)."""
    return directory.invite_user(g.user, **body)


@blp.route("/users/<int:user_id>", methods=["PATCH"])
@blp.arguments(UserUpdateSchema)
@blp.response(200, UserSchema)
@access(Role.ADMIN)
def update_user(body, user_id):
    """Change someone's role, department, name or active flag."""
    return directory.update_user(g.user, user_id, **body)


@blp.route("/departments", methods=["GET"])
@blp.response(200, DepartmentSchema(many=True))
@access(Role.EMPLOYEE)
def list_departments():
    """Departments, by name."""
    return directory.list_departments()


@blp.route("/departments", methods=["POST"])
@blp.arguments(DepartmentSchema)
@blp.response(201, DepartmentSchema)
@access(Role.ADMIN)
def create_department(body):
    """Add a department."""
    return directory.create_department(g.user, body["name"])


@blp.route("/audit", methods=["GET"])
@blp.arguments(AuditQuerySchema, location="query")
@blp.response(200, AuditEventSchema(many=True))
@access(Role.ADMIN)
def audit_log(query):
    """The newest events first, filtered by action or family, actor and days; page with before_id/after_id."""
    return events_for(query)

