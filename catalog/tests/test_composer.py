"""The built-in composer: schedules in words, and prompts composed from the shipped catalog's retrieved tools,
each workflow checked by the graphs app's own validator over strict catalog tools. Pure: no database."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from catalog.composer import POLL_CRON, CatalogToolInfo, Composition, compose, parse_schedule, tool_info_from_catalog
from catalog.composer.facts import read_facts
from catalog.composer.params import param_kind
from catalog.retrieval import ToolIndex, docs_from_catalog_file
from graphs.engine.errors import InvalidGraph
from graphs.engine.placeholders import PLACEHOLDER
from graphs.engine.tools import Tool, ToolRegistry
from graphs.engine.validation import GRAPH_KEYS, check_graph

CATALOG = Path(__file__).resolve().parents[1] / "data" / "catalog.json"
TOP_K = 8
_CRON_FIELD = re.compile(r"^(\*|\d+(-\d+)?(,\d+(-\d+)?)*)(/\d+)?$")
_SNAKE = re.compile(r"^[a-z][a-z0-9_]*$")

# --- the schedule parser ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("phrase", "cron"),
    [
        ("every Monday", "0 9 * * 1"),
        ("every Monday at 9am", "0 9 * * 1"),
        ("every day at 9", "0 9 * * *"),
        ("daily at 17:45", "45 17 * * *"),
        ("hourly", "0 * * * *"),
        ("every hour", "0 * * * *"),
        ("every 2 hours", "0 */2 * * *"),
        ("each morning", "0 9 * * *"),
        ("every evening", "0 18 * * *"),
        ("nightly", "0 21 * * *"),
        ("every 15 minutes", "*/15 * * * *"),
        ("every five minutes", "*/5 * * * *"),
        ("every minute", "* * * * *"),
        ("every half hour on weekdays", "*/30 * * * 1-5"),
        ("weekly on Friday at 5pm", "0 17 * * 5"),
        ("weekly", "0 9 * * 1"),
        ("monthly on the 1st", "0 9 1 * *"),
        ("on the 15th of each month at 8:30", "30 8 15 * *"),
        ("on the first day of every month at noon", "0 12 1 * *"),
        ("every weekday at 6 pm", "0 18 * * 1-5"),
        ("on weekends at 10am", "0 10 * * 0,6"),
        ("Mondays and Thursdays at 10:15", "15 10 * * 1,4"),
        ("Monday to Friday at noon", "0 12 * * 1-5"),
        ("at midnight every Sunday", "0 0 * * 0"),
        ("every 3 days at 7am", "0 7 */3 * *"),
        ("at 12am", "0 0 * * *"),
        ("at 12pm on Tuesdays", "0 12 * * 2"),
        ("every 2 hours on weekends", "0 */2 * * 0,6"),
    ],
)
def test_it_reads_schedules_as_cron(phrase: str, cron: str) -> None:
    schedule = parse_schedule(f"{phrase}, post the report to #ops")
    assert schedule is not None
    assert schedule.cron == cron


@pytest.mark.parametrize(
    "text",
    [
        "when a new issue is opened in GitHub, post it to Slack",
        "every time a PR is merged, tell #dev",
        "add an item to our Monday board",
        "create a Trello card called 'Fix login'",
        "open issues at 9",  # a bare hour with no other cue is no schedule
    ],
)
def test_it_finds_no_schedule_where_none_is_given(text: str) -> None:
    assert parse_schedule(text) is None


def test_it_blanks_out_the_schedule_words() -> None:
    text = "Every Monday at 9am, email the open Jira issues to bob@example.com"
    schedule = parse_schedule(text)
    assert schedule is not None
    stripped = schedule.strip(text)
    assert len(stripped) == len(text)
    assert stripped.split() == [",", "email", "the", "open", "Jira", "issues", "to", "bob@example.com"]


@pytest.mark.parametrize(
    ("phrase", "cron", "zone", "named"),
    [
        ("every Monday at 9am Paris time", "0 9 * * 1", "Europe/Paris", "Paris time"),
        ("daily at 5pm EST", "0 17 * * *", "America/New_York", "EST"),
        ("weekly on Friday at 4pm PT", "0 16 * * 5", "America/Los_Angeles", "PT"),
        ("at 17:30 Europe/Berlin every weekday", "30 17 * * 1-5", "Europe/Berlin", "Europe/Berlin"),
        ("every hour, New York time", "0 * * * *", "America/New_York", "New York time"),
        ("every morning Sao Paulo time", "0 9 * * *", "America/Sao_Paulo", "Sao Paulo time"),
        ("every day at noon (UTC)", "0 12 * * *", "UTC", "UTC"),
        ("every day at 9", "0 9 * * *", "UTC", None),
        ("every Monday at 9am share the Q3 PST deck", "0 9 * * 1", "UTC", None),  # PST not after a time
        ("every Monday at 9am Atlantis time", "0 9 * * 1", "UTC", None),  # no such zone
    ],
)
def test_a_schedule_is_read_in_the_zone_the_prompt_names(phrase: str, cron: str, zone: str, named: str | None) -> None:
    text = f"{phrase}, post the report to #ops"
    schedule = parse_schedule(text)
    assert schedule is not None and (schedule.cron, schedule.timezone) == (cron, zone)
    if named is not None:  # the words naming the zone are the schedule's, not a step's
        assert named not in schedule.strip(text) and "post the report to #ops" in schedule.strip(text)


def test_a_composed_schedule_keeps_its_zone(candidates: Any) -> None:
    prompt = "every Monday at 9am Paris time post the weekly report to #ops on Slack"
    composition = compose(prompt, candidates(prompt))
    assert composition.workflow["triggers"] == [{"type": "cron", "cron": "0 9 * * 1", "timezone": "Europe/Paris"}]
    assert "Europe/Paris" in composition.explanation[0]


# --- values in the prompt ----------------------------------------------------------------------------------


def test_it_reads_values_from_the_prompt() -> None:
    facts = read_facts(
        'Post "Deploy done" to #ops-alerts, email ann@example.org, open https://example.com/x?y=1 '
        "for octocat/hello-world issue #42, text +1 555 123 4567"
    )
    assert facts.quoted == ("Deploy done",)
    assert facts.channels == ("#ops-alerts",)
    assert facts.emails == ("ann@example.org",)
    assert facts.urls == ("https://example.com/x?y=1",)
    assert facts.repo == ("octocat", "hello-world")
    assert [(number.value, number.hint, number.hashed) for number in facts.numbers] == [(42, "issue", True)]
    assert facts.phones == ("+15551234567",)


@pytest.mark.parametrize(
    ("name", "schema", "kind"),
    [
        ("to_email", {"type": "string"}, "email"),
        ("recipients", {"type": "array", "items": {"type": "string"}}, "email"),
        ("cc_emails", {"type": "array"}, "other"),
        ("channel", {"type": "string"}, "channel"),
        ("message_id", {"type": "string"}, "identifier"),
        ("text", {"type": "string"}, "body"),
        ("subject", {"type": "string"}, "title"),
        ("issue_number", {"type": "integer"}, "number"),
        ("state", {"type": "string", "enum": ["open", "closed"]}, "enum"),
        ("to", {"type": "string", "description": "Phone number in E.164 format."}, "phone"),
        ("webhook_url", {"type": "string"}, "url"),
        ("jql", {"type": "string"}, "query"),
    ],
)
def test_it_tells_parameters_apart_by_name(name: str, schema: dict[str, Any], kind: str) -> None:
    assert param_kind(name, schema) == kind


# --- composing over the shipped catalog --------------------------------------------------------------------


@pytest.fixture(scope="module")
def candidates() -> Any:
    data = json.loads(CATALOG.read_text())
    index = ToolIndex.build(docs_from_catalog_file(data))
    by_slug = {entry["slug"]: entry for entry in data["tools"]}

    def retrieve(prompt: str) -> list[CatalogToolInfo]:
        return [tool_info_from_catalog(by_slug[hit.slug]) for hit in index.search(prompt, k=TOP_K)]

    return retrieve


class CandidateTools:
    """The candidates as strict tools, as the catalog's provider serves them to the graphs app."""

    def __init__(self, tools: list[CatalogToolInfo]) -> None:
        self.tools = {tool.slug: tool for tool in tools}

    def find(self, name: str) -> Tool | None:
        tool = self.tools.get(name)
        if tool is None:
            return None
        return Tool(tool.slug, _not_run, tool.input_schema, tool.description, strict_args=True)


