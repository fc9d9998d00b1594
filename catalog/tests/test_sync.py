"""The Composio client and `manage.py sync_catalog`, against a real local HTTP server."""

from __future__ import annotations

import socket
from itertools import islice

import pytest
from django.core.management import CommandError, call_command

from catalog.composio import ComposioClient, ComposioError, RetryPolicy
from catalog.models import Tool, Toolkit
from catalog.tests.conftest import COMPOSIO_TEST_KEY

pytestmark = pytest.mark.django_db


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


# --- pagination and headers ------------------------------------------------------------------------------


def test_it_walks_every_page_of_toolkits(fake_composio, composio_client, toolkit_item):
    for slug in ("asana", "github", "gmail", "linear", "slack"):
        fake_composio.add_toolkit(toolkit_item(slug))

    slugs = [toolkit["slug"] for toolkit in composio_client.iter_toolkits(page_size=2)]

    assert slugs == ["asana", "github", "gmail", "linear", "slack"]
    pages = fake_composio.requests_to("/toolkits")
    assert [request.query.get("cursor") for request in pages] == [None, "after-2", "after-4"]
    assert {request.query["limit"] for request in pages} == {"2"}


def test_it_walks_every_page_of_a_toolkits_tools_at_the_latest_version(
    fake_composio, composio_client, toolkit_item, tool_item
):
    tools = [tool_item(f"GITHUB_ACTION_{n}", "github") for n in range(7)]
    fake_composio.add_toolkit(toolkit_item("github"), tools=tools)

    fetched = list(composio_client.iter_tools(toolkit_slug="github", page_size=3))

    assert [tool["slug"] for tool in fetched] == [tool["slug"] for tool in tools]
    pages = fake_composio.requests_to("/tools")
    assert len(pages) == 3
    assert all(request.query["toolkit_slug"] == "github" for request in pages)
    assert all(request.query["toolkit_versions"] == "latest" for request in pages)


def test_it_sends_the_api_key_header(fake_composio, composio_client, toolkit_item):
    fake_composio.add_toolkit(toolkit_item("github"))

    list(composio_client.iter_toolkits())

    assert fake_composio.requests[0].headers["x-api-key"] == COMPOSIO_TEST_KEY


def test_it_stops_when_the_cursor_repeats(fake_composio, composio_client, toolkit_item):
    for slug in ("asana", "github", "gmail"):
        fake_composio.add_toolkit(toolkit_item(slug))
    fake_composio.repeat_cursor = True

    slugs = [toolkit["slug"] for toolkit in islice(composio_client.iter_toolkits(page_size=2), 50)]

    # Page 1 gives cursor "after-0", page 2 (the same page again) repeats it: stop there.
    assert slugs == ["asana", "github", "asana", "github"]
    assert len(fake_composio.requests_to("/toolkits")) == 2


def test_it_rejects_a_page_without_items(fake_composio, composio_client):
    fake_composio.fail(200)  # a 200 whose body is an error object, not a page

    with pytest.raises(ComposioError, match="'items'"):
        list(composio_client.iter_toolkits())


# --- retries -------------------------------------------------------------------------------------------


def test_it_retries_after_a_server_error(fake_composio, composio_client, toolkit_item):
    fake_composio.add_toolkit(toolkit_item("github"))
    fake_composio.fail(500)

    slugs = [toolkit["slug"] for toolkit in composio_client.iter_toolkits()]

    assert slugs == ["github"]
    assert len(fake_composio.requests) == 2


def test_it_honours_retry_after_on_429(fake_composio, toolkit_item):
    fake_composio.add_toolkit(toolkit_item("github"))
    fake_composio.fail(429, headers={"Retry-After": "2"})
    pauses: list[float] = []
    client = ComposioClient(fake_composio.base_url, COMPOSIO_TEST_KEY, sleep=pauses.append)

    with client:
        slugs = [toolkit["slug"] for toolkit in client.iter_toolkits()]

    assert slugs == ["github"]
    assert pauses == [2.0]
    assert len(fake_composio.requests) == 2


def test_it_caps_a_long_retry_after(fake_composio, toolkit_item):
    fake_composio.add_toolkit(toolkit_item("github"))
    fake_composio.fail(429, headers={"Retry-After": "3600"})
    pauses: list[float] = []
    client = ComposioClient(
        fake_composio.base_url, COMPOSIO_TEST_KEY, retry=RetryPolicy(retry_after_max=5), sleep=pauses.append
    )

    with client:
        list(client.iter_toolkits())

    assert pauses == [5.0]


