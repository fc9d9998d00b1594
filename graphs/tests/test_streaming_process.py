"""Live streams as deployed: daphne serves, a separate qcluster process runs the graph.

Events reach the client while the run is still going (not replayed at the end), over both the
WebSocket and Server-Sent Events, and a reconnect from the last id misses nothing.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator

import httpx
import pytest
from django.conf import settings
from websockets.sync.client import connect

from graphs.models import Run, RunEvent
from graphs.services import graph_create, run_start
from graphs.tests.test_worker_process import slow_counter
from tests.jobs.test_worker_process import ROOT, _database_url, cluster, stop_process, wait_for  # noqa: F401 - the fixture
from wfplatform.auth.services import api_key_create
from wfplatform.jobs.models import JobStatus

pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True)]

TICKS = 5
SLOW = slow_counter(TICKS, 0.3)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def server(tmp_path) -> Iterator[str]:
    port = _free_port()
    # With Redis, a poll slower than the run's steps: the worker's wake-ups must do the work.
    poll = "5000" if settings.REDIS_URL else "100"
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "wfplatform.settings_test", "DATABASE_URL": _database_url(),
           "WFP_STREAM_POLL_MS": poll, "PYTHONUNBUFFERED": "1"}  # fmt: skip
    log = (tmp_path / "daphne.log").open("w")
    process = subprocess.Popen(
        # As runplatform starts it: daphne through wfplatform.serve (an access log without secrets).
        [sys.executable, "-m", "wfplatform.serve", "-b", "127.0.0.1", "-p", str(port), "wfplatform.asgi:application"],
        cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
    )  # fmt: skip

    def listening() -> bool:
        with socket.socket() as probe:
            return probe.connect_ex(("127.0.0.1", port)) == 0

    try:
        wait_for(listening, "daphne to listen", timeout=30)
        yield f"127.0.0.1:{port}"
    finally:
        stop_process(process, timeout=10)
        log.close()
        print((tmp_path / "daphne.log").read_text()[-4000:])  # shown with a failure: the server's side of it


def _status(run: Run) -> str:
    return Run.objects.filter(pk=run.pk).values_list("status", flat=True).get()


def _start(user) -> Run:
    return run_start(owner=user, version=graph_create(owner=user, definition=SLOW).current, initial_state={"n": 0})


def _read(url: str, key: str, run: Run, messages: list[dict], stop_after: int | None = None) -> int:
    """Append the socket's messages to `messages`; how many node_finished came while the run was running."""
    live = 0
    with connect(url, additional_headers={"X-API-KEY": key}, open_timeout=10) as socket_:
        for raw in socket_:
            messages.append(json.loads(raw))
            live += messages[-1]["kind"] == "node_finished" and _status(run) == JobStatus.RUNNING
            if len(messages) == stop_after:
                break
    return live


def test_a_websocket_client_sees_the_workers_events_as_they_happen(user, server, cluster):  # noqa: F811
    key = api_key_create(user=user, name="ws")[1]
    run = _start(user)
    messages: list[dict] = []
    seen_while_running = _read(f"ws://{server}/ws/graph/run/{run.pk}", key, run, messages, stop_after=6)
    # The connection was dropped mid-run; resume from the last id.
    assert _status(run) == JobStatus.RUNNING, "the run ended before the test could reconnect; make it slower"
    seen_while_running += _read(f"ws://{server}/ws/graph/run/{run.pk}?after={messages[-1]['id']}", key, run, messages)

    *events, end = messages
    assert end["kind"] == "stream_end" and end["status"] == JobStatus.SUCCEEDED
    stored = list(RunEvent.objects.filter(run=run).values_list("id", "kind"))
    assert [(e["id"], e["kind"]) for e in events] == stored  # nothing lost or repeated across the reconnect
    assert seen_while_running >= TICKS  # live: most steps arrived while the worker was still running
    finished = [e for e in events if e["kind"] == "node_finished" and e["node"] == "tick"]
    assert [e["update"] for e in finished] == [{"n": i} for i in range(1, TICKS + 1)]


def test_server_sent_events_follow_a_run_on_another_process(user, server, cluster):  # noqa: F811
    key = api_key_create(user=user, name="sse")[1]
    run = _start(user)
    items, live = [], 0
    url = f"http://{server}/api/v1/runs/{run.pk}/stream/"
    headers = {"X-API-KEY": key, "Accept": "text/event-stream"}
    with httpx.stream("GET", url, headers=headers, timeout=30) as response:
        assert response.status_code == 200
        assert response.headers["content-type"] == "text/event-stream"
        for line in response.iter_lines():
            if line.startswith("data: "):
                item = json.loads(line[len("data: ") :])
                items.append(item)
                live += item["kind"] == "node_started" and _status(run) == JobStatus.RUNNING
    assert items[-1]["kind"] == "stream_end" and items[-1]["status"] == JobStatus.SUCCEEDED
    assert [i["id"] for i in items[:-1]] == list(RunEvent.objects.filter(run=run).values_list("id", flat=True))
    assert live >= TICKS
    started = time.monotonic()
    again = httpx.get(url, headers={**headers, "Last-Event-ID": str(items[-2]["id"])}, timeout=10)
    assert again.status_code == 204 and time.monotonic() - started < 5


def test_the_servers_output_never_shows_a_hook_token(server, tmp_path, user):
    """daphne's access log and Django's 4xx lines both name the path; a hook's token is blanked in both."""
    from graphs.webhooks import webhook_create, webhook_update

    webhook, credentials = webhook_create(owner=user, graph=graph_create(owner=user, definition=SLOW))
    token = credentials.token
    webhook_update(webhook=webhook, enabled=False)
    base = f"http://{server}/api/hooks/"
    assert httpx.post(f"{base}{token}", json={}).status_code == 409  # Django logs "Conflict: <path>"
    assert httpx.post(f"{base}an-unknown-token-0123", json={}).status_code == 404
    log = tmp_path / "daphne.log"
    wait_for(lambda: log.read_text().count("/api/hooks/[redacted]") >= 3, "the requests to be logged", timeout=10)
    text = log.read_text()
    assert token not in text and "an-unknown-token-0123" not in text
