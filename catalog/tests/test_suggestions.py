"""Workflows from a sentence: retrieval, the built-in composer or a scripted model (with repair), validation,
accepting a suggestion as a graph with its cron trigger as a schedule, and runs appearing."""

from __future__ import annotations

import json
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from django.utils.dateparse import parse_datetime
from rest_framework.test import APIClient

from catalog.models import Suggestion
from catalog.services.importing import catalog_load_file
from catalog.services.suggestions import problems_of, suggestion_generate
from catalog.tools import catalog_tools
from graphs.models import Graph, Run, Schedule
from graphs.schedules import schedule_fire
from graphs.tasks import run_graph
from wfplatform.llm.testing import Reply

pytestmark = pytest.mark.django_db

DATA = Path(__file__).parent / "data"
GENERATE = "/api/suggestions:generate"


@pytest.fixture
def shipped_catalog(settings):
    settings.COMPOSIO_API_KEY = None
    catalog_tools.forget()
    catalog_load_file()
    yield
    catalog_tools.forget()


@pytest.fixture
def no_llm(settings, monkeypatch):
    for name in ("OPENAI_API_KEY", "ANTHROPIC_API_KEY", "GROQ_API_KEY"):
        monkeypatch.delenv(name, raising=False)
    settings.OPENAI_API_KEY = settings.ANTHROPIC_API_KEY = settings.GROQ_API_KEY = None


def labelled_prompts() -> list[str]:
    prompts = []
    for name in ("retrieval.jsonl", "retrieval_dev2.jsonl", "retrieval_dev3.jsonl", "retrieval_holdout.jsonl"):
        text = (DATA / name).read_text(encoding="utf-8")
        prompts += [json.loads(line)["prompt"] for line in text.splitlines() if line.strip()]
    return prompts


def test_without_a_key_every_labelled_prompt_yields_a_valid_suggestion(shipped_catalog, no_llm, user):
    prompts = labelled_prompts()
    assert len(prompts) >= 100
    invalid = []
    for prompt in prompts:
        suggestion = suggestion_generate(owner=user, prompt=prompt)
        if suggestion.problems or not suggestion.workflow:
            invalid.append((prompt, suggestion.problems))
    assert invalid == []
    assert Suggestion.objects.filter(generated_by="builtin").count() == len(prompts)


def test_the_api_generates_stores_and_shows_a_suggestion(
    shipped_catalog, no_llm, api_client, api_client_for, other_user
):
    answer = api_client.post(GENERATE, {"prompt": "every Monday at 9am send a Slack message to #team"}, format="json")
    assert answer.status_code == 201, answer.content
    body = answer.json()
    assert body["valid"] is True and body["generated_by"] == "builtin"
    assert body["workflow"]["triggers"] == [{"type": "cron", "cron": "0 9 * * 1", "timezone": "UTC"}]
    assert any(hit["slug"].startswith("SLACK_") for hit in body["retrieved_tools"])
    assert api_client.get(f"/api/suggestions/{body['id']}").json()["id"] == body["id"]
    assert api_client_for(other_user).get(f"/api/suggestions/{body['id']}").status_code == 404


def test_a_model_s_invalid_workflow_is_repaired_in_the_second_round(shipped_catalog, fake_llm, user):
    fake_llm.use("anthropic")
    node = {"tool": "GITHUB_CREATE_AN_ISSUE", "args": {"owner": "acme", "repo": "web"}}
    broken = {"name": "issue", "start_node": "file", "triggers": [{"type": "manual"}], "nodes": {"file": node}}
    fixed = json.loads(json.dumps(broken))
    fixed["nodes"]["file"]["args"]["title"] = "{{ inputs.title }}"
    fake_llm.reply(
        Reply(tool_calls=[{"name": "propose_workflow", "arguments": {"workflow": broken}}]),
        Reply(tool_calls=[{"name": "propose_workflow", "arguments": {"workflow": fixed}}]),
    )
    suggestion = suggestion_generate(owner=user, prompt="open a GitHub issue in acme/web")
    assert (suggestion.problems, suggestion.repair_rounds) == ([], 1)
    assert suggestion.workflow == fixed
    assert suggestion.generated_by == fake_llm.requests[0].body["model"]
    assert "nodes.file.args.title: GITHUB_CREATE_AN_ISSUE needs the parameter 'title'" in fake_llm.requests[1].prompt
    assert "GITHUB_CREATE_AN_ISSUE" in fake_llm.requests[0].prompt  # the candidates were shown
    assert suggestion.tokens_used > 0


