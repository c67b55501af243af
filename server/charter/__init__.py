"""The charter: the guardrail engine (engine/, pure Python) plus the charter as data (versions, import and
export), where it is used (the `check` command, the live check API, `service.check_post` for the share
pipeline), the simulator (a draft replayed over past shares before it is published: `simulator`, `replay`,
the `charter simulate` command) and its pages (employees read, acknowledge and train; admins edit, simulate
and publish).

Who may do what: every employee reads the charter, checks posts, acknowledges and takes the quiz;
moderators also read the rules, the history and the exports (they handle the posts the rules send to
review); only administrators publish a new version (editor or import).
"""

from flask_babel import lazy_gettext as _l


def init_app(app):
    """Register the pages, the API, the `check` command, the data export and the demo charter."""
    # Imported here, not at the top: the engine (server.charter.engine) is imported by pure modules, such as
    # the network declarations, which must not pull the auth area and the database with it.
    from server.api import api
    from server.auth.roles import Role
    from server.charter import admin_routes, cli, demo, routes, simulate_cli, simulation_api, simulation_pages, training  # noqa: F401
    from server.charter import api as charter_api
    from server.charter.engine import CharterError
    from server.charter.errors import InvalidCharter
    from server.charter.labels import describe_value, field_label
    from server.charter.text import render_line
    from server.errors import error_response
    from server.navigation import nav_item

    nav_item(app, "charter.page", _l("Our charter"), Role.EMPLOYEE, order=30)
    nav_item(app, "charter_admin.overview", _l("Charter"), Role.MODERATOR, order=70, section="admin")
    app.register_blueprint(routes.bp)
    app.register_blueprint(admin_routes.bp)
    api.register_blueprint(charter_api.blp)
    app.cli.add_command(cli.check_command)
    app.cli.add_command(simulate_cli.charter_command)
    app.register_blueprint(simulation_pages.bp)
    api.register_blueprint(simulation_api.blp)
    app.jinja_env.globals.update(field_label=field_label, charter_value=describe_value, render_line=render_line)

    @app.errorhandler(CharterError)
    def _invalid_charter(error):
        # Services turn CharterError into InvalidCharter; this is the net for any that slips through.
        invalid = InvalidCharter(error)
        return error_response(invalid.status, invalid.code, invalid.message, invalid.fields)
