"""Mastodon: share intent on the employee's own instance, and direct posting through its REST API.

Every instance is its own OAuth server: register the app once per instance (``register_app``) and store
its client id and secret. PKCE (S256) is offered from Mastodon 4.3, discovered through the
authorization-server metadata; older instances get the plain code flow. Tokens do not expire.

Posting sends an ``Idempotency-Key``: the instance answers a repeat with the same key within an hour
with the status it already created, so repeating after an uncertain outcome is safe in that hour.
"""

import re
from dataclasses import dataclass, replace
from html.parser import HTMLParser

from server.outbound import PUBLIC_ONLY, OutboundClient

from . import api, oauth
from .api import DEFAULT_TIMEOUT, PostResult, Token, bearer, comparable_text, raise_for_status, send
from .composer import composer_url, text_with_link
from .descriptor import Intent, LengthLimit
from .errors import InvalidInstance, TokenExpired, TransientError

name = "mastodon"
label = {"fr": "Mastodon", "en": "Mastodon"}
# 500 is the default; an instance may allow more (its /api/v2/instance says so).
length = LengthLimit(500, "mastodon")
prefills_text = True
needs_instance = True
posts_directly = True
auth = "oauth2"
settings = ()
instance_example = "mastodon.social"
"""What a server's name looks like, for the pages' hints."""


def is_configured(settings) -> bool:
    """Nothing to configure: our app is registered on each employee's server the first time (``register_app``)."""
    return True

SCOPES = ("write:statuses", "read:accounts")
_LABEL = re.compile(r"^(?!-)[a-z0-9-]{1,63}(?<!-)$")


def normalize_instance(instance: str) -> str:
    """The instance as a bare lower-case host name (IDN as punycode), or ``InvalidInstance``.

    Refused: schemes, paths, ports, user info, IP addresses, single-label names. The host ends up in a
    URL the browser opens and, for direct posting, in requests our server makes.
    """
    host = (instance or "").strip().lower()
    if not host or any(char in host for char in "/\\:@?#%&= \t\r\n"):
        raise InvalidInstance(f"not a bare host name (like mastodon.social): {instance!r}")
    try:
        host = host.encode("idna").decode("ascii")
    except UnicodeError as exc:
        raise InvalidInstance(f"not a valid host name: {instance!r}") from exc
    labels = host.split(".")
    if (len(labels) < 2 or len(host) > 253 or not all(_LABEL.match(label) for label in labels)
            or labels[-1].isdigit()):
        raise InvalidInstance(f"not a valid host name: {instance!r}")
    return host


def build_intent(text: str, url: str, *, title: str | None = None, instance: str | None = None) -> Intent:
    """The instance's share page with the link inside the text; without an instance, ask for one."""
    if not instance:
        return Intent(None, needs_instance=True)
    host = normalize_instance(instance)
    return Intent(composer_url(f"https://{host}/share", ("text", text_with_link(text, url))),
                  needs_instance=True)


@dataclass(frozen=True)
class Config:
    """One instance and our app registered on it. ``pkce`` None: discover it when needed."""

    instance_url: str
    client_id: str
    client_secret: str
    scopes: tuple[str, ...] = SCOPES
    pkce: bool | None = None
    timeout: tuple[float, float] = DEFAULT_TIMEOUT
    outbound: OutboundClient = PUBLIC_ONLY
    """What the client may call (public addresses only unless the operator allows more)."""


def instance_url(instance: str) -> str:
    """``https://host`` for an employee-given instance, validated."""
    return f"https://{normalize_instance(instance)}"


def instance_config(instance_url: str, *, client_id: str, client_secret: str, pkce: bool | None,
                    **overrides) -> Config:
    """The Config for one server where our app is registered (``overrides``: timeouts, for tests)."""
    return Config(instance_url, client_id, client_secret, pkce=pkce, **overrides)


needs_refresh = api.needs_refresh
needs_reconnect = api.needs_reconnect


def register_app(instance_url: str, *, client_name: str, redirect_uri: str, website: str | None = None,
                 scopes=SCOPES, timeout=DEFAULT_TIMEOUT, outbound: OutboundClient = PUBLIC_ONLY) -> Config:
    """Register our app on an instance (once per instance; store the result)."""
    form = {"client_name": client_name, "redirect_uris": redirect_uri, "scopes": " ".join(scopes)}
    if website:
        form["website"] = website
    response = send("POST", f"{instance_url}/api/v1/apps", network=name, outbound=outbound, timeout=timeout,
                    data=form)
    raise_for_status(response, network=name, creates=True)
    app = response.json()
    return Config(instance_url, app["client_id"], app["client_secret"], tuple(scopes),
                  pkce=supports_pkce(instance_url, timeout=timeout, outbound=outbound), timeout=timeout,
                  outbound=outbound)


def supports_pkce(instance_url: str, *, timeout=DEFAULT_TIMEOUT, outbound: OutboundClient = PUBLIC_ONLY) -> bool:
    """Whether the instance announces S256 PKCE in its OAuth metadata (Mastodon 4.3 and later)."""
    response = send("GET", f"{instance_url}/.well-known/oauth-authorization-server", network=name,
                    outbound=outbound, timeout=timeout)
    if response.status_code >= 500:
        raise TransientError("the instance did not answer its OAuth metadata", network=name,
                             status=response.status_code)
    try:
        methods = response.json().get("code_challenge_methods_supported") if response.ok else None
    except ValueError:
        methods = None
    return "S256" in (methods or [])


