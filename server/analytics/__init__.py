"""Results: what the programme brings (dashboards for communication managers, administrators and leaders),
what each employee's sharing achieved, and recognition without competition (capped points, a charity
wallet, team goals, a leaderboard only when enabled and only for those who choose to appear).

Dashboards read rollups (`shared_targets`, `click_rollups`, see models.py), never raw clicks; the rollups
follow the share life cycle's transitions and a periodic job reading new clicks (rollups.py).
"""

from flask_babel import lazy_gettext as _l

from server.auth.roles import Role
from server.navigation import nav_item


def _template_context():
    from flask_babel import format_currency, format_number

    from server.analytics.recognition import figures_choice

    return {"figures_choice": figures_choice, "format_number": format_number,
            "format_money": lambda cents: format_currency((cents or 0) / 100, "EUR")}


def init_app(app):
    from server.analytics import admin_pages, demo, people_pages, rollups  # noqa: F401 (routes, jobs, demo)
    from server.analytics import api as analytics_api
    from server.analytics.conversions import conversion_parameters
    from server.analytics.pages import bp
    from server.api import api
    from server.shares import lifecycle
    from server.tracking.service import register_destination_parameters

    nav_item(app, "analytics.impact_page", _l("My impact"), Role.EMPLOYEE, order=45)
    nav_item(app, "analytics.recognition_page", _l("Points and giving"), Role.EMPLOYEE, order=46)
    nav_item(app, "analytics.team_page", _l("My team"), Role.LEADER, order=47)
    nav_item(app, "analytics.overview_page", _l("Results"), Role.LEADER, order=55, section="admin")
    nav_item(app, "analytics.campaigns_page", _l("Campaign results"), Role.LEADER, order=56, section="admin")
    nav_item(app, "analytics.settings_page", _l("Results settings"), Role.ADMIN, order=90, section="admin")
    app.register_blueprint(bp)
    api.register_blueprint(analytics_api.blp)
    app.context_processor(_template_context)
    lifecycle.on_transition(app, rollups.on_transition)
    register_destination_parameters(conversion_parameters)
