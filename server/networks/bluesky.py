"""Bluesky: share intent, and direct posting through AT Protocol with an app password.

AT Protocol's OAuth needs PAR, DPoP-bound tokens and client metadata at a public HTTPS address, which a
self-hosted intranet server often lacks (and requests-oauthlib does none of it); app passwords work
everywhere. ``createSession`` is tightly rate-limited (about 30 per 5 minutes, 300 a day per account):
log in once (``login``), keep the refresh JWT (encrypted) and ``refresh``; never log in per post.

Posts carry links and hashtags as facets, whose offsets count UTF-8 bytes, not characters, and the
shared link as an ``app.bsky.embed.external`` card.
"""

from contextlib import suppress
from dataclasses import dataclass
from datetime import UTC, datetime

import jwt

from server.outbound import PUBLIC_ONLY, LookupFailed, OutboundClient, OutboundError

from . import api
from .api import DEFAULT_TIMEOUT, PostResult, Token, comparable_text, raise_for_status, send
from .composer import composer_url, text_with_link
from .descriptor import Intent, LengthLimit
from .errors import AuthorizationFailed, NetworkError, RefusedDestination, TokenExpired
from .links import hashtag_spans, link_spans

name = "bluesky"
label = {"fr": "Bluesky", "en": "Bluesky"}
length = LengthLimit(300, "graphemes")
prefills_text = True
needs_instance = False
posts_directly = True
auth = "app_password"
settings = (
    ("BLUESKY_PDS_URL", "https://bsky.social", "Where Bluesky accounts sign in with an app password."),
)
"""The server settings (PV_…) this network reads: (key, default, description)."""


def is_configured(settings) -> bool:
    """Nothing to configure: each employee signs in with an app password."""
    return True

COMPOSER_URL = "https://bsky.app/intent/compose"
POST_COLLECTION = "app.bsky.feed.post"


def build_intent(text: str, url: str, *, title: str | None = None, instance: str | None = None) -> Intent:
    """One text field: the link goes inside the text."""
    return Intent(composer_url(COMPOSER_URL, ("text", text_with_link(text, url))))


@dataclass(frozen=True)
class Config:
    """Where to log in (the entryway or a self-hosted PDS) and where posts are shown."""

    pds_url: str = "https://bsky.social"
    web_url: str = "https://bsky.app"
    timeout: tuple[float, float] = DEFAULT_TIMEOUT
    outbound: OutboundClient = PUBLIC_ONLY
    """What the client may call (public addresses only unless the operator allows more)."""


def app_config(settings, **overrides) -> "Config":
    """The Config from the server's settings (``overrides``: endpoints and timeouts, for tests)."""
    return Config(**{"pds_url": settings.get("BLUESKY_PDS_URL") or Config.pds_url, **overrides})


needs_refresh = api.needs_refresh
needs_reconnect = api.needs_reconnect


def login(config: Config, identifier: str, app_password: str) -> Token:
    """Open a session with a handle (or e-mail) and an app password: the token to store.

    Refused credentials raise ``AuthorizationFailed`` (reason ``invalid_credentials``, or
    ``auth_factor_required`` when the account password was given instead of an app password); a DID
    document naming a PDS our server may not call raises ``RefusedDestination``.
    """
    response = send("POST", _xrpc(config.pds_url, "com.atproto.server.createSession"), network=name,
                    outbound=config.outbound, timeout=config.timeout,
                    json={"identifier": identifier, "password": app_password})
    raise_for_status(response, network=name, classify=_classify_login)
    return _session_token(config, response.json())


def refresh(config: Config, token: Token) -> Token:
    """A new session from the refresh JWT (which rotates: store the new token)."""
    if not token.refresh_token:
        raise TokenExpired("no refresh JWT: log in again", network=name)
    response = send("POST", _xrpc(_pds(config, token), "com.atproto.server.refreshSession"), network=name,
                    outbound=config.outbound, timeout=config.timeout,
                    headers={"Authorization": f"Bearer {token.refresh_token}"})
    raise_for_status(response, network=name, classify=_classify, creates=True)
    return _session_token(config, response.json(), pds_url=_pds(config, token))


def revoke(config: Config, token: Token) -> None:
    """End the session. The app password itself stays valid until the employee deletes it in Bluesky."""
    response = send("POST", _xrpc(_pds(config, token), "com.atproto.server.deleteSession"), network=name,
                    outbound=config.outbound, timeout=config.timeout,
                    headers={"Authorization": f"Bearer {token.refresh_token}"})
    # A session that has already expired is as ended as we want it.
    with suppress(TokenExpired):
        raise_for_status(response, network=name, classify=_classify)


def post(config: Config, token: Token, text: str, *, link: str | None = None, title: str | None = None,
         description: str | None = None, language: str | None = None,
         idempotency_key: str | None = None) -> PostResult:
    """Publish a post: the text as written (links and hashtags made clickable), the link as a card.

    AT Protocol takes no idempotency key: after an uncertain outcome, call ``find_recent_post``.
    """
    text = text.strip()
    record = {"$type": POST_COLLECTION, "text": text, "createdAt": _now()}
    if language:
        record["langs"] = [language]
    if found := facets(text):
        record["facets"] = found
    if link:
        record["embed"] = {"$type": "app.bsky.embed.external",
                           "external": {"uri": link, "title": title or "", "description": description or ""}}
    body = {"repo": token.account_id, "collection": POST_COLLECTION, "record": record}
    response = send("POST", _xrpc(_pds(config, token), "com.atproto.repo.createRecord"), network=name,
                    outbound=config.outbound, timeout=config.timeout, json=body, headers=api.bearer(token))
    raise_for_status(response, network=name, classify=_classify, creates=True)
    return _result(config, response.json()["uri"])


