"""Typed reads of environment variables.

Every deploy-specific setting comes from here, so a bad value stops the start with an
ImproperlyConfigured that names the variable instead of a traceback deep inside Django.
"""

from __future__ import annotations

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def _raw(name: str) -> str | None:
    value = os.environ.get(name)
    return value.strip() if value is not None else None


def env_str(name: str, default: str | None = None, *, required: bool = False) -> str | None:
    value = _raw(name)
    if value:
        return value
    if required:
        raise ImproperlyConfigured(f"{name} must be set")
    return default


def env_choice(name: str, choices: tuple[str, ...]) -> str | None:
    """An optional value that must be one of `choices`."""
    value = env_str(name)
    if value is not None and value not in choices:
        raise ImproperlyConfigured(f"{name} must be one of {', '.join(choices)}, not {value!r}")
    return value


def env_bool(name: str, default: bool) -> bool:
    value = _raw(name)
    if value is None:
        return default
    lowered = value.lower()
    if lowered in _TRUE:
        return True
    if lowered in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name}={value!r} is not a boolean (use 1/0, true/false, yes/no, on/off)")


def env_int(name: str, default: int, *, minimum: int | None = None) -> int:
    value = _raw(name)
    if not value:
        return default
    try:
        number = int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name}={value!r} is not an integer") from None
    if minimum is not None and number < minimum:
        raise ImproperlyConfigured(f"{name}={number} must be at least {minimum}")
    return number


def env_float(name: str, default: float | None, *, minimum: float, maximum: float) -> float | None:
    value = env_str(name)
    if value is None:
        return default
    try:
        number = float(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name}={value!r} is not a number") from None
    if not minimum <= number <= maximum:
        raise ImproperlyConfigured(f"{name}={number:g} must be between {minimum:g} and {maximum:g}")
    return number


def env_url(name: str) -> str | None:
    value = env_str(name)
    if value and not value.startswith(("http://", "https://")):
        raise ImproperlyConfigured(f"{name} must be an http:// or https:// URL")
    return value


def env_list(name: str, default: list[str]) -> list[str]:
    value = _raw(name)
    if value is None:
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


def env_rate(name: str, default: str) -> str:
    """A DRF throttle rate such as '100/min'."""
    value = _raw(name) or default
    count, _, period = value.partition("/")
    if not count.isdigit() or period[:1] not in {"s", "m", "h", "d"}:
        raise ImproperlyConfigured(f"{name}={value!r} is not a rate like '100/min' or '5000/day'")
    return value


def env_database(name: str, default_sqlite_path: Path) -> dict:
    value = _raw(name)
    if not value:
        return sqlite_database(default_sqlite_path)
    try:
        config = dj_database_url.parse(value, conn_max_age=60, conn_health_checks=True)
    except Exception as exc:  # dj-database-url raises several types for bad URLs
        raise ImproperlyConfigured(f"{name} is not a valid database URL: {exc}") from None
    engine = config.get("ENGINE", "")
    if engine not in {"django.db.backends.sqlite3", "django.db.backends.postgresql"}:
        raise ImproperlyConfigured(f"{name} must be a sqlite:// or postgres:// URL")
    if engine == "django.db.backends.sqlite3":
        return sqlite_database(Path(config["NAME"]))
    return config


def sqlite_database(path: Path) -> dict:
    path.parent.mkdir(parents=True, exist_ok=True)
    return {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": str(path),
        "OPTIONS": {
            # WAL lets the web server read while a worker writes; IMMEDIATE transactions take
            # the write lock up front, so concurrent writers wait instead of failing.
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            "transaction_mode": "IMMEDIATE",
            "timeout": 30,
        },
    }


def env_redis_url(name: str) -> str | None:
    value = _raw(name)
    if not value:
        return None
    if not value.startswith(("redis://", "rediss://", "unix://")):
        raise ImproperlyConfigured(f"{name} must start with redis://, rediss:// or unix://")
    return value
