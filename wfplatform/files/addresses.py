"""Which IP addresses a URL input may reach.

The check runs on the addresses a host name resolves to, at connection time (see fetch.py), so
a name that resolves to a public address once and a private one later (DNS rebinding) is
still caught.
"""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass

from django.conf import settings

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
IPNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network

METADATA = "a cloud metadata address"
# AWS/GCP/Azure/OpenStack (IPv4 and AWS's IPv6), ECS task credentials, Alibaba Cloud.
METADATA_ADDRESSES = frozenset(
    ipaddress.ip_address(text) for text in ("169.254.169.254", "fd00:ec2::254", "169.254.170.2", "100.100.100.200")
)
# NAT64 gateways forward 64:ff9b::a.b.c.d to the IPv4 address a.b.c.d.
NAT64_PREFIX = ipaddress.ip_network("64:ff9b::/96")

# Order matters: 127.0.0.1 and 169.254.0.0/16 are also "private"; name the most specific reason.
_CHECKS = (
    ("is_unspecified", "an unspecified address"),
    ("is_loopback", "a loopback address"),
    ("is_link_local", "a link-local address"),
    ("is_multicast", "a multicast address"),
    ("is_private", "a private address"),
    ("is_reserved", "a reserved address"),
)


def embedded_ipv4(address: IPAddress) -> ipaddress.IPv4Address | None:
    """The IPv4 address an IPv6 address stands for (mapped, NAT64, 6to4), if any."""
    if isinstance(address, ipaddress.IPv4Address):
        return None
    if address.ipv4_mapped is not None:
        return address.ipv4_mapped
    if address in NAT64_PREFIX:
        return ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)
    return address.sixtofour


def why_not_public(address: IPAddress) -> str | None:
    """Why the address is not a public internet address, or None if it is one."""
    inner = embedded_ipv4(address)
    if inner is not None:  # the IPv4 address is where the connection ends up
        reason = why_not_public(inner)
        return f"{reason} ({inner}) wrapped in IPv6" if reason else None
    if address in METADATA_ADDRESSES:
        return METADATA
    for attribute, reason in _CHECKS:
        if getattr(address, attribute):
            return reason
    if not address.is_global:
        return "not a public internet address"
    return None


@dataclass(frozen=True)
class AddressPolicy:
    allow_private: bool = False
    allowed_networks: tuple[IPNetwork, ...] = ()

    @classmethod
    def from_settings(cls) -> AddressPolicy:
        networks = tuple(ipaddress.ip_network(text, strict=False) for text in settings.WFP_FILE_ALLOWED_NETWORKS)
        return cls(allow_private=settings.WFP_FILE_ALLOW_PRIVATE_URLS, allowed_networks=networks)

    def refusal(self, address: IPAddress) -> str | None:
        """Why a URL input may not connect to this address, or None if it may."""
        if any(address.version == net.version and address in net for net in self.allowed_networks):
            return None
        reason = why_not_public(address)
        # Even a deployment that fetches from its own network never wants to hand out the
        # instance's cloud credentials; reaching metadata takes naming it in the allow-list.
        if reason is None or (self.allow_private and METADATA not in reason):
            return None
        return reason
