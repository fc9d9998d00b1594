"""Liveness of everything the platform depends on, for GET /health."""

from __future__ import annotations

import time
import uuid
from collections.abc import Callable

from django.conf import settings
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import connection
from django_q.brokers import get_broker

from wfplatform.jobs.selectors import cluster_stats


def check_database() -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return connection.vendor


def check_broker() -> str:
    broker = get_broker()
    if not broker.ping():
        raise RuntimeError("the broker did not answer a ping")
    return type(broker).__name__


def check_workers() -> str:
    workers = sum(len(stat.workers) for stat in cluster_stats())
    if workers == 0 and settings.WFP_HEALTH_REQUIRE_WORKERS:
        raise RuntimeError("no worker cluster is running (start one with `python manage.py qcluster`)")
    return f"{workers} worker(s) alive"


def check_storage() -> str:
    name = default_storage.save(f"_health/{uuid.uuid4().hex}.txt", ContentFile(b"ok"))
    try:
        with default_storage.open(name) as handle:
            if handle.read() != b"ok":
                raise RuntimeError("storage returned other bytes than it was given")
    finally:
        default_storage.delete(name)
    return settings.STORAGES["default"]["BACKEND"].rsplit(".", 1)[-1]


def check_cache() -> str:
    key = f"wfp-health-{uuid.uuid4().hex}"
    cache.set(key, "ok", 10)
    if cache.get(key) != "ok":
        raise RuntimeError("the cache did not return the value just written")
    cache.delete(key)
    return settings.CACHES["default"]["BACKEND"].rsplit(".", 1)[-1]


CHECKS: dict[str, Callable[[], str]] = {
    "database": check_database,
    "broker": check_broker,
    "workers": check_workers,
    "storage": check_storage,
    "cache": check_cache,
}


def run_checks() -> tuple[bool, dict[str, dict]]:
    results: dict[str, dict] = {}
    for name, check in CHECKS.items():
        started = time.perf_counter()
        try:
            detail, ok = check(), True
        except Exception as exc:  # a failed dependency is reported, not raised
            detail, ok = f"{type(exc).__name__}: {exc}", False
        results[name] = {"ok": ok, "detail": detail, "ms": round((time.perf_counter() - started) * 1000, 1)}
    return all(item["ok"] for item in results.values()), results
