"""The installable web app: a manifest per language, a service worker that keeps the app shell and the
employee's last suggestions for when the phone has no network, and a page that says so.

What the service worker keeps is limited on purpose: the shell (styles, scripts, icons, the offline page,
none of which names anyone) and the signed-in employee's own "To share" page. Every page answer carries an
opaque tag of who is signed in (`X-PV-Session`, see `session_tag`); when the tag changes — another person, or
nobody after signing out — the worker drops the kept suggestions, so a shared phone never shows one person's
list to the next. It never answers a form or an API call from its cache and never holds a post for later:
sending needs the network, and the pages say so when it is missing (static/js/app-shell.js).
"""


def init_app(app):
    from server.pwa import routes

    app.register_blueprint(routes.bp)
    app.after_request(routes.tag_session)
