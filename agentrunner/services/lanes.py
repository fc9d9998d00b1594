"""The two lanes, whoever chose them (the model or the built-in parsers): run a pipeline, or patch a workflow."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import httpx
from django.conf import settings

from agentrunner.models import AgentJob
from agentrunner.pipeline import PipelineError, preview, run_pipeline, table_from_value
from agentrunner.services.artifacts import artifact_create, artifact_table
from agentrunner.services.sources import PlatformSources
from graphs.services import apply_json_patch, graph_patch
from wfplatform.errors import ApplicationError

if TYPE_CHECKING:
    import pandas as pd

    from agentrunner.models import Artifact
    from graphs.models import GraphVersion

FORWARD_TIMEOUT_SECONDS = 30


class LaneError(Exception):
    """The lane could not do what was asked; the message says why (shown to the user, fed back to the model)."""

    def __init__(self, message: str, *, code: str, details: Any = None):
        super().__init__(message)
        self.code = code
        self.details = details


@dataclass
class LaneResult:
    preview: dict[str, Any]
    summary: str
    artifact: Artifact | None = None
    graph_version: GraphVersion | None = None
    trace: list[dict[str, Any]] = field(default_factory=list)


# --- execute ---------------------------------------------------------------------------------------
_NOT_LOADED = object()


def input_table(job: AgentJob) -> pd.DataFrame | None:
    """The table a pipeline starts from: context.input_ref (an artifact), else the previous results.

    previous_results is either a table itself (a list of flat objects) or a list of earlier results,
    of which the last one that is a table counts. Loaded once per job object: the parser's columns, the
    model's sample and the pipeline all read it, and an artifact is a file in storage.
    """
    table = getattr(job, "_input_table", _NOT_LOADED)
    if table is _NOT_LOADED:
        table = job._input_table = _load_input_table(job)
    return table


def _load_input_table(job: AgentJob) -> pd.DataFrame | None:
    ref = job.context.get("input_ref")
    if ref:
        return artifact_table(job.owner, ref)
    previous = job.context.get("previous_results") or []
    if _is_records(previous):
        return table_from_value(previous)
    for value in reversed(previous if isinstance(previous, list) else [previous]):
        try:
            return table_from_value(value)
        except PipelineError:
            continue
    return None


def _is_records(value: Any) -> bool:
    return (
        isinstance(value, list)
        and bool(value)
        and all(isinstance(row, dict) and not any(isinstance(v, dict | list) for v in row.values()) for row in value)
    )


def execute_pipeline(job: AgentJob, steps: Any) -> LaneResult:
    try:
        table = input_table(job)
        if table is None and not _starts_with_fetch(steps):
            raise PipelineError(
                "there is no table to work on: send previous_results (rows), an input_ref artifact, "
                "or start the pipeline with an http_request step",
                {"previous_results": len(job.context.get("previous_results") or [])},
            )
        sources = PlatformSources(user=job.owner, previous_results=list(job.context.get("previous_results") or []))
        result = run_pipeline(steps, table=table, sources=sources)
    except PipelineError as exc:
        raise LaneError(str(exc), code="pipeline_invalid", details=exc.details) from None
    artifact = artifact_create(owner=job.owner, job=job, table=result.table)
    rows = artifact.row_count
    return LaneResult(
        preview=artifact.preview,
        summary=f"{rows} row{'s' if rows != 1 else ''} x {len(artifact.columns)} columns",
        artifact=artifact,
        trace=result.trace,
    )


def _starts_with_fetch(steps: Any) -> bool:
    return (
        isinstance(steps, list) and bool(steps) and isinstance(steps[0], dict) and steps[0].get("op") == "http_request"
    )


def table_columns(job: AgentJob) -> list[str] | None:
    try:
        table = input_table(job)
    except PipelineError:
        return None
    return None if table is None else [str(column) for column in table.columns]


def table_sample(job: AgentJob, rows: int = 5) -> dict[str, Any] | None:
    try:
        table = input_table(job)
    except PipelineError:
        return None
    return None if table is None else preview(table, rows)


# --- patch -----------------------------------------------------------------------------------------
def patch_workflow(job: AgentJob, operations: Any, explanation: str = "") -> LaneResult:
    """Apply the patch to the target graph (a new version, or nothing), or forward it to the orchestrator."""
    if job.graph_id is None:
        if settings.WFP_AGENT_ORCHESTRATOR_URL:
            return _forward(job, operations, explanation)
        raise LaneError(
            "there is no workflow to patch: give graph_id, or a workflow_tag naming one of your graphs "
            "(or set WFP_AGENT_ORCHESTRATOR_URL to forward patches to an outside orchestrator)",
            code="no_target_workflow",
        )
    note = f"agent job {job.pk}: {explanation or job.prompt}"[:500]
    try:
        version = graph_patch(graph=job.graph, operations=operations, user=job.owner, note=note)
    except ApplicationError as exc:
        raise LaneError(exc.message, code=exc.code, details=exc.details) from None
    summary = f"{job.graph.name} is now at version {version.number}"
    return LaneResult(
        preview={
            "graph_id": str(job.graph_id),
            "version": version.number,
            "operations": operations,
            "explanation": explanation,
        },
        summary=summary,
        graph_version=version,
    )


def _forward(job: AgentJob, operations: Any, explanation: str) -> LaneResult:
    """POST {url}/workflows/{workflow_tag}/patch; the orchestrator validates and applies it."""
    if job.current_workflow is not None:
        try:  # refuse what cannot even apply to the workflow we were shown
            apply_json_patch(job.current_workflow, operations)
        except ApplicationError as exc:
            raise LaneError(exc.message, code=exc.code, details=exc.details) from None
    base = settings.WFP_AGENT_ORCHESTRATOR_URL.rstrip("/")
    url = f"{base}/workflows/{job.workflow_tag or 'default'}/patch"
    body = {
        "job_id": job.client_job_id or str(job.pk),
        "run_id": job.run_id,
        "node_id": job.node_id,
        "workflow_owner": job.workflow_owner,
        "patch": operations,
        "explanation": explanation,
    }
    started = time.perf_counter()
    try:
        response = httpx.post(url, json=body, timeout=FORWARD_TIMEOUT_SECONDS, trust_env=False)
    except httpx.HTTPError as exc:
        raise LaneError(f"could not reach the orchestrator at {base}: {type(exc).__name__}", code="forward_failed")
    if not response.is_success:
        raise LaneError(
            f"the orchestrator refused the patch: HTTP {response.status_code} {response.text[:300]}",
            code="forward_refused",
            details={"status": response.status_code},
        )
    answer = _json_or_text(response)
    return LaneResult(
        preview={"forwarded_to": url, "operations": operations, "explanation": explanation, "answer": answer},
        summary=f"patch forwarded to the orchestrator ({round((time.perf_counter() - started) * 1000)} ms)",
    )


def _json_or_text(response: httpx.Response) -> Any:
    try:
        return response.json()
    except ValueError:
        return response.text[:1000]
