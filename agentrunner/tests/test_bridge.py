"""The seed's Redis protocol on a real Redis: a job pushed on agent:jobs, its result on agent:results:{job_id}."""

from __future__ import annotations

import json

import pytest
from django.core.management import call_command

from agentrunner.models import AgentJob
from agentrunner.services.bridge import JOBS_KEY, Bridge
from agentrunner.tasks import run_agent_job

pytestmark = pytest.mark.django_db(transaction=True)


def job_document(job_id: str, prompt: str, **extra) -> str:
    return json.dumps(
        {
            "version": "1.0",
            "job_id": job_id,
            "run_id": "run-1",
            "node_id": "agent_node",
            "workflow_tag": "main",
            "workflow_owner": "alice",
            "prompt": prompt,
            "current_workflow": {"nodes": [], "edges": []},
            "context": {"previous_results": [], "session_id": "sess-1"},
            **extra,
        }
    )


def result_of(client, job_id: str) -> dict:
    popped = client.blpop([f"agent:results:{job_id}"], timeout=5)
    assert popped is not None, "no result was published"
    return json.loads(popped[1])


def test_a_job_pushed_on_agent_jobs_gets_its_result_on_agent_results(redis_client, user, flights):
    redis_client.rpush(JOBS_KEY, job_document("j-1", "show me the top 2 flights by price",
                                               context={"previous_results": flights, "session_id": "s"}))  # fmt: skip
    call_command("agentrunner_bridge", "--once", "--inline", "--name", "test-bridge")
    result = result_of(redis_client, "j-1")
    assert (result["version"], result["job_id"], result["status"]) == ("1.0", "j-1", "completed")
    assert result["result_ref"].startswith("artifact://")
    assert [row[0] for row in result["result_preview"]["rows"]] == [5, 2]
    assert set(result["metadata"]) >= {"tool_calls", "tokens_used", "cache_hit", "execution_time_ms"}
    job = AgentJob.objects.get(client_job_id="j-1")
    assert (job.source, job.owner, job.run_id) == ("bridge", user, "run-1")  # workflow_owner "alice" is a user
    assert redis_client.llen(JOBS_KEY) == 0
    assert redis_client.llen("agent:jobs:processing:test-bridge") == 0


def test_with_workers_the_result_is_published_when_the_worker_finishes(redis_client, flights, db):
    redis_client.rpush(JOBS_KEY, job_document("j-2", "sort by price", workflow_owner="nobody",
                                               context={"previous_results": flights}))  # fmt: skip
    bridge = Bridge(client=redis_client, name="b")
    assert bridge.poll(timeout=1) is True
    job = AgentJob.objects.get(client_job_id="j-2")
    assert job.status == "queued" and job.owner.username == "agent-bridge"
    assert redis_client.llen("agent:results:j-2") == 0
    run_agent_job(str(job.pk))  # what the django-q2 worker does
    assert result_of(redis_client, "j-2")["status"] == "completed"


def test_a_failed_job_publishes_its_error(redis_client, flights, db):
    redis_client.rpush(JOBS_KEY, job_document("j-3", "top 3 by altitude", context={"previous_results": flights}))
    Bridge(client=redis_client, name="b", inline=True).poll(timeout=1)
    result = result_of(redis_client, "j-3")
    assert result["status"] == "failed"
    assert "altitude" in result["error"]["message"]


def test_a_broken_job_document_is_answered_with_what_is_wrong(redis_client, db):
    redis_client.rpush(JOBS_KEY, json.dumps({"job_id": "j-4", "version": "1.0"}))
    redis_client.rpush(JOBS_KEY, b"{not json")
    bridge = Bridge(client=redis_client, name="b", inline=True)
    assert bridge.poll(timeout=1) and bridge.poll(timeout=1)
    result = result_of(redis_client, "j-4")
    assert result["status"] == "failed" and result["error"]["code"] == "invalid_job"
    assert "prompt" in json.dumps(result["error"]["details"])
    assert not AgentJob.objects.exists()
    assert redis_client.llen("agent:jobs:processing:b") == 0


def test_a_job_left_in_the_processing_list_by_a_crash_is_stored_once(redis_client, flights, db):
    raw = job_document("j-5", "sort by price", context={"previous_results": flights})
    redis_client.rpush("agent:jobs:processing:b", raw)
    bridge = Bridge(client=redis_client, name="b")
    assert bridge.recover() == 1
    redis_client.rpush("agent:jobs:processing:b", raw)  # crashed again after storing, before removing it
    assert bridge.recover() == 1
    assert AgentJob.objects.filter(client_job_id="j-5").count() == 1
    assert redis_client.llen("agent:jobs:processing:b") == 0
