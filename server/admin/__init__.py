"""Administrator and moderator pages."""

from flask_babel import lazy_gettext as _l

from server.auth.roles import Role
from server.navigation import nav_item


def init_app(app):
    nav_item(app, "admin.users", _l("People"), Role.ADMIN, order=80, section="admin")
    nav_item(app, "admin.departments", _l("Departments"), Role.ADMIN, order=85, section="admin")
    nav_item(app, "admin.audit_log", _l("Audit log"), Role.ADMIN, order=95, section="admin")
    from server.admin import api as admin_api
    from server.admin import routes
    from server.api import api

    app.register_blueprint(routes.bp)
    api.register_blueprint(admin_api.blp)
