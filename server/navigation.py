"""The one navigation every page shares; each area adds its entries with `nav_item(app, …)` from its
`init_app`, so that importing an area (for a constant, say) registers nothing."""

from dataclasses import dataclass

from flask import current_app, g, request, url_for

from server.auth.roles import Role


@dataclass(frozen=True)
class NavItem:
    endpoint: str
    label: object
    role: Role
    order: int
    section: str = "main"  # "main": everyone's pages; "admin": moderators' and admins'; "account": one's own
    badge: object = None  # badge(user) -> a count shown beside the label (0 shows nothing)


def nav_item(app, endpoint, label, role=Role.EMPLOYEE, order=50, section="main", badge=None):
    """Add an entry to `app`'s navigation (shown to users with at least `role`)."""
    items = app.extensions.setdefault("navigation", [])
    items.append(NavItem(endpoint, label, Role(role), order, section, badge))
    items.sort(key=lambda item: item.order)


def visible_items():
    """The entries the current user may see, grouped by section, with their URL, whether they are the current
    page and their badge."""
    user = g.get("user")
    sections = {"main": [], "admin": [], "account": []}
    if user is None:
        return sections
    for item in current_app.extensions.get("navigation", []):
        if user.has_role(item.role):
            sections[item.section].append({"url": url_for(item.endpoint), "label": item.label,
                                           "endpoint": item.endpoint, "current": request.endpoint == item.endpoint,
                                           "badge": item.badge(user) if item.badge else 0})
    return sections


def init_app(app):
    @app.context_processor
    def _navigation():
        return {"navigation": visible_items}
