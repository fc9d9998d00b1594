"""A small client for Composio's v3 REST API: list toolkits and tools (cursor pages), execute a tool.

Paths are relative to the base URL (`https://backend.composio.dev/api/v3` by default):

    GET  /toolkits                  ?limit&cursor&sort_by        -> {"items", "next_cursor", "total_pages", ...}
    GET  /toolkits/{slug}                                        -> one toolkit
    GET  /tools                     ?toolkit_slug&limit&cursor&toolkit_versions&include_deprecated
    POST /tools/execute/{slug}      {"arguments", "connected_account_id"?, "user_id"?, "version"?}
                                                                 -> {"data", "error", "successful", "log_id"}

The project API key travels in the `x-api-key` header and never appears in an error or a log line.
Reads are retried on connection errors, timeouts, 5xx and 429 (exponential back-off with jitter,
or the server's Retry-After, capped). An execution is retried only when the server cannot have run
it (the connection was never made, or a 429): running a tool twice may send two emails.
"""

from __future__ import annotations

import logging
import random
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

import httpx
from django.conf import settings

logger = logging.getLogger(__name__)

DEFAULT_BASE_URL = "https://backend.composio.dev/api/v3"
RETRYABLE_STATUSES = frozenset({429, 500, 502, 503, 504})
# Errors raised before a request reached the server: safe to retry even for an execution.
_NOT_SENT_ERRORS = (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout)


class ComposioError(Exception):
    """Composio could not be reached or answered with an error; `status` is None when no answer came."""

    def __init__(self, message: str, *, status: int | None = None, path: str = "") -> None:
        super().__init__(message)
        self.status = status
        self.path = path


@dataclass(frozen=True)
class RetryPolicy:
    attempts: int = 4  # in all, the first try included
    backoff_base: float = 0.5  # seconds before the second try; doubles each time
    backoff_max: float = 8.0
    retry_after_max: float = 30.0  # a longer Retry-After is cut to this

    def backoff(self, attempt: int) -> float:
        """The pause after failed try number `attempt` (1-based): half fixed, half random, so clients spread out."""
        ceiling = min(self.backoff_max, self.backoff_base * 2 ** (attempt - 1))
        return ceiling / 2 + random.uniform(0, ceiling / 2)

    def pause(self, attempt: int, response: httpx.Response | None) -> float:
        retry_after = _retry_after_seconds(response)
        if retry_after is not None:
            return min(retry_after, self.retry_after_max)
        return self.backoff(attempt)


def _retry_after_seconds(response: httpx.Response | None) -> float | None:
    """Retry-After in seconds; the HTTP-date form is ignored (back-off applies instead)."""
    if response is None:
        return None
    try:
        return max(0.0, float(response.headers.get("retry-after", "")))
    except ValueError:
        return None


