"""Which network addresses the server may call: public unicast ones, and what the operator allows.

The server calls out from inside the company network: to fetch pasted links and feeds, to the social
networks (whose address may come from an employee, a Mastodon instance, or from a DID document, a
Bluesky account's PDS), to the single sign-on provider. A host that resolves to 127.0.0.1, 10.x, the
cloud metadata service (169.254.169.254) or any other non-public address would let whoever chooses the
address probe internal services (SSRF). Each host is resolved once, refused if *any* of its addresses
is not allowed, and the connection goes to a vetted address only (see :mod:`server.outbound`).

IPv6 forms that embed an IPv4 address (IPv4-mapped, IPv4-compatible, NAT64, 6to4, Teredo) are
judged by the address they carry, so ``::ffff:127.0.0.1`` is as loopback as ``127.0.0.1``.

Name resolution is bounded in time: ``socket.getaddrinfo`` takes no timeout and, with a dead DNS
server, blocks for as long as the C library's retries last (tens of seconds with the default
``resolv.conf``). The lookup runs in a daemon thread and the caller stops waiting after ``timeout``
seconds (:class:`LookupTimeout`); the thread ends on its own when the C library gives up.
"""

import ipaddress
import queue
import re
import socket
import threading
from collections.abc import Callable, Collection, Iterable

from server.outbound.errors import BlockedAddress, LookupFailed, LookupTimeout

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
Resolver = Callable[[str, int], list[str]]

LOOKUP_TIMEOUT = 5.0
"""Seconds a host name may take to resolve, unless the caller says otherwise."""

# Ranges that ipaddress does not flag as private/reserved in every Python version but that must
# never be contacted; the embedding prefixes are checked again through the address they carry.
_ALWAYS_BLOCKED = tuple(ipaddress.ip_network(network) for network in (
    "0.0.0.0/8",  # "this network"
    "100.64.0.0/10",  # shared address space (carrier-grade NAT)
    "192.0.0.0/24",  # IETF protocol assignments
    "192.88.99.0/24",  # deprecated 6to4 relay anycast
    "198.18.0.0/15",  # benchmarking
    "::/96",  # deprecated IPv4-compatible IPv6
    "64:ff9b:1::/48",  # local-use NAT64
    "100::/64",  # discard-only
    "fec0::/10",  # deprecated site-local
))
_NAT64 = ipaddress.ip_network("64:ff9b::/96")
_LOCAL_NAMES = ("localhost", "localhost.localdomain")
_HOST_LABEL = re.compile(r"^(?!-)[a-z0-9_-]{1,63}(?<!-)$")


def is_public_address(address: IPAddress) -> bool:
    """True when ``address`` is a globally routable unicast address, once embedded IPv4 is unwrapped."""
    for embedded in _embedded_ipv4(address):
        if not is_public_address(embedded):
            return False
    if any(address in network for network in _ALWAYS_BLOCKED if network.version == address.version):
        return False
    return address.is_global and not (
        address.is_private or address.is_loopback or address.is_link_local or address.is_multicast
        or address.is_reserved or address.is_unspecified
    )


def _embedded_ipv4(address: IPAddress) -> Iterable[ipaddress.IPv4Address]:
    if address.version != 6:
        return ()
    embedded = [address.ipv4_mapped, address.sixtofour]
    if address.teredo:
        embedded.extend(address.teredo)
    if address in _NAT64:
        embedded.append(ipaddress.IPv4Address(int(address) & 0xFFFFFFFF))
    return [candidate for candidate in embedded if candidate is not None]


