"""Accounts: departments, users, sessions, API tokens, magic links, audit log, site settings."""

from peewee import BooleanField, CharField, DateTimeField, ForeignKeyField, Model, TextField


def upgrade(db):
    class Base(Model):
        class Meta:
            database = db

    class Department(Base):
        name = CharField(max_length=120, unique=True)
        created_at = DateTimeField()

        class Meta:
            table_name = "departments"

    class User(Base):
        email = CharField(max_length=254, unique=True)
        name = CharField(max_length=120)
        role = CharField(max_length=16, index=True)
        department = ForeignKeyField(Department, null=True, on_delete="SET NULL")
        locale = CharField(max_length=5, null=True)
        timezone = CharField(max_length=64)
        sso_issuer = CharField(max_length=255, null=True)
        sso_subject = CharField(max_length=255, null=True)
        active = BooleanField()
        created_at = DateTimeField()
        last_login_at = DateTimeField(null=True)

        class Meta:
            table_name = "users"
            indexes = ((("sso_issuer", "sso_subject"), True),)

    class LoginSession(Base):
        id = CharField(max_length=64, primary_key=True)
        user = ForeignKeyField(User, on_delete="CASCADE")
        method = CharField(max_length=16)
        created_at = DateTimeField()
        last_seen_at = DateTimeField()
        expires_at = DateTimeField()
        revoked_at = DateTimeField(null=True)

        class Meta:
            table_name = "login_sessions"

    class ApiToken(Base):
        user = ForeignKeyField(User, on_delete="CASCADE")
        name = CharField(max_length=80)
        token_hash = CharField(max_length=64, unique=True)
        prefix = CharField(max_length=12)
        created_at = DateTimeField()
        last_used_at = DateTimeField(null=True)
        revoked_at = DateTimeField(null=True)

        class Meta:
            table_name = "api_tokens"

    class MagicLink(Base):
        jti = CharField(max_length=32, primary_key=True)
        email = CharField(max_length=254, index=True)
        created_at = DateTimeField()
        expires_at = DateTimeField()
        used_at = DateTimeField(null=True)

        class Meta:
            table_name = "magic_links"

    class AuditEvent(Base):
        created_at = DateTimeField(index=True)
        actor = ForeignKeyField(User, null=True, on_delete="SET NULL")
        action = CharField(max_length=64, index=True)
        target_type = CharField(max_length=32, null=True)
        target_id = CharField(max_length=64, null=True)
        details = TextField(null=True)

        class Meta:
            table_name = "audit_events"

    class SiteSetting(Base):
        key = CharField(max_length=64, primary_key=True)
        value = TextField(null=True)

        class Meta:
            table_name = "site_settings"

    db.create_tables([Department, User, LoginSession, ApiToken, MagicLink, AuditEvent, SiteSetting])
