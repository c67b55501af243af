"""A fake Bluesky PDS: app-password sessions with rotating refresh JWTs, createRecord, listRecords."""

import itertools
import secrets
import time

import jwt
from flask import request

from .base import FakeNetwork, bearer_token, respond

_SIGNING_KEY = "fake-pds-signing-key-not-a-secret-0123456789"


class FakeBluesky(FakeNetwork):
    """A PDS on 127.0.0.1; point ``bluesky.Config(pds_url=fake.url)`` at it.

    ``create_session_calls`` counts logins (the real one allows about 30 per 5 minutes).
    ``did_doc_pds`` is the PDS the sessions' DID documents name (None: this fake itself).
    ``posts`` holds ``{"uri", "rkey", "record"}``; ``createRecord`` validates the record the way the
    PDS does that matters here: ``$type``, ``text``, ``createdAt``, facet byte ranges inside the text.
    """

    name = "bluesky"
    access_lifetime = 7200

    ERRORS = {
        "expired": (400, {"error": "ExpiredToken", "message": "Token has expired"}),
        "bad_login": (401, {"error": "AuthenticationRequired", "message": "Invalid identifier or password"}),
        "rate_limited": (429, {"error": "RateLimitExceeded", "message": "Rate Limit Exceeded"}),
        "server": (502, {"error": "UpstreamFailure", "message": "Upstream Failure"}),
    }

    def __init__(self, *, handle: str = "marie.bsky.social", app_password: str = "abcd-efgh-ijkl-mnop",
                 did: str = "did:plc:z72i7hdynmk6r22z27h6tvur", **serving):
        self.handle, self.app_password, self.did = handle, app_password, did
        self.create_session_calls = 0
        self.did_doc_pds: str | None = None
        self.access_tokens: dict[str, float] = {}
        self.refresh_tokens: set[str] = set()
        self.used_refresh_tokens: set[str] = set()
        self._rkeys = itertools.count(1)
        super().__init__(**serving)

    def routes(self):
        self.route("/xrpc/com.atproto.server.createSession", self.create_session, methods=["POST"])
        self.route("/xrpc/com.atproto.server.refreshSession", self.refresh_session, methods=["POST"])
        self.route("/xrpc/com.atproto.server.deleteSession", self.delete_session, methods=["POST"])
        self.route("/xrpc/com.atproto.repo.createRecord", self.create_record, methods=["POST"])
        self.route("/xrpc/com.atproto.repo.listRecords", self.list_records)

    def expire_tokens(self) -> None:
        """Make every access JWT issued so far expired."""
        with self.lock:
            for token in self.access_tokens:
                self.access_tokens[token] = time.time() - 1

    def create_session(self):
        body = request.get_json(silent=True) or {}
        with self.lock:
            self.create_session_calls += 1
        if body.get("identifier") not in (self.handle, self.did) or body.get("password") != self.app_password:
            return respond(*self.ERRORS["bad_login"])
        return respond(200, self._session())

    def refresh_session(self):
        token = bearer_token() or ""
        with self.lock:
            if token in self.used_refresh_tokens or token not in self.refresh_tokens:
                return respond(400, {"error": "ExpiredToken", "message": "Token has been revoked"})
            self.refresh_tokens.discard(token)
            self.used_refresh_tokens.add(token)
        return respond(200, self._session())

    def delete_session(self):
        token = bearer_token() or ""
        with self.lock:
            if token not in self.refresh_tokens:
                return respond(400, {"error": "ExpiredToken", "message": "Token has been revoked"})
            self.refresh_tokens.discard(token)
        return respond(200, "")

    def create_record(self):
        if (failure := self._check_access()) is not None:
            return failure
        body = request.get_json(silent=True) or {}
        record = body.get("record") or {}
        problem = _invalid(body, record, self.did)
        if problem:
            return respond(400, {"error": "InvalidRequest", "message": problem})
        rkey = f"3lfake{next(self._rkeys):07d}"
        uri = f"at://{self.did}/app.bsky.feed.post/{rkey}"
        with self.lock:
            self.posts.append({"uri": uri, "rkey": rkey, "record": record})
        return respond(200, {"uri": uri, "cid": "bafyrei" + secrets.token_hex(20),
                             "commit": {"cid": "bafyrei" + secrets.token_hex(20), "rev": rkey}})

    def list_records(self):
        if (failure := self._check_access()) is not None:
            return failure
        limit = int(request.args.get("limit", 50))
        with self.lock:
            newest_first = self.posts[::-1][:limit] if request.args.get("repo") == self.did else []
        return respond(200, {"records": [{"uri": p["uri"], "cid": "bafyreifake", "value": p["record"]}
                                         for p in newest_first]})

    def _check_access(self):
        with self.lock:
            expires = self.access_tokens.get(bearer_token() or "")
        if expires is None:
            return respond(401, {"error": "AuthenticationRequired", "message": "Invalid token"})
        if expires < time.time():
            return respond(*self.ERRORS["expired"])
        return None

    def _session(self) -> dict:
        now = int(time.time())
        access = jwt.encode({"scope": "com.atproto.appPass", "sub": self.did, "iat": now,
                             "exp": now + self.access_lifetime, "jti": secrets.token_hex(8)},
                            _SIGNING_KEY, algorithm="HS256")
        refresh = jwt.encode({"scope": "com.atproto.refresh", "sub": self.did, "iat": now,
                              "exp": now + 90 * 86400, "jti": secrets.token_hex(8)},
                             _SIGNING_KEY, algorithm="HS256")
        with self.lock:
            self.access_tokens[access] = now + self.access_lifetime
            self.refresh_tokens.add(refresh)
        did_doc = {"id": self.did, "service": [{"id": "#atproto_pds", "type": "AtprotoPersonalDataServer",
                                                "serviceEndpoint": self.did_doc_pds or self.url}]}
        return {"did": self.did, "handle": self.handle, "accessJwt": access, "refreshJwt": refresh,
                "didDoc": did_doc, "active": True}


def _invalid(body: dict, record: dict, did: str) -> str | None:
    """Why the PDS would refuse this createRecord, or None."""
    if body.get("repo") != did or body.get("collection") != "app.bsky.feed.post":
        return "repo or collection does not match the session"
    if record.get("$type") != "app.bsky.feed.post" or "text" not in record or "createdAt" not in record:
        return "Record/$type, text and createdAt are required"
    size = len(record["text"].encode("utf-8"))
    for facet in record.get("facets", []):
        start, end = facet["index"]["byteStart"], facet["index"]["byteEnd"]
        if not 0 <= start < end <= size:
            return f"facet byte range {start}-{end} outside the text ({size} bytes)"
    return None
