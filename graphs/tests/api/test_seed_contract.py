"""The predecessor's paths and shapes, driven the way its README does it."""

import pytest

from graphs.models import Graph, Run, RunCheckpoint, RunEvent
from graphs.tasks import run_graph
from graphs.workflows.code_review import CODE_REVIEW_GRAPH, SAMPLE_CODE
from wfplatform.jobs.models import JobStatus

pytestmark = pytest.mark.django_db


def test_the_code_review_request_creates_runs_and_finishes(api_client, user):
    created = api_client.post("/graph/create", CODE_REVIEW_GRAPH, format="json")
    assert created.status_code == 200, created.content
    graph_id = created.json()["graph_id"]
    assert created.json()["message"] == "Graph created successfully"
    assert Graph.objects.get(pk=graph_id).owner == user

    state = {"code": SAMPLE_CODE, "quality_score": 0, "iteration": 0}
    started = api_client.post("/graph/run", {"graph_id": graph_id, "initial_state": state}, format="json")
    assert started.status_code == 200, started.content
    body = started.json()
    assert body["status"] == "running" and body["message"]
    run_id = body["run_id"]
    assert Run.objects.get(pk=run_id).status == JobStatus.QUEUED

    assert run_graph(run_id) == JobStatus.SUCCEEDED  # what the worker does with the queued task

    answer = api_client.get(f"/graph/state/{run_id}")
    assert answer.status_code == 200
    result = answer.json()
    assert result["status"] == "completed"
    final = result["current_state"]
    assert final["quality_score"] >= 7 or final["iteration"] >= 5
    assert final["iteration"] >= 1 and final["functions"][0]["name"] == "calculate_total"
    log = result["execution_log"]
    assert log[0] == "Run started"
    assert "Started node: extract" in log and "Completed node: evaluate_quality" in log
    assert log[-1] == "Run finished"
    assert RunCheckpoint.objects.filter(run_id=run_id).count() >= 6
    assert RunEvent.objects.filter(run_id=run_id, kind="node_finished").count() == final["iteration"] * 4 + 1


def test_a_bad_graph_gets_a_400_listing_every_problem(api_client):
    bad = {
        "name": "broken",
        "start_node": "missing",
        "nodes": {
            "a": {"tool": "no_such_tool", "next": "nowhere"},
            "b": {"tool": "extract_functions", "next": {"condition": "__import__('os')", "if_true": "end",
                                                        "if_false": "a"}},
            "c": {"tool": "extract_functions", "next": {"condition": "code.__class__", "if_true": "end",
                                                        "if_false": "a"}},
        },
    }  # fmt: skip
    answer = api_client.post("/graph/create", bad, format="json")
    assert answer.status_code == 400
    error = answer.json()["error"]
    assert error["code"] == "invalid_graph"
    problems = {(p["where"], p["code"]) for p in error["details"]["problems"]}
    assert ("nodes.a.tool", "unknown_tool") in problems
    assert ("nodes.a.next", "unknown_node") in problems
    assert ("nodes.b.next.condition", "bad_condition") in problems
    assert ("nodes.c.next.condition", "bad_condition") in problems
    assert ("start_node", "invalid") in problems
    assert not Graph.objects.exists()


def test_the_state_of_someone_elses_run_is_not_found(api_client_for, user, other_user):
    created = api_client_for(user).post("/graph/create", CODE_REVIEW_GRAPH, format="json").json()
    run = api_client_for(user).post("/graph/run", {"graph_id": created["graph_id"]}, format="json").json()
    assert api_client_for(other_user).get(f"/graph/state/{run['run_id']}").status_code == 404
    stranger = api_client_for(other_user)
    assert stranger.post("/graph/run", {"graph_id": created["graph_id"]}, format="json").status_code == 404
