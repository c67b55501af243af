"""What the API clients share: the token and result types, and one way to call a network.

Every call goes through ``send`` (through the vetted outbound client of the network's ``Config``:
public addresses only, pinned, no redirects; timeouts always; transport failures sorted into "never
sent" and "sent, no answer") and ``raise_for_status`` (HTTP statuses mapped onto the errors in
``errors``), so the four clients fail the same way and the share pipeline handles them alike.
"""

import html
import time
from collections.abc import Callable, Mapping
from dataclasses import asdict, dataclass, field
from datetime import datetime
from email.utils import parsedate_to_datetime

import requests
from urllib3.exceptions import NewConnectionError

from server.outbound import LookupFailed, OutboundClient, OutboundError

from .errors import (
    MissingScope,
    NetworkError,
    PermanentError,
    RateLimited,
    RefusedDestination,
    TokenExpired,
    TransientError,
    UncertainOutcome,
)
from .links import replace_links

USER_AGENT = "Porte-Voix (self-hosted employee advocacy)"
DEFAULT_TIMEOUT = (5.0, 30.0)
"""(connect, read) seconds: a short connect so a dead network fails fast and is retried, a longer read
because posting can be slow."""
REFRESH_MARGIN = 300.0
"""Refresh this many seconds before expiry, so a token never expires between the check and the call."""
DEFAULT_RETRY_AFTER = 60.0
"""Seconds to wait after a 429 that names no time."""


@dataclass(frozen=True)
class Token:
    """An account's credentials as the network issued them, ready to be encrypted and stored.

    ``expires_at`` is a Unix time (None: does not expire); ``account_id`` the network's stable id of the
    account (LinkedIn ``sub``, X user id, Mastodon account id, Bluesky DID); ``account_name`` what to
    show (name, @handle); ``extra`` anything else a client needs later (plain JSON values only).
    """

    access_token: str
    refresh_token: str | None = None
    expires_at: float | None = None
    scope: tuple[str, ...] = ()
    account_id: str | None = None
    account_name: str | None = None
    extra: Mapping = field(default_factory=dict)

    def to_dict(self) -> dict:
        """A JSON-ready dict (for encryption at rest)."""
        data = asdict(self)
        data["scope"] = list(self.scope)
        data["extra"] = dict(self.extra)
        return data

    @classmethod
    def from_dict(cls, data: Mapping) -> "Token":
        """The inverse of ``to_dict``."""
        values = dict(data)
        values["scope"] = tuple(values.get("scope") or ())
        values["extra"] = dict(values.get("extra") or {})
        return cls(**values)


@dataclass(frozen=True)
class PostResult:
    """A published post: the network's id for it and its public address."""

    external_id: str
    url: str | None = None


def needs_refresh(token: Token, now: float | None = None, *, margin: float = REFRESH_MARGIN) -> bool:
    """Whether the caller should refresh ``token`` (under its per-account lock) before using it."""
    now = time.time() if now is None else now
    return bool(token.refresh_token) and token.expires_at is not None and now >= token.expires_at - margin


def needs_reconnect(token: Token, now: float | None = None) -> bool:
    """Whether ``token`` has expired with no way to refresh it (LinkedIn after 60 days): ask the employee."""
    now = time.time() if now is None else now
    return not token.refresh_token and token.expires_at is not None and now >= token.expires_at


def send(method: str, url: str, *, network: str, outbound: OutboundClient, timeout=DEFAULT_TIMEOUT,
         **kwargs) -> requests.Response:
    """One HTTP call through ``outbound`` with a timeout, transport failures turned into our errors.

    A failure before the request left (no connection, connect timeout, a name that does not resolve) is
    a ``TransientError``. A failure after it left is an ``UncertainOutcome`` for a POST (the network may
    have acted on it) and a ``TransientError`` for a read, which is safe to repeat. An address the client
    refuses, or a redirect, is a ``RefusedDestination`` (permanent).
    """
    headers = {"User-Agent": USER_AGENT, **kwargs.pop("headers", {})}
    try:
        return outbound.request(method, url, headers=headers, timeout=timeout, **kwargs)
    except OutboundError as exc:
        raise outbound_error(exc, network=network) from exc
    except requests.RequestException as exc:
        raise transport_error(exc, network=network, method=method) from exc


def outbound_error(exc: OutboundError, *, network: str) -> NetworkError:
    """A name that did not resolve (in time) was never sent to: transient. A refused address or redirect
    will be refused again: permanent."""
    if isinstance(exc, LookupFailed):
        return TransientError(f"no answer from the network: {exc.message}", network=network)
    return RefusedDestination(exc.message, network=network)


