"""What employees change about themselves."""

from server import audit
from server.auth.models import User


def update_profile(user, **changes):
    """Apply name / locale / timezone changes and return the user as stored."""
    allowed = {key: value for key, value in changes.items() if key in ("name", "locale", "timezone")}
    if "name" in allowed:
        allowed["name"] = allowed["name"].strip()
    if allowed:
        User.update(**allowed).where(User.id == user.id).execute()
        audit.record("user.update_profile", actor=user, target=user, fields=sorted(allowed))
    return User.get_by_id(user.id)
