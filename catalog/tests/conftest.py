"""A local Composio: a real HTTP server on 127.0.0.1 that serves v3 pages and records every request.

    def test_something(fake_composio, composio_client):
        fake_composio.add_toolkit(toolkit_item("github"), tools=[tool_item("GITHUB_STAR", "github")])
        fake_composio.fail(503, times=2)              # the next 2 requests get a 503
        fake_composio.fail(500, path="/tools")        # the next request to /tools gets a 500
        fake_composio.fail(429, headers={"Retry-After": "2"})
        list(composio_client.iter_toolkits(page_size=1))
        assert fake_composio.requests[0].headers["x-api-key"] == COMPOSIO_TEST_KEY

Paths live under /api/v3 like the real base URL. Cursors are opaque strings ("after-N");
`repeat_cursor = True` makes every page answer the same next_cursor.
"""

from __future__ import annotations

import json
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest

from catalog.composio import ComposioClient, RetryPolicy
from wfplatform.loopback import LoopbackServer, send_json

COMPOSIO_TEST_KEY = "test-composio-key-0123456789"
API_PREFIX = "/api/v3"


@dataclass
class ComposioRequest:
    method: str
    path: str  # without the /api/v3 prefix and the query
    query: dict[str, str]
    headers: dict[str, str]
    body: Any = None


@dataclass
class ScriptedFailure:
    status: int
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0  # seconds before answering, to trip a client timeout
    path: str | None = None  # only for requests to this path; None: the next request, whatever it is
    message: str = "scripted failure"


