"""Catalog tools as graph nodes: validated like registered tools, run through Composio or dry, never silently."""

from __future__ import annotations

import pytest

from catalog.models import Tool, Toolkit, UserPreference
from catalog.tools import catalog_tools
from graphs.models import Run
from graphs.services import graph_create, run_start
from graphs.tasks import run_graph
from wfplatform.errors import ApplicationError

pytestmark = pytest.mark.django_db

SCHEMA = {
    "type": "object",
    "properties": {"owner": {"type": "string"}, "repo": {"type": "string"}, "title": {"type": "string"}},
    "required": ["owner", "repo", "title"],
    "additionalProperties": False,
}


@pytest.fixture(autouse=True)
def github():
    catalog_tools.forget()
    toolkit = Toolkit.objects.create(slug="github", name="GitHub")
    Tool.objects.create(slug="GITHUB_CREATE_AN_ISSUE", name="Create an issue", toolkit=toolkit, input_schema=SCHEMA)
    Tool.objects.create(slug="GITHUB_OLD_ISSUES", name="Old", toolkit=toolkit, deprecated=True)
    yield
    catalog_tools.forget()


def issue_graph(user, **args):
    return graph_create(
        owner=user,
        definition={
            "name": "file an issue",
            "start_node": "prepare",
            "nodes": {
                "prepare": {"tool": "set_values", "args": {"values": {"title": "Build broke"}}, "next": "file"},
                "file": {
                    "tool": "GITHUB_CREATE_AN_ISSUE",
                    "args": {"owner": "acme", "repo": "web", "title": "{{ title }}", **args},
                },
            },
        },
    )


def run(user, graph) -> Run:
    started = run_start(owner=user, version=graph.current)
    run_graph(str(started.pk))
    return Run.objects.get(pk=started.pk)


def test_without_composio_the_node_runs_dry_and_says_what_it_would_have_sent(user, settings):
    settings.COMPOSIO_API_KEY = None
    done = run(user, issue_graph(user))
    assert done.status == "succeeded"
    answer = done.state["github_create_an_issue"]
    assert answer["dry_run"] is True
    assert answer["reason"] == "not sent: COMPOSIO_API_KEY is not set"
    assert answer["request"]["url"].endswith("/tools/execute/GITHUB_CREATE_AN_ISSUE")
    # The node's args, the title filled in from the state.
    assert answer["request"]["body"] == {"arguments": {"owner": "acme", "repo": "web", "title": "Build broke"}}


def test_with_composio_and_an_account_the_tool_is_executed(user, settings, fake_composio):
    settings.COMPOSIO_API_KEY = "ck_test"
    settings.COMPOSIO_BASE_URL = fake_composio.base_url
    UserPreference.objects.create(user=user, settings={"composio_user_id": "alice-at-acme"})
    fake_composio.executions["GITHUB_CREATE_AN_ISSUE"] = {"number": 42}
    done = run(user, issue_graph(user))
    assert done.status == "succeeded", done.error
    assert done.state["github_create_an_issue"] == {"dry_run": False, "data": {"number": 42}, "log_id": "log_test_1"}
    sent = [r for r in fake_composio.requests if r.path == "/tools/execute/GITHUB_CREATE_AN_ISSUE"]
    assert sent[0].body == {
        "arguments": {"owner": "acme", "repo": "web", "title": "Build broke"},
        "user_id": "alice-at-acme",
    }


def test_with_composio_but_no_account_the_node_runs_dry(user, settings, fake_composio):
    settings.COMPOSIO_API_KEY = "ck_test"
    settings.COMPOSIO_BASE_URL = fake_composio.base_url
    done = run(user, issue_graph(user))
    assert done.state["github_create_an_issue"]["reason"] == "not sent: the run's owner has no Composio account set"
    assert not [r for r in fake_composio.requests if r.path.startswith("/tools/execute/")]


def test_unknown_and_deprecated_slugs_are_unknown_tools(user):
    for slug in ("GITHUB_NO_SUCH_TOOL", "GITHUB_OLD_ISSUES"):
        with pytest.raises(ApplicationError) as caught:
            graph_create(owner=user, definition={"name": "x", "start_node": "a", "nodes": {"a": {"tool": slug}}})
        assert caught.value.code == "invalid_graph"
        assert slug in str(caught.value.details)


def graph_problems(user, args) -> list[dict]:
    definition = {
        "name": "x",
        "start_node": "file",
        "nodes": {"file": {"tool": "GITHUB_CREATE_AN_ISSUE", "args": args}},
    }
    with pytest.raises(ApplicationError) as caught:
        graph_create(owner=user, definition=definition)
    return [(p["where"], p["code"]) for p in caught.value.details["problems"]]


def test_args_are_checked_against_the_tool_schema_when_the_graph_is_saved(user):
    problems = graph_problems(user, {"owner": "acme", "repo": 7, "labels": ["x"]})
    assert sorted(problems) == [
        ("nodes.file.args.labels", "unknown_parameter"),
        ("nodes.file.args.repo", "invalid_parameter"),
        ("nodes.file.args.title", "missing_parameter"),
    ]


def test_a_placeholder_stands_for_any_type_until_the_run(user):
    graph = graph_create(
        owner=user,
        definition={"name": "x", "start_node": "file", "nodes": {"file": {"tool": "GITHUB_CREATE_AN_ISSUE",
                    "args": {"owner": "acme", "repo": "{{ repo }}", "title": "Broke in {{ repo }}"}}}},
    )  # fmt: skip
    started = run_start(owner=user, version=graph.current, initial_state={"repo": "web"})
    run_graph(str(started.pk))
    body = Run.objects.get(pk=started.pk).state["github_create_an_issue"]["request"]["body"]
    assert body["arguments"] == {"owner": "acme", "repo": "web", "title": "Broke in web"}


def test_a_placeholder_with_nothing_in_the_state_fails_the_node_and_names_it(user, settings):
    settings.COMPOSIO_API_KEY = None
    done = run(user, issue_graph(user, title="{{ issue.title }}"))
    assert done.status == "failed"
    assert "issue.title" in done.error