class AddressPolicy:
    """Decides whether an address may be contacted.

    ``allow`` lists what may be called although not public: addresses or networks in CIDR notation
    (``10.20.0.0/16``) and host names (``sso.acme.internal``, whatever it resolves to). Empty in
    production unless the operator sets ``PV_OUTBOUND_ALLOW``. Tests pass an explicit collection
    (``{"127.0.0.1"}``) so their local servers are reachable while every other private address is
    still refused, which keeps the checks under test. ``True`` allows everything (the fetcher's tests).
    An entry that is neither raises ``ValueError``.
    """

    def __init__(self, allow: bool | Collection[str] = False):
        self.allow_everything = allow is True
        if isinstance(allow, str):
            allow = [allow]  # a lone "127.0.0.1" must not be read as its characters
        entries = () if isinstance(allow, bool) else allow
        networks, hosts = [], set()
        for entry in entries:
            text = str(entry).strip()
            try:
                networks.append(ipaddress.ip_network(text, strict=False))
            except ValueError:
                hosts.add(_host_name(text))
        self.exceptions = tuple(networks)
        self.hosts = frozenset(hosts)

    def permits(self, address: IPAddress) -> bool:
        if self.allow_everything or is_public_address(address):
            return True
        return any(address in network for network in self.exceptions if network.version == address.version)

    def names(self, host: str) -> bool:
        """Whether ``host`` is one of the host names allowed whatever it resolves to."""
        return self.allow_everything or host.lower().rstrip(".") in self.hosts

    def vet(self, host: str, addresses: Iterable[str]) -> list[str]:
        """Return ``addresses`` normalised, or raise :class:`BlockedAddress` if any is refused."""
        vetted = []
        for text in addresses:
            address = _parse_address(text, host)
            if not (self.names(host) or self.permits(address)):
                raise BlockedAddress(_blocked_message(host, address))
            vetted.append(str(address))
        if not vetted:
            raise LookupFailed(f"The host {host} has no address.")
        return list(dict.fromkeys(vetted))


def _host_name(text: str) -> str:
    name = text.lower().rstrip(".")
    try:
        name = name.encode("idna").decode("ascii")
    except UnicodeError:
        raise ValueError(f"{text!r} is neither an address, a network (CIDR) nor a host name") from None
    if not name or len(name) > 253 or not all(_HOST_LABEL.match(label) for label in name.split(".")):
        raise ValueError(f"{text!r} is neither an address, a network (CIDR) nor a host name")
    return name


def resolve_vetted(
    host: str, port: int, policy: AddressPolicy, resolver: Resolver | None = None, *,
    timeout: float = LOOKUP_TIMEOUT,
) -> list[str]:
    """Resolve ``host`` once, within ``timeout`` seconds, and return its addresses if all are allowed.

    An IP literal is vetted as is. Names under ``localhost`` are refused before any lookup unless the
    policy names them. ``resolver(host, port) -> [ip, …]`` replaces the system's DNS (tests).
    """
    is_local_name = host in _LOCAL_NAMES or host.endswith(".localhost")
    if is_local_name and not policy.names(host):
        raise BlockedAddress(f"The host {host} is this server itself; it is never contacted.")
    try:
        ipaddress.ip_address(host)
    except ValueError:
        addresses = bounded_lookup(resolver or system_resolver, host, port, timeout)
    else:
        addresses = [host]
    return policy.vet(host, addresses)


def bounded_lookup(resolver: Resolver, host: str, port: int, timeout: float) -> list[str]:
    """``resolver(host, port)``, given up after ``timeout`` seconds (:class:`LookupTimeout`).

    A daemon thread, so a lookup still hanging when the process exits does not hold it back.
    """
    outcome: queue.SimpleQueue = queue.SimpleQueue()

    def look_up():
        try:
            outcome.put((True, resolver(host, port)))
        except Exception as error:  # handed to the caller, who raises it in its own thread
            outcome.put((False, error))

    threading.Thread(target=look_up, name=f"lookup {host}", daemon=True).start()
    try:
        succeeded, value = outcome.get(timeout=max(timeout, 0.0))
    except queue.Empty:
        raise LookupTimeout(f"Looking up the host {host} took more than {timeout:g} seconds.") from None
    if not succeeded:
        raise value
    return value


def system_resolver(host: str, port: int) -> list[str]:
    """Resolve ``host`` with the operating system's resolver, keeping the order it returns."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as error:
        raise LookupFailed(f"The host {host} could not be found ({error}).") from None
    return list(dict.fromkeys(str(info[4][0]) for info in infos))


def _parse_address(text: str, host: str) -> IPAddress:
    try:
        return ipaddress.ip_address(text)
    except ValueError:
        # A scoped IPv6 address (fe80::1%eth0) is link-local by definition.
        raise BlockedAddress(f"The host {host} resolved to an unusable address ({text}).") from None


def _blocked_message(host: str, address: IPAddress) -> str:
    shown = host if host == str(address) else f"{host} ({address})"
    return f"The address {shown} is not a public internet address; it is never contacted."