def authorization_url(config: Config, redirect_uri: str) -> oauth.AuthorizationRequest:
    """Where to send the employee: (url, state, code_verifier or None on instances without PKCE)."""
    pkce = config.pkce if config.pkce is not None else supports_pkce(
        config.instance_url, timeout=config.timeout, outbound=config.outbound)
    return oauth.authorization_request(f"{config.instance_url}/oauth/authorize", client_id=config.client_id,
                                       redirect_uri=redirect_uri, scopes=config.scopes, pkce=pkce)


def exchange_code(config: Config, redirect_uri: str, authorization_response: str, state: str,
                  code_verifier: str | None) -> Token:
    """Finish the connection: the token, with the account id and ``@user@instance``."""
    code = oauth.callback_code(authorization_response, state, network=name)
    raw = oauth.exchange(f"{config.instance_url}/oauth/token", network=name, outbound=config.outbound,
                         client_id=config.client_id, client_secret=config.client_secret, redirect_uri=redirect_uri,
                         code=code, code_verifier=code_verifier, credentials_in_body=True, timeout=config.timeout)
    token = oauth.token_from_response(raw, requested_scopes=config.scopes)
    oauth.require_scopes(token, ("write:statuses",), network=name)
    account = verify_credentials(config, token)
    host = config.instance_url.split("://", 1)[-1]
    return replace(token, account_id=str(account["id"]), account_name=f"@{account['acct']}@{host}",
                   extra={"instance_url": config.instance_url})


def verify_credentials(config: Config, token: Token) -> dict:
    """The connected account (id, acct, followers_count for reach…)."""
    response = send("GET", f"{config.instance_url}/api/v1/accounts/verify_credentials", network=name,
                    outbound=config.outbound, timeout=config.timeout, headers=bearer(token))
    raise_for_status(response, network=name)
    return response.json()


def refresh(config: Config, token: Token) -> Token:
    """Mastodon tokens do not expire; one that stopped working means reconnecting."""
    if not token.refresh_token:
        raise TokenExpired("Mastodon tokens are not refreshed: reconnect", network=name)
    raw = oauth.refresh(f"{config.instance_url}/oauth/token", network=name, outbound=config.outbound,
                        client_id=config.client_id, client_secret=config.client_secret,
                        refresh_token=token.refresh_token, credentials_in_body=True, timeout=config.timeout)
    fresh = oauth.token_from_response(raw, requested_scopes=token.scope)
    return replace(fresh, account_id=token.account_id, account_name=token.account_name, extra=token.extra)


def revoke(config: Config, token: Token) -> None:
    """Revoke the token (``POST /oauth/revoke`` with the app's credentials)."""
    oauth.revoke(f"{config.instance_url}/oauth/revoke", network=name, outbound=config.outbound,
                 token=token.access_token, hint="access_token", client_id=config.client_id,
                 client_secret=config.client_secret, credentials_in_body=True, timeout=config.timeout)


def post(config: Config, token: Token, text: str, *, link: str | None = None, title: str | None = None,
         description: str | None = None, language: str | None = None,
         idempotency_key: str | None = None) -> PostResult:
    """Publish a public status; the link goes into the text (the instance builds the card)."""
    body = {"status": text_with_link(text, link) if link else text.strip(), "visibility": "public"}
    if language:
        body["language"] = language
    headers = bearer(token)
    if idempotency_key:
        headers["Idempotency-Key"] = idempotency_key
    response = send("POST", f"{config.instance_url}/api/v1/statuses", network=name, outbound=config.outbound,
                    timeout=config.timeout, json=body, headers=headers)
    raise_for_status(response, network=name, creates=True)
    status = response.json()
    return PostResult(str(status["id"]), status.get("url"))


def find_recent_post(config: Config, token: Token, text: str, *, link: str | None = None,
                     idempotency_key: str | None = None, limit: int = 20) -> PostResult | None:
    """After an uncertain outcome: the account's recent status with this text, if it went through.

    Within the hour, posting again with the same idempotency key is simpler and just as safe.
    """
    expected = comparable_text(text_with_link(text, link) if link else text)
    response = send("GET", f"{config.instance_url}/api/v1/accounts/{token.account_id}/statuses",
                    network=name, outbound=config.outbound, timeout=config.timeout, headers=bearer(token),
                    params={"limit": limit, "exclude_replies": "true", "exclude_reblogs": "true"})
    raise_for_status(response, network=name)
    for status in response.json():
        if comparable_text(status_text(status.get("content", ""))) == expected:
            return PostResult(str(status["id"]), status.get("url"))
    return None


def status_text(content: str) -> str:
    """The plain text of a status's HTML ``content`` (paragraphs and line breaks as new lines)."""
    parser = _TextOfHtml()
    parser.feed(content)
    parser.close()
    return "".join(parser.parts).strip()


class _TextOfHtml(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts = []

    def handle_starttag(self, tag, attrs):
        if tag == "br":
            self.parts.append("\n")
        elif tag == "p" and self.parts:
            self.parts.append("\n\n")

    def handle_data(self, data):
        self.parts.append(data)
