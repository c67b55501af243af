"""X (formerly Twitter): share intent, and direct posting through API v2.

The intent is the default. Since February 2026 new X apps pay per call and X's automation rules forbid
near-identical posts from several accounts, so direct posting exists only for companies that configure
their own X app keys (``Config``).

OAuth 2.0 authorization code with PKCE (S256). Access tokens last about two hours; with
``offline.access`` X issues a refresh token that rotates on every refresh and works once: refresh under a
per-account lock and store the new token at once, or the next refresh fails and the employee must
reconnect.
"""

from dataclasses import dataclass, replace

from server.outbound import PUBLIC_ONLY, OutboundClient

from . import api, oauth
from .api import DEFAULT_TIMEOUT, PostResult, Token, bearer, comparable_text, raise_for_status, send
from .composer import composer_url, contains_link, text_with_link
from .descriptor import Intent, LengthLimit
from .errors import DuplicatePost, NetworkError, TokenExpired

name = "x"
label = {"fr": "X (Twitter)", "en": "X (Twitter)"}
length = LengthLimit(280, "twitter")
prefills_text = True
needs_instance = False
posts_directly = True
auth = "oauth2"
settings = (
    ("X_CLIENT_ID", "", "The company's X app (OAuth 2.0), for direct posting to X; X bills its API per call. "
     "Empty: X by share intent only."),
    ("X_CLIENT_SECRET", "", "Secret of that X app (empty for a public client)."),
)
"""The server settings (PV_…) this network reads: (key, default, description)."""


def is_configured(settings) -> bool:
    """Direct posting needs the company's own X app (X bills its API per call)."""
    return bool(settings.get("X_CLIENT_ID"))

INTENT_URL = "https://x.com/intent/tweet"
SCOPES = ("tweet.read", "tweet.write", "users.read", "offline.access")
# POST /2/tweets needs all three; offline.access only buys refresh tokens.
REQUIRED_SCOPES = ("tweet.read", "tweet.write", "users.read")


def build_intent(text: str, url: str, *, title: str | None = None, instance: str | None = None) -> Intent:
    """Text prefilled; the link in ``url`` unless the employee already wrote it into the text.

    ``x.com/intent/tweet`` is the documented address (``/intent/post`` also works today).
    """
    text = text.strip()
    return Intent(composer_url(INTENT_URL, ("text", text), ("url", None if contains_link(text, url) else url)))


@dataclass(frozen=True)
class Config:
    """The company's X app. ``client_secret`` None means a public client (PKCE alone, id in the body)."""

    client_id: str
    client_secret: str | None = None
    scopes: tuple[str, ...] = SCOPES
    web_url: str = "https://x.com"
    api_url: str = "https://api.x.com"
    timeout: tuple[float, float] = DEFAULT_TIMEOUT
    outbound: OutboundClient = PUBLIC_ONLY
    """What the client may call (public addresses only unless the operator allows more)."""

    @property
    def authorize_url(self) -> str:
        return f"{self.web_url}/i/oauth2/authorize"

    @property
    def token_url(self) -> str:
        return f"{self.api_url}/2/oauth2/token"

    @property
    def revoke_url(self) -> str:
        return f"{self.api_url}/2/oauth2/revoke"

    @property
    def public_client(self) -> bool:
        return not self.client_secret


def app_config(settings, **overrides) -> "Config":
    """The Config from the server's settings (``overrides``: endpoints and timeouts, for tests)."""
    return Config(settings["X_CLIENT_ID"], settings.get("X_CLIENT_SECRET") or None, **overrides)


needs_refresh = api.needs_refresh
needs_reconnect = api.needs_reconnect


def authorization_url(config: Config, redirect_uri: str) -> oauth.AuthorizationRequest:
    """Where to send the employee: (url, state, code_verifier); keep state and verifier for the callback."""
    return oauth.authorization_request(config.authorize_url, client_id=config.client_id,
                                       redirect_uri=redirect_uri, scopes=config.scopes, pkce=True)