def _not_run(inputs: dict[str, Any]) -> dict[str, Any]:
    raise AssertionError("validation never runs a tool")


def assert_valid(composition: Composition, tools: list[CatalogToolInfo], prompt: str) -> None:
    workflow = composition.workflow
    definition = dict(workflow)
    if "triggers" not in GRAPH_KEYS:  # the graph format is gaining "triggers"; until then the validator refuses it
        definition.pop("triggers")
    registry = ToolRegistry()
    registry.add_provider(CandidateTools(tools))
    try:
        check_graph(definition, registry=registry)
    except InvalidGraph as exc:
        pytest.fail(f"{prompt!r} composed an invalid workflow: {exc}\n{json.dumps(workflow, indent=1)}")
    assert workflow["description"] == prompt
    assert workflow["name"].strip()
    _assert_trigger(workflow["triggers"])
    order = _assert_linear(workflow)
    _assert_placeholders(workflow, order, composition.inputs)
    assert len(composition.explanation) == len(order) + 1
    assert all(_SNAKE.match(name) for name in order)
    assert len({workflow["nodes"][name]["tool"] for name in order}) == len(order), "a tool used twice"


def _assert_trigger(triggers: list[dict[str, Any]]) -> None:
    assert len(triggers) == 1
    trigger = triggers[0]
    assert trigger["type"] in ("manual", "cron", "webhook")
    if trigger["type"] == "cron":
        fields = trigger["cron"].split()
        assert len(fields) == 5 and all(_CRON_FIELD.match(field) for field in fields), trigger
        assert trigger["timezone"] == "UTC"


