"""What the library needs to know about shares, supplied by the share pipeline when it exists.

The library does not read the shares' tables: the share area registers its answers here.

- `register_shared_links_source(fn)`: `fn(user)` returns a peewee query (or subquery) selecting the ids of
  the links `user` has shared; suggestions leave those links out.
- `register_share_mix_source(fn)`: `fn()` returns the number of shares per category, e.g.
  `{"product": 12, "culture": 30, "sector": 41}`; the content-mix chart compares them to the target.
- `register_idea_uses_source(fn)`: `fn(link_ids)` returns `{link_id: {idea_key: number of shares}}`, how
  often each caption idea was the starting point of a share (`kits.idea_key`); the kit offers the least
  used idea first.
- `register_share_endpoint(endpoint, link_argument="link_id")`: the page where an employee writes a share
  of a link; the library's pages point their "Share" buttons at it.

With nothing registered, suggestions exclude nothing, the chart says share figures are not available
yet, and "Share" opens the article itself.
"""

from flask import url_for

_sources = {"shared_links": None, "share_mix": None, "share_endpoint": None, "idea_uses": None}


def register_shared_links_source(fn):
    """Register `fn(user) -> query of link ids the user has shared` (last registration wins)."""
    _sources["shared_links"] = fn
    return fn


def register_share_mix_source(fn):
    """Register `fn() -> {category: number of shares}` (last registration wins)."""
    _sources["share_mix"] = fn
    return fn


def register_share_endpoint(endpoint, link_argument="link_id"):
    """Register the endpoint of the page that composes a share of a link."""
    _sources["share_endpoint"] = (endpoint, link_argument)


def shared_link_ids(user):
    """A query of the ids of links `user` has shared, or None when no share source is registered."""
    source = _sources["shared_links"]
    return source(user) if source is not None else None


def shares_per_category():
    """{category: count} of shares, or None when no share source is registered."""
    source = _sources["share_mix"]
    return dict(source()) if source is not None else None


def share_url(link_id):
    """Where the "Share" button of a link leads, or None when the share pipeline is not there."""
    registered = _sources["share_endpoint"]
    if registered is None:
        return None
    endpoint, argument = registered
    return url_for(endpoint, **{argument: link_id})


def register_idea_uses_source(fn):
    """Register `fn(link_ids) -> {link_id: {idea_key: uses}}` (last registration wins)."""
    _sources["idea_uses"] = fn
    return fn


def idea_uses(link_ids):
    """{link_id: {idea_key: uses}} of the links' caption ideas; empty when no share source is registered."""
    source = _sources.get("idea_uses")
    return source(link_ids) if source is not None else {}