class ComposioClient:
    def __init__(
        self,
        base_url: str,
        api_key: str,
        *,
        timeout: float = 30.0,
        retry: RetryPolicy | None = None,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        if not api_key:
            raise ValueError("a Composio API key is required")
        self.base_url = base_url.rstrip("/")
        self.retry = retry or RetryPolicy()
        self._api_key = api_key
        self._sleep = sleep
        self._http = httpx.Client(
            base_url=self.base_url,
            headers={"x-api-key": api_key, "accept": "application/json", "user-agent": "wfplatform-catalog"},
            timeout=httpx.Timeout(timeout),
        )

    @classmethod
    def from_settings(cls) -> ComposioClient | None:
        """A client configured from the settings, or None when COMPOSIO_API_KEY is not set."""
        api_key = getattr(settings, "COMPOSIO_API_KEY", None)
        if not api_key:
            return None
        retry = RetryPolicy(
            attempts=int(getattr(settings, "COMPOSIO_MAX_ATTEMPTS", RetryPolicy.attempts)),
            backoff_base=float(getattr(settings, "COMPOSIO_BACKOFF_BASE", RetryPolicy.backoff_base)),
        )
        return cls(
            getattr(settings, "COMPOSIO_BASE_URL", None) or DEFAULT_BASE_URL,
            api_key,
            timeout=float(getattr(settings, "COMPOSIO_TIMEOUT", 30.0)),
            retry=retry,
        )

    def close(self) -> None:
        self._http.close()

    def __enter__(self) -> ComposioClient:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    # --- the catalog -------------------------------------------------------------------------------
    def iter_toolkits(self, *, page_size: int = 200) -> Iterator[dict]:
        """Every toolkit, page after page (alphabetical, so pages stay stable while we walk them)."""
        return self._paginate("/toolkits", {"limit": page_size, "sort_by": "alphabetically"})

    def get_toolkit(self, slug: str) -> dict:
        return self._request("GET", f"/toolkits/{quote(slug, safe='')}")

    def iter_tools(self, *, toolkit_slug: str, page_size: int = 200) -> Iterator[dict]:
        """Every tool of a toolkit, deprecated ones included (flagged), at the toolkit's latest version.

        Without `toolkit_versions=latest` Composio answers with the toolkit's base version only.
        """
        params = {
            "toolkit_slug": toolkit_slug,
            "limit": page_size,
            "toolkit_versions": "latest",
            "include_deprecated": "true",
        }
        return self._paginate("/tools", params)

    # --- execution ---------------------------------------------------------------------------------
    def execute_tool(
        self,
        slug: str,
        arguments: dict[str, Any],
        connected_account_id: str | None = None,
        user_id: str | None = None,
        *,
        version: str | None = None,
    ) -> dict:
        """Run a tool; returns Composio's answer as is: {"data", "error", "successful", "log_id", ...}.

        A tool that ran and failed is an answer (`successful` false), not an exception.
        """
        body: dict[str, Any] = {"arguments": arguments}
        optional = {"connected_account_id": connected_account_id, "user_id": user_id, "version": version}
        body.update({key: value for key, value in optional.items() if value is not None})
        return self._request("POST", f"/tools/execute/{quote(slug, safe='')}", json=body, idempotent=False)

    # --- plumbing ----------------------------------------------------------------------------------
    def _paginate(self, path: str, params: dict[str, Any]) -> Iterator[dict]:
        cursor: str | None = None
        seen_cursors: set[str] = set()
        while True:
            page = self._request("GET", path, params={**params, "cursor": cursor} if cursor else params)
            items = page.get("items") if isinstance(page, dict) else None
            if not isinstance(items, list):
                raise ComposioError(f"Composio GET {path} answered without an 'items' list", path=path)
            yield from items
            cursor = page.get("next_cursor")
            if not cursor or not items:
                return
            if cursor in seen_cursors:
                logger.warning("Composio GET %s repeated cursor %r; stopping there", path, cursor)
                return
            seen_cursors.add(cursor)

    def _request(
        self, method: str, path: str, *, params: dict | None = None, json: Any = None, idempotent: bool = True
    ) -> Any:
        for attempt in range(1, self.retry.attempts + 1):
            last = attempt == self.retry.attempts
            try:
                response = self._http.request(method, path, params=params, json=json)
            except httpx.TransportError as error:
                if last or not (idempotent or isinstance(error, _NOT_SENT_ERRORS)):
                    raise self._transport_error(method, path, error, attempt) from None
                self._wait(method, path, attempt, None, type(error).__name__)
                continue
            retryable = response.status_code in RETRYABLE_STATUSES and (idempotent or response.status_code == 429)
            if not retryable or last:
                return self._parse(method, path, response, attempt)
            self._wait(method, path, attempt, response, str(response.status_code))
        raise AssertionError("unreachable: the last attempt returns or raises")

    def _wait(self, method: str, path: str, attempt: int, response: httpx.Response | None, reason: str) -> None:
        pause = self.retry.pause(attempt, response)
        logger.warning("Composio %s %s failed (%s), try %d; retrying in %.2fs", method, path, reason, attempt, pause)
        self._sleep(pause)

    def _parse(self, method: str, path: str, response: httpx.Response, attempt: int) -> Any:
        if response.is_success:
            try:
                return response.json()
            except ValueError:
                raise ComposioError(
                    f"Composio {method} {path} answered {response.status_code} with a body that is not JSON",
                    status=response.status_code,
                    path=path,
                ) from None
        tries = f" after {attempt} attempts" if attempt > 1 else ""
        detail = self._redact(_error_detail(response))
        message = f"Composio {method} {path} answered {response.status_code}{tries}" + (f": {detail}" if detail else "")
        raise ComposioError(message, status=response.status_code, path=path)

    def _transport_error(self, method: str, path: str, error: httpx.TransportError, attempt: int) -> ComposioError:
        what = "timed out" if isinstance(error, httpx.TimeoutException) else "could not be reached"
        detail = self._redact(str(error) or type(error).__name__)
        message = f"Composio {method} {path} {what} ({detail}) after {attempt} attempt{'s' if attempt > 1 else ''}"
        return ComposioError(message, path=path)

    def _redact(self, text: str) -> str:
        return text.replace(self._api_key, "***")


def _error_detail(response: httpx.Response, limit: int = 300) -> str:
    """Composio's own message ({"error": {"message"}}) when it sent one, else the start of the body."""
    try:
        body = response.json()
    except ValueError:
        return response.text[:limit].strip()
    error = body.get("error") if isinstance(body, dict) else None
    if isinstance(error, dict) and error.get("message"):
        return str(error["message"])[:limit]
    if isinstance(error, str):
        return error[:limit]
    return str(body)[:limit]