def _assert_linear(workflow: dict[str, Any]) -> list[str]:
    """The nodes in run order: a chain from start_node to "end" through every node once."""
    order, name = [], workflow["start_node"]
    while name != "end":
        assert name in workflow["nodes"] and name not in order, f"bad chain at {name!r}"
        order.append(name)
        name = workflow["nodes"][name]["next"]
    assert set(order) == set(workflow["nodes"])
    assert 1 <= len(order) <= 4
    return order


def _assert_placeholders(workflow: dict[str, Any], order: list[str], inputs: list[str]) -> None:
    """Every placeholder names a run input (listed in `inputs`) or the answer of an earlier node."""
    used: list[str] = []
    earlier: set[str] = set()
    for name in order:
        node = workflow["nodes"][name]
        for value in node["args"].values():
            for path in PLACEHOLDER.findall(value) if isinstance(value, str) else []:
                if path.startswith("inputs."):
                    used.append(path)
                else:
                    assert path.split(".")[0] in earlier, f"{name} reads {path} before it is written"
        earlier.add(node["tool"].lower())
    assert sorted(set(used)) == sorted(inputs)
    assert len(inputs) == len(set(inputs))


POLL = POLL_CRON
MANUAL = None
# (prompt, cron or MANUAL, the tools in order (None: any), {node position: {param: value}} expected)
CASES: list[tuple[str, str | None, list[str | None], dict[int, dict[str, Any]]]] = [
    ("When a new issue is opened in GitHub, post it to #dev in Slack", POLL,
     ["GITHUB_LIST_REPOSITORY_ISSUES", "SLACK_SENDS_A_MESSAGE_TO_A_SLACK_CHANNEL"], {1: {"channel": "#dev"}}),
    ("Whenever a new Stripe charge comes in, send a message to #payments in Slack", POLL,
     ["STRIPE_LIST_CHARGES", "SLACK_SENDS_A_MESSAGE_TO_A_SLACK_CHANNEL"], {1: {"channel": "#payments"}}),
    ("Every time someone submits a Typeform response, add a row to Google Sheets", POLL,
     ["TYPEFORM_RETRIEVE_RESPONSES", "GOOGLESHEETS_SPREADSHEETS_VALUES_APPEND"], {}),
    ("When a new lead is created in HubSpot, email sales@acme.com", POLL,
     ["HUBSPOT_LIST_CONTACTS", None], {1: {"to_email": "sales@acme.com"}}),
    ("When I get a new email in Gmail, create a Trello card", POLL, ["GMAIL_FETCH_EMAILS", "TRELLO_ADD_CARDS"], {}),
    ("Every Monday at 9am, email the open Jira issues to bob@example.com", "0 9 * * 1",
     ["JIRA_SEARCH_FOR_ISSUES_USING_JQL_GET", "OUTLOOK_OUTLOOK_SEND_EMAIL"], {1: {"to_email": "bob@example.com"}}),
    ('Every day at 5pm post "Daily standup in 10 minutes" to #standup in Slack', "0 17 * * *",
     ["SLACK_SENDS_A_MESSAGE_TO_A_SLACK_CHANNEL"], {0: {"channel": "#standup", "text": "Daily standup in 10 minutes"}}),
    ("Hourly, list new Zendesk tickets and post them to #support on Slack", "0 * * * *",
     ["ZENDESK_LIST_ZENDESK_TICKETS", "SLACK_SENDS_A_MESSAGE_TO_A_SLACK_CHANNEL"], {1: {"channel": "#support"}}),
    ("Every 15 minutes check Sentry issues and create a PagerDuty incident", "*/15 * * * *",
     ["SENTRY_LIST_PROJECT_ISSUES", "PAGERDUTY_CREATE_AN_INCIDENT"], {}),
    ("Weekly on Friday at 5pm, send the week's closed Linear issues to #eng on Slack", "0 17 * * 5",
     ["LINEAR_LIST_LINEAR_ISSUES", "SLACK_SENDS_A_MESSAGE_TO_A_SLACK_CHANNEL"], {1: {"channel": "#eng"}}),
    ("On the 1st of each month at 8am create a QuickBooks invoice", "0 8 1 * *", ["QUICKBOOKS_CREATE_INVOICE"], {}),
    ("Each morning send me a summary of my Google Calendar events by email to me@example.com", "0 9 * * *",
     ["GOOGLECALENDAR_EVENTS_LIST", "OUTLOOK_OUTLOOK_SEND_EMAIL"], {1: {"to_email": "me@example.com"}}),
    ("Every weekday at 8:30 am, get the weather for London and post it to #general on Slack", "30 8 * * 1-5",
     ["OPENWEATHERMAP_GET_CURRENT_WEATHER", "SLACK_SENDS_A_MESSAGE_TO_A_SLACK_CHANNEL"], {1: {"channel": "#general"}}),
    ("fetch the latest Stripe charges, then post a summary to Slack and email it to ops@acme.io", MANUAL,
     ["STRIPE_LIST_CHARGES", "SLACK_SENDS_A_MESSAGE_TO_A_SLACK_CHANNEL", "OUTLOOK_OUTLOOK_SEND_EMAIL"],
     {2: {"to_email": "ops@acme.io"}}),
    ('Create a Trello card called "Fix login"', MANUAL, ["TRELLO_ADD_CARDS"], {0: {"name": "Fix login"}}),
    ('Create an issue titled "Broken build" in octocat/hello-world on GitHub', MANUAL, ["GITHUB_CREATE_AN_ISSUE"],
     {0: {"owner": "octocat", "repo": "hello-world", "title": "Broken build"}}),
    ("Close GitHub issue #42 in acme/api", MANUAL, ["GITHUB_UPDATE_AN_ISSUE"],
     {0: {"owner": "acme", "repo": "api", "issue_number": 42, "state": "closed"}}),
    ('Send "Deploy finished" to #ops on Slack', MANUAL, ["SLACK_SENDS_A_MESSAGE_TO_A_SLACK_CHANNEL"],
     {0: {"channel": "#ops", "text": "Deploy finished"}}),
    ('Send an email to jane@example.com with subject "Invoice" saying "Please find the invoice attached"', MANUAL,
     ["OUTLOOK_OUTLOOK_SEND_EMAIL"],
     {0: {"to_email": "jane@example.com", "subject": "Invoice", "body": "Please find the invoice attached"}}),
    ('Create a Jira ticket "Payment page is down" and post it to #incidents in Slack', MANUAL,
     ["JIRA_CREATE_ISSUE", "SLACK_SENDS_A_MESSAGE_TO_A_SLACK_CHANNEL"],
     {0: {"summary": "Payment page is down"}, 1: {"channel": "#incidents"}}),
    ("Add a contact to HubSpot with email ann@example.org", MANUAL, ["HUBSPOT_CREATE_CONTACT"],
     {0: {"email": "ann@example.org"}}),
    ("Star the repository octocat/hello-world on GitHub", MANUAL,
     ["GITHUB_STAR_A_REPOSITORY_FOR_THE_AUTHENTICATED_USER"], {0: {"owner": "octocat", "repo": "hello-world"}}),
    ("Upload the report to Dropbox", MANUAL, ["DROPBOX_UPLOAD_FILE"], {}),
    ('Tweet "We just shipped v2!"', MANUAL, ["TWITTER_CREATION_OF_A_POST"], {0: {"text": "We just shipped v2!"}}),
    ('Create a Notion page titled "Meeting notes"', MANUAL, ["NOTION_CREATE_NOTION_PAGE"],
     {0: {"title": "Meeting notes"}}),
    ('Send an SMS with Twilio to say "Server down"', MANUAL, ["TWILIO_SEND_SMS"], {0: {"body": "Server down"}}),
    ("Post new GitHub issues to Slack", POLL,
     ["GITHUB_LIST_REPOSITORY_ISSUES", "SLACK_SENDS_A_MESSAGE_TO_A_SLACK_CHANNEL"], {}),
    ("Copy new Dropbox files to Google Drive", POLL, ["DROPBOX_FILES_DOWNLOAD", "GOOGLEDRIVE_UPLOAD_FILE"], {}),
    ("Create a Linear issue for every new Sentry error", POLL,
     ["SENTRY_LIST_PROJECT_ISSUES", "LINEAR_CREATE_LINEAR_ISSUE"], {}),
    ("List my Asana tasks and email them to pm@example.com", MANUAL,
     ["ASANA_GET_TASKS_FROM_A_PROJECT", "OUTLOOK_OUTLOOK_SEND_EMAIL"], {1: {"to_email": "pm@example.com"}}),
    ("Search Gmail for invoices and save the attachments to Google Drive", MANUAL,
     ["GMAIL_FETCH_EMAILS", "GOOGLEDRIVE_UPLOAD_FILE"], {}),
    ("Every Sunday at midnight export Airtable records to Google Sheets", "0 0 * * 0",
     ["AIRTABLE_LIST_RECORDS", "GOOGLESHEETS_SPREADSHEETS_VALUES_APPEND"], {}),
    ("Every 2 hours fetch Shopify orders and add them to Airtable", "0 */2 * * *",
     ["SHOPIFY_GET_ORDER_LIST", "AIRTABLE_CREATE_RECORD"], {}),
    ("Create a GitLab merge request in group/project", MANUAL, ["GITLAB_CREATE_MERGE_REQUEST"],
     {0: {"id": "group/project"}}),
    ('Add a comment "Looks good" to GitHub issue 7 in octocat/hello-world', MANUAL,
     ["GITHUB_CREATE_AN_ISSUE_COMMENT"], {0: {"issue_number": 7, "body": "Looks good", "owner": "octocat"}}),
    ('Create a Zoom meeting "Quarterly review"', MANUAL, ["ZOOM_CREATE_A_MEETING"], {0: {"topic": "Quarterly review"}}),
    ("Every morning post the top Hacker News stories to #reading on Slack", "0 9 * * *",
     ["HACKERNEWS_GET_FRONTPAGE", "SLACK_SENDS_A_MESSAGE_TO_A_SLACK_CHANNEL"], {1: {"channel": "#reading"}}),
    ("When a deal is won in Pipedrive, create an invoice in Xero and notify #finance in Slack", POLL,
     ["PIPEDRIVE_GET_ALL_DEALS", "XERO_CREATE_INVOICE", "SLACK_SENDS_A_MESSAGE_TO_A_SLACK_CHANNEL"],
     {0: {"status": "won"}, 2: {"channel": "#finance"}}),
    ('Schedule a Discord message to #general saying "Game night at 8"', MANUAL, ["DISCORD_CREATE_MESSAGE"],
     {0: {"content": "Game night at 8"}}),
    ("Send a WhatsApp message to +15551234567", MANUAL, ["TWILIO_SEND_WHATSAPP_MESSAGE"],
     {0: {"to": "whatsapp:+15551234567"}}),
    ("Post the photo https://example.com/cat.jpg to our Facebook page", MANUAL, ["FACEBOOK_CREATE_PHOTO_POST"],
     {0: {"url": "https://example.com/cat.jpg"}}),
    ('Every 30 minutes search Twitter for "acme" and post the results to #social in Slack', "*/30 * * * *",
     ["TWITTER_RECENT_SEARCH", "SLACK_SENDS_A_MESSAGE_TO_A_SLACK_CHANNEL"], {0: {"query": "acme"}}),
    ("Get GitHub pull request 15 in octocat/hello-world and post it to #reviews on Slack", MANUAL,
     ["GITHUB_GET_A_PULL_REQUEST", "SLACK_SENDS_A_MESSAGE_TO_A_SLACK_CHANNEL"], {0: {"pull_number": 15}}),
    ("Summarize the latest Gmail emails with OpenAI and send the summary to #inbox in Slack", MANUAL,
     ["GMAIL_FETCH_EMAILS", "OPENAI_CREATE_RESPONSE", "SLACK_SENDS_A_MESSAGE_TO_A_SLACK_CHANNEL"], {}),
]  # fmt: skip


