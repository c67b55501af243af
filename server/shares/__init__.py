"""The share pipeline: compose, check, review and publish, by share intent or through a connected account.

`networks/` holds one module per social network (limits, intent URL, API client).
"""

from flask_babel import lazy_gettext as _l

from server.auth.roles import Role
from server.navigation import nav_item

nav_item("shares.accounts_page", _l("Connected accounts"), Role.EMPLOYEE, order=80)


def init_app(app):
    from server.shares import routes

    app.register_blueprint(routes.bp)
