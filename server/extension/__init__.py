"""The browser extension's side of the server: the page where a signed-in employee connects the extension
of one browser (the token hand-off), the endpoint an extension calls to disconnect itself, and the
administrators' install and managed-configuration instructions."""

from flask_babel import lazy_gettext as _l

from server.auth.roles import Role
from server.navigation import nav_item

# The extension's identity, as its build declares it (extension/platform/*.json; a test keeps them equal).
# Chrome derives the id from the public key pinned in the Chrome manifest, so every unpacked or zipped
# copy of this build has this id; a copy packed and signed with another key (a company's own CRX, the
# Chrome Web Store) has another id. Firefox uses the gecko id whatever the install.
CHROME_EXTENSION_ID = "nhfloekepjhkfmplgkbfdgbfefnnpoln"
FIREFOX_EXTENSION_ID = "porte-voix@porte-voix.invalid"


def init_app(app):
    from server.api import api
    from server.extension import api as extension_api
    from server.extension import routes

    nav_item(app, "extension.admin", _l("Browser extension"), Role.ADMIN, order=92, section="admin")
    app.register_blueprint(routes.bp)
    api.register_blueprint(extension_api.blp)
