"""The private-address guard: no request reaches loopback, private, link-local or metadata hosts."""

from __future__ import annotations

import ipaddress

import pytest
from scale_support import html, redirect, serve

from amity.errors import FetchError
from amity.models import Rejection
from amity.sources import urls
from amity.sources.fetch import Fetcher, FetchOptions, fetch_page
from amity.sources.urls import PrivateAddressError, address_problem

PAGE = "<html><head><title>Talks</title></head><body><p>Defence ministers met.</p></body></html>"
FAST = dict(delay=0.0, timeout=5.0)


@pytest.mark.parametrize("address, label", [
    ("127.0.0.1", "loopback"), ("10.0.0.1", "private"), ("192.168.1.20", "private"),
    ("172.16.5.4", "private"), ("169.254.169.254", "metadata"), ("169.254.10.1", "link-local"),
    ("::1", "loopback"), ("fe80::1", "link-local"), ("fd00:ec2::254", "metadata"),
    ("::ffff:10.0.0.1", "private"), ("224.0.0.1", "multicast"), ("0.0.0.0", "unspecified"),
    ("100.64.0.1", "non-public"), ("100.100.100.200", "metadata"),
])
def test_non_public_addresses_are_named(address, label):
    assert label in address_problem(ipaddress.ip_address(address))


def test_public_addresses_pass():
    for address in ("93.184.216.34", "8.8.8.8", "2606:4700:4700::1111"):
        assert address_problem(ipaddress.ip_address(address)) is None


@pytest.mark.parametrize("url", ["http://10.0.0.1/", "http://169.254.169.254/latest/meta-data/",
                                 "http://metadata.google.internal/", "http://[::1]:9/"])
def test_private_targets_refused_before_connecting(url):
    result = fetch_page(url, FetchOptions(**FAST))
    assert isinstance(result, Rejection)
    assert result.stage == "fetch" and "refused to connect" in result.reason


def test_loopback_server_refused_without_the_flag_and_read_with_it():
    with serve({"/story": html(PAGE)}) as site:
        refused = fetch_page(site.url("/story"), FetchOptions(**FAST))
        assert isinstance(refused, Rejection) and "loopback" in refused.reason
        assert site.requests == []  # not even robots.txt was asked for
        page = fetch_page(site.url("/story"), FetchOptions(allow_private_hosts=True, **FAST))
        assert not isinstance(page, Rejection)
        assert b"Defence ministers" in page.content.encode() if isinstance(page.content, str) else page.content


@pytest.fixture()
def loopback_is_public(monkeypatch):
    """Let 127.0.0.1 stand in for a public news site, so that redirects from it can be tested."""
    real = urls.check_address

    def check(host, ip_text):
        if ip_text != "127.0.0.1":
            real(host, ip_text)

    monkeypatch.setattr(urls, "check_address", check)


@pytest.mark.parametrize("target", ["http://10.0.0.1/admin", "http://169.254.169.254/latest/meta-data/",
                                    "http://[::1]/", "http://0.0.0.0:9/"])
def test_redirect_to_private_address_refused(loopback_is_public, target):
    with serve({"/story": redirect(target)}) as site, Fetcher(FetchOptions(**FAST)) as fetcher:
        with pytest.raises(FetchError) as caught:
            fetcher.get(site.url("/story"))
    assert "/story" in site.paths()
    assert isinstance(caught.value, PrivateAddressError)
    assert len(site.requests) == 2  # robots.txt and /story, nothing after the redirect


def test_redirect_to_loopback_refused_on_the_hop(loopback_is_public, monkeypatch):
    """The first hop is allowed (stand-in public); 127.0.0.2 on the next hop is not."""
    with serve({"/a": redirect("http://127.0.0.2/b")}) as site:
        with Fetcher(FetchOptions(**FAST)) as fetcher:
            with pytest.raises(PrivateAddressError, match="127.0.0.2"):
                fetcher.get(site.url("/a"))
