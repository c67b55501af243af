"""Counting clicks and building destinations for tracked links."""

import hashlib
import hmac
import secrets
import weakref
from datetime import timedelta
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from peewee import JOIN, fn

from server.db import backend_name, database, utcnow
from server.library.models import Campaign, Link
from server.shares.models import Share, ShareTarget
from server.tracking.models import Click, DailySalt

UTM_MEDIUM = "employee_advocacy"
SALT_KEEP_DAYS = 2
_salt_cache = {}
# Functions `fn(code) -> {name: value}` adding parameters to destinations (conversions' signed token).
_destination_parameters = []


def register_destination_parameters(fn):
    """Have `fn(code)` add query parameters to every tracked link's destination (never a person's name)."""
    if fn not in _destination_parameters:
        _destination_parameters.append(fn)
    return fn


def destination(url, network, campaign_slug=None, extra=()):
    """The approved URL with UTM parameters carrying the network and the campaign — never a person."""
    parts = urlsplit(url)
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not k.startswith("utm_")]
    query += [("utm_source", network), ("utm_medium", UTM_MEDIUM), ("utm_campaign", campaign_slug or "porte-voix")]
    query += list(extra)
    return urlunsplit((parts.scheme, parts.netloc, parts.path, urlencode(query), parts.fragment))


def campaign_slug(name):
    """A campaign's name as a UTM value: lower case, words joined by hyphens."""
    return "-".join("".join(ch.lower() if ch.isalnum() else " " for ch in name).split())[:60] or None


def tracked_destination(code):
    """(target id, destination with its UTM parameters) of a tracked link's code, or None if there is none."""
    # Read to the end (list, not .first()): the redirect keeps its connection, and an unfinished SELECT would
    # hold SQLite's read snapshot open on it.
    rows = list(ShareTarget.select(ShareTarget.id, ShareTarget.network, Link.url, Campaign.name)
                .join(Share).join(Link).join(Campaign, JOIN.LEFT_OUTER)
                .where(ShareTarget.code == code).limit(1).tuples())
    if not rows:
        return None
    target_id, network, url, campaign = rows[0]
    extra = [item for fn in _destination_parameters for item in fn(code).items()]
    return target_id, destination(url, network, campaign_slug(campaign) if campaign else None, extra)


def _salt(day):
    """Today's random salt (created by the first click of the day, shared by every process)."""
    cached = _salt_cache.get(day)
    if cached:
        return cached
    DailySalt.insert(day=day, salt=secrets.token_hex(32)).on_conflict_ignore().execute()
    salt = DailySalt.get_by_id(day).salt
    _salt_cache.clear()
    _salt_cache[day] = salt
    return salt


def visitor_hash(day, address, user_agent):
    """Who clicked, as far as counting unique visitors of one day needs: a salted hash, not an address."""
    message = f"{address}|{user_agent}".encode()
    return hmac.new(_salt(day).encode(), message, hashlib.sha256).hexdigest()[:32]


def record_click(target_id, address, user_agent):
    """Append one click: one INSERT, committed before the redirect is answered (the redirect stays fast and
    loses nothing). Written as one prepared statement: building a query object costs more than the insert, and
    on PostgreSQL the statement is parsed and planned once per connection (PREPARE), not at every click."""
    now = utcnow()
    day = now.date()
    values = (target_id, now, day, visitor_hash(day, address or "", user_agent or ""))
    if backend_name() == "postgresql":
        connection = database.connection()
        if connection not in _prepared:
            database.execute_sql(f"PREPARE {_PREPARED_NAME} (integer, timestamp, date, varchar) AS "
                                 f"{_insert_click_sql('$1', '$2', '$3', '$4')}")
            _prepared[connection] = True
        database.execute_sql(f"EXECUTE {_PREPARED_NAME} (%s, %s, %s, %s)", values)
        return
    database.execute_sql(_insert_click_sql(*[database.param] * 4), values)


# The PostgreSQL connections on which the click insert is prepared (a new connection prepares it again).
_prepared = weakref.WeakKeyDictionary()
_PREPARED_NAME = "pv_insert_click"


def _insert_click_sql(*params):
    return f"INSERT INTO clicks (target_id, clicked_at, day, visitor) VALUES ({', '.join(params)})"  # noqa: S608


def click_counts(target_ids):
    """{target_id: (clicks, unique visitors)} for the given targets."""
    if not target_ids:
        return {}
    rows = (Click.select(Click.target, fn.COUNT(Click.id).alias("clicks"),
                         fn.COUNT(Click.visitor.distinct()).alias("visitors"))
            .where(Click.target.in_(list(target_ids))).group_by(Click.target).tuples())
    return {target: (clicks, visitors) for target, clicks, visitors in rows}


def forget_old_salts():
    """Delete salts older than two days: yesterday's hashes can no longer be linked to anyone."""
    limit = utcnow().date() - timedelta(days=SALT_KEEP_DAYS)
    return DailySalt.delete().where(DailySalt.day < limit).execute()
