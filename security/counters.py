"""Counters in the shared cache (Redis in production), so that every app server counts
the same requests: wrong passwords, searches per client."""

import ipaddress

from django.core.cache import cache

from .addresses import client_address


def count(key, timeout):
    """One more under ``key``, atomically across workers; the new count. A counter that
    does not exist starts at 1 and expires ``timeout`` seconds later."""
    if cache.add(key, 1, timeout):
        return 1
    try:
        return cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.add(key, 1, timeout)
        return 1


def client_network(request):
    """Who a per-client limit counts: the client's address, or for IPv6 its /64 network
    (one connection of a home or office gets a whole /64 and could change address at will)."""
    address = client_address(request) or ""
    try:
        parsed = ipaddress.ip_address(address)
    except ValueError:
        return address[:64]
    if parsed.version == 4:
        return str(parsed)
    if parsed.ipv4_mapped is not None:
        return str(parsed.ipv4_mapped)
    return str(ipaddress.ip_network(f"{parsed}/64", strict=False))