def transport_error(exc: requests.RequestException, *, network: str, method: str) -> NetworkError:
    """Sort a requests exception into "never sent" (transient) or "sent, no answer" (uncertain)."""
    if _failed_before_sending(exc) or method.upper() == "GET":
        return TransientError(f"no answer from the network: {exc}", network=network)
    return UncertainOutcome(f"request sent, no answer: {exc}", network=network)


_NEVER_SENT = (
    requests.ConnectTimeout,
    requests.exceptions.SSLError,
    requests.exceptions.InvalidURL,
    requests.exceptions.MissingSchema,
    requests.exceptions.InvalidSchema,
    requests.exceptions.InvalidHeader,
)


def _failed_before_sending(exc: requests.RequestException) -> bool:
    if isinstance(exc, _NEVER_SENT):
        return True
    if isinstance(exc, requests.ConnectionError):
        # requests wraps urllib3's MaxRetryError, whose .reason says why: no connection at all (refused,
        # unknown host) means nothing left; a connection dropped mid-exchange may have delivered it.
        reason = getattr(exc.args[0] if exc.args else None, "reason", None)
        return isinstance(reason, NewConnectionError)
    return False


Classifier = Callable[[requests.Response, str], NetworkError | None]


def raise_for_status(response: requests.Response, *, network: str, classify: Classifier | None = None,
                     creates: bool = False) -> None:
    """Raise the error matching a non-2xx response; do nothing on success.

    ``classify`` lets a network recognise its own shapes first (a duplicate, an expired token answered
    with 400); ``creates`` marks a call that creates content, where a gateway timeout (504) means the
    network may have acted, so it is uncertain rather than transient.
    """
    if response.ok:
        return
    message = error_message(response)
    if classify is not None and (error := classify(response, message)) is not None:
        raise error
    status = response.status_code
    if status == 401:
        raise TokenExpired(message, network=network, status=status)
    if status == 403:
        raise MissingScope(message, network=network, status=status)
    if status == 429:
        raise RateLimited(message, retry_after=retry_after(response), network=network, status=status)
    if status == 504 and creates:
        raise UncertainOutcome(message, network=network, status=status)
    if status >= 500:
        raise TransientError(message, network=network, status=status)
    raise PermanentError(message, network=network, status=status)


def error_message(response: requests.Response) -> str:
    """The network's own words about an error, whatever shape its body has."""
    try:
        body = response.json()
    except ValueError:
        return response.text.strip()[:500] or response.reason or f"HTTP {response.status_code}"
    if isinstance(body, dict):
        errors = body.get("errors")
        if isinstance(errors, list) and errors and isinstance(errors[0], dict):
            return str(errors[0].get("message") or errors[0].get("detail") or errors[0])
        for key in ("detail", "message", "error_description", "error", "title"):
            if body.get(key):
                return str(body[key])
    return str(body)[:500]


def retry_after(response: requests.Response, now: float | None = None) -> float:
    """Seconds to wait, from ``Retry-After`` (seconds or HTTP date) or a rate-limit reset header.

    X sends ``x-rate-limit-reset`` (Unix time), Mastodon ``X-RateLimit-Reset`` (ISO 8601), Bluesky
    ``ratelimit-reset`` (Unix time).
    """
    now = time.time() if now is None else now
    # (header, counts seconds from now?) in order of preference.
    candidates = [("Retry-After", True), ("x-rate-limit-reset", False), ("X-RateLimit-Reset", False),
                  ("ratelimit-reset", False)]
    for name, is_delay in candidates:
        value = response.headers.get(name)
        seconds = None if value is None else _seconds_or_time(value, now, is_delay=is_delay)
        if seconds is not None:
            return seconds
    return DEFAULT_RETRY_AFTER


def _seconds_or_time(value: str, now: float, *, is_delay: bool) -> float | None:
    """Seconds from now, from a delay in seconds or an HTTP date (``is_delay``), else a Unix time or an
    ISO 8601 moment."""
    value = value.strip()
    try:
        number = float(value)
    except ValueError:
        number = None
    if number is not None:
        return max(0.0, number if is_delay else number - now)
    try:
        if is_delay:
            moment = parsedate_to_datetime(value).timestamp()
        else:
            moment = datetime.fromisoformat(value.replace("Z", "+00:00")).timestamp()
    except (TypeError, ValueError):
        return None
    return max(0.0, moment - now)


def bearer(token: Token) -> dict:
    """The Authorization header for a token."""
    return {"Authorization": f"Bearer {token.access_token}"}


def comparable_text(text: str) -> str:
    """Text reduced for matching a post we sent against what the network shows back.

    Entities unescaped (X returns ``&amp;``), links replaced (networks shorten or rewrite them), white
    space collapsed (Mastodon turns line breaks into markup).
    """
    return " ".join(replace_links(html.unescape(text), "\u2192link").split())