def test_it_backs_off_exponentially_with_jitter():
    policy = RetryPolicy(backoff_base=1.0, backoff_max=8.0)

    for attempt, ceiling in [(1, 1.0), (2, 2.0), (3, 4.0), (4, 8.0), (6, 8.0)]:
        pauses = {policy.backoff(attempt) for _ in range(20)}
        assert all(ceiling / 2 <= pause <= ceiling for pause in pauses)
        assert len(pauses) > 1  # jittered


def test_it_gives_up_after_the_last_attempt_with_a_clear_error(fake_composio, make_composio_client):
    fake_composio.fail(503, times=10)
    client = make_composio_client(attempts=3)

    with pytest.raises(ComposioError) as raised:
        list(client.iter_toolkits())

    message = str(raised.value)
    assert "GET /toolkits answered 503 after 3 attempts" in message
    assert "scripted failure" in message  # Composio's own error message
    assert COMPOSIO_TEST_KEY not in message
    assert raised.value.status == 503
    assert len(fake_composio.requests) == 3


def test_it_never_shows_the_key_even_when_composio_echoes_it(fake_composio, composio_client):
    fake_composio.fail(401, message=f"API key {COMPOSIO_TEST_KEY} is not valid")

    with pytest.raises(ComposioError) as raised:
        list(composio_client.iter_toolkits())

    assert str(raised.value) == "Composio GET /toolkits answered 401: API key *** is not valid"


def test_it_does_not_retry_a_client_error(fake_composio, composio_client):
    with pytest.raises(ComposioError) as raised:
        composio_client.get_toolkit("nope")

    assert raised.value.status == 404
    assert "GET /toolkits/nope answered 404: Toolkit nope not found" in str(raised.value)
    assert len(fake_composio.requests) == 1


def test_it_retries_then_reports_an_unreachable_server(make_composio_client):
    client = make_composio_client(attempts=2, base_url=f"http://127.0.0.1:{_free_port()}/api/v3")

    with pytest.raises(ComposioError, match=r"GET /toolkits could not be reached .* after 2 attempts") as raised:
        list(client.iter_toolkits())

    assert raised.value.status is None
    assert COMPOSIO_TEST_KEY not in str(raised.value)


def test_it_times_out_a_slow_answer_and_retries(fake_composio, make_composio_client, toolkit_item):
    fake_composio.add_toolkit(toolkit_item("github"))
    fake_composio.fail(200, delay=0.5)
    client = make_composio_client(attempts=2, timeout=0.1)

    slugs = [toolkit["slug"] for toolkit in client.iter_toolkits()]

    assert slugs == ["github"]
    assert len(fake_composio.requests) == 2


def test_from_settings_is_none_without_a_key(settings):
    settings.COMPOSIO_API_KEY = None

    assert ComposioClient.from_settings() is None


def test_from_settings_reads_the_base_url_and_key(composio_settings, fake_composio, toolkit_item):
    fake_composio.add_toolkit(toolkit_item("github"))

    with ComposioClient.from_settings() as client:
        assert [toolkit["slug"] for toolkit in client.iter_toolkits()] == ["github"]

    assert client.base_url == fake_composio.base_url
    assert fake_composio.requests[0].headers["x-api-key"] == COMPOSIO_TEST_KEY


# --- execution -----------------------------------------------------------------------------------------


def test_it_executes_a_tool(fake_composio, composio_client):
    fake_composio.executions["GITHUB_STAR_A_REPOSITORY"] = {"starred": True}

    result = composio_client.execute_tool("GITHUB_STAR_A_REPOSITORY", {"owner": "a", "repo": "b"}, user_id="user-1")

    assert result == {"data": {"starred": True}, "error": None, "successful": True, "log_id": "log_test_1"}
    [request] = fake_composio.requests
    assert (request.method, request.path) == ("POST", "/tools/execute/GITHUB_STAR_A_REPOSITORY")
    assert request.body == {"arguments": {"owner": "a", "repo": "b"}, "user_id": "user-1"}
    assert request.headers["x-api-key"] == COMPOSIO_TEST_KEY


def test_it_sends_the_connected_account_and_version_when_given(fake_composio, composio_client):
    composio_client.execute_tool("GMAIL_SEND_EMAIL", {}, connected_account_id="ca_1", version="20250901_00")

    assert fake_composio.requests[0].body == {"arguments": {}, "connected_account_id": "ca_1", "version": "20250901_00"}


