"""The OAuth 2.0 authorization code flow, shared by LinkedIn, X and Mastodon (requests-oauthlib).

The flow spans two web requests (redirect out, callback in), and may run in different processes, so
nothing is kept on a session object: ``authorization_request`` returns the ``state`` and PKCE
``code_verifier`` for the caller to keep (in the signed Flask session) and hand back to ``exchange``.
No automatic refresh either: refresh tokens can be single-use (X), so the caller refreshes explicitly,
under a per-account lock, and stores the new token.
"""

import hmac
import time
from contextlib import contextmanager
from typing import NamedTuple
from urllib.parse import parse_qsl, urlsplit

import requests
from oauthlib.oauth2 import InsecureTransportError, OAuth2Error
from requests_oauthlib import OAuth2Session

from server.outbound import PUBLIC_ONLY, OutboundClient, OutboundError

from .api import (
    DEFAULT_TIMEOUT,
    USER_AGENT,
    Token,
    error_message,
    outbound_error,
    raise_for_status,
    send,
    transport_error,
)
from .errors import AuthorizationFailed, MissingScope, NetworkError, PermanentError, TokenExpired

_FORM_HEADERS = {
    "Accept": "application/json",
    "Content-Type": "application/x-www-form-urlencoded",
    "User-Agent": USER_AGENT,
}


class AuthorizationRequest(NamedTuple):
    """Where to send the employee, and what to keep until the callback (``code_verifier`` None: no PKCE)."""

    url: str
    state: str
    code_verifier: str | None


def authorization_request(authorize_url: str, *, client_id: str, redirect_uri: str, scopes,
                          pkce: bool, params: dict | None = None) -> AuthorizationRequest:
    """Build the authorization URL with a fresh ``state`` and, if ``pkce``, an S256 challenge."""
    # This session only builds a URL; it is mounted all the same, so no session here can call out unvetted.
    session = PUBLIC_ONLY.mount(OAuth2Session(client_id, redirect_uri=redirect_uri, scope=list(scopes),
                                              pkce="S256" if pkce else None))
    url, state = session.authorization_url(authorize_url, **(params or {}))
    # requests-oauthlib keeps the verifier on the session object, which dies with this request.
    return AuthorizationRequest(url, state, session._code_verifier if pkce else None)


def callback_code(authorization_response: str, expected_state: str, *, network: str) -> str:
    """The authorization code from the callback URL, after checking ``state`` and the network's answer.

    Parsed here rather than by oauthlib, which refuses a plain-http callback URL; behind a TLS-terminating
    proxy the application often sees its own URL as http.
    """
    query = dict(parse_qsl(urlsplit(authorization_response).query))
    if not expected_state or not hmac.compare_digest(query.get("state", ""), expected_state):
        raise AuthorizationFailed("the state returned does not match", reason="state_mismatch",
                                  network=network)
    if "error" in query:
        raise AuthorizationFailed(query.get("error_description") or query["error"], reason=query["error"],
                                  network=network)
    if not query.get("code"):
        raise AuthorizationFailed("no authorization code in the callback", reason="missing_code",
                                  network=network)
    return query["code"]


def exchange(token_url: str, *, network: str, outbound: OutboundClient, client_id: str,
             client_secret: str | None, redirect_uri: str, code: str, code_verifier: str | None,
             credentials_in_body: bool, timeout=DEFAULT_TIMEOUT) -> dict:
    """Trade an authorization code for a token (the raw token dict, ``expires_at`` computed).

    ``credentials_in_body`` sends ``client_id`` (and the secret, if any) in the form, as LinkedIn,
    Mastodon and public clients need; otherwise HTTP Basic authentication, as X wants for confidential
    clients.
    """
    # No scope on this session: oauthlib would raise when the grant differs from the request, and we
    # want to report a narrower grant ourselves (MissingScope) rather than an oauthlib Warning.
    session = outbound.mount(OAuth2Session(client_id, redirect_uri=redirect_uri))
    session.register_compliance_hook("access_token_response", _checker(network, refreshing=False))
    extra = {"code_verifier": code_verifier} if code_verifier else {}
    with _oauth_errors(network):
        return session.fetch_token(token_url, code=code, client_secret=client_secret,
                                   include_client_id=credentials_in_body, timeout=timeout,
                                   headers=dict(_FORM_HEADERS), **extra)


