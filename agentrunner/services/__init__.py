"""Writes of the agentrunner app: jobs, the lanes, artifacts (see each module)."""

from agentrunner.services.artifacts import artifact_create, artifact_delete, artifact_document, artifact_for
from agentrunner.services.jobs import (
    agent_job_execute,
    agent_job_finished,
    agent_job_run_now,
    agent_job_submit,
    agent_result_publish,
    result_document,
)

__all__ = [
    "agent_job_execute",
    "agent_job_finished",
    "agent_job_run_now",
    "agent_job_submit",
    "agent_result_publish",
    "artifact_create",
    "artifact_delete",
    "artifact_document",
    "artifact_for",
    "result_document",
]
