"""The employee's own pages."""

from flask_babel import lazy_gettext as _l

from server.navigation import nav_item

nav_item("portal.home", _l("Home"), order=10)
nav_item("portal.account", _l("My account"), order=70, section="account")


def init_app(app):
    from server import notifications
    from server.portal import routes

    app.register_blueprint(routes.bp)
    app.register_blueprint(notifications.bp)
