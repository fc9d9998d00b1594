"""The address policy that decides which resolved addresses a URL input may connect to."""

from __future__ import annotations

import ipaddress

import pytest

from wfplatform.files.addresses import AddressPolicy, why_not_public

DEFAULT = AddressPolicy()


@pytest.mark.parametrize(
    ("address", "reason"),
    [
        ("127.0.0.1", "a loopback address"),
        ("127.8.9.10", "a loopback address"),
        ("::1", "a loopback address"),
        ("0.0.0.0", "an unspecified address"),
        ("::", "an unspecified address"),
        ("10.1.2.3", "a private address"),
        ("172.16.0.1", "a private address"),
        ("192.168.1.1", "a private address"),
        ("fd12:3456::1", "a private address"),
        ("169.254.1.1", "a link-local address"),
        ("fe80::1", "a link-local address"),
        ("169.254.169.254", "a cloud metadata address"),
        ("fd00:ec2::254", "a cloud metadata address"),
        ("224.0.0.1", "a multicast address"),
        ("100.64.0.1", "not a public internet address"),
        ("::ffff:10.0.0.1", "a private address (10.0.0.1) wrapped in IPv6"),
        ("64:ff9b::a9fe:a9fe", "a cloud metadata address (169.254.169.254) wrapped in IPv6"),
        ("2002:7f00:1::", "a loopback address (127.0.0.1) wrapped in IPv6"),
    ],
)
def test_non_public_addresses_are_refused_with_the_reason(address, reason):
    assert DEFAULT.refusal(ipaddress.ip_address(address)) == reason


@pytest.mark.parametrize("address", ["93.184.216.34", "8.8.8.8", "2606:4700:4700::1111", "::ffff:8.8.8.8"])
def test_public_addresses_are_allowed(address):
    assert why_not_public(ipaddress.ip_address(address)) is None
    assert DEFAULT.refusal(ipaddress.ip_address(address)) is None


def test_allow_private_admits_everything_but_cloud_metadata():
    policy = AddressPolicy(allow_private=True)

    assert policy.refusal(ipaddress.ip_address("127.0.0.1")) is None
    assert policy.refusal(ipaddress.ip_address("10.0.0.1")) is None
    assert policy.refusal(ipaddress.ip_address("169.254.169.254")) == "a cloud metadata address"
    assert policy.refusal(ipaddress.ip_address("::ffff:169.254.169.254")) is not None


def test_allowed_networks_admit_only_what_they_list():
    policy = AddressPolicy(allowed_networks=(ipaddress.ip_network("10.20.0.0/16"),))

    assert policy.refusal(ipaddress.ip_address("10.20.3.4")) is None
    assert policy.refusal(ipaddress.ip_address("10.21.0.1")) == "a private address"
    assert policy.refusal(ipaddress.ip_address("127.0.0.1")) == "a loopback address"
    # An IPv6 address whose low bits match the IPv4 network must not slip in.
    assert policy.refusal(ipaddress.ip_address("::a14:304")) is not None


def test_the_policy_is_read_from_settings(settings):
    settings.WFP_FILE_ALLOW_PRIVATE_URLS = True
    settings.WFP_FILE_ALLOWED_NETWORKS = ["192.0.2.0/24"]

    policy = AddressPolicy.from_settings()

    assert policy == AddressPolicy(allow_private=True, allowed_networks=(ipaddress.ip_network("192.0.2.0/24"),))
