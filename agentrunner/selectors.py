"""Reads of the agentrunner app, scoped to the user."""

from __future__ import annotations

import uuid

from agentrunner.models import AgentJob
from wfplatform.api.scoping import scope_to_user
from wfplatform.errors import NotFoundError


def agent_jobs(user):
    return scope_to_user(AgentJob.objects.select_related("artifact", "graph_version"), user)


def agent_job_for(user, key: str) -> AgentJob:
    """The job with this id, or else the latest one sent with this client job_id (the seed's own ids)."""
    jobs = agent_jobs(user)
    try:
        job = jobs.filter(pk=uuid.UUID(key)).first()
    except ValueError:
        job = None
    job = job or jobs.filter(client_job_id=key).order_by("-created_at").first()
    if job is None:
        raise NotFoundError(f"no agent job {key}")
    return job
