"""Live streams of a run's events, in process: the WebSocket consumer and the SSE endpoint.

The worker is a separate process in test_streaming_process.py; here a run is executed in the test
(what the worker does), so these check the protocol: order, resuming, ending, refusals.
"""

from __future__ import annotations

import json
import threading

import pytest
from asgiref.sync import async_to_sync
from channels.testing import WebsocketCommunicator
from django.test import AsyncClient, override_settings

from graphs.models import RunEvent
from graphs.services import graph_create, run_start
from graphs.tasks import run_graph
from wfplatform.asgi import application
from wfplatform.auth.services import api_key_create
from wfplatform.jobs.models import JobStatus

pytestmark = pytest.mark.django_db(transaction=True)

LOOP = {
    "name": "count to three",
    "start_node": "tick",
    "nodes": {
        "tick": {"tool": "increment", "args": {"key": "n"},
                 "next": {"condition": "n >= 3", "if_true": "end", "if_false": "tick"}},
    },
}  # fmt: skip
GATED = {
    "name": "gated",
    "start_node": "ask",
    "nodes": {
        "ask": {"tool": "increment", "args": {"key": "n"}, "next": "act", "interrupt": "after"},
        "act": {"tool": "increment", "args": {"key": "n"}, "next": "end"},
    },
}


def _key(user) -> str:
    return api_key_create(user=user, name="stream")[1]


def _finished_run(user, definition=LOOP, state=None):
    run = run_start(owner=user, version=graph_create(owner=user, definition=definition).current,
                    initial_state=state or {"n": 0})  # fmt: skip
    run_graph(str(run.pk))
    run.refresh_from_db()
    return run


def _ws(path: str, headers: dict[str, str] | None = None, limit: int = 500) -> tuple[list[dict], dict]:
    """Connect, read every message until the server closes; the messages and the close frame."""

    async def talk():
        communicator = WebsocketCommunicator(
            application, path, headers=[(k.lower().encode(), v.encode()) for k, v in (headers or {}).items()]
        )
        connected, _ = await communicator.connect(timeout=5)
        assert connected
        messages = []
        while len(messages) < limit:
            message = await communicator.receive_output(timeout=10)
            if message["type"] == "websocket.close":
                await communicator.wait()
                return messages, message
            messages.append(json.loads(message["text"]))
        raise AssertionError("the stream did not end")

    return async_to_sync(talk)()


def _sse(path: str, **headers: str):
    async def read():
        response = await AsyncClient().get(path, headers=headers)
        if not response.streaming:
            return response, response.content.decode()
        body = b"".join([chunk async for chunk in response.streaming_content])
        return response, body.decode()

    return async_to_sync(read)()


def _sse_items(body: str) -> list[tuple[int | None, dict]]:
    items = []
    for block in body.split("\n\n"):
        fields = dict(line.split(": ", 1) for line in block.splitlines() if ": " in line and not line.startswith(":"))
        if "data" in fields:
            items.append((int(fields["id"]) if "id" in fields else None, json.loads(fields["data"])))
    return items


def test_websocket_sends_every_event_in_order_then_ends(user):
    run = _finished_run(user)
    messages, close = _ws(f"/ws/graph/run/{run.pk}", {"X-API-KEY": _key(user)})

    *events, end = messages
    stored = list(RunEvent.objects.filter(run=run).values_list("id", "kind", "node"))
    assert [(e["id"], e["kind"], e["node"]) for e in events] == stored
    assert [e["line"] for e in events][:2] == ["Run started", "Started node: tick"]
    assert end == {"kind": "stream_end", "status": JobStatus.SUCCEEDED, "error": "", "last_id": stored[-1][0],
                   "reason": "the run has ended"}  # fmt: skip
    assert close["code"] == 1000


def test_websocket_resumes_after_the_last_id_seen(user):
    run = _finished_run(user)
    ids = list(RunEvent.objects.filter(run=run).values_list("id", flat=True))
    messages, _ = _ws(f"/ws/graph/run/{run.pk}?after={ids[3]}", {"X-API-KEY": _key(user)})
    assert [m.get("id") for m in messages[:-1]] == ids[4:]
    assert messages[-1]["kind"] == "stream_end"


@pytest.mark.parametrize(
    ("who", "path_suffix", "code", "error"),
    [
        ("nobody", "", 4401, "not_authenticated"),
        ("bad key", "", 4401, "not_authenticated"),
        ("other", "", 4404, "not_found"),
        ("owner", "?after=x", 4400, "invalid"),
    ],
)
def test_websocket_refusals_say_why(user, other_user, who, path_suffix, code, error):
    run = _finished_run(user)
    headers = {"owner": {"X-API-KEY": _key(user)}, "other": {"X-API-KEY": _key(other_user)},
               "bad key": {"X-API-KEY": "wfp_not_a_key"}, "nobody": {}}[who]  # fmt: skip
    messages, close = _ws(f"/ws/graph/run/{run.pk}{path_suffix}", headers)
    assert messages == [{"kind": "error", "error": {"code": error, "message": messages[0]["error"]["message"]}}]
    assert messages[0]["error"]["message"]
    assert close["code"] == code


