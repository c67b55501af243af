"""A fake Mastodon instance: app registration, OAuth (PKCE from 4.3), statuses with Idempotency-Key."""

import html
import itertools
import re
import secrets
from datetime import UTC, datetime, timedelta

from flask import request

from .authorization_server import AuthorizationServer
from .base import FakeNetwork, respond


class FakeMastodon(AuthorizationServer, FakeNetwork):
    """A Mastodon instance on 127.0.0.1; ``instance_url`` for the client is ``fake.url``.

    ``pkce=False`` plays an instance older than 4.3 (no OAuth metadata, challenge ignored).
    ``apps`` holds the registered apps, ``posts`` the statuses (``{"id", "text", "language",
    "idempotency_key", "json"}``). A repeat with the same ``Idempotency-Key`` returns the first status
    instead of posting again, as Mastodon does within an hour.
    """

    name = "mastodon"
    client_auth = "body"
    pkce = "optional"
    access_token_lifetime = None
    issues_refresh_tokens = False
    known_scopes = ("read", "write", "write:statuses", "read:accounts", "profile")
    unauthorized_error = (401, {"error": "The access token is invalid"})
    forbidden_error = (403, {"error": "This action is outside the authorized scopes"})

    ERRORS = {
        "expired": unauthorized_error,
        "missing_scope": forbidden_error,
        "rate_limited": (429, {"error": "Too many requests"}),
        "validation": (422, {"error": "Validation failed: Text character limit of 500 exceeded"}),
        "server": (503, {"error": "Service Unavailable"}),
    }

    def __init__(self, *, pkce: bool = True, username: str = "marie", account_id: str = "109876543210", **serving):
        self.supports_pkce = pkce
        self.pkce = "optional" if pkce else "none"
        self.account = {"id": account_id, "username": username, "acct": username, "followers_count": 321}
        self.apps: list[dict] = []
        self._ids = itertools.count(113_000_000_000_000_000)
        self._by_key: dict[str, dict] = {}
        super().__init__(**serving)
        self.setup_oauth({})

    def routes(self):
        self.route("/api/v1/apps", self.register_app, methods=["POST"])
        self.route("/.well-known/oauth-authorization-server", self.metadata)
        self.route("/oauth/authorize", self.authorize_view)
        self.route("/oauth/token", self.token_view, methods=["POST"])
        self.route("/oauth/revoke", self.revoke_view, methods=["POST"])
        self.route("/api/v1/accounts/verify_credentials", self.verify_credentials)
        self.route("/api/v1/statuses", self.create_status, methods=["POST"])
        self.route("/api/v1/accounts/<account_id>/statuses", self.account_statuses)

    def register_app(self):
        form = request.form
        if not form.get("client_name") or not form.get("redirect_uris"):
            return respond(422, {"error": "Validation failed: Name can't be blank"})
        app = {"id": str(len(self.apps) + 1), "name": form["client_name"], "website": form.get("website"),
               "redirect_uris": form["redirect_uris"].split(), "scopes": form.get("scopes", "read").split(),
               "client_id": secrets.token_urlsafe(16), "client_secret": secrets.token_urlsafe(24)}
        with self.lock:
            self.apps.append(app)
            self.clients[app["client_id"]] = app["client_secret"]
            self.redirect_uris.update(app["redirect_uris"])
        return respond(200, {**app, "redirect_uri": form["redirect_uris"], "client_secret_expires_at": 0})

    def metadata(self):
        if not self.supports_pkce:
            return respond(404, {"error": "Record not found"})
        return respond(200, {"issuer": f"{self.url}/", "authorization_endpoint": f"{self.url}/oauth/authorize",
                             "token_endpoint": f"{self.url}/oauth/token",
                             "revocation_endpoint": f"{self.url}/oauth/revoke",
                             "code_challenge_methods_supported": ["S256"]})

    def verify_credentials(self):
        _info, failure = self.check_bearer()
        return failure or respond(200, self.account)

    def create_status(self):
        _info, failure = self.check_bearer("write:statuses")
        if failure:
            return failure
        body = request.get_json(silent=True) or {}
        key = request.headers.get("Idempotency-Key")
        with self.lock:
            if key and key in self._by_key:
                return respond(200, self._entity(self._by_key[key]))
            if not body.get("status"):
                return respond(*self.ERRORS["validation"])
            status = {"id": str(next(self._ids)), "text": body["status"], "language": body.get("language"),
                      "idempotency_key": key, "json": body,
                      "created_at": datetime.now(UTC).isoformat(timespec="milliseconds")}
            self.posts.append(status)
            if key:
                self._by_key[key] = status
        return respond(200, self._entity(status))

    def account_statuses(self, account_id):
        _info, failure = self.check_bearer()
        if failure:
            return failure
        limit = int(request.args.get("limit", 20))
        with self.lock:
            newest_first = self.posts[::-1][:limit] if account_id == self.account["id"] else []
        return respond(200, [self._entity(status) for status in newest_first])

    def rate_limit_headers(self, seconds: int = 120) -> dict:
        """Headers of a 429, ``X-RateLimit-Reset`` as Mastodon writes it (ISO 8601)."""
        reset = (datetime.now(UTC) + timedelta(seconds=seconds)).isoformat(timespec="milliseconds")
        return {"X-RateLimit-Limit": "300", "X-RateLimit-Remaining": "0",
                "X-RateLimit-Reset": reset.replace("+00:00", "Z")}

    def _entity(self, status: dict) -> dict:
        return {"id": status["id"], "created_at": status["created_at"], "language": status["language"],
                "visibility": "public", "url": f"{self.url}/@{self.account['username']}/{status['id']}",
                "uri": f"{self.url}/users/{self.account['username']}/statuses/{status['id']}",
                "content": to_html(status["text"]), "account": self.account}


def to_html(text: str) -> str:
    """A status's text as Mastodon renders it: paragraphs, line breaks, links split in spans."""
    def link(match):
        url = match.group(0)
        scheme, rest = url.split("://", 1)
        return (f'<a href="{url}" rel="nofollow noopener" target="_blank"><span class="invisible">{scheme}://'
                f'</span><span class="ellipsis">{rest[:30]}</span><span class="invisible">{rest[30:]}</span></a>')

    paragraphs = []
    for paragraph in text.split("\n\n"):
        escaped = html.escape(paragraph, quote=False)
        escaped = re.sub(r"https?://[^\s<]+", link, escaped)
        paragraphs.append("<p>" + escaped.replace("\n", "<br />") + "</p>")
    return "".join(paragraphs)
