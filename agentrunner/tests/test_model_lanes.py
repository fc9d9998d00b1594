"""Both lanes with a model, over the real OpenAI and Anthropic SDKs against the local scripted server; and the
same prompts on the built-in path with no key."""

from __future__ import annotations

import pytest

from agentrunner.models import AgentJob
from agentrunner.tasks import run_agent_job
from graphs.models import GraphVersion
from wfplatform.llm.testing import Reply

pytestmark = pytest.mark.django_db

JOBS = "/api/agent/jobs"
TOP_TWO = [{"op": "top_k", "k": 2, "by": "price", "descending": True}]
ADD_WAIT = [
    {"op": "add", "path": "/nodes/pause", "value": {"tool": "wait", "args": {"seconds": 5}, "next": "wait_a_bit"}},
    {"op": "replace", "path": "/nodes/fetch_prices/next", "value": "pause"},
]


@pytest.fixture(params=["openai", "anthropic"])
def model(request, fake_llm):
    return fake_llm.use(request.param)


def call(tool: str, **arguments) -> Reply:
    return Reply(tool_calls=[{"name": tool, "arguments": arguments}], output_tokens=40)


def run(client, **document) -> AgentJob:
    answer = client.post(JOBS, document, format="json")
    assert answer.status_code == 202, answer.content
    run_agent_job(answer.json()["job_id"])
    return AgentJob.objects.get(pk=answer.json()["job_id"])


def test_the_model_answers_a_data_request_with_a_pipeline(api_client, model, flights):
    model.reply(call("execute_pipeline", steps=TOP_TWO, explanation="the two priciest"))
    job = run(api_client, prompt="show me the 2 most expensive flights", context={"previous_results": flights})
    assert (job.status, job.intent, job.decided_by) == ("succeeded", "execute", "model")
    assert [row[0] for row in job.result_preview["rows"]] == [5, 2]
    arguments = {"steps": TOP_TWO, "explanation": "the two priciest"}
    assert job.tool_calls == [{"source": "model", "tool": "execute_pipeline", "arguments": arguments, "ok": True}]
    request = model.requests[0]
    assert "## Pipelines (execute_pipeline)" in request.prompt  # the system prompt with the languages
    assert "show me the 2 most expensive flights" in request.prompt
    assert "'carrier'" in request.prompt  # the data's columns
    assert job.tokens_used == model.reported_usage()["input_tokens"] + model.reported_usage()["output_tokens"]
    assert job.llm_usage["calls"] == 1


def test_the_model_patches_the_workflow(api_client, model, tracker):
    model.reply(call("patch_workflow", operations=ADD_WAIT, explanation="wait after fetching"))
    job = run(api_client, prompt="always wait 5 seconds after fetching prices", graph_id=str(tracker.pk))
    assert (job.status, job.intent, job.decided_by) == ("succeeded", "patch", "model")
    definition = GraphVersion.objects.get(graph=tracker, number=2).definition
    assert definition["nodes"]["pause"] == {"tool": "wait", "args": {"seconds": 5}, "next": "wait_a_bit"}
    assert '"fetch_prices"' in model.requests[0].prompt  # the current workflow was shown
    assert '"wait"' in model.requests[0].prompt  # and the tool registry


def test_an_invalid_patch_changes_nothing_and_its_error_goes_back_to_the_model(api_client, model, tracker):
    bad = [{"op": "add", "path": "/nodes/pause", "value": {"tool": "sleep_for", "next": "wait_a_bit"}},
           {"op": "replace", "path": "/nodes/fetch_prices/next", "value": "pause"}]  # fmt: skip
    model.reply(
        call("patch_workflow", operations=bad, explanation="x"),
        call("patch_workflow", operations=ADD_WAIT, explanation="y"),
    )
    job = run(api_client, prompt="always wait 5 seconds after fetching prices", graph_id=str(tracker.pk))
    assert job.status == "succeeded"
    assert GraphVersion.objects.filter(graph=tracker).count() == 2  # v1 and the corrected patch only
    assert "sleep_for" in model.requests[1].prompt  # the graph rules' complaint, fed back
    assert [c["ok"] for c in job.tool_calls] == [False, True]
    assert job.llm_usage["calls"] == 2