@pytest.mark.parametrize(("prompt", "cron", "tools", "values"), CASES, ids=[case[0][:60] for case in CASES])
def test_it_composes_a_valid_workflow(
    candidates: Any, prompt: str, cron: str | None, tools: list[str | None], values: dict[int, dict[str, Any]]
) -> None:
    found = candidates(prompt)
    composition = compose(prompt, found)
    assert_valid(composition, found, prompt)
    workflow = composition.workflow
    trigger = workflow["triggers"][0]
    assert trigger == ({"type": "manual"} if cron is None else {"type": "cron", "cron": cron, "timezone": "UTC"})
    nodes = list(workflow["nodes"].values())
    assert [node["tool"] if want is not None else None for node, want in zip(nodes, tools, strict=False)] == tools
    assert len(nodes) == len(tools)
    for position, expected in values.items():
        assert {key: nodes[position]["args"].get(key) for key in expected} == expected


def test_a_when_flow_passes_what_it_read_to_the_action(candidates: Any) -> None:
    prompt = "When a new issue is opened in GitHub, post it to #dev in Slack"
    composition = compose(prompt, candidates(prompt))
    read, post = composition.workflow["nodes"].values()
    assert "{{ github_list_repository_issues.data }}" in post["args"]["text"]
    assert read["args"]["owner"] == "{{ inputs.owner }}"
    assert composition.inputs == ["inputs.owner", "inputs.repo"]
    assert list(composition.workflow["nodes"]) == ["list_issues", "send_message"]