def find_recent_post(config: Config, token: Token, text: str, *, link: str | None = None,
                     idempotency_key: str | None = None, limit: int = 20) -> PostResult | None:
    """After an uncertain outcome: the account's recent post with this text, read from its own PDS
    (the repository is up to date there at once, unlike the app view)."""
    expected = comparable_text(text)
    params = {"repo": token.account_id, "collection": POST_COLLECTION, "limit": limit}
    response = send("GET", _xrpc(_pds(config, token), "com.atproto.repo.listRecords"), network=name,
                    outbound=config.outbound, timeout=config.timeout, params=params, headers=api.bearer(token))
    raise_for_status(response, network=name, classify=_classify)
    for item in response.json().get("records", []):
        if comparable_text(item.get("value", {}).get("text", "")) == expected:
            return _result(config, item["uri"])
    return None


def facets(text: str) -> list[dict]:
    """Link and hashtag facets for ``text``, indexed in UTF-8 bytes (end exclusive)."""
    found = [(start, end, {"$type": "app.bsky.richtext.facet#link", "uri": text[start:end]})
             for start, end in link_spans(text)]
    found += [(start, end, {"$type": "app.bsky.richtext.facet#tag", "tag": tag})
              for start, end, tag in hashtag_spans(text) if len(tag) <= 64]
    return [{"index": {"byteStart": _byte_offset(text, start), "byteEnd": _byte_offset(text, end)},
             "features": [feature]}
            for start, end, feature in sorted(found, key=lambda item: item[0])]


def _byte_offset(text: str, index: int) -> int:
    return len(text[:index].encode("utf-8"))


def _session_token(config: Config, session: dict, *, pds_url: str | None = None) -> Token:
    # The access JWT says when it expires; we read it without verifying (it is the PDS's to verify).
    claims = jwt.decode(session["accessJwt"], options={"verify_signature": False})
    pds = _pds_from_did_doc(session.get("didDoc")) or pds_url or config.pds_url
    _vet_pds(config, pds)
    return Token(access_token=session["accessJwt"], refresh_token=session["refreshJwt"],
                 expires_at=float(claims["exp"]) if "exp" in claims else None,
                 account_id=session["did"], account_name=f"@{session['handle']}", extra={"pds_url": pds})


def _pds_from_did_doc(did_doc: dict | None) -> str | None:
    """The account's own PDS, which an entryway (bsky.social) names in the DID document."""
    for service in (did_doc or {}).get("service", []):
        if str(service.get("id", "")).endswith("#atproto_pds") and isinstance(service.get("serviceEndpoint"), str):
            return service["serviceEndpoint"]
    return None


def _vet_pds(config: Config, pds: str) -> None:
    """Refuse at once a PDS our server may not call.

    The DID document is the account's own statement, and anyone can publish one naming an internal
    address, where every later call would go: refreshing and ending the session carry the refresh JWT,
    posting the access JWT. Every call goes through ``config.outbound`` anyway; checking here gives the
    employee a clear refusal when connecting rather than failures later.
    """
    try:
        config.outbound.vet(pds)
    except LookupFailed as exc:
        raise api.outbound_error(exc, network=name) from exc
    except OutboundError as exc:
        raise RefusedDestination(f"the account's server named by its DID document is refused: {exc.message}",
                                 network=name) from exc


def _pds(config: Config, token: Token) -> str:
    return token.extra.get("pds_url") or config.pds_url


def _xrpc(base: str, method: str) -> str:
    return f"{base.rstrip('/')}/xrpc/{method}"


def _now() -> str:
    # Bluesky prefers a trailing "Z" to "+00:00".
    return datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def _result(config: Config, uri: str) -> PostResult:
    # at://did:plc:…/app.bsky.feed.post/<rkey>
    did, _, rkey = uri.removeprefix("at://").split("/", 2)
    return PostResult(uri, f"{config.web_url}/profile/{did}/post/{rkey}")


def _error_code(response) -> str:
    try:
        return str(response.json().get("error", ""))
    except (ValueError, AttributeError):
        return ""


def _classify(response, message: str) -> NetworkError | None:
    # An expired or revoked JWT comes back as 400, not 401.
    if response.status_code == 400 and _error_code(response) in ("ExpiredToken", "InvalidToken"):
        return TokenExpired(message, network=name, status=400)
    return None


def _classify_login(response, message: str) -> NetworkError | None:
    code = _error_code(response)
    if response.status_code == 401 or code == "AuthenticationRequired":
        return AuthorizationFailed(message, reason="invalid_credentials", network=name,
                                   status=response.status_code)
    if code == "AuthFactorTokenRequired":
        return AuthorizationFailed("use an app password, not the account password", network=name,
                                   reason="auth_factor_required", status=response.status_code)
    return None
