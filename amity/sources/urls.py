"""URLs: recognising them, canonical forms for de-duplication, and the private-address guard.

The guard (:func:`check_address`, :func:`resolve_public`) is what keeps a feed or a page from
making amity request ``http://169.254.169.254/`` or a service on the user's own network: every
host name is resolved, and the connection is refused when any of its addresses is loopback,
private, link-local, multicast, reserved, unspecified or a cloud metadata endpoint. The fetcher
calls it at connect time, for the first request and every redirect hop, and connects to the very
address it checked (no second DNS look-up an attacker could answer differently).
"""

from __future__ import annotations

import ipaddress
import socket
from urllib.parse import urlsplit

from amity.errors import FetchError

SCHEMES = ("http://", "https://")

# Addresses that are public by the ipaddress flags but serve cloud instance metadata.
METADATA_ADDRESSES = frozenset({
    ipaddress.ip_address("169.254.169.254"),  # AWS, GCP, Azure, OpenStack (also link-local)
    ipaddress.ip_address("169.254.170.2"),  # AWS ECS task metadata
    ipaddress.ip_address("100.100.100.200"),  # Alibaba Cloud
    ipaddress.ip_address("fd00:ec2::254"),  # AWS over IPv6
})
METADATA_HOSTS = frozenset({"metadata.google.internal", "metadata", "instance-data"})


def is_url(text: str) -> bool:
    """True for an absolute http(s) URL (what the URL reader accepts)."""
    if not text[:8].lower().startswith(SCHEMES):
        return False
    try:
        return bool(urlsplit(text).hostname)
    except ValueError:  # "http://[" : a malformed IPv6 host
        return False


def canonical_url(url: str) -> str:
    """The form used to tell two links to one page apart: courlan's normalisation (lower-case
    host, default port and fragment dropped, tracking parameters removed, query sorted)."""
    from courlan import normalize_url

    try:
        normal = normalize_url(url)
    except (ValueError, AttributeError):
        normal = url
    return normal.split("#", 1)[0]


def address_problem(ip: ipaddress.IPv4Address | ipaddress.IPv6Address) -> str | None:
    """Why amity must not connect to ``ip``, or None when it is a public address."""
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
        return address_problem(ip.ipv4_mapped)
    if ip in METADATA_ADDRESSES:
        return "a cloud metadata address"
    for flag, label in (("is_loopback", "a loopback address"), ("is_link_local", "a link-local address"),
                        ("is_multicast", "a multicast address"), ("is_unspecified", "an unspecified address"),
                        ("is_reserved", "a reserved address"), ("is_private", "a private address")):
        if getattr(ip, flag):
            return label
    if not ip.is_global:
        return "a non-public address"
    return None


class PrivateAddressError(FetchError):
    """A host resolved to an address amity must not connect to."""

    hint = "amity does not fetch from private networks; pass --allow-private-hosts to allow it."


def check_address(host: str, ip_text: str) -> None:
    """Raise PrivateAddressError when ``ip_text`` (an address ``host`` resolved to) is not public."""
    problem = address_problem(ipaddress.ip_address(ip_text.split("%", 1)[0]))
    if problem:
        raise PrivateAddressError(f"refused to connect to {host} ({ip_text}): {problem}")


def resolve(host: str, port: int) -> list[str]:
    """Every address ``host`` resolves to (IPv4 and IPv6), in resolver order."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as exc:
        raise FetchError(f"cannot resolve {host}: {exc}") from exc
    seen: list[str] = []
    for *_, sockaddr in infos:
        if sockaddr[0] not in seen:
            seen.append(sockaddr[0])
    return seen


def resolve_public(host: str, port: int, allow_private: bool = False) -> list[str]:
    """``host``'s addresses, refusing the host if any of them is private (unless allowed)."""
    if not allow_private and host.lower().rstrip(".") in METADATA_HOSTS:
        raise PrivateAddressError(f"refused to connect to {host}: a cloud metadata host name")
    addresses = resolve(host, port)
    if not allow_private:
        for ip in addresses:
            check_address(host, ip)
    return addresses
