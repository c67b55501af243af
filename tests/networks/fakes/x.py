"""A fake X (API v2): OAuth 2.0 with PKCE, rotating single-use refresh tokens, posts and timelines."""

import html
import itertools
import re

from flask import request

from .authorization_server import AuthorizationServer
from .base import FakeNetwork, respond


class FakeX(AuthorizationServer, FakeNetwork):
    """X on 127.0.0.1. Point ``x.Config(web_url=fake.url, api_url=fake.url, …)`` at it.

    ``client_secret=None`` makes the registered client public (client_id in the body, no Basic).
    ``posts`` holds ``{"id", "text", "author_id"}``; a post whose text repeats the account's earlier one
    is refused with X's 403 duplicate answer.
    """

    name = "x"
    client_auth = "basic"
    pkce = "required"
    access_token_lifetime = 7200
    refresh_scope = "offline.access"
    rotate_refresh_tokens = True
    known_scopes = ("tweet.read", "tweet.write", "users.read", "offline.access", "follows.read")
    # What X answers for a refresh token already used (it does not say invalid_grant).
    invalid_refresh_error = (400, {"error": "invalid_request",
                                   "error_description": "Value passed for the token was invalid."})
    unauthorized_error = (401, {"title": "Unauthorized", "type": "about:blank", "status": 401,
                                "detail": "Unauthorized"})
    forbidden_error = (403, {"title": "Forbidden", "type": "about:blank", "status": 403,
                             "detail": "You are not permitted to perform this action."})

    ERRORS = {
        "expired": unauthorized_error,
        "missing_scope": forbidden_error,
        "rate_limited": (429, {"title": "Too Many Requests", "type": "about:blank", "status": 429,
                               "detail": "Too Many Requests"}),
        "duplicate": (403, {"detail": "You are not allowed to create a Tweet with duplicate content.",
                            "type": "about:blank", "title": "Forbidden", "status": 403}),
        "server": (503, {"title": "Service Unavailable", "status": 503, "detail": "Service Unavailable"}),
    }

    def __init__(self, *, client_id: str = "x-client-id", client_secret: str | None = "x-client-secret",
                 user_id: str = "1500000000000000001", username: str = "marie_dupont", **serving):
        self.user = {"id": user_id, "username": username, "name": "Marie Dupont"}
        self._ids = itertools.count(1_800_000_000_000_000_000)
        super().__init__(**serving)
        self.setup_oauth({client_id: client_secret})

    def routes(self):
        self.route("/i/oauth2/authorize", self.authorize_view)
        self.route("/2/oauth2/token", self.token_view, methods=["POST"])
        self.route("/2/oauth2/revoke", self.revoke_view, methods=["POST"])
        self.route("/2/users/me", self.me)
        self.route("/2/tweets", self.create_post, methods=["POST"])
        self.route("/2/users/<user_id>/tweets", self.timeline)

    def me(self):
        _info, failure = self.check_bearer("users.read")
        return failure or respond(200, {"data": self.user})

    def create_post(self):
        _info, failure = self.check_bearer("tweet.write")
        if failure:
            return failure
        text = (request.get_json(silent=True) or {}).get("text", "")
        with self.lock:
            if any(p["text"] == text for p in self.posts):
                return respond(*self.ERRORS["duplicate"])
            post = {"id": str(next(self._ids)), "text": text, "author_id": self.user["id"]}
            self.posts.append(post)
        return respond(201, {"data": {"id": post["id"], "text": text}})

    def timeline(self, user_id):
        _info, failure = self.check_bearer("tweet.read")
        if failure:
            return failure
        limit = int(request.args.get("max_results", 10))
        with self.lock:
            mine = [p for p in self.posts if p["author_id"] == user_id][::-1][:limit]
        # As X shows them: links shortened to t.co, text HTML-escaped.
        shown = [{"id": p["id"], "text": html.escape(re.sub(r"https?://\S+", "https://t.co/AbCdEf", p["text"]),
                                                    quote=False)}
                 for p in mine]
        return respond(200, {"data": shown, "meta": {"result_count": len(shown)}} if shown else
                       {"meta": {"result_count": 0}})
