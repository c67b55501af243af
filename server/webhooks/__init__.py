"""Bringing the programme to other tools: Slack and Microsoft Teams channels told of new campaigns, newly
approved links and shares waiting for review, and signed webhooks (Standard Webhooks) for the company's own
tools. Sources of events: `sources.py`; the persistent queue and its retries: `delivery.py`; administration:
`endpoints.py` and its pages."""

from flask_babel import lazy_gettext as _l

from server.auth.roles import Role
from server.navigation import nav_item


def init_app(app):
    from server.shares import lifecycle
    from server.webhooks import sources
    from server.webhooks.pages import bp

    app.register_blueprint(bp)
    nav_item(app, "webhooks.index", _l("Chat and webhooks"), Role.ADMIN, order=92, section="admin")
    lifecycle.on_transition(app, sources.on_transition)