def test_a_message_after_a_send_says_what_was_read(candidates: Any) -> None:
    prompt = "fetch the latest Stripe charges, then post a summary to Slack and email it to ops@acme.io"
    composition = compose(prompt, candidates(prompt))
    email = list(composition.workflow["nodes"].values())[2]
    assert "{{ stripe_list_charges.data }}" in email["args"]["body"]
    assert composition.inputs == ["inputs.channel"]


def test_a_tool_doing_another_thing_to_the_named_object_is_not_chosen(candidates: Any) -> None:
    prompt = "every minute post 'ping' to the #ops Slack channel"
    tools = candidates(prompt)
    assert "SLACK_ARCHIVE_A_SLACK_CONVERSATION" in {tool.slug for tool in tools}  # it names the channel, too
    [node] = compose(prompt, tools).workflow["nodes"].values()
    assert node == {"tool": "SLACK_SENDS_A_MESSAGE_TO_A_SLACK_CHANNEL", "args": {"channel": "#ops", "text": "ping"},
                    "next": "end"}  # fmt: skip


@pytest.mark.parametrize(
    "prompt",
    [
        "when my CI calls our webhook, post its message to #deploys in Slack",
        "Whenever a webhook is received: post it to #deploys on Slack",
        "post incoming webhook payloads to #deploys in Slack",
    ],
)
def test_a_call_from_outside_is_a_webhook_trigger_whose_body_the_steps_use(candidates: Any, prompt: str) -> None:
    composition = compose(prompt, candidates(prompt))
    assert composition.workflow["triggers"] == [{"type": "webhook"}]
    [post] = composition.workflow["nodes"].values()
    assert post["tool"] == "SLACK_SENDS_A_MESSAGE_TO_A_SLACK_CHANNEL"
    assert post["args"] == {"channel": "#deploys", "text": "Webhook call: {{ webhook.body }}"}
    assert composition.explanation[0].startswith("Trigger: a webhook")