def exchange_code(config: Config, redirect_uri: str, authorization_response: str, state: str,
                  code_verifier: str | None) -> Token:
    """Finish the connection from the callback URL: the token, with the account's id and @username."""
    code = oauth.callback_code(authorization_response, state, network=name)
    raw = oauth.exchange(config.token_url, network=name, outbound=config.outbound, client_id=config.client_id,
                         client_secret=config.client_secret, redirect_uri=redirect_uri, code=code,
                         code_verifier=code_verifier, credentials_in_body=config.public_client,
                         timeout=config.timeout)
    token = oauth.token_from_response(raw, requested_scopes=config.scopes)
    oauth.require_scopes(token, REQUIRED_SCOPES, network=name)
    me = _get(config, token, "/2/users/me")["data"]
    return replace(token, account_id=str(me["id"]), account_name=f"@{me['username']}")


def refresh(config: Config, token: Token) -> Token:
    """A new token from the refresh token. The old refresh token is dead afterwards: store the new one."""
    if not token.refresh_token:
        raise TokenExpired("no refresh token (offline.access not granted): reconnect", network=name)
    raw = oauth.refresh(config.token_url, network=name, outbound=config.outbound, client_id=config.client_id,
                        client_secret=config.client_secret, refresh_token=token.refresh_token,
                        credentials_in_body=config.public_client, timeout=config.timeout)
    fresh = oauth.token_from_response(raw, requested_scopes=token.scope)
    return replace(fresh, account_id=token.account_id, account_name=token.account_name, extra=token.extra)


def revoke(config: Config, token: Token) -> None:
    """Revoke the refresh token (which ends the grant) and the access token."""
    pairs = [(token.refresh_token, "refresh_token"), (token.access_token, "access_token")]
    for value, hint in pairs:
        if value:
            oauth.revoke(config.revoke_url, network=name, outbound=config.outbound, token=value, hint=hint,
                         client_id=config.client_id, client_secret=config.client_secret,
                         credentials_in_body=config.public_client, timeout=config.timeout)


def post(config: Config, token: Token, text: str, *, link: str | None = None, title: str | None = None,
         description: str | None = None, language: str | None = None,
         idempotency_key: str | None = None) -> PostResult:
    """Publish a post; the link goes into the text (X builds the card from it).

    X takes no idempotency key and detects the language itself; it refuses an identical repeat with
    ``DuplicatePost``. A 401 raises ``TokenExpired``: refresh (under the lock) and try again.
    """
    body = {"text": text_with_link(text, link) if link else text.strip()}
    response = send("POST", f"{config.api_url}/2/tweets", network=name, outbound=config.outbound,
                    timeout=config.timeout, json=body, headers=bearer(token))
    raise_for_status(response, network=name, classify=_classify, creates=True)
    post_id = str(response.json()["data"]["id"])
    return PostResult(post_id, _post_url(config, token, post_id))


def find_recent_post(config: Config, token: Token, text: str, *, link: str | None = None,
                     idempotency_key: str | None = None, limit: int = 20) -> PostResult | None:
    """After an uncertain outcome: the account's recent post with this text, if it went through."""
    expected = comparable_text(text_with_link(text, link) if link else text)
    params = {"max_results": max(5, min(limit, 100)), "exclude": "retweets,replies",
              "tweet.fields": "created_at"}
    timeline = _get(config, token, f"/2/users/{token.account_id}/tweets", params=params)
    for tweet in timeline.get("data") or []:
        if comparable_text(tweet.get("text", "")) == expected:
            return PostResult(str(tweet["id"]), _post_url(config, token, str(tweet["id"])))
    return None


def _get(config: Config, token: Token, path: str, params: dict | None = None) -> dict:
    response = send("GET", f"{config.api_url}{path}", network=name, outbound=config.outbound, timeout=config.timeout,
                    params=params, headers=bearer(token))
    raise_for_status(response, network=name)
    return response.json()


def _classify(response, message: str) -> NetworkError | None:
    # X answers a repeat with 403, the same status as a missing permission; only the words differ.
    if response.status_code == 403 and "duplicate" in message.lower():
        return DuplicatePost(message, network=name, status=403)
    return None


def _post_url(config: Config, token: Token, post_id: str) -> str:
    handle = (token.account_name or "").lstrip("@")
    return f"{config.web_url}/{handle}/status/{post_id}" if handle else f"{config.web_url}/i/status/{post_id}"
