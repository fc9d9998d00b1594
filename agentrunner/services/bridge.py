"""The seed's Redis protocol: jobs pushed on the list `agent:jobs`, results on `agent:results:{job_id}`.

A bridge process moves each job atomically from `agent:jobs` to its own processing list (BLMOVE),
stores it as an AgentJob, and only then removes it there; a bridge that dies in between finds the
job again in its processing list when it starts, and a job already stored (same job_id, from the
bridge) is not stored twice. So a job pushed is neither lost nor run twice by a bridge crash.

The job then runs on a worker (django-q2), or in the bridge process itself with `inline`; either way
its result document is published when it finishes (agentrunner.services.jobs.agent_result_publish).
A job document that is not valid JSON or breaks the contract gets a failed result at once, when it
names a job_id to answer on.
"""

from __future__ import annotations

import json
import logging
import socket
from dataclasses import dataclass
from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction
from rest_framework.exceptions import ValidationError

from agentrunner.models import AgentJob, JobSource
from agentrunner.services.jobs import (
    RESULT_VERSION,
    RESULTS_KEY,
    agent_job_run_now,
    agent_job_submit,
    agent_result_publish,
)
from wfplatform.errors import ApplicationError

logger = logging.getLogger(__name__)

JOBS_KEY = "agent:jobs"
PROCESSING_KEY = "agent:jobs:processing:{name}"
DEFAULT_USER = "agent-bridge"


@dataclass
class Bridge:
    client: Any  # a redis.Redis
    name: str = socket.gethostname()
    username: str = DEFAULT_USER
    inline: bool = False  # run jobs here instead of on the django-q2 workers

    @property
    def processing_key(self) -> str:
        return PROCESSING_KEY.format(name=self.name)

    def recover(self) -> int:
        """Handle jobs a previous run of this bridge took but did not finish storing."""
        handled = 0
        while (raw := self.client.lindex(self.processing_key, -1)) is not None:
            self.handle(raw)
            handled += 1
        return handled

    def poll(self, timeout: float) -> bool:
        """Wait up to `timeout` seconds for one job and handle it; False when none came."""
        raw = self.client.blmove(JOBS_KEY, self.processing_key, timeout, src="LEFT", dest="RIGHT")
        if raw is None:
            return False
        self.handle(raw)
        return True

    def handle(self, raw: bytes) -> AgentJob | None:
        try:
            return self._store_and_run(raw)
        finally:
            # Stored (or refused with an answer): it is no longer this bridge's to keep.
            self.client.lrem(self.processing_key, 1, raw)

    def _store_and_run(self, raw: bytes) -> AgentJob | None:
        document = _decode(raw)
        client_job_id = str(document.get("job_id") or "") if isinstance(document, dict) else ""
        try:
            fields = _job_fields(document)
        except ValidationError as exc:
            self._refuse(client_job_id, "invalid_job", "the job document breaks the contract", exc.detail)
            return None
        if client_job_id and AgentJob.objects.filter(source=JobSource.BRIDGE, client_job_id=client_job_id).exists():
            logger.info("agent bridge: job %s was stored before (a restart); not stored twice", client_job_id)
            return None
        owner = self._owner(fields.get("workflow_owner", ""))
        try:
            if self.inline:
                job = agent_job_run_now(owner=owner, source=JobSource.BRIDGE, **fields)
                agent_result_publish(job, self.client)
            else:
                job = agent_job_submit(owner=owner, source=JobSource.BRIDGE, **fields)
        except ApplicationError as exc:
            self._refuse(client_job_id, exc.code, exc.message, exc.details)
            return None
        logger.info("agent bridge: job %s stored as %s", client_job_id, job.pk)
        return job

    def _owner(self, workflow_owner: str):
        """The user named workflow_owner when there is one, else the bridge's own user."""
        users = get_user_model().objects
        if workflow_owner:
            user = users.filter(username=workflow_owner).first()
            if user is not None:
                return user
        with transaction.atomic():
            user, created = users.get_or_create(username=self.username)
            if created:
                user.set_unusable_password()
                user.save(update_fields=["password"])
        return user

    def _refuse(self, client_job_id: str, code: str, message: str, details: Any = None) -> None:
        logger.warning("agent bridge: refused job %r: %s %s", client_job_id, message, details)
        if not client_job_id:
            return
        document = {
            "version": RESULT_VERSION,
            "job_id": client_job_id,
            "status": "failed",
            "result_ref": None,
            "result_preview": None,
            "metadata": {"tool_calls": [], "tokens_used": 0, "cache_hit": False, "execution_time_ms": 0},
            "error": {"code": code, "message": message, "details": details},
        }
        key = RESULTS_KEY.format(job_id=client_job_id)
        message_text = json.dumps(document, default=str)
        self.client.rpush(key, message_text)
        self.client.publish(key, message_text)


def _decode(raw: bytes) -> Any:
    try:
        return json.loads(raw)
    except ValueError:
        return None


def _job_fields(document: Any) -> dict[str, Any]:
    from agentrunner.api.serializers import AgentJobInputSerializer

    if not isinstance(document, dict):
        raise ValidationError({"job": ["a job is a JSON object"]})
    payload = AgentJobInputSerializer(data=document)
    payload.is_valid(raise_exception=True)
    return payload.to_job_fields()
