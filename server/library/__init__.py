"""The content library: approved links with their kits and targets, campaigns, sourcing (employees'
proposals, RSS/Atom feeds, CSV files) and personalised suggestions.

Who may do what: every employee reads the library, proposes links, gets suggestions and chooses their
interests; moderators and administrators — the communication team — curate links, kits, campaigns, feeds
and imports; only administrators delete links, campaigns and feeds.
"""

from flask_babel import lazy_gettext as _l

from server.auth.roles import Role
from server.navigation import nav_item


def _waiting(user):
    from server.library.review import waiting_count

    return waiting_count()


def init_app(app):
    """Register the library's pages, API, command, jobs, export and demo content."""
    nav_item(app, "library.to_share", _l("To share"), Role.EMPLOYEE, order=20)
    nav_item(app, "library_admin.links_page", _l("Library"), Role.MODERATOR, order=20, section="admin",
             badge=_waiting)
    from server.api import api

    # Imported for what they register: jobs (feed polling), the export, the demo content, the page routes.
    from server.library import api_links, api_sourcing, cli, demo_content, feed_subscriptions, personal_data  # noqa: F401
    from server.library.pages import admin_bp, admin_links, admin_sourcing, employee, employee_bp  # noqa: F401

    app.register_blueprint(employee_bp)
    app.register_blueprint(admin_bp)
    api.register_blueprint(api_links.blp)
    api.register_blueprint(api_sourcing.blp)
    app.cli.add_command(cli.import_links_command)