def refresh(token_url: str, *, network: str, outbound: OutboundClient, client_id: str,
            client_secret: str | None, refresh_token: str, credentials_in_body: bool,
            timeout=DEFAULT_TIMEOUT) -> dict:
    """Trade a refresh token for a new token. A refused refresh token raises ``TokenExpired``."""
    session = outbound.mount(OAuth2Session(client_id))
    session.register_compliance_hook("refresh_token_response", _checker(network, refreshing=True))
    if credentials_in_body:
        auth, body = None, {"client_id": client_id}
        if client_secret:
            body["client_secret"] = client_secret
    else:
        auth, body = requests.auth.HTTPBasicAuth(client_id, client_secret or ""), {}
    with _oauth_errors(network):
        return session.refresh_token(token_url, refresh_token=refresh_token, auth=auth, timeout=timeout,
                                     headers=dict(_FORM_HEADERS), **body)


def revoke(revoke_url: str, *, network: str, outbound: OutboundClient, token: str, hint: str, client_id: str,
           client_secret: str | None, credentials_in_body: bool, timeout=DEFAULT_TIMEOUT) -> None:
    """Revoke one token (RFC 7009); ``hint`` is ``access_token`` or ``refresh_token``. Revoking a token
    that is already dead succeeds."""
    form = {"token": token, "token_type_hint": hint}
    auth = None
    if credentials_in_body:
        form["client_id"] = client_id
        if client_secret:
            form["client_secret"] = client_secret
    else:
        auth = (client_id, client_secret or "")
    response = send("POST", revoke_url, network=network, outbound=outbound, timeout=timeout, data=form,
                    auth=auth, headers={"Accept": "application/json"})
    raise_for_status(response, network=network)


def granted_scopes(raw: dict, requested) -> tuple[str, ...]:
    """The scopes the network granted; networks that omit the field granted what was asked.

    LinkedIn separates scopes with commas, the others with spaces.
    """
    scope = raw.get("scope")
    if scope is None:
        return tuple(requested)
    # oauthlib has already split on spaces (a list); a comma-separated string stays one item.
    text = scope if isinstance(scope, str) else " ".join(str(item) for item in scope)
    return tuple(text.replace(",", " ").split())


def token_from_response(raw: dict, *, requested_scopes, **account) -> Token:
    """A ``Token`` from a token endpoint's answer (plus account fields the caller looked up)."""
    expires_at = raw.get("expires_at")
    if expires_at is None and raw.get("expires_in") is not None:
        expires_at = time.time() + float(raw["expires_in"])
    return Token(access_token=raw["access_token"], refresh_token=raw.get("refresh_token"),
                 expires_at=float(expires_at) if expires_at is not None else None,
                 scope=granted_scopes(raw, requested_scopes), **account)


def require_scopes(token: Token, required, *, network: str) -> None:
    """Raise ``MissingScope`` when the employee granted less than posting needs."""
    missing = [scope for scope in required if scope not in token.scope]
    if missing:
        raise MissingScope(f"the account was connected without {' '.join(missing)}", network=network)


def _checker(network: str, *, refreshing: bool):
    """A requests-oauthlib compliance hook mapping token-endpoint failures to our errors."""

    def check(response: requests.Response) -> requests.Response:
        if response.status_code in (400, 401):
            message = error_message(response)
            if refreshing:
                # invalid_grant, or X's invalid_request for a refresh token already used: reconnect.
                raise TokenExpired(message, network=network, status=response.status_code)
            reason = _oauth_error_code(response) or "invalid_grant"
            raise AuthorizationFailed(message, reason=reason, network=network, status=response.status_code)
        raise_for_status(response, network=network, creates=True)
        return response

    return check


def _oauth_error_code(response: requests.Response) -> str | None:
    try:
        body = response.json()
    except ValueError:
        return None
    return body.get("error") if isinstance(body, dict) and isinstance(body.get("error"), str) else None


@contextmanager
def _oauth_errors(network: str):
    """Translate what requests and oauthlib raise during a token call into our errors."""
    try:
        yield
    except (NetworkError, InsecureTransportError):
        # InsecureTransportError: an http endpoint, a configuration mistake to show as it is.
        raise
    except OutboundError as exc:
        raise outbound_error(exc, network=network) from exc
    except requests.RequestException as exc:
        raise transport_error(exc, network=network, method="POST") from exc
    except (OAuth2Error, Warning, KeyError, ValueError) as exc:
        raise PermanentError(f"unexpected token response: {exc}", network=network) from exc
