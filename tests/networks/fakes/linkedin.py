"""A fake LinkedIn: OAuth (credentials in the body, comma-separated scopes), userinfo and the Posts API."""

import itertools

from flask import request

from .authorization_server import AuthorizationServer
from .base import FakeNetwork, respond


class FakeLinkedIn(AuthorizationServer, FakeNetwork):
    """LinkedIn on 127.0.0.1. Point ``linkedin.Config(web_url=fake.url, api_url=fake.url, …)`` at it.

    ``posts`` holds ``{"urn", "json"}`` (the body as received). The Posts API checks the
    ``LinkedIn-Version`` and ``X-Restli-Protocol-Version`` headers and refuses a repeated commentary
    with LinkedIn's 422 ``DUPLICATE_POST`` naming the earlier post.
    """

    name = "linkedin"
    client_auth = "body"
    scope_separator = ","
    pkce = "none"
    access_token_lifetime = 60 * 24 * 3600
    issues_refresh_tokens = False
    known_scopes = ("openid", "profile", "email", "w_member_social")
    unauthorized_error = (401, {"status": 401, "serviceErrorCode": 65600, "code": "INVALID_ACCESS_TOKEN",
                                "message": "Invalid access token"})
    forbidden_error = (403, {"status": 403, "serviceErrorCode": 100, "code": "ACCESS_DENIED",
                             "message": "Not enough permissions to access: partnerApiPostsExternal.CREATE"})
    supported_versions = ("202601", "202610")

    ERRORS = {
        "expired": unauthorized_error,
        "missing_scope": forbidden_error,
        "rate_limited": (429, {"status": 429, "message": "Resource level throttle APPLICATION DAY limit"}),
        "server": (500, {"status": 500, "message": "Internal Server Error"}),
        "version": (426, {"status": 426, "code": "NONEXISTENT_VERSION",
                          "message": "Requested version 202401 is not active"}),
    }

    def __init__(self, *, client_id: str = "li-client-id", client_secret: str = "li-client-secret",
                 member_id: str = "AbC123xYz", member_name: str = "Marie Dupont", **serving):
        self.member = {"sub": member_id, "name": member_name, "email": "marie@example.com"}
        self._ids = itertools.count(7_300_000_000_000_000_000)
        super().__init__(**serving)
        self.setup_oauth({client_id: client_secret})

    def routes(self):
        self.route("/oauth/v2/authorization", self.authorize_view)
        self.route("/oauth/v2/accessToken", self.token_view, methods=["POST"])
        self.route("/oauth/v2/revoke", self.revoke_view, methods=["POST"])
        self.route("/v2/userinfo", self.userinfo)
        self.route("/rest/posts", self.create_post, methods=["POST"])

    def userinfo(self):
        _info, failure = self.check_bearer("openid")
        return failure or respond(200, self.member)

    def create_post(self):
        _info, failure = self.check_bearer("w_member_social")
        if failure:
            return failure
        if request.headers.get("X-Restli-Protocol-Version") != "2.0.0":
            return respond(400, {"status": 400, "message": "X-Restli-Protocol-Version 2.0.0 required"})
        if request.headers.get("LinkedIn-Version") not in self.supported_versions:
            return respond(*self.ERRORS["version"])
        body = request.get_json(silent=True) or {}
        if body.get("author") != f"urn:li:person:{self.member['sub']}":
            return respond(403, {"status": 403, "message": "author does not match the token's member"})
        with self.lock:
            earlier = next((p for p in self.posts if p["json"]["commentary"] == body.get("commentary")), None)
            if earlier is not None:
                return respond(422, _duplicate(earlier["urn"]))
            urn = f"urn:li:share:{next(self._ids)}"
            self.posts.append({"urn": urn, "json": body})
        return respond(201, "", {"x-restli-id": urn})


def _duplicate(urn: str) -> dict:
    return {"errorDetailType": "com.linkedin.common.error.BadRequest",
            "message": f"com.linkedin.content.common.exception.BadRequestResponseException: "
                       f"Content is a duplicate of {urn}",
            "errorDetails": {"inputErrors": [{"description": "Duplicate post is detected", "input": {},
                                              "code": "DUPLICATE_POST"}]},
            "status": 422}
