"""The employee's own pages."""

from flask_babel import lazy_gettext as _l

from server.navigation import nav_item


def init_app(app):
    from server import notifications
    from server.portal import first_share, routes  # noqa: F401 (first_share: its routes)

    nav_item(app, "portal.home", _l("Home"), order=10)
    nav_item(app, "portal.account", _l("My account"), order=70, section="account")
    nav_item(app, "notifications.index", _l("Notifications"), order=85, section="account",
             badge=lambda user: notifications.unread_count(user))

    app.register_blueprint(routes.bp)
    app.register_blueprint(notifications.bp)