def test_on_a_model_error_the_composer_writes_the_workflow(shipped_catalog, fake_llm, user, settings):
    settings.WFP_LLM_MAX_RETRIES = 0
    fake_llm.fail(500)
    suggestion = suggestion_generate(owner=user, prompt="send a Slack message to #ops saying 'deploy done'")
    assert (suggestion.generated_by, suggestion.problems, suggestion.provider) == ("builtin", [], "")
    assert len(suggestion.notes) == 1 and suggestion.notes[0].startswith("model failed: ")


SLACK_WORKFLOW = {
    "name": "notify",
    "start_node": "post",
    "triggers": [{"type": "manual"}],
    "nodes": {"post": {"tool": "SLACK_SENDS_A_MESSAGE_TO_A_SLACK_CHANNEL", "args": {"channel": "#ops", "text": "hi"}}},
}


def propose(workflow: dict) -> Reply:
    return Reply(tool_calls=[{"name": "propose_workflow", "arguments": {"workflow": workflow}}])


def test_anthropic_writes_suggestions_when_several_providers_are_configured(shipped_catalog, fake_llm, user, settings):
    fake_llm.use("openai")
    settings.ANTHROPIC_API_KEY, settings.ANTHROPIC_BASE_URL = "test-key", fake_llm.anthropic_base_url
    settings.GROQ_API_KEY, settings.GROQ_BASE_URL = "test-key", fake_llm.openai_base_url
    fake_llm.reply(propose(SLACK_WORKFLOW))

    suggestion = suggestion_generate(owner=user, prompt="send a Slack message to #ops saying hi")

    assert [request.protocol for request in fake_llm.requests] == ["anthropic"]
    assert (suggestion.provider, suggestion.problems, suggestion.notes) == ("anthropic", [], [])
    # The deployment's own choices still decide: the suggestions' setting first, then the global one.
    settings.WFP_LLM_PROVIDER = "openai"
    fake_llm.reply(propose(SLACK_WORKFLOW))
    assert suggestion_generate(owner=user, prompt="send a Slack message to #ops").provider == "openai"
    settings.WFP_SUGGESTIONS_LLM_PROVIDER = "groq"
    fake_llm.reply(propose(SLACK_WORKFLOW))
    groq = suggestion_generate(owner=user, prompt="send a Slack message to #ops")
    assert (groq.provider, groq.generated_by) == ("groq", settings.GROQ_MODEL)
    assert fake_llm.requests[-1].protocol == "openai"  # Groq speaks OpenAI's protocol


def test_a_user_s_preferred_provider_writes_their_suggestions(shipped_catalog, fake_llm, api_client, user):
    fake_llm.use("groq")
    answer = api_client.post("/api/preferences/me", {"settings": {"llm_provider": "groq"}}, format="json")
    assert answer.status_code == 200, answer.content
    fake_llm.reply(propose(SLACK_WORKFLOW))
    assert suggestion_generate(owner=user, prompt="send a Slack message to #ops").provider == "groq"

    api_client.post("/api/preferences/me", {"settings": {"llm_provider": "anthropic"}}, format="json")
    fake_llm.reply(propose(SLACK_WORKFLOW))
    fallback = suggestion_generate(owner=user, prompt="send a Slack message to #ops")
    assert fallback.provider == "groq"  # the only one configured
    assert fallback.notes == ["your preferred provider 'anthropic' is not configured on this platform"]

    refused = api_client.post("/api/preferences/me", {"settings": {"llm_provider": "mistral"}}, format="json")
    assert refused.status_code == 400
    assert "llm_provider must be one of openai, anthropic, groq" in refused.content.decode()


def test_accepting_schedules_the_cron_trigger_and_runs_appear(shipped_catalog, no_llm, api_client, user):
    created = api_client.post(GENERATE, {"prompt": "every minute post 'ping' to the #ops Slack channel"}, format="json")
    suggestion = created.json()
    assert suggestion["valid"], suggestion["problems"]
    assert suggestion["workflow"]["triggers"][0]["cron"] == "* * * * *"
    accepted = api_client.post(f"/api/v1/suggestions/{suggestion['id']}/accept/", {"inputs": {}}, format="json")
    assert accepted.status_code == 201, accepted.content
    graph = Graph.objects.get(pk=accepted.json()["graph_id"])
    schedule = Schedule.objects.get(graph=graph)
    assert (schedule.cron, schedule.enabled) == ("* * * * *", True)
    for _ in range(2):  # what django-q2's scheduler does every minute
        schedule_fire(schedule_id=str(schedule.pk))
    fired = {str(pk) for pk in Run.objects.filter(version__graph=graph).values_list("pk", flat=True)}
    listed = {run["id"] for run in api_client.get("/api/v1/runs/").json()["results"]}
    assert len(fired) == 2 and fired <= listed
    again = api_client.post(f"/api/v1/suggestions/{suggestion['id']}/accept/", {}, format="json")
    assert again.status_code == 409


