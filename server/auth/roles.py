"""Roles and the one decorator that declares who may call a route.

Roles are ranked: employee < leader < moderator < admin; a route open to a role is open to every role
above it. Access is enforced in one place (`enforce_access`, run before every request): a route that
declares nothing is refused, so forgetting the decorator fails closed.
"""

from enum import StrEnum

from flask_babel import lazy_gettext as _l


class Role(StrEnum):
    EMPLOYEE = "employee"
    LEADER = "leader"
    MODERATOR = "moderator"
    ADMIN = "admin"

    @property
    def rank(self):
        return _RANKS[self]

    @property
    def label(self):
        return _LABELS[self]

    def includes(self, other):
        """Whether a user with this role may do what `other` may do."""
        return self.rank >= Role(other).rank


_RANKS = {Role.EMPLOYEE: 0, Role.LEADER: 1, Role.MODERATOR: 2, Role.ADMIN: 3}
_LABELS = {
    Role.EMPLOYEE: _l("Employee"),
    Role.LEADER: _l("Leader"),
    Role.MODERATOR: _l("Moderator"),
    Role.ADMIN: _l("Administrator"),
}

PUBLIC = "public"
ACCESS_ATTRIBUTE = "pv_access"


def access(role):
    """Declare who may call a view: PUBLIC, or the lowest Role that may.

    The declaration travels with the function through functools.wraps (it is kept in __dict__), so it may
    be placed under other decorators such as flask-smorest's.
    """
    level = role if role == PUBLIC else Role(role)

    def mark(view):
        setattr(view, ACCESS_ATTRIBUTE, level)
        return view

    return mark


def public(view):
    """Declare a view open to anyone, signed in or not."""
    return access(PUBLIC)(view)
