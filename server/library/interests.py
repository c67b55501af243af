"""Interests: the subjects links are targeted at and employees choose to follow."""

from flask_babel import gettext as _

from server import audit
from server.db import database
from server.errors import InvalidInput
from server.library.models import Interest, LinkInterest, UserInterest

MAX_INTEREST = 100


def interest_key(name):
    """The key under which an interest is unique: spaces collapsed, case folded."""
    return " ".join(name.split()).casefold()


def all_interests():
    """Every interest, by name."""
    return list(Interest.select().order_by(Interest.name))


def interests_named(names):
    """The interests called `names` (case-insensitive), created when new; in the order given."""
    wanted = {}
    for name in names:
        cleaned = " ".join(str(name).split())
        if not cleaned:
            continue
        if len(cleaned) > MAX_INTEREST:
            raise InvalidInput(fields={"interests": [_("An interest is at most %(max)d characters.",
                                                       max=MAX_INTEREST)]})
        wanted.setdefault(interest_key(cleaned), cleaned)
    if not wanted:
        return []
    existing = {row.key: row for row in Interest.select().where(Interest.key.in_(list(wanted)))}
    for key, name in wanted.items():
        if key not in existing:
            Interest.insert(name=name, key=key).on_conflict_ignore().execute()
    if len(existing) < len(wanted):
        existing = {row.key: row for row in Interest.select().where(Interest.key.in_(list(wanted)))}
    return [existing[key] for key in wanted]


def interests_of(user):
    """The interests `user` follows, by name."""
    return list(Interest.select().join(UserInterest).where(UserInterest.user == user).order_by(Interest.name))


def interest_ids_of(user):
    """The ids of the interests `user` follows."""
    return [row.interest_id for row in UserInterest.select(UserInterest.interest).where(UserInterest.user == user)]


def set_interests_of(user, interest_ids):
    """Replace the interests `user` follows; unknown ids are refused, naming the field."""
    ids = sorted(set(interest_ids))
    found = {row.id for row in Interest.select(Interest.id).where(Interest.id.in_(ids))} if ids else set()
    if found != set(ids):
        raise InvalidInput(fields={"interest_ids": [_("Unknown interest: %(ids)s.",
                                                      ids=", ".join(str(i) for i in sorted(set(ids) - found)))]})
    with database.atomic():
        UserInterest.delete().where(UserInterest.user == user).execute()
        if ids:
            UserInterest.insert_many([{"user": user.id, "interest": i} for i in ids]).execute()
        audit.record("library.interests.update", actor=user, target=user, count=len(ids))
    return interests_of(user)


def set_link_interests(link, names):
    """Target `link` at the interests called `names` (created when new)."""
    interests = interests_named(names)
    LinkInterest.delete().where(LinkInterest.link == link).execute()
    if interests:
        LinkInterest.insert_many([{"link": link.id, "interest": row.id} for row in interests]).execute()
    return interests
