"""Which network addresses the fetcher may contact: public unicast ones only.

Admins paste links and feeds, but the server does the fetching, from inside the company network. A
link that resolves to 127.0.0.1, 10.x, the cloud metadata service (169.254.169.254) or any other
non-public address would let a pasted URL probe internal services (SSRF). We resolve each host once,
refuse it if *any* address is non-public, and connect to the vetted address only.

IPv6 forms that embed an IPv4 address (IPv4-mapped, IPv4-compatible, NAT64, 6to4, Teredo) are
judged by the address they carry, so ``::ffff:127.0.0.1`` is as loopback as ``127.0.0.1``.
"""

import ipaddress
import socket
from collections.abc import Callable, Collection, Iterable

from server.library.errors import BlockedAddress, Unreachable

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
Resolver = Callable[[str, int], list[str]]

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

    ``allow_private`` is False in production. Tests pass an explicit collection of addresses or
    networks (``{"127.0.0.1"}``) so their local servers are reachable while every other private
    address is still refused, which keeps the per-hop checks under test. ``True`` allows everything.
    """

    def __init__(self, allow_private: bool | Collection[str] = False):
        self.allow_everything = allow_private is True
        if isinstance(allow_private, str):
            allow_private = [allow_private]  # a lone "127.0.0.1" must not be read as its characters
        exceptions = () if isinstance(allow_private, bool) else allow_private
        self.exceptions = tuple(ipaddress.ip_network(item, strict=False) for item in exceptions)

    def permits(self, address: IPAddress) -> bool:
        if self.allow_everything or is_public_address(address):
            return True
        return any(address in network for network in self.exceptions if network.version == address.version)

    def vet(self, host: str, addresses: Iterable[str]) -> list[str]:
        """Return ``addresses`` normalised, or raise :class:`BlockedAddress` if any is refused."""
        vetted = []
        for text in addresses:
            address = _parse_address(text, host)
            if not self.permits(address):
                raise BlockedAddress(_blocked_message(host, address))
            vetted.append(str(address))
        if not vetted:
            raise Unreachable(f"The host {host} has no address.")
        return list(dict.fromkeys(vetted))


def resolve_vetted(
    host: str, port: int, policy: AddressPolicy, resolver: Resolver | None = None,
) -> list[str]:
    """Resolve ``host`` once and return its addresses if every one of them is allowed.

    An IP literal is vetted as is. Names under ``localhost`` are refused before any lookup.
    """
    is_local_name = host in _LOCAL_NAMES or host.endswith(".localhost")
    if is_local_name and not policy.allow_everything:
        raise BlockedAddress(f"The host {host} is this server itself; it is never fetched.")
    try:
        ipaddress.ip_address(host)
    except ValueError:
        addresses = (resolver or system_resolver)(host, port)
    else:
        addresses = [host]
    return policy.vet(host, addresses)


def system_resolver(host: str, port: int) -> list[str]:
    """Resolve ``host`` with the operating system's resolver, keeping the order it returns."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as error:
        raise Unreachable(f"The host {host} could not be found ({error}).") from None
    return list(dict.fromkeys(str(info[4][0]) for info in infos))


def _parse_address(text: str, host: str) -> IPAddress:
    try:
        return ipaddress.ip_address(text)
    except ValueError:
        # A scoped IPv6 address (fe80::1%eth0) is link-local by definition.
        raise BlockedAddress(f"The host {host} resolved to an unusable address ({text}).") from None


def _blocked_message(host: str, address: IPAddress) -> str:
    shown = host if host == str(address) else f"{host} ({address})"
    return f"The address {shown} is not a public internet address; it is never fetched."
