"""Agent jobs through the REST API, the seed paths and /test/chat, on the built-in path (no model configured).

A job answers 202 and waits on the queue; a test does what the worker does with the queued task:
it calls agentrunner.tasks.run_agent_job(job_id).
"""

from __future__ import annotations

import pytest

from agentrunner.models import AgentJob, Artifact
from agentrunner.tasks import run_agent_job
from graphs.models import GraphVersion

pytestmark = pytest.mark.django_db

JOBS = "/api/agent/jobs"


def submit(client, **document):
    answer = client.post(JOBS, document, format="json")
    assert answer.status_code == 202, answer.content
    return answer.json()


def test_a_data_request_runs_a_pipeline_and_stores_the_result_as_an_artifact(api_client, flights, user):
    started = submit(
        api_client,
        version="1.0",
        job_id="seed-1",
        run_id="run-9",
        node_id="agent_node",
        prompt="show me the top 3 flights by price",
        context={"previous_results": flights, "session_id": "s-1"},
    )
    job = AgentJob.objects.get(pk=started["job_id"])
    assert (job.status, job.client_job_id, job.run_id, job.owner) == ("queued", "seed-1", "run-9", user)

    assert run_agent_job(started["job_id"]) == "succeeded"

    answer = api_client.get(f"{JOBS}/{started['job_id']}")
    assert answer.status_code == 200
    body = answer.json()
    assert (body["intent"], body["decided_by"], body["status"]) == ("execute", "builtin", "succeeded")
    result = body["result"]
    assert (result["version"], result["job_id"], result["status"]) == ("1.0", "seed-1", "completed")
    artifact = Artifact.objects.get()
    assert result["result_ref"] == f"artifact://{artifact.pk}"
    preview = result["result_preview"]
    assert [row[preview["columns"].index("id")] for row in preview["rows"]] == [5, 2, 1]
    assert preview["row_count"] == 3
    metadata = result["metadata"]
    assert (metadata["tokens_used"], metadata["cache_hit"]) == (0, False)
    assert metadata["tool_calls"][0]["tool"] == "execute_pipeline"
    assert metadata["tool_calls"][0]["ok"] is True
    assert metadata["execution_time_ms"] >= 0


def test_the_seed_path_finds_a_job_by_the_job_id_the_client_sent(api_client, flights):
    started = submit(
        api_client, job_id="client-7", prompt="top 2 flights by price", context={"previous_results": flights}
    )
    run_agent_job(started["job_id"])
    answer = api_client.get(f"{JOBS}/client-7")
    assert answer.status_code == 200
    assert answer.json()["id"] == started["job_id"]


def test_the_artifact_downloads_whole_as_json_and_csv(api_client, flights):
    started = submit(api_client, prompt="sort by price", context={"previous_results": flights})
    run_agent_job(started["job_id"])
    artifact = Artifact.objects.get()
    as_json = api_client.get(f"/api/v1/artifacts/{artifact.pk}/download/")
    assert as_json.status_code == 200
    document = as_json.json()
    prices = [row[document["columns"].index("price")] for row in document["rows"]]
    assert prices == sorted(row["price"] for row in flights)
    as_csv = api_client.get(f"/api/v1/artifacts/{artifact.pk}/download/?as=csv")
    lines = b"".join(as_csv.streaming_content).decode().splitlines()
    assert lines[0].split(",") == document["columns"]
    assert len(lines) == len(flights) + 1


def test_a_request_naming_a_missing_column_fails_with_the_list_of_columns(api_client, flights):
    started = submit(api_client, prompt="top 3 flights by duration", context={"previous_results": flights})
    assert run_agent_job(started["job_id"]) == "failed"
    result = api_client.get(f"{JOBS}/{started['job_id']}").json()["result"]
    assert result["status"] == "failed"
    assert "duration" in result["error"]["message"]
    for column in ("id", "origin", "dest", "carrier", "price"):
        assert column in result["error"]["message"]
    assert not Artifact.objects.exists()


def test_a_lasting_change_patches_the_graph_into_a_new_version(api_client, tracker):
    started = submit(api_client, prompt="add a step that waits 5 seconds after fetch_prices", graph_id=str(tracker.pk))
    assert run_agent_job(started["job_id"]) == "succeeded"
    job = AgentJob.objects.get(pk=started["job_id"])
    assert (job.intent, job.graph_version.number) == ("patch", 2)
    definition = GraphVersion.objects.get(graph=tracker, number=2).definition
    new = definition["nodes"]["fetch_prices"]["next"]
    assert new not in ("wait_a_bit", "end")
    assert definition["nodes"][new]["tool"] == "wait"
    assert definition["nodes"][new]["args"] == {"seconds": 5}
    assert definition["nodes"][new]["next"] == "wait_a_bit"
    result = api_client.get(f"{JOBS}/{started['job_id']}").json()["result"]
    assert result["result_ref"] == f"graph://{tracker.pk}/versions/2"
    assert result["result_preview"]["version"] == 2


