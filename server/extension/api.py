"""The extension's own endpoint in the JSON API: disconnecting (revoking the token it presents)."""

from flask import g, request
from flask_babel import lazy_gettext as _l
from flask_smorest import Blueprint

from server.auth.roles import Role, access
from server.errors import InvalidInput
from server.extension import handoff

blp = Blueprint("extension_api", __name__, url_prefix="/api/v1", description="The browser extension.")


@blp.route("/extension/token", methods=["DELETE"])
@blp.response(204)
@access(Role.EMPLOYEE)
def disconnect():
    """Revoke the bearer token this request presents (the extension disconnecting itself)."""
    if not g.bearer_authenticated:
        raise InvalidInput(_l("Send the token to revoke in an 'Authorization: Bearer' header."))
    raw = request.headers["Authorization"].partition(" ")[2].strip()
    handoff.disconnect(g.user, raw)
