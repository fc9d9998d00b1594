"""Catalog reads cached in the platform's cache (Redis when REDIS_URL is set, so every process shares them).

Every cached answer's key carries the catalog's version, a counter bumped whenever the catalog changes
(an import, an admin edit): a change makes the old entries unreachable at once, in every process, and they
expire on their own.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.core.cache import cache

VERSION_KEY = "catalog:version"
TIMEOUT_SECONDS = 300


def catalog_version() -> int:
    version = cache.get(VERSION_KEY)
    if version is None:
        cache.add(VERSION_KEY, 1, timeout=None)
        version = cache.get(VERSION_KEY, 1)
    return int(version)


def bump_catalog_version(**_: Any) -> None:
    """Signal receiver as well as a plain call: the catalog changed."""
    try:
        cache.incr(VERSION_KEY)
    except ValueError:  # no counter yet (a fresh cache): start one past the default
        cache.set(VERSION_KEY, 2, timeout=None)


def cached(parts: tuple[Any, ...], compute: Callable[[], Any]) -> Any:
    key = "catalog:" + ":".join(str(part) for part in (catalog_version(), *parts))
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, TIMEOUT_SECONDS)
    return value
