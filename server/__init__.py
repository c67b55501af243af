"""Porte-Voix: self-hosted employee advocacy. `create_app` builds the Flask application."""

import importlib

from flask import Flask

from server import config as config_module

__version__ = "0.1.0"

# Each area is a package whose init_app(app) registers its blueprints (pages and API), navigation entries,
# commands and jobs. Order matters only for the navigation and the demo data.
AREAS = ("server.auth", "server.portal", "server.admin", "server.charter", "server.library", "server.shares",
         "server.tracking", "server.analytics", "server.extension", "server.embed", "server.digests",
         "server.recruiting", "server.pwa", "server.webhooks")


def create_app(config=None):
    """Build the application: configuration, database, jobs, languages, protections, errors, areas."""
    app = Flask(__name__, instance_path=config_module.instance_path(config), instance_relative_config=True)
    config_module.configure(app, config)

    from server import api, cli, crypto, db, errors, health, i18n, jobs, logs, navigation, protection

    logs.init_app(app)  # first: its request id must be set before any other hook may log or refuse
    db.init_app(app)
    crypto.init_app(app)
    jobs.init_app(app)
    i18n.init_app(app)
    protection.init_app(app)
    errors.init_app(app)
    navigation.init_app(app)
    api.init_app(app)
    app.register_blueprint(health.bp)
    for area in AREAS:
        module = importlib.import_module(area)
        if hasattr(module, "init_app"):
            module.init_app(app)
    cli.init_app(app)
    return app