class FakeComposio(LoopbackServer):
    def __init__(self) -> None:
        super().__init__(_handler_for(self), name="fake-composio")
        self.toolkits: list[dict] = []
        self.tools: dict[str, list[dict]] = {}
        self.requests: list[ComposioRequest] = []
        self.executions: dict[str, dict] = {}
        self.repeat_cursor = False
        self._failures: deque[ScriptedFailure] = deque()
        self._lock = threading.Lock()

    @property
    def base_url(self) -> str:
        return f"{self.url}{API_PREFIX}"

    # --- scripting ---------------------------------------------------------------------------------
    def add_toolkit(self, toolkit: dict, *, tools: list[dict] = ()) -> None:
        self.toolkits.append(toolkit)
        self.tools[toolkit["slug"]] = list(tools)

    def fail(
        self,
        status: int,
        *,
        times: int = 1,
        headers: dict[str, str] | None = None,
        delay: float = 0,
        path: str = "",
        message: str = "scripted failure",
    ) -> None:
        """Answer the next `times` requests (to `path`, when given) with `status` and an error body."""
        failure = ScriptedFailure(status, dict(headers or {}), delay, path or None, message)
        with self._lock:
            self._failures.extend(failure for _ in range(times))

    def requests_to(self, path: str) -> list[ComposioRequest]:
        return [request for request in self.requests if request.path == path]

    # --- answering (in the server's threads) -----------------------------------------------------------
    def answer(self, request: ComposioRequest) -> tuple[int, dict[str, str], Any]:
        with self._lock:
            self.requests.append(request)
            failure = next((f for f in self._failures if f.path in (None, request.path)), None)
            if failure is not None:
                self._failures.remove(failure)
        if failure is not None:
            time.sleep(failure.delay)
            return failure.status, failure.headers, _error_body(failure.status, failure.message)
        route = self._route(request)
        if route is None:
            return 404, {}, _error_body(404, f"no route {request.method} {request.path}")
        return route(request)

    def _route(self, request: ComposioRequest) -> Callable[[ComposioRequest], tuple[int, dict, Any]] | None:
        if request.method == "GET" and request.path == "/toolkits":
            return lambda r: (200, {}, self._page(self.toolkits, r.query))
        if request.method == "GET" and request.path.startswith("/toolkits/"):
            return self._toolkit
        if request.method == "GET" and request.path == "/tools":
            return lambda r: (200, {}, self._page(self.tools.get(r.query.get("toolkit_slug", ""), []), r.query))
        if request.method == "POST" and request.path.startswith("/tools/execute/"):
            return self._execute
        return None

    def _page(self, items: list[dict], query: dict[str, str]) -> dict:
        limit = int(query.get("limit", "20"))
        start = int(query["cursor"].removeprefix("after-")) if "cursor" in query else 0
        end = start + limit
        next_cursor = f"after-{end}" if end < len(items) else None
        if self.repeat_cursor:
            next_cursor = "after-0"
        total_pages = max(1, -(-len(items) // limit))
        return {
            "items": items[start:end],
            "next_cursor": next_cursor,
            "total_pages": total_pages,
            "current_page": start // limit + 1,
            "total_items": len(items),
        }

    def _toolkit(self, request: ComposioRequest) -> tuple[int, dict, Any]:
        slug = request.path.removeprefix("/toolkits/")
        toolkit = next((item for item in self.toolkits if item["slug"] == slug), None)
        return (200, {}, toolkit) if toolkit else (404, {}, _error_body(404, f"Toolkit {slug} not found"))

    def _execute(self, request: ComposioRequest) -> tuple[int, dict, Any]:
        slug = request.path.removeprefix("/tools/execute/")
        data = self.executions.get(slug, {"echo": (request.body or {}).get("arguments")})
        return 200, {}, {"data": data, "error": None, "successful": True, "log_id": "log_test_1"}


def _error_body(status: int, message: str) -> dict:
    return {"error": {"message": message, "code": status, "slug": "error", "status": status}}


def _handler_for(server: FakeComposio) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args: object) -> None:  # keep test output quiet
            pass

        def do_GET(self) -> None:
            self._handle()

        def do_POST(self) -> None:
            self._handle()

        def _handle(self) -> None:
            url = urlsplit(self.path)
            length = int(self.headers.get("content-length") or 0)
            raw = self.rfile.read(length) if length else b""
            request = ComposioRequest(
                method=self.command,
                path=url.path.removeprefix(API_PREFIX),
                query={key: values[-1] for key, values in parse_qs(url.query).items()},
                headers={key.lower(): value for key, value in self.headers.items()},
                body=json.loads(raw) if raw else None,
            )
            status, headers, body = server.answer(request)
            send_json(self, status, body, headers)

    return Handler


# --- fixtures ------------------------------------------------------------------------------------------


@pytest.fixture(autouse=True)
def fresh_catalog_cache(request):
    """Cached catalog reads start over: a test's rows are rolled back without bumping the catalog's version,
    and with Redis as the cache (CI's second run) what the last test cached would still be there."""
    if request.node.get_closest_marker("django_db") is None:
        return  # a pure test: no catalog reads (and the database cache would need the database)
    from catalog.cache import bump_catalog_version

    request.getfixturevalue("db")
    bump_catalog_version()


@pytest.fixture
def fake_composio():
    server = FakeComposio().start()
    yield server
    server.stop()


@pytest.fixture
def make_composio_client(fake_composio):
    """A client of the local server; tiny back-off so retries cost milliseconds."""
    clients: list[ComposioClient] = []

    def make(*, attempts: int = 3, timeout: float = 5.0, base_url: str | None = None, **retry: Any) -> ComposioClient:
        policy = RetryPolicy(attempts=attempts, **{"backoff_base": 0.001, "backoff_max": 0.01, **retry})
        client = ComposioClient(base_url or fake_composio.base_url, COMPOSIO_TEST_KEY, timeout=timeout, retry=policy)
        clients.append(client)
        return client

    yield make
    for client in clients:
        client.close()


@pytest.fixture
def composio_client(make_composio_client) -> ComposioClient:
    return make_composio_client()


@pytest.fixture
def composio_settings(settings, fake_composio):
    """Settings pointing sync_catalog at the local server."""
    settings.COMPOSIO_API_KEY = COMPOSIO_TEST_KEY
    settings.COMPOSIO_BASE_URL = fake_composio.base_url
    settings.COMPOSIO_BACKOFF_BASE = 0.001
    return settings


@pytest.fixture
def toolkit_item() -> Callable[..., dict]:
    """A toolkit in Composio's v3 list shape."""

    def make(slug: str, *, name: str = "", categories: list[dict] | None = None, **extra: Any) -> dict:
        meta = {
            "description": f"{slug} description",
            "logo": f"https://logos.example.com/{slug}.png",
            "app_url": f"https://{slug}.example.com",
            "categories": categories if categories is not None else [{"id": "productivity", "name": "Productivity"}],
            "tools_count": 999,  # Composio's count: the importer counts what it stored instead
        }
        return {"slug": slug, "name": name or slug.title(), "meta": meta, "auth_schemes": ["OAUTH2"], **extra}

    return make


@pytest.fixture
def tool_item() -> Callable[..., dict]:
    """A tool in Composio's v3 list shape."""

    def make(slug: str, toolkit: str, **extra: Any) -> dict:
        return {
            "slug": slug,
            "name": slug.replace("_", " ").title(),
            "description": f"Does {slug.lower()}",
            "toolkit": {"slug": toolkit, "name": toolkit.title()},
            "input_parameters": {"type": "object", "properties": {"q": {"type": "string"}}, "required": ["q"]},
            "output_parameters": {"type": "object", "properties": {"data": {"type": "object"}}},
            "tags": ["important"],
            "version": "20250901_00",
            "is_deprecated": False,
            **extra,
        }

    return make
