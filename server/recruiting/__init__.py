"""Recruiting ambassadors, always volunteers: administrators and leaders invite chosen colleagues with a
personal message, send one reminder at most, and follow the funnel invited → opened → took part → shared
(service.py), shown on their recruiting page and on the programme's results page."""

from flask_babel import lazy_gettext as _l

from server.auth.roles import Role
from server.navigation import nav_item


def _template_context():
    from server.recruiting.service import funnel

    return {"recruiting_funnel": funnel}


def init_app(app):
    from server.recruiting import routes

    app.register_blueprint(routes.bp)
    app.context_processor(_template_context)
    nav_item(app, "recruiting.invite_page", _l("Invite colleagues"), Role.LEADER, order=58, section="admin")
