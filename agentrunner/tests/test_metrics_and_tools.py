"""GET /metrics for agent jobs, the `agent` graph tool, and forwarding patches to an outside orchestrator."""

from __future__ import annotations

import json
from http.server import BaseHTTPRequestHandler

import pytest

from agentrunner.models import AgentJob
from agentrunner.tasks import run_agent_job
from graphs.models import Run
from graphs.services import graph_create, run_start
from graphs.tasks import run_graph
from wfplatform.llm.testing import Reply
from wfplatform.loopback import LoopbackServer, send_json

pytestmark = pytest.mark.django_db


def test_metrics_count_jobs_by_status_and_intent_with_latency(api_client, api_client_for, staff_user, flights):
    for prompt in ("sort by price", "top 3 by altitude"):
        answer = api_client.post(
            "/api/agent/jobs", {"prompt": prompt, "context": {"previous_results": flights}}, format="json"
        )
        run_agent_job(answer.json()["job_id"])
    text = api_client_for(staff_user).get("/metrics").content.decode()
    assert 'wfp_agent_jobs{decided_by="builtin",intent="execute",status="succeeded"} 1.0' in text
    assert 'wfp_agent_jobs{decided_by="builtin",intent="execute",status="failed"} 1.0' in text
    assert "wfp_agent_job_duration_seconds_count 2.0" in text
    assert 'wfp_agent_job_duration_seconds_bucket{le="+Inf"} 2.0' in text
    assert "wfp_agent_tokens_total 0.0" in text
    assert "wfp_agent_cache_hits_total 0.0" in text


def test_a_graph_node_calls_the_agent_and_gets_the_result_in_its_state(user, flights):
    graph = graph_create(
        owner=user,
        definition={
            "name": "ask",
            "start_node": "ask",
            "nodes": {
                "ask": {"tool": "agent", "args": {"prompt": "top 2 flights by price", "previous_results": flights}}
            },
        },
    )
    run = run_start(owner=user, version=graph.current)
    assert run_graph(str(run.pk)) == "succeeded"
    state = Run.objects.get(pk=run.pk).state
    assert state["intent"] == "execute"
    assert state["result_ref"].startswith("artifact://")
    assert [row[0] for row in state["result_preview"]["rows"]] == [5, 2]
    job = AgentJob.objects.get(pk=state["agent_job_id"])
    assert (job.source, job.run_id, job.owner) == ("graph", str(run.pk), user)


class Orchestrator(BaseHTTPRequestHandler):
    received: list = []

    def do_POST(self) -> None:  # noqa: N802
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        Orchestrator.received.append((self.path, body))
        send_json(self, 200, {"ok": True, "version": 7})

    def log_message(self, *args) -> None:
        pass


@pytest.fixture
def orchestrator(settings):
    Orchestrator.received = []
    server = LoopbackServer(Orchestrator, name="orchestrator").start()
    settings.WFP_AGENT_ORCHESTRATOR_URL = f"{server.url}/api"
    yield Orchestrator.received
    server.stop()


def test_with_an_orchestrator_url_the_model_s_patch_is_forwarded(api_client, fake_llm, orchestrator):
    operations = [{"op": "add", "path": "/nodes/-", "value": {"id": "email", "type": "send_email"}}]
    fake_llm.reply(
        Reply(tool_calls=[{"name": "patch_workflow", "arguments": {"operations": operations, "explanation": "e"}}])
    )
    answer = api_client.post(
        "/api/agent/jobs",
        {
            "job_id": "o-1",
            "workflow_tag": "main",
            "prompt": "always send an email when the price drops",
            "current_workflow": {"nodes": [{"id": "fetch"}], "edges": []},
        },  # fmt: skip
        format="json",
    )
    assert run_agent_job(answer.json()["job_id"]) == "succeeded"
    path, body = orchestrator[0]
    assert path == "/api/workflows/main/patch"
    assert (body["job_id"], body["patch"]) == ("o-1", operations)
    job = AgentJob.objects.get(client_job_id="o-1")
    assert job.result_preview["answer"] == {"ok": True, "version": 7}


def test_a_forwarded_patch_that_does_not_apply_to_the_workflow_is_not_sent(api_client, fake_llm, orchestrator):
    bad = [{"op": "remove", "path": "/nodes/5"}]
    fake_llm.reply(
        *[Reply(tool_calls=[{"name": "patch_workflow", "arguments": {"operations": bad, "explanation": "e"}}])] * 3
    )
    answer = api_client.post(
        "/api/agent/jobs",
        {"workflow_tag": "main", "prompt": "from now on skip it", "current_workflow": {"nodes": [], "edges": []}},
        format="json",
    )
    assert run_agent_job(answer.json()["job_id"]) == "failed"
    assert orchestrator == []