def test_a_patch_that_stays_invalid_fails_the_job_and_leaves_the_graph_unchanged(api_client, model, tracker):
    bad = [{"op": "remove", "path": "/nodes/fetch_prices"}]
    model.reply(*[call("patch_workflow", operations=bad, explanation="x") for _ in range(3)])
    job = run(api_client, prompt="from now on skip fetching", graph_id=str(tracker.pk))
    assert (job.status, job.error_code) == ("failed", "invalid_graph")
    assert GraphVersion.objects.filter(graph=tracker).count() == 1
    assert len(job.tool_calls) == 3 and job.tokens_used > 0


def test_a_pipeline_naming_a_missing_column_is_corrected_from_the_list_of_columns(api_client, model, flights):
    model.reply(
        call("execute_pipeline", steps=[{"op": "filter", "where": "cost < 300"}]),
        call("execute_pipeline", steps=[{"op": "filter", "where": "price < 300"}]),
    )
    job = run(api_client, prompt="flights under 300", context={"previous_results": flights})
    assert job.status == "succeeded" and job.result_preview["row_count"] == 3
    feedback = model.requests[1].prompt
    assert "cost" in feedback and all(column in feedback for column in ("origin", "dest", "carrier", "price"))


def test_the_second_job_reads_the_cached_system_prompt(api_client, model, flights):
    model.reply(call("execute_pipeline", steps=TOP_TWO), call("execute_pipeline", steps=TOP_TWO))
    first = run(api_client, prompt="2 most expensive flights", context={"previous_results": flights})
    second = run(api_client, prompt="2 priciest flights", context={"previous_results": flights})
    assert (first.cache_hit, second.cache_hit) == (False, True)
    assert second.llm_usage["cached_tokens"] > 1000
    result = api_client.get(f"{JOBS}/{second.pk}").json()["result"]
    assert result["metadata"]["cache_hit"] is True


def test_on_a_model_error_the_built_in_path_decides(api_client, model, flights):
    model.fail(500, times=1)
    job = run(api_client, prompt="show me the top 2 flights by price", context={"previous_results": flights})
    assert (job.status, job.intent, job.decided_by) == ("succeeded", "execute", "builtin")
    assert "500" in job.fallback_reason
    assert [row[0] for row in job.result_preview["rows"]] == [5, 2]


def test_a_model_that_answers_in_prose_falls_back_to_the_built_in_path(api_client, model, tracker):
    model.reply(Reply(text="Sure, I can help with that!"))
    job = run(api_client, prompt="remove the wait_a_bit step", graph_id=str(tracker.pk))
    assert (job.status, job.decided_by, job.intent) == ("succeeded", "builtin", "patch")
    assert "without calling a tool" in job.fallback_reason


@pytest.mark.parametrize(
    ("prompt", "intent"),
    [("show me the 2 most expensive flights", "execute"), ("always wait 5 seconds after fetch_prices", "patch")],
)
def test_the_same_prompts_work_on_the_built_in_path_without_a_key(api_client, flights, tracker, prompt, intent):
    job = run(api_client, prompt=prompt, graph_id=str(tracker.pk), context={"previous_results": flights})
    assert (job.status, job.intent, job.decided_by, job.tokens_used) == ("succeeded", intent, "builtin", 0)
    if intent == "execute":
        assert [row[0] for row in job.result_preview["rows"]] == [5, 2]
    else:
        definition = GraphVersion.objects.get(graph=tracker, number=2).definition
        added = definition["nodes"]["fetch_prices"]["next"]
        assert definition["nodes"][added] == {"tool": "wait", "args": {"seconds": 5}, "next": "wait_a_bit"}
