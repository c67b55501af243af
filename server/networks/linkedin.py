"""LinkedIn: share intent, and direct posting through the Posts API (``w_member_social``).

The official share-offsite URL takes the link only (title and summary are ignored since about 2020), so
the page copies the employee's text to the clipboard. (The unofficial ``feed/?shareActive=true&text=``
prefills text but may break at any time; we do not rely on it.)

Direct posting needs the products "Share on LinkedIn" and "Sign In with LinkedIn using OpenID Connect".
Access tokens last 60 days and refresh tokens go to approved partners only: expect a "reconnect" prompt
(``needs_reconnect``) rather than a refresh.
"""

import re
from dataclasses import dataclass, replace

from server.outbound import PUBLIC_ONLY, OutboundClient

from . import api, oauth
from .api import DEFAULT_TIMEOUT, PostResult, Token, bearer, raise_for_status, send
from .composer import composer_url
from .descriptor import Intent, LengthLimit
from .errors import DuplicatePost, NetworkError, PermanentError, TokenExpired
from .links import hashtag_spans, link_spans

name = "linkedin"
label = {"fr": "LinkedIn", "en": "LinkedIn"}
length = LengthLimit(3_000, "chars")
prefills_text = False
needs_instance = False
posts_directly = True
auth = "oauth2"
settings = (
    ("LINKEDIN_CLIENT_ID", "", "The company's LinkedIn app (products Share on LinkedIn and Sign In with LinkedIn "
     "using OpenID Connect), for employees who connect their account. Empty: LinkedIn by share intent only."),
    ("LINKEDIN_CLIENT_SECRET", "", "Secret of that LinkedIn app."),
)
"""The server settings (PV_…) this network reads: (key, default, description)."""


def is_configured(settings) -> bool:
    """Direct posting needs the company's LinkedIn app."""
    return bool(settings.get("LINKEDIN_CLIENT_ID"))

SHARE_URL = "https://www.linkedin.com/sharing/share-offsite/"
SCOPES = ("openid", "profile", "email", "w_member_social")
REQUIRED_SCOPES = ("openid", "w_member_social")
API_VERSION = "202610"
"""``LinkedIn-Version`` (YYYYMM). LinkedIn supports each version for at least a year, then answers 426:
raise it in ``Config`` when that happens."""
RESERVED = "\\|{}@[]()<>#*_~"
"""Characters of LinkedIn's "little" text format; unescaped, LinkedIn silently cuts the post there."""


def build_intent(text: str, url: str, *, title: str | None = None, instance: str | None = None) -> Intent:
    """The official share-offsite page with the link; the text goes to the clipboard."""
    return Intent(composer_url(SHARE_URL, ("url", url)), copy_text=text.strip() or None)


@dataclass(frozen=True)
class Config:
    """The company's LinkedIn app."""

    client_id: str
    client_secret: str
    scopes: tuple[str, ...] = SCOPES
    version: str = API_VERSION
    web_url: str = "https://www.linkedin.com"
    api_url: str = "https://api.linkedin.com"
    timeout: tuple[float, float] = DEFAULT_TIMEOUT
    outbound: OutboundClient = PUBLIC_ONLY
    """What the client may call (public addresses only unless the operator allows more)."""

    @property
    def authorize_url(self) -> str:
        return f"{self.web_url}/oauth/v2/authorization"

    @property
    def token_url(self) -> str:
        return f"{self.web_url}/oauth/v2/accessToken"

    @property
    def revoke_url(self) -> str:
        return f"{self.web_url}/oauth/v2/revoke"


def app_config(settings, **overrides) -> "Config":
    """The Config from the server's settings (``overrides``: endpoints and timeouts, for tests)."""
    return Config(settings["LINKEDIN_CLIENT_ID"], settings["LINKEDIN_CLIENT_SECRET"], **overrides)


needs_refresh = api.needs_refresh
needs_reconnect = api.needs_reconnect


def authorization_url(config: Config, redirect_uri: str) -> oauth.AuthorizationRequest:
    """Where to send the employee: (url, state, None). A confidential web client: no PKCE."""
    return oauth.authorization_request(config.authorize_url, client_id=config.client_id,
                                       redirect_uri=redirect_uri, scopes=config.scopes, pkce=False)