def test_accepting_a_webhook_trigger_gives_a_url_whose_calls_start_runs(shipped_catalog, fake_llm, api_client):
    fake_llm.use("anthropic")
    post = {"channel": "#deploys", "text": "{{ webhook.body.message }}"}
    workflow = {"name": "relay", "start_node": "post", "triggers": [{"type": "webhook"}],
                "nodes": {"post": {"tool": "SLACK_SENDS_A_MESSAGE_TO_A_SLACK_CHANNEL", "args": post}}}  # fmt: skip
    fake_llm.reply(propose(workflow))
    suggestion = api_client.post(GENERATE, {"prompt": "when my CI calls a webhook, post its message to #deploys"},
                                 format="json").json()  # fmt: skip
    assert suggestion["valid"], suggestion["problems"]

    accepted = api_client.post(f"/api/v1/suggestions/{suggestion['id']}/accept/", {"inputs": {"env": "prod"}},
                               format="json")  # fmt: skip

    assert accepted.status_code == 201, accepted.content
    [hook] = accepted.json()["webhooks"]
    assert accepted.json()["schedules"] == [] and hook["graph_id"] == accepted.json()["graph_id"]
    called = APIClient().post(hook["url"].removeprefix("http://testserver"), {"message": "v2 is live"}, format="json")
    assert called.status_code == 202, called.content
    run = Run.objects.get(pk=called.json()["run_id"])
    assert run.initial_state["inputs"] == {"env": "prod"}
    assert run.initial_state["webhook"]["body"] == {"message": "v2 is live"}
    run_graph(str(run.pk))  # what a worker does with it
    run.refresh_from_db()
    sent = run.state["slack_sends_a_message_to_a_slack_channel"]  # a dry run: no Composio key here
    assert run.status == "succeeded" and sent["dry_run"] is True
    assert sent["request"]["body"]["arguments"] == {"channel": "#deploys", "text": "v2 is live"}


def test_a_schedule_in_the_users_zone_becomes_a_schedule_in_that_zone(shipped_catalog, no_llm, api_client):
    prompt = "every Monday at 9am Paris time post 'standup!' to the #team Slack channel"
    suggestion = api_client.post(GENERATE, {"prompt": prompt}, format="json").json()
    assert suggestion["workflow"]["triggers"] == [{"type": "cron", "cron": "0 9 * * 1", "timezone": "Europe/Paris"}]
    accepted = api_client.post(f"/api/v1/suggestions/{suggestion['id']}/accept/", {}, format="json").json()
    [schedule] = accepted["schedules"]
    assert (schedule["cron"], schedule["timezone"]) == ("0 9 * * 1", "Europe/Paris")
    assert (parse_datetime(schedule["next_run"]).astimezone(ZoneInfo("Europe/Paris")).hour) == 9


def test_a_description_matching_no_tool_is_refused(shipped_catalog, no_llm, api_client):
    answer = api_client.post(GENERATE, {"prompt": "zzzz qqqq"}, format="json")
    assert answer.status_code == 400
    assert answer.json()["error"]["code"] == "no_candidate_tools"
    assert not Suggestion.objects.exists()


def test_problems_of_names_what_is_wrong(shipped_catalog):
    workflow = {"name": "x", "start_node": "a", "nodes": {"a": {"tool": "NOPE_TOOL"}}}
    assert [p["code"] for p in problems_of(workflow)] == ["unknown_tool"]


def test_the_admin_shows_a_suggestion_with_its_diagram(shipped_catalog, no_llm, admin_client, admin_user):
    suggestion = suggestion_generate(owner=admin_user, prompt="send a Slack message to #ops saying 'deploy done'")
    page = admin_client.get(f"/admin/catalog/suggestion/{suggestion.pk}/change/").content.decode()
    assert 'class="mermaid"' in page and "flowchart" in page
    assert "mermaid.min.js" in page
