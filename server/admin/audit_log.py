"""The audit log as people read it: one sentence per event in the reader's language ("Inès Roux approved
Camille Durand's share of “Hydrogen in Lyon”"), grouped in families to filter on, a page at a time.

The log itself (`server/audit.py`) stores codes: an action, an actor, a target (table and id) and a few
details, never message bodies nor IP addresses. Names are looked up when the page is read, one query per
kind of target on the page; a deleted person or object reads as such. An action without a sentence of its
own (one added later) still reads as "who · action · on what".
"""

from dataclasses import dataclass

from flask_babel import lazy_gettext as _l

from server.auth.models import Department, User
from server.library.models import Campaign, Feed, Link
from server.shares.models import Share

FAMILIES = {
    "auth": (_l("Signing in and out"), ("auth.",)),
    "people": (_l("People and departments"), ("user.", "department.")),
    "participation": (_l("Taking part"), ("participation.",)),
    "charter": (_l("Charter"), ("charter.",)),
    "moderation": (_l("Moderation of shares"), ("share.",)),
    "library": (_l("Library and campaigns"), ("library.",)),
    "access": (_l("Tokens and connected accounts"), ("token.", "account.")),
}
"""Filter families: a label and the action prefixes they cover."""

SENTENCES = {
    "auth.sign_in": _l("%(actor)s signed in."),
    "auth.sign_out": _l("%(actor)s signed out."),
    "user.create": _l("%(actor)s created the account of %(target)s."),
    "user.update": _l("%(actor)s changed the account of %(target)s."),
    "user.update_profile": _l("%(actor)s updated their profile."),
    "user.delete": _l("%(actor)s deleted an account and its data."),
    "user.make_admin": _l("%(target)s was made an administrator."),
    "department.create": _l("%(actor)s created the department %(target)s."),
    "participation.opt_in": _l("%(actor)s chose to take part."),
    "participation.opt_out": _l("%(actor)s stopped taking part."),
    "charter.acknowledge": _l("%(actor)s acknowledged version %(number)s of the charter."),
    "charter.publish": _l("%(actor)s published version %(number)s of the charter."),
    "share.approve": _l("%(actor)s approved %(author)s's share of %(target)s."),
    "share.reject": _l("%(actor)s refused %(author)s's share of %(target)s."),
    "share.edit_suggested": _l("%(actor)s suggested other words for %(author)s's share of %(target)s."),
    "share.edit_accepted": _l("%(actor)s accepted the words %(moderator)s suggested for their share of %(target)s."),
    "share.edit_declined": _l("%(actor)s kept their own words instead of %(moderator)s's for their share of "
                              "%(target)s."),
    "library.link.add": _l("%(actor)s added %(target)s to the library."),
    "library.link.update": _l("%(actor)s edited %(target)s."),
    "library.link.approve": _l("%(actor)s approved %(target)s for sharing."),
    "library.link.archive": _l("%(actor)s archived %(target)s."),
    "library.link.delete": _l("%(actor)s deleted a link from the library."),
    "library.link.refetch": _l("%(actor)s fetched the preview of %(target)s again."),
    "library.kit.update": _l("%(actor)s updated the kit of %(target)s."),
    "library.interests.update": _l("%(actor)s changed the interests they follow."),
    "library.campaign.create": _l("%(actor)s created the campaign %(target)s."),
    "library.campaign.update": _l("%(actor)s changed the campaign %(target)s."),
    "library.campaign.delete": _l("%(actor)s deleted a campaign."),
    "library.feed.subscribe": _l("%(actor)s subscribed the library to the feed %(target)s."),
    "library.feed.update": _l("%(actor)s changed the feed %(target)s."),
    "library.feed.delete": _l("%(actor)s removed a feed."),
    "library.import.start": _l("%(actor)s started importing a spreadsheet of links."),
    "library.import.finish": _l("An import of links by %(actor)s finished."),
    "token.create": _l("%(actor)s created a personal access token."),
    "token.revoke": _l("%(actor)s revoked a personal access token."),
    "account.connect": _l("%(actor)s connected a network account."),
    "account.disconnect": _l("%(actor)s disconnected a network account."),
    "demo.seed": _l("The demonstration data was loaded."),
}