def exchange_code(config: Config, redirect_uri: str, authorization_response: str, state: str,
                  code_verifier: str | None = None) -> Token:
    """Finish the connection: the token, with the member id (``sub``) and name from ``/v2/userinfo``."""
    code = oauth.callback_code(authorization_response, state, network=name)
    # LinkedIn wants client_id and client_secret in the form body, not in a Basic header.
    raw = oauth.exchange(config.token_url, network=name, outbound=config.outbound, client_id=config.client_id,
                         client_secret=config.client_secret, redirect_uri=redirect_uri, code=code,
                         code_verifier=code_verifier, credentials_in_body=True, timeout=config.timeout)
    token = oauth.token_from_response(raw, requested_scopes=config.scopes)
    oauth.require_scopes(token, REQUIRED_SCOPES, network=name)
    response = send("GET", f"{config.api_url}/v2/userinfo", network=name, outbound=config.outbound,
                    timeout=config.timeout, headers=bearer(token))
    raise_for_status(response, network=name)
    member = response.json()
    return replace(token, account_id=member["sub"], account_name=member.get("name"))


def refresh(config: Config, token: Token) -> Token:
    """A new token, for apps in LinkedIn's refresh-token programme; others must reconnect."""
    if not token.refresh_token:
        raise TokenExpired("LinkedIn issued no refresh token: reconnect", network=name)
    raw = oauth.refresh(config.token_url, network=name, outbound=config.outbound, client_id=config.client_id,
                        client_secret=config.client_secret, refresh_token=token.refresh_token,
                        credentials_in_body=True, timeout=config.timeout)
    fresh = oauth.token_from_response(raw, requested_scopes=token.scope)
    return replace(fresh, account_id=token.account_id, account_name=token.account_name, extra=token.extra)


def revoke(config: Config, token: Token) -> None:
    """Revoke the access token."""
    oauth.revoke(config.revoke_url, network=name, outbound=config.outbound, token=token.access_token,
                 hint="access_token", client_id=config.client_id, client_secret=config.client_secret,
                 credentials_in_body=True, timeout=config.timeout)


def post(config: Config, token: Token, text: str, *, link: str | None = None, title: str | None = None,
         description: str | None = None, language: str | None = None,
         idempotency_key: str | None = None) -> PostResult:
    """Publish a member post; the link becomes an article card (source, title, description).

    The Posts API takes no idempotency key or language. LinkedIn refuses an identical repeat with
    ``DuplicatePost`` naming the earlier post (``existing_id``), which is how a repeat after an
    uncertain outcome is reconciled.
    """
    body = {
        "author": f"urn:li:person:{token.account_id}",
        "commentary": little_text(text.strip()),
        "visibility": "PUBLIC",
        "distribution": {"feedDistribution": "MAIN_FEED", "targetEntities": [],
                         "thirdPartyDistributionChannels": []},
        "lifecycleState": "PUBLISHED",
        "isReshareDisabledByAuthor": False,
    }
    if link:
        article = {"source": link, "title": title or link}
        if description:
            article["description"] = description
        body["content"] = {"article": article}
    headers = {**bearer(token), "LinkedIn-Version": config.version, "X-Restli-Protocol-Version": "2.0.0"}
    response = send("POST", f"{config.api_url}/rest/posts", network=name, outbound=config.outbound,
                    timeout=config.timeout, json=body, headers=headers)
    raise_for_status(response, network=name, classify=_classify, creates=True)
    urn = response.headers["x-restli-id"]
    return PostResult(urn, post_url(urn))


def find_recent_post(config: Config, token: Token, text: str, *, link: str | None = None,
                     idempotency_key: str | None = None) -> PostResult | None:
    """Always None: reading a member's posts needs a restricted scope (``r_member_social``).

    Reconcile by posting again: LinkedIn answers an identical repeat with ``DuplicatePost`` whose
    ``existing_id`` is the post that went through.
    """
    return None


def post_url(urn: str) -> str:
    """The public address of a post from its URN."""
    return f"https://www.linkedin.com/feed/update/{urn}/"


def little_text(text: str) -> str:
    """``text`` as plain "little" text: reserved characters backslash-escaped.

    Links and hashtags stay as they are, so links still work and ``#tag`` stays a hashtag (a
    HashtagElement in the little format).
    """
    keep = sorted([(s, e) for s, e in link_spans(text)] + [(s, e) for s, e, _ in hashtag_spans(text)])
    pieces, last = [], 0
    for start, end in keep:
        if start < last:
            continue
        pieces += [_escape(text[last:start]), text[start:end]]
        last = end
    pieces.append(_escape(text[last:]))
    return "".join(pieces)


def _escape(plain: str) -> str:
    return "".join(f"\\{char}" if char in RESERVED else char for char in plain)


def _classify(response, message: str) -> NetworkError | None:
    if response.status_code == 422 and "duplicate" in message.lower():
        found = re.search(r"urn:li:(?:share|ugcPost):\d+", message)
        return DuplicatePost(message, existing_id=found.group(0) if found else None, network=name,
                             status=422)
    if response.status_code == 426:
        return PermanentError(f"LinkedIn-Version is no longer supported, raise it: {message}", network=name,
                              status=426)
    return None
