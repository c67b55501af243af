"""OAuth 2.0 authorization-code endpoints, as LinkedIn, X and Mastodon run them (a mixin for fakes).

Checks what a real server checks: the client and its credentials (in the body or HTTP Basic, as the
network wants), the redirect URI, the scopes, single-use codes, PKCE S256 (challenge against verifier),
refresh tokens (optionally rotating and single-use, like X's) and bearer tokens on API calls.
"""

import base64
import hashlib
import secrets
import time
from urllib.parse import urlencode

import requests
from flask import redirect, request

from .base import bearer_token, respond


def s256(verifier: str) -> str:
    """The PKCE S256 challenge of a verifier."""
    return base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).rstrip(b"=").decode()


class AuthorizationServer:
    """Mixin for a ``FakeNetwork``; call ``setup_oauth`` in ``__init__`` and route the three views."""

    client_auth = "body"            # "body": client_id/client_secret in the form; "basic": HTTP Basic
    scope_separator = " "           # LinkedIn answers with commas
    pkce = "optional"               # "required" (X), "optional" (Mastodon 4.3+, LinkedIn ignores it), "none"
    access_token_lifetime: float | None = 7200
    rotate_refresh_tokens = True
    refresh_scope: str | None = None   # a scope the grant needs to get a refresh token (X: offline.access)
    issues_refresh_tokens = True
    known_scopes: tuple[str, ...] = ()
    invalid_refresh_error = (400, {"error": "invalid_grant", "error_description": "invalid refresh token"})
    unauthorized_error = (401, {"error": "invalid_token"})
    forbidden_error = (403, {"error": "insufficient_scope"})

    def setup_oauth(self, clients: dict, redirect_uris: tuple[str, ...] = ()):
        """``clients`` maps client_id to secret (None: a public client)."""
        self.clients = dict(clients)
        self.redirect_uris = set(redirect_uris)
        self.codes: dict[str, dict] = {}
        self.access_tokens: dict[str, dict] = {}
        self.refresh_tokens: dict[str, dict] = {}
        self.used_refresh_tokens: set[str] = set()
        self.revoked: list[str] = []
        self.deny_next_authorization = False
        self.grant_only: tuple[str, ...] | None = None   # grant fewer scopes than asked

    # --- helpers for tests ------------------------------------------------------------------------

    def approve(self, authorization_url: str) -> str:
        """Play the employee clicking "Authorize": open the URL, return the callback URL it redirects to."""
        response = requests.get(authorization_url, allow_redirects=False, timeout=5)
        assert response.status_code in (302, 303), response.text
        return response.headers["Location"]

    def expire_tokens(self) -> None:
        """Make every access token issued so far expired (API calls answer 401)."""
        with self.lock:
            for info in self.access_tokens.values():
                info["expires_at"] = time.time() - 1

    # --- views ------------------------------------------------------------------------------------

    def authorize_view(self):
        args = request.args
        if args.get("client_id") not in self.clients:
            return respond(400, "unknown client_id")
        if self.redirect_uris and args.get("redirect_uri") not in self.redirect_uris:
            return respond(400, "redirect_uri not registered")
        if args.get("response_type") != "code":
            return respond(400, "response_type must be code")
        scopes = args.get("scope", "").split()
        if self.known_scopes and not set(scopes) <= set(self.known_scopes):
            return respond(400, f"unknown scope in {scopes}")
        challenge = args.get("code_challenge")
        if self.pkce == "required" and (not challenge or args.get("code_challenge_method") != "S256"):
            return respond(400, "PKCE S256 required")
        target = args["redirect_uri"]
        if self.deny_next_authorization:
            self.deny_next_authorization = False
            return redirect(f"{target}?{urlencode({'error': 'access_denied', 'state': args.get('state', '')})}")
        code = secrets.token_urlsafe(16)
        granted = list(self.grant_only) if self.grant_only is not None else scopes
        with self.lock:
            self.codes[code] = {"client_id": args["client_id"], "redirect_uri": target, "scopes": granted,
                                "challenge": challenge if self.pkce != "none" else None}
        return redirect(f"{target}?{urlencode({'code': code, 'state': args.get('state', '')})}")

    def token_view(self):
        client_id, failure = self._authenticate_client()
        if failure is not None:
            return failure
        grant_type = request.form.get("grant_type")
        if grant_type == "authorization_code":
            return self._grant_code(client_id)
        if grant_type == "refresh_token":
            return self._grant_refresh(client_id)
        return respond(400, {"error": "unsupported_grant_type"})

    def revoke_view(self):
        _client_id, failure = self._authenticate_client()
        if failure is not None:
            return failure
        token = request.form.get("token", "")
        with self.lock:
            self.revoked.append(token)
            self.access_tokens.pop(token, None)
            self.refresh_tokens.pop(token, None)
        return respond(200, {})

    # --- bearer check for API views -----------------------------------------------------------------

    def check_bearer(self, scope: str | None = None):
        """(token info, None) when the request's bearer token is valid and has ``scope``, else (None, error)."""
        with self.lock:
            info = self.access_tokens.get(bearer_token() or "")
        if info is None or (info["expires_at"] is not None and info["expires_at"] < time.time()):
            return None, respond(*self.unauthorized_error)
        if scope is not None and scope not in info["scopes"]:
            return None, respond(*self.forbidden_error)
        return info, None

    # --- internals --------------------------------------------------------------------------------

    def _authenticate_client(self):
        form, auth = request.form, request.authorization
        if self.client_auth == "basic" and auth is not None:
            client_id, secret = auth.username, auth.password
        else:
            client_id, secret = form.get("client_id"), form.get("client_secret")
        if client_id not in self.clients:
            return None, respond(401, {"error": "invalid_client"})
        expected = self.clients[client_id]
        if expected is None:
            # A public client proves nothing but its id, which must come in the body.
            ok = auth is None and "client_secret" not in form
        elif self.client_auth == "basic":
            ok = auth is not None and secret == expected and "client_secret" not in form
        else:
            ok = auth is None and secret == expected
        if not ok:
            return None, respond(401, {"error": "invalid_client"})
        return client_id, None

    def _grant_code(self, client_id: str):
        form = request.form
        with self.lock:
            grant = self.codes.pop(form.get("code", ""), None)
        if grant is None or grant["client_id"] != client_id:
            return respond(400, {"error": "invalid_grant", "error_description": "unknown code"})
        if form.get("redirect_uri") != grant["redirect_uri"]:
            return respond(400, {"error": "invalid_grant", "error_description": "redirect_uri"})
        if grant["challenge"] is not None and s256(form.get("code_verifier", "")) != grant["challenge"]:
            return respond(400, {"error": "invalid_grant", "error_description": "PKCE check failed"})
        return respond(200, self._issue(client_id, grant["scopes"]))

    def _grant_refresh(self, client_id: str):
        presented = request.form.get("refresh_token", "")
        with self.lock:
            grant = self.refresh_tokens.get(presented)
            if grant is None or presented in self.used_refresh_tokens or grant["client_id"] != client_id:
                return respond(*self.invalid_refresh_error)
            if self.rotate_refresh_tokens:
                self.used_refresh_tokens.add(presented)
                del self.refresh_tokens[presented]
            body = self._issue(client_id, grant["scopes"], refresh=self.rotate_refresh_tokens)
        if not self.rotate_refresh_tokens:
            body["refresh_token"] = presented
        return respond(200, body)

    def _issue(self, client_id: str, scopes: list[str], *, refresh: bool = True) -> dict:
        access = secrets.token_urlsafe(24)
        lifetime = self.access_token_lifetime
        with self.lock:
            self.access_tokens[access] = {"client_id": client_id, "scopes": list(scopes),
                                          "expires_at": time.time() + lifetime if lifetime else None}
        body = {"access_token": access, "token_type": "bearer", "scope": self.scope_separator.join(scopes)}
        if lifetime:
            body["expires_in"] = int(lifetime)
        wants_refresh = self.issues_refresh_tokens and (self.refresh_scope is None or self.refresh_scope in scopes)
        if refresh and wants_refresh:
            token = secrets.token_urlsafe(24)
            with self.lock:
                self.refresh_tokens[token] = {"client_id": client_id, "scopes": list(scopes)}
            body["refresh_token"] = token
        return body
