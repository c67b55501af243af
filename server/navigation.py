"""The one navigation every page shares; each area adds its entries with `nav_item`."""

from dataclasses import dataclass

from flask import g, request, url_for

from server.auth.roles import Role


@dataclass(frozen=True)
class NavItem:
    endpoint: str
    label: object
    role: Role
    order: int
    section: str = "main"  # "main" for everyone's pages, "admin" for moderators' and administrators'
    badge: object = None  # badge(user) -> a count shown beside the label (0 shows nothing)


_items = []


def nav_item(endpoint, label, role=Role.EMPLOYEE, order=50, section="main", badge=None):
    """Add an entry (shown to users with at least `role`)."""
    _items.append(NavItem(endpoint, label, Role(role), order, section, badge))
    _items.sort(key=lambda item: (item.section != "main", item.order))


def visible_items():
    """The entries the current user may see, with their URL and whether they are the current page."""
    user = g.get("user")
    if user is None:
        return []
    items = []
    for item in _items:
        if user.has_role(item.role):
            items.append({"url": url_for(item.endpoint), "label": item.label, "section": item.section,
                          "current": request.endpoint == item.endpoint,
                          "badge": item.badge(user) if item.badge else 0})
    return items


def init_app(app):
    @app.context_processor
    def _navigation():
        return {"navigation": visible_items}