SYSTEM_ACTIONS = frozenset({"user.make_admin", "demo.seed"})
"""Actions done by Porte-Voix itself (a command, the demo): no person behind them."""

WITHOUT_ACTOR = {
    "user.delete": _l("An account and its data were deleted."),
}
"""Sentences for events whose person is gone (an account deleted keeps its events, without their author)."""


def family_prefixes(family):
    """The action prefixes of a filter family (empty for an unknown one)."""
    return FAMILIES.get(family, (None, ()))[1]


def _quoted(text):
    return str(_l("“%(text)s”", text=text))


def _names(model, ids, label):
    ids = {int(i) for i in ids if str(i).isdigit()}
    return {row.id: label(row) for row in model.select().where(model.id.in_(ids))} if ids else {}


_TARGETS = {
    "users": lambda ids: _names(User, ids, lambda u: u.name),
    "departments": lambda ids: _names(Department, ids, lambda d: d.name),
    "links": lambda ids: _names(Link, ids, lambda link: _quoted(link.title or link.url)),
    "campaigns": lambda ids: _names(Campaign, ids, lambda c: _quoted(c.name)),
    "feeds": lambda ids: _names(Feed, ids, lambda f: f.url),
    "shares": lambda ids: {share.id: _quoted(share.link.title or share.link.url)
                           for share in Share.select(Share, Link).join(Link)
                           .where(Share.id.in_({int(i) for i in ids if str(i).isdigit()} or {0}))},
}


@dataclass(frozen=True)
class AuditLine:
    event: object
    sentence: str
    family: str | None


def _family_of(action):
    for name, (_label, prefixes) in FAMILIES.items():
        if action.startswith(prefixes):
            return name
    return None


def _lookups(events):
    """The names of the page's targets ({kind: {id: label}}) and people named in details ({id: name})."""
    wanted, people = {}, set()
    for event in events:
        if event.target_type in _TARGETS and event.target_id:
            wanted.setdefault(event.target_type, set()).add(event.target_id)
        for key in ("author", "moderator"):
            if isinstance((event.details or {}).get(key), int):
                people.add(event.details[key])
    names = {kind: lookup(ids) for kind, lookup in _TARGETS.items() if (ids := wanted.get(kind))}
    return names, (_names(User, people, lambda u: u.name) if people else {})


def _actor_of(event, gone):
    if event.actor is not None:
        return event.actor.name
    return str(_l("Porte-Voix")) if event.action in SYSTEM_ACTIONS else gone


def _target_of(event, names):
    if not event.target_type:
        return None
    found = names.get(event.target_type, {}).get(int(event.target_id)) if str(event.target_id).isdigit() else None
    return found or str(_l("%(kind)s #%(id)s (deleted)", kind=event.target_type, id=event.target_id))


def readable(events):
    """Each event with its sentence in the current language (names looked up in one query per kind)."""
    names, person = _lookups(events)
    gone = str(_l("someone no longer here"))
    lines = []
    for event in events:
        details = event.details or {}
        actor, target = _actor_of(event, gone), _target_of(event, names)
        values = {"actor": actor, "target": target or "—", "number": details.get("number", "?"),
                  "author": person.get(details.get("author"), gone),
                  "moderator": person.get(details.get("moderator"), gone)}
        template = SENTENCES.get(event.action)
        if event.actor is None and event.action in WITHOUT_ACTOR:
            template = WITHOUT_ACTOR[event.action]
        if template is not None:
            sentence = str(template) % values
        else:
            sentence = " · ".join(part for part in (actor, event.action, target) if part)
        lines.append(AuditLine(event, sentence[:1].upper() + sentence[1:], _family_of(event.action)))
    return lines


def events_for(query):
    """The events a validated AuditQuerySchema asks for (days as whole UTC days, `until` included)."""
    from datetime import datetime, time, timedelta

    from server import audit

    query = dict(query)
    family = query.pop("family", None)
    since, until = query.pop("since", None), query.pop("until", None)
    return audit.recent_events(**query, prefixes=family_prefixes(family) if family else (),
                               since=datetime.combine(since, time.min) if since else None,
                               until=datetime.combine(until + timedelta(days=1), time.min) if until else None)