@pytest.mark.parametrize(
    "prompt",
    [
        "when a GitHub issue is opened, post it to the Discord webhook",
        "every Monday at 9 send the Discord webhook a reminder",
    ],
)
def test_a_webhook_the_workflow_calls_is_no_trigger(candidates: Any, prompt: str) -> None:
    composition = compose(prompt, candidates(prompt))
    assert composition.workflow["triggers"][0]["type"] == "cron"
    assert "DISCORD_EXECUTE_WEBHOOK" in {node["tool"] for node in composition.workflow["nodes"].values()}


def test_it_never_uses_two_tools_that_do_the_same_thing(candidates: Any) -> None:
    prompt = "Email the report to a@example.com and email it to b@example.com"
    composition = compose(prompt, candidates(prompt))
    nodes = list(composition.workflow["nodes"].values())
    assert [node["tool"] for node in nodes] == ["OUTLOOK_OUTLOOK_SEND_EMAIL"]  # not Gmail's "Send email" too


def test_each_step_takes_the_address_its_own_words_give(candidates: Any) -> None:
    prompt = "List my Asana tasks, email them to pm@example.com and post them to #pm in Slack"
    composition = compose(prompt, candidates(prompt))
    by_tool = {node["tool"]: node["args"] for node in composition.workflow["nodes"].values()}
    assert by_tool["OUTLOOK_OUTLOOK_SEND_EMAIL"]["to_email"] == "pm@example.com"
    assert by_tool["SLACK_SENDS_A_MESSAGE_TO_A_SLACK_CHANNEL"]["channel"] == "#pm"


