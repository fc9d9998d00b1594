"""Agent jobs: submit (queued for a worker), run now (chat, graph nodes), execute, and the seed's result document."""

from __future__ import annotations

import json
import logging
import time
from typing import Any

from django.conf import settings
from django.db import transaction

from agentrunner.models import AgentJob, JobSource
from agentrunner.services.agent import AgentFailed, Outcome, agent_run
from agentrunner.services.workflow import target_graph
from wfplatform.errors import NotFoundError
from wfplatform.jobs.models import JobStatus
from wfplatform.jobs.services import JobFailure, job_enqueue, job_progress, job_run

logger = logging.getLogger(__name__)

RESULT_VERSION = "1.0"
RESULTS_KEY = "agent:results:{job_id}"
SEED_STATUS = {JobStatus.SUCCEEDED: "completed"}


@transaction.atomic
def agent_job_create(*, owner, source: str = JobSource.API, graph_id: Any = None, **fields: Any) -> AgentJob:
    """A queued job from the seed's job document (validated by AgentJobInputSerializer)."""
    graph = target_graph(owner, graph_id=graph_id, workflow_tag=fields.get("workflow_tag", ""))
    if graph_id and graph is None:
        raise NotFoundError(f"no graph {graph_id}")
    return AgentJob.objects.create(owner=owner, source=source, graph=graph, **fields)


def agent_job_submit(*, owner, source: str = JobSource.API, **fields: Any) -> AgentJob:
    """Create the job and hand it to a worker (django-q2) once the transaction commits."""
    with transaction.atomic():
        job = agent_job_create(owner=owner, source=source, **fields)
        job_enqueue(job)
    return job


def agent_job_run_now(*, owner, source: str, **fields: Any) -> AgentJob:
    """Create the job and run it in this process (POST /test/chat, graph nodes); the finished job."""
    job = agent_job_create(owner=owner, source=source, **fields)
    job_run(AgentJob, str(job.pk), agent_job_execute)
    job.refresh_from_db()
    return job


def agent_job_execute(job: AgentJob) -> None:
    """The work of one job (called by job_run, which claims it and records how it ended)."""
    started = time.perf_counter()
    job_progress(job, 10, "Deciding between a pipeline and a patch")
    try:
        outcome = agent_run(job)
    except AgentFailed as exc:
        _record(job, exc.outcome, started)
        raise JobFailure(str(exc.error), code=exc.error.code) from None
    _record(job, outcome, started)


def _record(job: AgentJob, outcome: Outcome, started: float) -> None:
    lane = outcome.lane
    job.intent = outcome.intent
    job.decided_by = outcome.decided_by
    job.intent_reasons = outcome.reasons
    job.fallback_reason = outcome.fallback[:500]
    job.tool_calls = _json_safe(outcome.tool_calls)
    job.tokens_used = outcome.usage.input_tokens + outcome.usage.output_tokens
    job.cache_hit = outcome.usage.cached_tokens > 0
    job.llm_usage = {**(outcome.llm_usage or {}), **outcome.usage.as_dict()} if outcome.usage.calls else None
    job.result_preview = _json_safe(lane.preview) if lane.preview else None
    job.result_summary = lane.summary[:500]
    job.artifact = lane.artifact
    job.graph_version = lane.graph_version
    job.execution_time_ms = round((time.perf_counter() - started) * 1000)
    job.save(
        update_fields=[
            "intent", "decided_by", "intent_reasons", "fallback_reason", "tool_calls", "tokens_used", "cache_hit",
            "llm_usage", "result_preview", "result_summary", "artifact", "graph_version", "execution_time_ms",
        ]
    )  # fmt: skip


def _json_safe(value: Any) -> Any:
    return json.loads(json.dumps(value, default=str))


def result_ref(job: AgentJob) -> str | None:
    if job.artifact_id is not None:
        return job.artifact.ref
    if job.graph_version_id is not None:
        return f"graph://{job.graph_id}/versions/{job.graph_version.number}"
    return None


def result_document(job: AgentJob) -> dict[str, Any]:
    """The seed's result message: what the REST API shows and the bridge publishes."""
    document: dict[str, Any] = {
        "version": RESULT_VERSION,
        "job_id": job.client_job_id or str(job.pk),
        "status": SEED_STATUS.get(job.status, job.status),
        "result_ref": result_ref(job),
        "result_preview": job.result_preview,
        "metadata": {
            "tool_calls": job.tool_calls,
            "tokens_used": job.tokens_used,
            "cache_hit": job.cache_hit,
            "execution_time_ms": job.execution_time_ms,
            "intent": job.intent or None,
            "decided_by": job.decided_by or None,
            "intent_reasons": job.intent_reasons,
            "summary": job.result_summary,
            "fallback_reason": job.fallback_reason or None,
        },
    }
    if job.status == JobStatus.FAILED:
        document["error"] = {"code": job.error_code, "message": job.error}
    return document


# --- the seed's Redis protocol ---------------------------------------------------------------------
def redis_client():
    import redis

    if not settings.WFP_AGENT_REDIS_URL:
        raise RuntimeError("the agent bridge needs Redis: set REDIS_URL (or WFP_AGENT_REDIS_URL)")
    return redis.Redis.from_url(settings.WFP_AGENT_REDIS_URL)


def agent_result_publish(job: AgentJob, client=None) -> bool:
    """Put a finished bridge job's result on agent:results:{job_id}: a list (RPUSH, kept for
    WFP_AGENT_RESULT_TTL seconds, for consumers that BLPOP) and a pub/sub message on the same name."""
    if job.source != JobSource.BRIDGE or not job.is_finished:
        return False
    client = client or redis_client()
    key = RESULTS_KEY.format(job_id=job.client_job_id or job.pk)
    message = json.dumps(result_document(job))
    pipe = client.pipeline()
    pipe.rpush(key, message)
    pipe.expire(key, settings.WFP_AGENT_RESULT_TTL)
    pipe.publish(key, message)
    pipe.execute()
    return True


def agent_job_finished(job_id: Any) -> None:
    """After a worker ran the job: answer on Redis if it came from the bridge (a Redis outage is logged: the
    result stays readable through GET /api/agent/jobs/{id})."""
    job = AgentJob.objects.select_related("artifact", "graph_version").filter(pk=job_id).first()
    if job is None or job.source != JobSource.BRIDGE:
        return
    try:
        agent_result_publish(job)
    except Exception:
        logger.exception("agent job %s: could not publish its result on Redis", job_id)
