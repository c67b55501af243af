"""Porte-Voix: self-hosted employee advocacy. `create_app` builds the Flask application."""

import logging

from flask import Flask

from server import config as config_module

__version__ = "0.1.0"


def create_app(config=None):
    """Build the application: configuration, database, jobs, languages, protections, errors, areas."""
    app = Flask(__name__, instance_path=config_module.instance_path(config), instance_relative_config=True)
    config_module.configure(app, config)
    logging.basicConfig(level=app.config["LOG_LEVEL"], format="%(asctime)s %(levelname)s %(name)s: %(message)s")

    from server import api, auth, db, errors, i18n, jobs, navigation, protection

    db.init_app(app)
    jobs.init_app(app)
    i18n.init_app(app)
    protection.init_app(app)
    errors.init_app(app)
    auth.init_app(app)
    navigation.init_app(app)

    from server import health
    from server.admin import routes as admin_routes
    from server.auth import api as auth_api
    from server.portal import routes as portal_routes

    app.register_blueprint(health.bp)
    app.register_blueprint(portal_routes.bp)
    app.register_blueprint(admin_routes.bp)

    from server.admin import api as admin_api

    api.init_app(app, [auth_api.blp, admin_api.blp])

    from server import cli

    cli.init_app(app)
    return app
