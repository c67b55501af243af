"""E-mail to employees: digests of new links (weekly, daily or never, each person's choice) with signed,
expiring Share buttons and a one-click unsubscribe; administrators' announcements and leaders' relays.

- preferences.py: who receives what, and the programme's one invitation to subscribe;
- content.py, sending.py, jobs.py: what a digest holds, and the crash-safe periodic sending;
- announcements.py: announcements to an audience, tests on oneself, relays;
- signed_links.py: the single-purpose signed links e-mails carry; mailing.py: multipart messages;
- routes.py (public links, the account's choice), admin_pages.py (announcements, relays).
"""

from flask_babel import lazy_gettext as _l

from server.auth.roles import Role
from server.navigation import nav_item


def _template_context():
    from server.digests.preferences import FREQUENCY_LABELS, preference_of

    return {"digest_preference": preference_of, "digest_frequencies": FREQUENCY_LABELS}


def init_app(app):
    from server.digests import admin_pages, data, jobs, routes  # noqa: F401 (data: the export)
    from server.protection import exempt_signed_link_endpoint

    app.register_blueprint(routes.bp)
    app.register_blueprint(admin_pages.bp)
    app.context_processor(_template_context)
    # Their URL carries a signed token: mail clients post the one-click unsubscribe with no session.
    for endpoint in ("digests.unsubscribe", "digests.subscribe"):
        exempt_signed_link_endpoint(app, endpoint)
    app.cli.add_command(jobs.digests_cli)
    nav_item(app, "digest_admin.team_announcements", _l("Team announcements"), Role.LEADER, order=48)
    nav_item(app, "digest_admin.announcements_page", _l("Announcements"), Role.ADMIN, order=57, section="admin")
