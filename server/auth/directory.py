"""The people directory administrators manage: search, invite, roles, departments, deactivation."""

from flask_babel import lazy_gettext as _l
from peewee import JOIN

from server import audit
from server.auth.magic import normalise_email, request_magic_link
from server.auth.models import Department, User
from server.auth.roles import Role
from server.auth.sessions import revoke_sessions
from server.db import database
from server.errors import Conflict, InvalidInput, NotFound


def search_users(q=None, role=None, department_id=None, limit=50, offset=0):
    """Users matching a name/e-mail fragment, a role and a department; returns (page, total)."""
    query = User.select(User, Department).join(Department, JOIN.LEFT_OUTER)
    if q:
        pattern = f"%{q.strip().lower()}%"
        query = query.where(User.email.contains(q.strip().lower()) | User.name.ilike(pattern))
    if role:
        query = query.where(User.role == role)
    if department_id:
        query = query.where(User.department == department_id)
    total = query.count()
    return list(query.order_by(User.name, User.id).limit(limit).offset(offset)), total


def _department(department_id):
    if department_id is None:
        return None
    department = Department.get_or_none(Department.id == department_id)
    if department is None:
        raise InvalidInput(fields={"department_id": [str(_l("No such department."))]})
    return department


def _last_admin_guard(user, new_role=None, new_active=True):
    losing = user.role == Role.ADMIN.value and (new_role not in (None, Role.ADMIN.value) or not new_active)
    if not losing:
        return
    others = User.select().where(User.role == Role.ADMIN.value, User.active == True,  # noqa: E712
                                 User.id != user.id).count()
    if not others:
        raise Conflict(_l("The last administrator must stay an active administrator."))


def update_user(actor, user_id, **changes):
    """Change someone's role, department, name or active flag; disabling ends their sessions."""
    user = User.get_or_none(User.id == user_id)
    if user is None:
        raise NotFound(_l("No such user."))
    _last_admin_guard(user, changes.get("role"), changes.get("active", True))
    with database.atomic():
        if "department_id" in changes:
            user.department = _department(changes.pop("department_id"))
        for key in ("role", "name", "active"):
            if key in changes:
                setattr(user, key, changes[key])
        user.save()
        if changes.get("active") is False:
            revoke_sessions(user)
        audit.record("user.update", actor=actor, target=user,
                     changes={k: v for k, v in changes.items() if k != "name"})
    return user


def invite_user(actor, email, name, role=Role.EMPLOYEE.value, department_id=None, send_invitation=True):
    """Create an account (and e-mail its first sign-in link)."""
    email = normalise_email(email)
    if User.get_or_none(User.email == email) is not None:
        raise Conflict(_l("Someone already has this e-mail address."), fields={"email": [str(_l("Already used."))]})
    user = User.create(email=email, name=name.strip(), role=role, department=_department(department_id))
    audit.record("user.create", actor=actor, target=user, via="invitation", role=role)
    if send_invitation:
        request_magic_link(email)
    return user


def create_department(actor, name):
    name = name.strip()
    if Department.get_or_none(Department.name == name) is not None:
        raise Conflict(_l("This department already exists."), fields={"name": [str(_l("Already used."))]})
    department = Department.create(name=name)
    audit.record("department.create", actor=actor, target=department, name=name)
    return department


def list_departments():
    return list(Department.select().order_by(Department.name))


def create_admin(email, name=None):
    """Make `email` an administrator, creating the account if needed (the `create-admin` command)."""
    email = normalise_email(email)
    user = User.get_or_none(User.email == email)
    if user is None:
        user = User.create(email=email, name=name or email.partition("@")[0], role=Role.ADMIN.value)
        created = True
    else:
        user.role, user.active, created = Role.ADMIN.value, True, False
        user.save()
    audit.record("user.make_admin", target=user, created=created)
    return user, created