def test_the_workflow_tag_may_name_the_graph(api_client, tracker):
    started = submit(api_client, prompt="remove the wait_a_bit step", workflow_tag="price tracker")
    assert run_agent_job(started["job_id"]) == "succeeded"
    definition = GraphVersion.objects.get(graph=tracker, number=2).definition
    assert "wait_a_bit" not in definition["nodes"]
    assert definition["nodes"]["fetch_prices"]["next"] == "end"


def test_a_lasting_change_without_a_workflow_fails_and_says_how_to_name_one(api_client):
    started = submit(api_client, prompt="always send an email when the price drops below 300")
    assert run_agent_job(started["job_id"]) == "failed"
    job = AgentJob.objects.get(pk=started["job_id"])
    assert (job.intent, job.error_code) == ("patch", "no_target_workflow")
    assert "graph_id" in job.error


def test_another_user_s_graph_is_not_found(api_client_for, other_user, tracker):
    answer = api_client_for(other_user).post(
        JOBS, {"prompt": "remove the wait step", "graph_id": str(tracker.pk)}, format="json"
    )
    assert answer.status_code == 404
    assert not AgentJob.objects.exists()


@pytest.mark.parametrize(
    ("document", "field"),
    [
        ({}, "prompt"),
        ({"prompt": "   "}, "prompt"),
        ({"prompt": "x", "version": "2.0"}, "version"),
        ({"prompt": "x", "current_workflow": [1, 2]}, "current_workflow"),
        ({"prompt": "x", "context": {"previous_results": "rows"}}, "context"),
    ],
)
def test_bad_job_documents_are_refused_with_the_field_named(api_client, document, field):
    answer = api_client.post(JOBS, document, format="json")
    assert answer.status_code == 400
    assert field in str(answer.json()["error"]["details"])
    assert not AgentJob.objects.exists()


def test_jobs_and_artifacts_are_private(api_client, api_client_for, other_user, flights):
    started = submit(api_client, prompt="sort by price", context={"previous_results": flights})
    run_agent_job(started["job_id"])
    other = api_client_for(other_user)
    assert other.get(f"{JOBS}/{started['job_id']}").status_code == 404
    assert other.get(f"/api/v1/agent-jobs/{started['job_id']}/").status_code == 404
    assert other.get(f"/api/v1/artifacts/{Artifact.objects.get().pk}/").status_code == 404
    assert other.get("/api/v1/agent-jobs/").json()["count"] == 0


def test_the_rest_list_filters_by_intent(api_client, flights, tracker):
    for prompt in ("sort by price", "remove the wait_a_bit step"):
        started = submit(api_client, prompt=prompt, graph_id=str(tracker.pk), context={"previous_results": flights})
        run_agent_job(started["job_id"])
    listed = api_client.get("/api/v1/agent-jobs/?intent=patch").json()
    assert [job["prompt"] for job in listed["results"]] == ["remove the wait_a_bit step"]


def test_test_chat_answers_synchronously(api_client, flights):
    answer = api_client.post(
        "/test/chat",
        {"prompt": "what are the 2 cheapest flights?", "context": {"previous_results": flights}},
        format="json",
    )
    assert answer.status_code == 200, answer.content
    body = answer.json()
    assert body["status"] == "completed"
    preview = body["result_preview"]
    assert [row[preview["columns"].index("price")] for row in preview["rows"]] == [150.0, 199.0]
    assert AgentJob.objects.get(pk=body["id"]).source == "chat"


def test_test_chat_answers_422_with_the_reason_when_the_request_cannot_be_done(api_client, flights):
    answer = api_client.post(
        "/test/chat", {"prompt": "top 3 by altitude", "context": {"previous_results": flights}}, format="json"
    )
    assert answer.status_code == 422
    assert answer.json()["status"] == "failed"
    assert "altitude" in answer.json()["error"]["message"]


def test_a_job_needs_a_key(client):
    assert client.post(JOBS, {"prompt": "x"}, content_type="application/json").status_code in (401, 403)


def test_a_count_of_everything_is_one_total_row(api_client, flights):
    answer = api_client.post(
        "/test/chat", {"prompt": "how many flights are there?", "context": {"previous_results": flights}}, format="json"
    )
    assert answer.status_code == 200, answer.content
    assert answer.json()["result_preview"]["rows"] == [[len(flights)]]
