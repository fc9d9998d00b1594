"""Where a pipeline's outside data comes from, for the pure executor: guarded HTTP, artifacts, previous results."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from agentrunner.pipeline import HttpRequest, HttpResponse, PipelineError
from agentrunner.services.artifacts import artifact_table
from wfplatform.errors import ApplicationError
from wfplatform.files.fetch import fetch_url

if TYPE_CHECKING:
    import pandas as pd


@dataclass
class PlatformSources:
    """HTTP through the platform's address guard (no private or loopback addresses unless allowed by settings),
    artifacts the job's owner may read, and the job's context.previous_results."""

    user: Any
    previous_results: list[Any] = field(default_factory=list)
    fetched: list[dict[str, Any]] = field(default_factory=list)  # what was fetched, for the job's record

    def fetch(self, request: HttpRequest) -> HttpResponse:
        try:
            answer = fetch_url(
                request.url,
                method=request.method,
                json=request.json,
                headers=request.headers,
                timeout=request.timeout_s,
                limit=request.max_bytes,
            )
        except ApplicationError as exc:
            raise PipelineError(str(exc), {"code": exc.code, **(exc.details or {})}) from None
        self.fetched.append({"method": request.method, "url": answer.url, "bytes": len(answer.body)})
        return HttpResponse(status=answer.status, content_type=answer.content_type, body=answer.body)

    def artifact(self, ref: str) -> pd.DataFrame:
        return artifact_table(self.user, ref)