# --- edge cases --------------------------------------------------------------------------------------------


def test_it_refuses_a_prompt_with_no_candidates() -> None:
    with pytest.raises(ValueError, match="no candidate tools"):
        compose("post the weather to Slack", [])


def test_it_refuses_an_empty_prompt(candidates: Any) -> None:
    with pytest.raises(ValueError, match="prompt is empty"):
        compose("   ", candidates("post to Slack"))


def test_a_tool_without_parameters_gets_no_args() -> None:
    tool = CatalogToolInfo("STRIPE_RETRIEVE_BALANCE", "Retrieve balance", "The account's balance.", "stripe", "Stripe",
                           {"type": "object", "properties": {}, "required": []})  # fmt: skip
    prompt = "every day at 9 get my Stripe balance"
    composition = compose(prompt, [tool])
    assert_valid(composition, [tool], prompt)
    assert composition.workflow["nodes"] == {"retrieve_balance": {"tool": tool.slug, "args": {}, "next": "end"}}
    assert composition.inputs == []
    assert composition.workflow["triggers"] == [{"type": "cron", "cron": "0 9 * * *", "timezone": "UTC"}]


def test_a_tool_with_an_empty_schema_gets_no_args() -> None:
    tool = CatalogToolInfo("ACME_PING", "Ping", "", "acme", "Acme", {})
    composition = compose("ping acme", [tool])
    assert_valid(composition, [tool], "ping acme")
    assert composition.workflow["nodes"]["ping"]["args"] == {}