def test_a_session_stream_needs_a_page_of_this_site(user, client):
    """A cookie alone does not open a stream: another site's page could send it (cross-site WebSocket hijacking)."""
    run = _finished_run(user)
    client.force_login(user)
    cookie = f"sessionid={client.cookies['sessionid'].value}"
    _, close = _ws(f"/ws/graph/run/{run.pk}", {"Cookie": cookie, "Origin": "https://evil.example"})
    assert close["code"] == 4403
    messages, close = _ws(f"/ws/graph/run/{run.pk}", {"Cookie": cookie, "Origin": "http://localhost:8000"})
    assert close["code"] == 1000 and messages[-1]["status"] == JobStatus.SUCCEEDED


@override_settings(WFP_STREAM_POLL_MS=20)
def test_a_paused_run_keeps_its_stream_open_and_a_resume_continues_it(user):
    run = _finished_run(user, GATED)
    assert run.status == JobStatus.PAUSED
    before = RunEvent.objects.filter(run=run).count()

    def resume_later():
        # Once the stream has sent what there is (it is waiting), resume and finish the run.
        from graphs.services import run_resume

        resumed.wait(10)
        run_resume(run=run, resume_input={})
        run_graph(str(run.pk))

    key = _key(user)
    resumed = threading.Event()
    worker = threading.Thread(target=resume_later)
    worker.start()

    async def talk():
        communicator = WebsocketCommunicator(application, f"/ws/graph/run/{run.pk}",
                                             headers=[(b"x-api-key", key.encode())])  # fmt: skip
        await communicator.connect(timeout=5)
        messages = [await communicator.receive_json_from(timeout=5) for _ in range(before)]
        assert messages[-1]["kind"] == "run_paused"
        assert await communicator.receive_nothing(timeout=0.3)  # paused: the stream stays open
        resumed.set()
        while messages[-1]["kind"] != "stream_end":
            messages.append(await communicator.receive_json_from(timeout=10))
        await communicator.disconnect()
        return messages

    messages = async_to_sync(talk)()
    worker.join(10)
    kinds = [m["kind"] for m in messages]
    assert kinds[before:] == ["run_resumed", "node_started", "node_finished", "run_finished", "stream_end"]
    assert messages[-1]["status"] == JobStatus.SUCCEEDED


def test_sse_sends_ids_resumes_from_last_event_id_and_says_204_when_done(user):
    run = _finished_run(user)
    key = _key(user)
    path = f"/api/v1/runs/{run.pk}/stream/"
    response, body = _sse(path, X_API_KEY=key, Accept="text/event-stream")
    assert response.status_code == 200 and response["Content-Type"] == "text/event-stream"
    assert body.startswith("retry: ")
    items = _sse_items(body)
    stored = list(RunEvent.objects.filter(run=run).values_list("id", flat=True))
    assert [event_id for event_id, _ in items[:-1]] == stored
    assert all(event_id == data["id"] for event_id, data in items[:-1])
    assert items[-1] == (None, {"kind": "stream_end", "status": "succeeded", "error": "", "last_id": stored[-1],
                                "reason": "the run has ended"})  # fmt: skip

    _, body = _sse(path, X_API_KEY=key, Last_Event_ID=str(stored[-3]))
    assert [event_id for event_id, _ in _sse_items(body)] == [*stored[-2:], None]
    _, body = _sse(f"{path}?after={stored[-4]}", X_API_KEY=key)
    assert [event_id for event_id, _ in _sse_items(body)] == [*stored[-3:], None]

    done, body = _sse(path, X_API_KEY=key, Last_Event_ID=str(stored[-1]))
    assert done.status_code == 204 and body == ""


def test_sse_errors_are_events_too(user, other_user):
    run = _finished_run(user)
    response, body = _sse(f"/api/v1/runs/{run.pk}/stream/", X_API_KEY=_key(other_user), Accept="text/event-stream")
    assert response.status_code == 404
    assert _sse_items(body)[0][1]["error"]["code"] == "not_found"
    response, body = _sse(f"/api/v1/runs/{run.pk}/stream/?after=x", X_API_KEY=_key(user))
    assert response.status_code == 400 and json.loads(body)["error"]["code"] == "invalid"


def test_the_stream_consumer_holds_no_channel_layer_channel():
    """Its wake-ups come over graphs.wakeups; an idle channel-layer read only adds a way to fail."""
    from channels.layers import get_channel_layer

    from graphs.api.consumers import RunEventsConsumer

    assert get_channel_layer(RunEventsConsumer.channel_layer_alias) is None
