"""Every call the server makes to another HTTP server goes through here.

The addresses the server calls are often chosen by someone else: an employee names a Mastodon
instance, a Bluesky account's DID document names its PDS (which then receives the account's refresh
token), a discovery document names the sign-in provider's endpoints, an administrator pastes a link.
From inside the company network, each of them could point at an internal service. So:

* **Only public addresses**, plus what the operator lists in ``PV_OUTBOUND_ALLOW`` (hosts or CIDR
  networks, e.g. a single sign-on provider on 10.x). Every address a name resolves to must be allowed,
  not just one (:mod:`addresses`). Tests list their local servers in ``OUTBOUND_ALLOW`` in the
  application's configuration (or ``OutboundClient(allow=…)``) and may replace DNS with
  ``OUTBOUND_RESOLVER``; any other private address stays refused, so the checks stay under test.
* **Resolve once, connect to what was vetted** (:mod:`adapter`). If the check resolved the name and the
  connection resolved it again, a DNS server answering a public address first and 127.0.0.1 next
  (DNS rebinding) would pass the check and reach loopback. The connection therefore goes to the vetted
  IP, while the Host header, the TLS SNI and the certificate check keep using the name.
* **No redirects.** The social networks' APIs and the sign-in endpoints never answer with one; an
  allowed server that did would send us, with our credentials and body, to an address nobody vetted.
  A redirect is refused with :class:`RedirectRefused`. (The link fetcher, which must follow redirects,
  follows them by hand and vets every hop with the same :func:`resolve_vetted`.)
* **Bounded time**: a default (connect, read) timeout, and name resolution bounded too
  (``socket.getaddrinfo`` has no timeout of its own; :class:`LookupTimeout`).
* **No proxies from the environment** (``HTTP_PROXY``…): a proxy would resolve the name itself.

Use ``OutboundClient.request(…)`` for one call, ``client.session()`` for a ``requests.Session``, and
``client.mount(OAuth2Session(…))`` for requests-oauthlib. Nothing here imports Flask: the network
clients in ``server.networks`` use it as they are; the web side builds its client with
``OutboundClient.from_config(current_app.config)``.
"""

from server.outbound.addresses import AddressPolicy, is_public_address, resolve_vetted
from server.outbound.client import DEFAULT_TIMEOUT, PUBLIC_ONLY, OutboundClient
from server.outbound.errors import BlockedAddress, LookupFailed, LookupTimeout, OutboundError, RedirectRefused

__all__ = [
    "DEFAULT_TIMEOUT",
    "PUBLIC_ONLY",
    "AddressPolicy",
    "BlockedAddress",
    "LookupFailed",
    "LookupTimeout",
    "OutboundClient",
    "OutboundError",
    "RedirectRefused",
    "is_public_address",
    "resolve_vetted",
]
