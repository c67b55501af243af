"""A hardened outbound HTTP GET for link previews and feeds.

Admins paste URLs; the server fetches them. Everything here assumes the URL is hostile:

* only http and https, no user info, hosts normalised as browsers read them (:mod:`urls`);
* each host is resolved once, within the connect timeout, and refused if any address is not public
  (nor allowed by ``PV_OUTBOUND_ALLOW``), with the address vetting every outbound call shares
  (:mod:`server.outbound.addresses`); then the connection goes to that vetted address while the Host
  header, TLS SNI and certificate check use the name, so a second DNS answer (DNS rebinding) can never
  redirect us;
* redirects are followed by hand, each hop checked again, at most ``max_redirects``;
* the body is streamed and decompressed chunk by chunk, capped at ``max_bytes`` of *decoded*
  content (a gzip bomb stops at the cap), within a wall-clock budget as well as socket timeouts;
* the content type must be one the caller accepts.

Environment proxies (``HTTP_PROXY``…) are deliberately ignored: a proxy would do its own DNS lookup
and defeat the address checks.
"""

import time
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from email.message import Message
from urllib.parse import urljoin

import certifi
from urllib3 import HTTPConnectionPool, HTTPResponse, HTTPSConnectionPool
from urllib3 import Timeout as Urllib3Timeout
from urllib3 import exceptions as urllib3_errors

from server.library.errors import (
    BadContentType,
    BadRedirect,
    BlockedAddress,
    FetchError,
    FetchTimeout,
    HTTPStatusError,
    InvalidURL,
    TooLarge,
    TooManyRedirects,
    Unreachable,
)
from server.library.urls import HttpURL, parse_http_url
from server.outbound import errors as outbound_errors
from server.outbound.addresses import AddressPolicy, Resolver, resolve_vetted

USER_AGENT = "Porte-Voix/0.1 (+link preview)"
HTML_CONTENT_TYPES = ("text/html", "application/xhtml+xml")
REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
CHUNK_SIZE = 16_384
CA_BUNDLE = certifi.where()
# A host may publish several addresses (IPv6 and IPv4); all are vetted, the first few are tried.
MAX_ADDRESSES_TRIED = 3


@dataclass(frozen=True)
class FetchResult:
    """What a successful fetch returns. ``truncated`` is True only when the caller allowed truncation."""

    url: str
    final_url: str
    status: int
    content_type: str | None
    encoding: str | None
    body: bytes
    headers: Mapping[str, str]
    truncated: bool = False


@dataclass(frozen=True)
class _Limits:
    connect_timeout: float
    read_timeout: float
    deadline: float
    max_bytes: int
    allow_truncation: bool

    def lookup_timeout(self) -> float:
        return min(self.connect_timeout, self.deadline - time.monotonic())

    def socket_timeout(self) -> Urllib3Timeout:
        remaining = self.deadline - time.monotonic()
        if remaining <= 0:
            raise FetchTimeout("The page took too long to download.")
        return Urllib3Timeout(
            connect=min(self.connect_timeout, remaining), read=min(self.read_timeout, remaining),
        )


def fetch(
    url: str,
    *,
    max_bytes: int = 2_000_000,
    timeout: float | tuple[float, float] = (3.05, 10),
    max_redirects: int = 5,
    accept: Collection[str] = HTML_CONTENT_TYPES,
    resolver: Resolver | None = None,
    allow_private: bool | Collection[str] = False,
    allow_truncation: bool = False,
    total_timeout: float = 30.0,
) -> FetchResult:
    """GET ``url`` safely and return its body.

    ``timeout`` is (connect, read) per socket operation; ``total_timeout`` bounds the whole fetch,
    redirects included. A body over ``max_bytes`` raises :class:`TooLarge` unless
    ``allow_truncation`` is set (link previews only need the ``<head>``), in which case the first
    ``max_bytes`` are returned with ``truncated=True``. ``accept`` lists media types (``type/*``
    allowed). ``resolver(host, port) -> [ip, …]`` replaces DNS (tests). ``allow_private`` is a
    collection of addresses, networks or host names that may be contacted although not public (the
    ``PV_OUTBOUND_ALLOW`` setting; tests list their local server).

    Raises :class:`InvalidURL` for a bad ``url`` and a :class:`FetchError` subclass otherwise.
    """
    connect_timeout, read_timeout = timeout if isinstance(timeout, tuple) else (timeout, timeout)
    deadline = time.monotonic() + total_timeout
    limits = _Limits(connect_timeout, read_timeout, deadline, max_bytes, allow_truncation)
    policy = AddressPolicy(allow_private)
    requested = target = parse_http_url(url)
    for _hop in range(max_redirects + 1):
        addresses = _vetted_addresses(target, policy, resolver, limits)
        response = _send_get(target, addresses, accept, limits)
        try:
            location = _redirect_location(response, target)
            if location is None:
                return _finish(requested, target, response, accept, limits)
        finally:
            response.close()
        target = location
    raise TooManyRedirects(f"The page redirected more than {max_redirects} times.")


def _vetted_addresses(target: HttpURL, policy: AddressPolicy, resolver: Resolver | None,
                      limits: _Limits) -> list[str]:
    """The target's vetted addresses, the outbound refusals told as the library's errors."""
    try:
        return resolve_vetted(target.host, target.effective_port, policy, resolver, timeout=limits.lookup_timeout())
    except outbound_errors.BlockedAddress as error:
        raise BlockedAddress(error.message) from None
    except outbound_errors.LookupTimeout as error:
        raise FetchTimeout(error.message) from None
    except outbound_errors.LookupFailed as error:
        raise Unreachable(error.message) from None


