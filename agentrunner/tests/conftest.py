"""Fixtures for the agentrunner tests: local storage, sample data, a price-tracker graph, a real Redis."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

FLIGHTS: list[dict[str, Any]] = [
    {"id": 1, "origin": "NYC", "dest": "LAX", "carrier": "AA", "price": 320.0},
    {"id": 2, "origin": "NYC", "dest": "SFO", "carrier": "UA", "price": 410.5},
    {"id": 3, "origin": "BOS", "dest": "LAX", "carrier": "DL", "price": 280.0},
    {"id": 4, "origin": "NYC", "dest": "MIA", "carrier": "AA", "price": 150.0},
    {"id": 5, "origin": "BOS", "dest": "SFO", "carrier": "UA", "price": 505.0},
    {"id": 6, "origin": "CHI", "dest": "LAX", "carrier": "DL", "price": 199.0},
]

PRICE_TRACKER: dict[str, Any] = {
    "name": "price tracker",
    "description": "checks a price and remembers it",
    "start_node": "fetch_prices",
    "nodes": {
        "fetch_prices": {"tool": "set_values", "args": {"values": {"price": 250}}, "next": "wait_a_bit"},
        "wait_a_bit": {"tool": "wait", "args": {"seconds": 0}, "next": "end"},
    },
}


@pytest.fixture(autouse=True)
def own_media(media_root) -> Path:
    """Every test here stores into its own folder (the root conftest's media_root)."""
    return media_root


@pytest.fixture(autouse=True)
def no_llm(settings, monkeypatch):
    """The built-in path unless a test asks for fake_llm (which configures a provider again)."""
    for name in ("OPENAI_API_KEY", "ANTHROPIC_API_KEY"):
        monkeypatch.delenv(name, raising=False)
    settings.OPENAI_API_KEY = None
    settings.ANTHROPIC_API_KEY = None
    settings.WFP_LLM_MAX_RETRIES = 0


@pytest.fixture
def flights() -> list[dict[str, Any]]:
    return [dict(row) for row in FLIGHTS]


@pytest.fixture
def tracker(user):
    from graphs.services import graph_create

    return graph_create(owner=user, definition=PRICE_TRACKER)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="session")
def redis_url(tmp_path_factory) -> Iterator[str]:
    """A real Redis: REDIS_URL's when set (CI's second run), else a redis-server started for the session."""
    if os.environ.get("REDIS_URL"):
        yield os.environ["REDIS_URL"]
        return
    binary = shutil.which("redis-server")
    if binary is None:
        pytest.skip("no Redis: REDIS_URL is unset and redis-server is not installed")
    port = _free_port()
    folder = tmp_path_factory.mktemp("redis")
    process = subprocess.Popen(
        [binary, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", str(folder)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        _wait_for_port(port)
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        process.terminate()
        process.wait(timeout=10)


def _wait_for_port(port: int, seconds: float = 10) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return
        except OSError:
            time.sleep(0.05)
    raise RuntimeError(f"redis-server did not listen on port {port}")


@pytest.fixture
def redis_client(redis_url, settings):
    import redis

    settings.WFP_AGENT_REDIS_URL = redis_url
    client = redis.Redis.from_url(redis_url)
    yield client
    for key in client.scan_iter("agent:*"):
        client.delete(key)
