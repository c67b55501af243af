"""The installable web app: a manifest per language, a service worker that keeps the app shell and the
employee's last suggestions for when the phone has no network, and a page that says so.

What the service worker keeps is limited on purpose: the shell (styles, scripts, icons, the offline page,
none of which names anyone) and the signed-in employee's own "To share" page. Every page answer carries an
opaque tag of who is signed in (`X-PV-Session`, see `session_tag`); when the tag changes — another person, or
nobody after signing out — the worker drops the kept suggestions, so a shared phone never shows one person's
list to the next. It never answers a form or an API call from its cache and never holds a post for later:
sending needs the network, and the pages say so when it is missing (static/js/app-shell.js).

Web push for new campaigns is off until an employee turns it on for a device, on the "On this phone" page
(`server/pwa/push.py`).
"""


from flask_babel import lazy_gettext as _l

from server.navigation import nav_item


def init_app(app):
    from server.api import api
    from server.pwa import api as push_api
    from server.pwa import push, routes  # noqa: F401 (push declares its periodic job)

    nav_item(app, "pwa.this_phone", _l("On this phone"), order=82, section="account")
    app.register_blueprint(routes.bp)
    api.register_blueprint(push_api.blp)
    app.after_request(routes.tag_session)