def test_a_value_that_does_not_fit_becomes_an_input() -> None:
    schema = {"type": "object", "required": ["channel", "count"],
              "properties": {"channel": {"type": "string", "pattern": "^C[0-9A-Z]+$"},
                             "count": {"type": "integer", "maximum": 10}}}  # fmt: skip
    tool = CatalogToolInfo("ACME_SEND", "Send a message", "", "acme", "Acme", schema)
    prompt = "send 50 messages to #general in Acme"
    composition = compose(prompt, [tool])
    assert_valid(composition, [tool], prompt)
    assert composition.workflow["nodes"]["send_message"]["args"] == {
        "channel": "{{ inputs.channel }}",
        "count": "{{ inputs.count }}",
    }
    assert composition.inputs == ["inputs.channel", "inputs.count"]


def test_a_required_enum_takes_the_word_the_prompt_uses_or_an_input() -> None:
    schema = {"type": "object", "required": ["priority"],
              "properties": {"priority": {"type": "string", "enum": ["low", "high"]}}}  # fmt: skip
    tool = CatalogToolInfo("ACME_CREATE_TASK", "Create a task", "", "acme", "Acme", schema)
    high = compose("create a high priority task in Acme", [tool])
    unsaid = compose("create a task in Acme", [tool])
    assert high.workflow["nodes"]["create_task"]["args"] == {"priority": "high"}
    assert unsaid.workflow["nodes"]["create_task"]["args"] == {"priority": "{{ inputs.priority }}"}


def test_the_same_parameter_in_two_products_gets_two_inputs() -> None:
    schema = {"type": "object", "required": ["id"], "properties": {"id": {"type": "string"}}}
    first = CatalogToolInfo("ONE_GET_ITEM", "Get an item", "", "one", "One", schema)
    second = CatalogToolInfo("TWO_DELETE_RECORD", "Delete a record", "", "two", "Two", schema)
    prompt = "get the item from One, then delete the record in Two"
    composition = compose(prompt, [first, second])
    assert_valid(composition, [first, second], prompt)
    assert composition.inputs == ["inputs.id", "inputs.delete_record_id"]
