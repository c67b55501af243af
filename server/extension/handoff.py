"""Connecting a browser's extension to the server with a personal API token.

The extension opens /extension/connect on the server; the signed-in employee confirms; the token is
created, named after the browser, and written into that page's answer only (a POST answer that is never
cached). The extension's content script on that page reads it, removes it from the page at once and hands
it to the extension by extension messaging: the token never travels in a URL, so no server, proxy or
browser history records it. It is an ordinary API token (stored hashed, listed and revocable on the
account page); the extension revokes it itself when the employee disconnects.
"""

from server.auth import tokens
from server.auth.models import ApiToken


def connect_browser(user, name):
    """A new token for the extension of one browser; returns the raw token.

    Connecting the same browser again (same name) revokes its previous token first, so reconnecting does
    not pile up tokens that nobody uses.
    """
    name = name.strip()
    previous = ApiToken.select().where(ApiToken.user == user, ApiToken.name == name, ApiToken.revoked_at.is_null())
    for row in previous:
        tokens.revoke_api_token(user, row.id)
    _row, raw = tokens.create_api_token(user, name)
    return raw


def disconnect(user, raw):
    """Revoke the token the extension presented (its "disconnect" button)."""
    return tokens.revoke_presented_token(user, raw)
