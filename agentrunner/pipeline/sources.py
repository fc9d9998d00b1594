"""What the engine asks of its caller: HTTP fetching and stored tables. The engine does no I/O itself."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    import pandas as pd


@dataclass(frozen=True)
class HttpRequest:
    method: str  # "GET" or "POST"
    url: str
    headers: dict[str, str] = field(default_factory=dict)
    json: Any | None = None  # the POST body, or None
    timeout_s: float = 10.0
    max_bytes: int = 10_000_000


@dataclass(frozen=True)
class HttpResponse:
    status: int
    content_type: str  # e.g. "application/json; charset=utf-8"
    body: bytes


class Sources(Protocol):
    """Implemented by the Django adapter, which also checks addresses, sizes and time limits."""

    previous_results: list[Any]  # the job's context.previous_results (JSON values)

    def fetch(self, request: HttpRequest) -> HttpResponse:
        """The response, or PipelineError when the request is refused, times out or is too large."""
        ...

    def artifact(self, ref: str) -> pd.DataFrame:
        """The stored table `ref` names ("artifact://..."), or PipelineError when there is none."""
        ...
