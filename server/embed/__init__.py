"""The intranet share button: a loader any page includes (`/widget.js`), and the dialog it opens in a frame
(`/embed/…`), which reuses the portal's compose form and the charter's live check.

The loader (widget_js/src/loader.js) paints a button in a shadow root and requests nothing before a click;
the click opens `/embed/compose?url=…` in a modal frame; the frame and the host page talk by postMessage,
each checking the other's origin. See `framing.py` (who may frame the dialog), `articles.py` (what the dialog
can do with an address) and `server/auth/session_cookies.py` (the frame's session when the intranet is
another site).
"""

from flask_babel import lazy_gettext as _l

from server.auth.roles import Role
from server.navigation import nav_item


def init_app(app):
    from server.embed import admin_page, charter_steps, loader, pages  # noqa: F401 (charter_steps: its routes)

    nav_item(app, "share_button.share_button", _l("Share button"), Role.ADMIN, order=90, section="admin")
    app.register_blueprint(loader.bp)
    app.register_blueprint(pages.bp)
    app.register_blueprint(admin_page.bp)
    app.extensions.setdefault("auth.sign_in_steps", {})["/embed/"] = pages.signed_out_step
