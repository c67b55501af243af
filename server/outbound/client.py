"""``OutboundClient``: what an outbound call may reach, and the requests sessions that enforce it."""

from collections.abc import Collection, Mapping
from dataclasses import dataclass, replace
from functools import cached_property
from urllib.parse import urlsplit

import requests

from server.outbound.adapter import DEFAULT_PORTS, PinningAdapter
from server.outbound.addresses import LOOKUP_TIMEOUT, AddressPolicy, Resolver, resolve_vetted
from server.outbound.errors import BlockedAddress

DEFAULT_TIMEOUT = (5.0, 30.0)
"""(connect, read) seconds for a request that names none."""


@dataclass(frozen=True)
class OutboundClient:
    """An immutable description of the calls allowed; hand it to whatever calls out.

    ``allow``: addresses, CIDR networks and host names that may be called although not public (the
    ``PV_OUTBOUND_ALLOW`` setting; tests list their local servers). ``resolver(host, port) -> [ip, …]``
    replaces the system's DNS (tests). ``lookup_timeout`` bounds each name resolution, ``timeout`` is
    the (connect, read) default of a request that gives none.
    """

    allow: tuple[str, ...] = ()
    resolver: Resolver | None = None
    lookup_timeout: float = LOOKUP_TIMEOUT
    timeout: tuple[float, float] = DEFAULT_TIMEOUT

    def __post_init__(self):
        self.policy  # noqa: B018 (a bad allow-list entry fails here, where it is configured)

    @classmethod
    def from_config(cls, config: Mapping, *, also_allow: Collection[str] = ()) -> "OutboundClient":
        """The client an application's configuration describes: ``OUTBOUND_ALLOW`` (``PV_OUTBOUND_ALLOW``)
        and ``OUTBOUND_RESOLVER`` (tests only: not an environment setting), plus ``also_allow``."""
        allow = (*(config.get("OUTBOUND_ALLOW") or ()), *also_allow)
        return cls(allow=tuple(allow), resolver=config.get("OUTBOUND_RESOLVER"))

    def allowing(self, *entries: str) -> "OutboundClient":
        """The same client, also allowed to call ``entries``."""
        return replace(self, allow=(*self.allow, *entries))

    @cached_property
    def policy(self) -> AddressPolicy:
        return AddressPolicy(self.allow)

    def vetted_addresses(self, host: str, port: int) -> list[str]:
        """Resolve ``host`` once and return its addresses, all allowed, or raise ``BlockedAddress``,
        ``LookupFailed`` or ``LookupTimeout``."""
        return resolve_vetted(host, port, self.policy, self.resolver, timeout=self.lookup_timeout)

    def vet(self, url: str) -> None:
        """Check now that ``url`` is an http(s) address this client may call (an account being connected
        names it); every later call is checked again anyway."""
        parts = urlsplit(url)
        if parts.scheme not in DEFAULT_PORTS or not parts.hostname:
            raise BlockedAddress(f"{url[:200]} is not an http or https address; it is never contacted.")
        try:
            port = parts.port or DEFAULT_PORTS[parts.scheme]
        except ValueError:
            raise BlockedAddress(f"{url[:200]} has an invalid port; it is never contacted.") from None
        self.vetted_addresses(parts.hostname, port)

    def mount(self, session: requests.Session) -> requests.Session:
        """Make ``session`` (a plain one, or requests-oauthlib's ``OAuth2Session``) call through this
        client: the pinning adapter on both schemes, and nothing taken from the environment (proxies,
        ``.netrc`` credentials, CA bundle variables). Returns the session."""
        adapter = PinningAdapter(self)
        session.mount("https://", adapter)
        session.mount("http://", adapter)
        session.trust_env = False
        return session

    def session(self) -> requests.Session:
        """A new ``requests.Session`` that calls through this client."""
        return self.mount(requests.Session())

    def request(self, method: str, url: str, **kwargs) -> requests.Response:
        """One call, as ``requests.request`` makes it (the body is read before the session closes)."""
        with self.session() as session:
            return session.request(method, url, **kwargs)


PUBLIC_ONLY = OutboundClient()
"""The production default: public internet addresses only, the system's DNS."""
