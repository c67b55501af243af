"""People and how they sign in: departments, users, sessions, API tokens, magic links."""

from peewee import BooleanField, CharField, DateTimeField, ForeignKeyField

from server.auth.roles import Role
from server.db import BaseModel, utcnow


class Department(BaseModel):
    name = CharField(max_length=120, unique=True)
    created_at = DateTimeField(default=utcnow)

    class Meta:
        table_name = "departments"


class User(BaseModel):
    email = CharField(max_length=254, unique=True)
    name = CharField(max_length=120)
    role = CharField(max_length=16, default=Role.EMPLOYEE.value, index=True)
    department = ForeignKeyField(Department, null=True, on_delete="SET NULL", backref="members")
    locale = CharField(max_length=5, null=True)
    timezone = CharField(max_length=64, default="Europe/Paris")
    sso_issuer = CharField(max_length=255, null=True)
    sso_subject = CharField(max_length=255, null=True)
    active = BooleanField(default=True)
    created_at = DateTimeField(default=utcnow)
    last_login_at = DateTimeField(null=True)

    class Meta:
        table_name = "users"
        indexes = ((("sso_issuer", "sso_subject"), True),)

    @property
    def role_enum(self):
        return Role(self.role)

    def has_role(self, role):
        return self.role_enum.includes(role)


class LoginSession(BaseModel):
    """A signed-in browser. The cookie holds a random id; only its SHA-256 is stored."""

    id = CharField(max_length=64, primary_key=True)
    user = ForeignKeyField(User, on_delete="CASCADE", backref="login_sessions")
    method = CharField(max_length=16)
    created_at = DateTimeField(default=utcnow)
    last_seen_at = DateTimeField(default=utcnow)
    expires_at = DateTimeField()
    revoked_at = DateTimeField(null=True)

    class Meta:
        table_name = "login_sessions"


class ApiToken(BaseModel):
    """A revocable bearer token for the extension. Shown once; only its SHA-256 is stored."""

    user = ForeignKeyField(User, on_delete="CASCADE", backref="api_tokens")
    name = CharField(max_length=80)
    token_hash = CharField(max_length=64, unique=True)
    prefix = CharField(max_length=12)
    created_at = DateTimeField(default=utcnow)
    last_used_at = DateTimeField(null=True)
    revoked_at = DateTimeField(null=True)

    class Meta:
        table_name = "api_tokens"


class MagicLink(BaseModel):
    """One e-mailed sign-in link; `used_at` makes it single-use."""

    jti = CharField(max_length=32, primary_key=True)
    email = CharField(max_length=254, index=True)
    created_at = DateTimeField(default=utcnow)
    expires_at = DateTimeField()
    used_at = DateTimeField(null=True)

    class Meta:
        table_name = "magic_links"
