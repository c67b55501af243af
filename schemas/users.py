"""People: users, departments, the caller's own profile."""

from zoneinfo import available_timezones

from marshmallow import ValidationError, fields, validate

from schemas.common import BoundedInteger, Name, Schema, UTCDateTime
from server.auth.roles import Role
from server.config import LOCALES

ROLES = [role.value for role in Role]


def known_timezone(value):
    """Validate an IANA time zone name such as Europe/Paris."""
    if value not in available_timezones():
        raise ValidationError("Unknown time zone.")


class DepartmentSchema(Schema):
    id = BoundedInteger(dump_only=True)
    name = Name(required=True, validate=validate.Length(min=1, max=120))


class UserSchema(Schema):
    id = BoundedInteger(dump_only=True)
    email = fields.Email(dump_only=True)
    name = fields.String(dump_only=True)
    role = fields.String(dump_only=True, metadata={"enum": ROLES})
    department = fields.Nested(DepartmentSchema, dump_only=True, allow_none=True)
    locale = fields.String(dump_only=True, allow_none=True)
    timezone = fields.String(dump_only=True)
    active = fields.Boolean(dump_only=True)
    created_at = UTCDateTime(dump_only=True)
    last_login_at = UTCDateTime(dump_only=True, allow_none=True)


class ProfileUpdateSchema(Schema):
    """What employees may change about themselves."""

    name = Name(validate=validate.Length(min=1, max=120))
    locale = fields.String(allow_none=True, validate=validate.OneOf(LOCALES))
    timezone = fields.String(validate=known_timezone)


class UserUpdateSchema(Schema):
    """What administrators may change about someone."""

    role = fields.String(validate=validate.OneOf(ROLES))
    department_id = BoundedInteger(allow_none=True)
    active = fields.Boolean()
    name = Name(validate=validate.Length(min=1, max=120))


class UserCreateSchema(Schema):
    email = fields.Email(required=True, validate=validate.Length(max=254))
    name = Name(required=True, validate=validate.Length(min=1, max=120))
    role = fields.String(load_default=Role.EMPLOYEE.value, validate=validate.OneOf(ROLES))
    department_id = BoundedInteger(allow_none=True, load_default=None)
    send_invitation = fields.Boolean(load_default=True)


class UserQuerySchema(Schema):
    q = fields.String(load_default=None, validate=validate.Length(max=120))
    role = fields.String(load_default=None, validate=validate.OneOf(ROLES))
    department_id = BoundedInteger(load_default=None)
    limit = BoundedInteger(load_default=50, validate=validate.Range(min=1, max=200))
    offset = BoundedInteger(load_default=0, validate=validate.Range(min=0))
