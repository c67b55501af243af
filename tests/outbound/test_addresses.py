"""The address policy: only public unicast addresses may be contacted."""

from ipaddress import ip_address

import pytest

from server.outbound.addresses import AddressPolicy, is_public_address, resolve_vetted
from server.outbound.errors import BlockedAddress, LookupFailed


@pytest.mark.parametrize("address", [
    "127.0.0.1", "127.255.255.254", "10.0.0.1", "172.16.0.1", "172.31.255.255", "192.168.0.1",
    "169.254.169.254", "0.0.0.0", "0.1.2.3",  # noqa: S104 (an address under test, not a bind)
    "100.64.0.1", "100.127.255.254", "192.0.0.1", "192.0.2.1",
    "198.18.0.1", "198.51.100.1", "203.0.113.1", "224.0.0.1", "239.255.255.250", "240.0.0.1", "255.255.255.255",
    "::", "::1", "fe80::1", "fc00::1", "fd12:3456::1", "fec0::1", "ff02::1", "2001:db8::1", "100::1",
    "::ffff:127.0.0.1", "::ffff:10.0.0.1", "::ffff:169.254.169.254", "::127.0.0.1",
    "64:ff9b::a00:1", "64:ff9b:1::1", "2002:7f00:1::", "2002:a00:1::", "2001:0:4136:e378:8000:63bf:3fff:fdd2",
])
def test_non_public_addresses(address):
    assert not is_public_address(ip_address(address))


@pytest.mark.parametrize("address", ["93.184.216.34", "8.8.8.8", "1.1.1.1", "2606:4700:4700::1111",
                                     "2a00:1450:4007:80f::200e", "2002:5db8:d822::"])
def test_public_addresses(address):
    assert is_public_address(ip_address(address))


def test_allowed_exceptions_are_addresses_or_networks():
    assert AddressPolicy("127.0.0.1").permits(ip_address("127.0.0.1"))
    assert not AddressPolicy("127.0.0.1").permits(ip_address("127.0.0.2"))
    assert AddressPolicy({"127.0.0.0/8"}).permits(ip_address("127.0.0.2"))
    assert not AddressPolicy({"127.0.0.0/8"}).permits(ip_address("10.0.0.1"))
    assert not AddressPolicy().permits(ip_address("127.0.0.1"))
    assert AddressPolicy(True).permits(ip_address("10.0.0.1"))


def test_every_resolved_address_is_vetted():
    def resolver(host, port):
        return ["93.184.216.34", "::ffff:192.168.1.1"]

    with pytest.raises(BlockedAddress, match=r"::ffff:c0a8:101"):
        resolve_vetted("shop.example.com", 443, AddressPolicy(), resolver)


def test_vetted_addresses_keep_resolver_order():
    def resolver(host, port):
        return ["2606:4700:4700::1111", "1.1.1.1", "1.1.1.1"]

    assert resolve_vetted("one.example", 443, AddressPolicy(), resolver) == ["2606:4700:4700::1111", "1.1.1.1"]


def test_unusable_resolver_answers_are_refused():
    with pytest.raises(BlockedAddress):
        resolve_vetted("odd.example", 80, AddressPolicy(), lambda host, port: ["not-an-ip"])
    with pytest.raises(LookupFailed):
        resolve_vetted("empty.example", 80, AddressPolicy(), lambda host, port: [])


def test_a_listed_host_name_is_allowed_whatever_it_resolves_to_and_only_it():
    policy = AddressPolicy(["10.20.0.0/16", "SSO.Acme.Internal."])
    internal = lambda host, port: ["10.99.0.4"]  # noqa: E731
    assert resolve_vetted("sso.acme.internal", 443, policy, internal) == ["10.99.0.4"]
    assert resolve_vetted("wiki.acme.internal", 443, policy, lambda host, port: ["10.20.3.4"]) == ["10.20.3.4"]
    with pytest.raises(BlockedAddress):
        resolve_vetted("wiki.acme.internal", 443, policy, internal)


def test_localhost_is_refused_unless_named():
    with pytest.raises(BlockedAddress, match="this server itself"):
        resolve_vetted("localhost", 80, AddressPolicy({"127.0.0.0/8"}), lambda host, port: ["127.0.0.1"])
    assert resolve_vetted("localhost", 80, AddressPolicy({"localhost"}), lambda host, port: ["127.0.0.1"]) == [
        "127.0.0.1"]


@pytest.mark.parametrize("entry", ["http://sso.acme.internal/", "10.0.0.0/33", "sso acme", "-bad-.example", ""])
def test_an_entry_that_is_no_address_network_or_host_is_refused(entry):
    with pytest.raises(ValueError, match="neither"):
        AddressPolicy([entry])