def _send_get(
    target: HttpURL, addresses: list[str], accept: Collection[str], limits: _Limits,
) -> HTTPResponse:
    headers = {
        "Host": target.netloc,
        "User-Agent": USER_AGENT,
        "Accept": ", ".join([*accept, "*/*;q=0.1"]),
        "Accept-Encoding": "gzip, deflate",
    }
    failure: FetchError | None = None
    for address in addresses[:MAX_ADDRESSES_TRIED]:
        pool = _connection_pool(target, address, limits.socket_timeout())
        try:
            return pool.urlopen(
                "GET", target.request_target, headers=headers, redirect=False, retries=False,
                preload_content=False, decode_content=True, assert_same_host=False,
            )
        except urllib3_errors.NewConnectionError as error:
            # Only a refused or unroutable connection is worth trying on the next address.
            failure = _translate(error, target)
        except urllib3_errors.HTTPError as error:
            raise _translate(error, target) from None
    raise failure or Unreachable(f"Could not connect to {target.host}.")


def _connection_pool(target: HttpURL, address: str, timeout: Urllib3Timeout) -> HTTPConnectionPool:
    """A one-use pool connected to the vetted ``address`` but speaking TLS for ``target.host``."""
    if target.scheme == "https":
        return HTTPSConnectionPool(
            address, target.effective_port, timeout=timeout, maxsize=1, retries=False,
            server_hostname=target.host, assert_hostname=target.host,
            cert_reqs="CERT_REQUIRED", ca_certs=CA_BUNDLE,
        )
    return HTTPConnectionPool(address, target.effective_port, timeout=timeout, maxsize=1, retries=False)


def _redirect_location(response: HTTPResponse, current: HttpURL) -> HttpURL | None:
    if response.status not in REDIRECT_STATUSES:
        return None
    location = response.headers.get("Location", "").strip()
    if not location:
        raise HTTPStatusError(f"The server answered {response.status} without saying where to go.",
                              response.status)
    try:
        return parse_http_url(urljoin(str(current), location))
    except (InvalidURL, ValueError) as error:
        reason = getattr(error, "message", str(error))
        raise BadRedirect(f"The page redirected to an address that cannot be fetched: {reason}") from None


def _finish(requested: HttpURL, target: HttpURL, response: HTTPResponse, accept: Collection[str],
            limits: _Limits) -> FetchResult:
    if not 200 <= response.status < 300:
        raise HTTPStatusError(f"The server answered with HTTP status {response.status}.", response.status)
    content_type, charset = parse_content_type(response.headers.get("Content-Type"))
    if not is_accepted_type(content_type, accept):
        shown = content_type or "no content type"
        raise BadContentType(f"The address serves {shown}, not {' or '.join(accept)}.")
    body, truncated = _read_body(response, target, limits)
    return FetchResult(
        url=str(requested), final_url=str(target), status=response.status, content_type=content_type,
        encoding=charset, body=body, headers=response.headers.copy(), truncated=truncated,
    )


def _read_body(response: HTTPResponse, target: HttpURL, limits: _Limits) -> tuple[bytes, bool]:
    declared = response.headers.get("Content-Length", "")
    if declared.isdigit() and int(declared) > limits.max_bytes and not limits.allow_truncation:
        raise TooLarge(_too_large_message(limits.max_bytes))
    body = bytearray()
    try:
        # read1 returns what has arrived instead of waiting for a full chunk, so a server that
        # trickles bytes cannot hold us past the deadline.
        while chunk := response.read1(CHUNK_SIZE, decode_content=True):
            body += chunk
            if len(body) > limits.max_bytes:
                if not limits.allow_truncation:
                    raise TooLarge(_too_large_message(limits.max_bytes))
                return bytes(body[:limits.max_bytes]), True
            if time.monotonic() > limits.deadline:
                raise FetchTimeout("The page took too long to download.")
    except urllib3_errors.HTTPError as error:
        raise _translate(error, target) from None
    return bytes(body), False


def parse_content_type(header: str | None) -> tuple[str | None, str | None]:
    """Split a Content-Type header into its lower-case media type and its charset (or None)."""
    if not header or not header.strip():
        return None, None
    message = Message()
    message["Content-Type"] = header
    media_type = header.split(";", 1)[0].strip().lower() or None
    charset = message.get_content_charset()
    return media_type, (charset.strip() or None) if isinstance(charset, str) else None


def is_accepted_type(media_type: str | None, accept: Collection[str]) -> bool:
    """True when ``media_type`` matches one of ``accept`` (exact, ``type/*`` or ``*/*``)."""
    if media_type is None:
        return False
    major = media_type.split("/", 1)[0]
    return any(pattern in (media_type, f"{major}/*", "*/*") for pattern in accept)


def _too_large_message(max_bytes: int) -> str:
    return f"The page is larger than the {max_bytes} bytes allowed."


def _translate(error: Exception, target: HttpURL) -> FetchError:
    """Turn a urllib3 failure into the library's error with a readable message."""
    host = target.host
    if isinstance(error, urllib3_errors.NewConnectionError):
        return Unreachable(f"Could not connect to {host}.")
    if isinstance(error, urllib3_errors.ConnectTimeoutError):
        return FetchTimeout(f"Connecting to {host} took too long.")
    if isinstance(error, urllib3_errors.ReadTimeoutError):
        return FetchTimeout(f"{host} took too long to answer.")
    if isinstance(error, urllib3_errors.SSLError):
        return Unreachable(f"The secure connection to {host} failed (invalid or untrusted certificate?).")
    if isinstance(error, urllib3_errors.DecodeError):
        return Unreachable(f"{host} sent a body that could not be decompressed.")
    return Unreachable(f"The exchange with {host} failed ({type(error).__name__}).")