def test_it_does_not_retry_an_execution_after_a_server_error(fake_composio, composio_client):
    # The tool may have run before the server failed: running it again could send a second email.
    fake_composio.fail(502)

    with pytest.raises(ComposioError, match="POST /tools/execute/GMAIL_SEND_EMAIL answered 502"):
        composio_client.execute_tool("GMAIL_SEND_EMAIL", {"to": "a@example.com"})

    assert len(fake_composio.requests) == 1


def test_it_retries_an_execution_after_a_429(fake_composio, composio_client):
    fake_composio.fail(429, headers={"Retry-After": "0"})

    result = composio_client.execute_tool("GMAIL_SEND_EMAIL", {"to": "a@example.com"})

    assert result["successful"] is True
    assert len(fake_composio.requests) == 2


# --- sync_catalog ------------------------------------------------------------------------------------------


def _serve_catalog(fake_composio, toolkit_item, tool_item) -> None:
    fake_composio.add_toolkit(
        toolkit_item("github", name="GitHub", categories=[{"id": "developer-tools", "name": "Developer Tools"}]),
        tools=[tool_item(f"GITHUB_ACTION_{n}", "github") for n in range(5)]
        + [tool_item("GITHUB_OLD", "github", is_deprecated=True)],
    )
    fake_composio.add_toolkit(
        toolkit_item("gmail", name="Gmail", auth_schemes=[{"mode": "OAUTH2"}, {"mode": "BEARER_TOKEN"}]),
        tools=[tool_item("GMAIL_SEND_EMAIL", "gmail"), tool_item("GMAIL_FETCH_EMAILS", "gmail")],
    )


def test_sync_catalog_imports_toolkits_and_tools_from_composio(
    composio_settings, fake_composio, toolkit_item, tool_item, capsys
):
    _serve_catalog(fake_composio, toolkit_item, tool_item)

    call_command("sync_catalog", "--page-size", "2")

    github, gmail = Toolkit.objects.get(slug="github"), Toolkit.objects.get(slug="gmail")
    assert (github.name, github.tools_count, gmail.tools_count) == ("GitHub", 5, 2)
    assert list(github.categories.values_list("slug", flat=True)) == ["developer-tools"]
    assert gmail.auth_schemes == ["OAUTH2", "BEARER_TOKEN"]
    assert Tool.objects.count() == 8
    assert Tool.objects.get(slug="GITHUB_OLD").deprecated is True
    assert len(fake_composio.requests_to("/toolkits")) == 1
    assert len(fake_composio.requests_to("/tools")) == 3 + 1  # github: 6 tools in pages of 2; gmail: 1 page
    output = capsys.readouterr().out
    assert "toolkits: 2 created, 0 updated, 0 unchanged" in output
    assert "tools: 8 created" in output
    assert COMPOSIO_TEST_KEY not in output


def test_sync_catalog_of_named_toolkits_with_prune(composio_settings, fake_composio, toolkit_item, tool_item, capsys):
    _serve_catalog(fake_composio, toolkit_item, tool_item)
    call_command("sync_catalog")
    fake_composio.tools["gmail"] = [tool_item("GMAIL_SEND_EMAIL", "gmail")]  # GMAIL_FETCH_EMAILS is gone
    fake_composio.requests.clear()

    call_command("sync_catalog", "--toolkit", "gmail", "--prune")

    assert [request.path for request in fake_composio.requests] == ["/toolkits/gmail", "/tools"]
    assert Tool.objects.get(slug="GMAIL_FETCH_EMAILS").deprecated is True
    assert Toolkit.objects.get(slug="gmail").tools_count == 1
    assert Toolkit.objects.get(slug="github").tools_count == 5  # not synced, not pruned
    assert "1 deprecated or removed" in capsys.readouterr().out


def test_sync_catalog_without_a_key_points_at_load_catalog(settings):
    settings.COMPOSIO_API_KEY = None

    with pytest.raises(CommandError, match="COMPOSIO_API_KEY") as raised:
        call_command("sync_catalog")

    assert "load_catalog" in str(raised.value)


def test_sync_catalog_imports_nothing_when_composio_fails(composio_settings, fake_composio, toolkit_item, tool_item):
    composio_settings.COMPOSIO_MAX_ATTEMPTS = 2
    _serve_catalog(fake_composio, toolkit_item, tool_item)
    fake_composio.fail(500, times=5, path="/tools")  # the toolkits come, their tools never do

    with pytest.raises(CommandError, match="nothing was imported.*GET /tools answered 500 after 2 attempts") as raised:
        call_command("sync_catalog")

    assert COMPOSIO_TEST_KEY not in str(raised.value)
    assert not Toolkit.objects.exists()
