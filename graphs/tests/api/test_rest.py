"""The graphs REST API (/api/v1/graphs, /runs, /tools) driven the way a client uses it.

A run answers 202 and waits on the queue; a test does what the worker does with the queued task:
it calls graphs.tasks.run_graph(run_id).
"""

from __future__ import annotations

import copy
from typing import Any

import pytest
from rest_framework.test import APIClient

from graphs.models import Graph, GraphVersion, Run, RunCheckpoint, RunEvent
from graphs.tasks import run_graph
from wfplatform.jobs.models import JobStatus

pytestmark = pytest.mark.django_db

GRAPHS = "/api/v1/graphs/"
RUNS = "/api/v1/runs/"

# init sets a label, then bump adds 2 to `count` until it reaches 4: init, bump, bump.
COUNTER: dict[str, Any] = {
    "name": "counter",
    "description": "counts to four",
    "start_node": "init",
    "nodes": {
        "init": {"tool": "set_values", "args": {"values": {"label": "start"}}, "next": "bump"},
        "bump": {
            "tool": "increment",
            "args": {"key": "count", "by": 2},
            "next": {"condition": "count >= 4", "if_true": "end", "if_false": "bump"},
        },
    },
}

# draft runs, then the run waits for a person before publish.
APPROVAL: dict[str, Any] = {
    "name": "approval",
    "start_node": "draft",
    "nodes": {
        "draft": {"tool": "set_values", "args": {"values": {"draft": "v1"}}, "next": "publish"},
        "publish": {"tool": "set_values", "args": {"values": {"published": True}}, "interrupt": "before"},
    },
}


def create_graph(client: APIClient, definition: dict[str, Any]) -> str:
    answer = client.post(GRAPHS, {"definition": definition}, format="json")
    assert answer.status_code == 201, answer.content
    return answer.json()["id"]


def start_run(client: APIClient, graph_id: str, state: dict[str, Any] | None = None, **extra: Any) -> dict:
    answer = client.post(RUNS, {"graph_id": graph_id, "initial_state": state or {}, **extra}, format="json")
    assert answer.status_code == 202, answer.content
    return answer.json()


def finished_run(client: APIClient, definition: dict[str, Any], state: dict[str, Any] | None = None) -> dict:
    """A run of a new graph, executed by the worker, as retrieve shows it."""
    run = start_run(client, create_graph(client, definition), state)
    run_graph(run["id"])
    return client.get(f"{RUNS}{run['id']}/").json()


def error_of(answer, status_code: int) -> dict[str, Any]:
    assert answer.status_code == status_code, answer.content
    return answer.json()["error"]


# --- graphs ---------------------------------------------------------------------------------------
def test_it_creates_a_graph_at_version_one(api_client, user):
    answer = api_client.post(GRAPHS, {"definition": COUNTER, "note": "first"}, format="json")

    assert answer.status_code == 201, answer.content
    body = answer.json()
    assert body["name"] == "counter" and body["description"] == "counts to four"
    assert body["owner"] == "alice" and body["latest_version"] == 1
    assert body["definition"] == COUNTER
    graph = Graph.objects.get(pk=body["id"])
    assert graph.owner == user
    assert list(graph.versions.values_list("number", "note")) == [(1, "first")]


def test_a_bad_definition_is_a_400_listing_every_problem(api_client):
    bad = {
        "name": "broken",
        "start_node": "nowhere",
        "nodes": {
            "a": {"tool": "no_such_tool", "next": "missing"},
            "b": {"tool": "increment", "args": {"key": "n"}, "interrupt": "sometimes"},
        },
    }

    error = error_of(api_client.post(GRAPHS, {"definition": bad}, format="json"), 400)

    assert error["code"] == "invalid_graph" and error["message"]
    problems = {(problem["where"], problem["code"]) for problem in error["details"]["problems"]}
    assert {("nodes.a.tool", "unknown_tool"), ("nodes.a.next", "unknown_node"), ("start_node", "invalid")} <= problems
    assert any(where.startswith("nodes.b.interrupt") for where, _ in problems)
    assert all(problem["message"] for problem in error["details"]["problems"])
    assert not Graph.objects.exists()


def test_a_body_without_a_definition_is_a_400(api_client):
    error = error_of(api_client.post(GRAPHS, {"note": "no graph"}, format="json"), 400)

    assert error["code"] == "invalid" and "definition" in error["details"]
    assert not Graph.objects.exists()


def test_graphs_are_listed_for_their_owner_and_for_staff(api_client_for, user, other_user, staff_user):
    alices = create_graph(api_client_for(user), COUNTER)
    bobs = create_graph(api_client_for(other_user), APPROVAL)

    def listed(who) -> set[str]:
        answer = api_client_for(who).get(GRAPHS)
        assert answer.status_code == 200
        return {graph["id"] for graph in answer.json()["results"]}

    assert listed(user) == {alices}
    assert listed(other_user) == {bobs}
    assert listed(staff_user) == {alices, bobs}
    assert api_client_for(staff_user).get(f"{GRAPHS}{alices}/").status_code == 200


def test_someone_elses_graph_is_not_found(api_client_for, user, other_user):
    graph_id = create_graph(api_client_for(user), COUNTER)
    stranger = api_client_for(other_user)

    assert error_of(stranger.get(f"{GRAPHS}{graph_id}/"), 404)["code"] == "not_found"
    assert stranger.get(f"{GRAPHS}{graph_id}/versions/").status_code == 404
    assert stranger.get(f"{GRAPHS}{graph_id}/mermaid/").status_code == 404
    assert stranger.put(f"{GRAPHS}{graph_id}/", {"definition": APPROVAL}, format="json").status_code == 404
    assert stranger.delete(f"{GRAPHS}{graph_id}/").status_code == 404
    assert error_of(stranger.post(RUNS, {"graph_id": graph_id}, format="json"), 404)["code"] == "not_found"
    assert Graph.objects.get(pk=graph_id).latest_version == 1
    assert not Run.objects.exists()


def test_put_saves_version_two_and_leaves_version_one_and_its_runs_alone(api_client):
    graph_id = create_graph(api_client, COUNTER)
    pinned = start_run(api_client, graph_id, {"count": 0})
    changed = copy.deepcopy(COUNTER)
    changed["name"] = "counter-by-three"
    changed["nodes"]["bump"]["args"]["by"] = 3

    answer = api_client.put(f"{GRAPHS}{graph_id}/", {"definition": changed, "note": "by three"}, format="json")

    assert answer.status_code == 200, answer.content
    body = answer.json()
    assert body["latest_version"] == 2 and body["name"] == "counter-by-three" and body["definition"] == changed
    assert GraphVersion.objects.get(graph_id=graph_id, number=1).definition == COUNTER
    assert api_client.get(f"{GRAPHS}{graph_id}/").json()["definition"] == changed
    # The run started before the change keeps version 1: it counts by two.
    assert run_graph(pinned["id"]) == JobStatus.SUCCEEDED
    old = api_client.get(f"{RUNS}{pinned['id']}/").json()
    assert old["version"] == 1 and old["state"]["count"] == 4
    new = start_run(api_client, graph_id, {"count": 0})
    assert new["version"] == 2
    run_graph(new["id"])
    assert api_client.get(f"{RUNS}{new['id']}/").json()["state"]["count"] == 6
    earlier = start_run(api_client, graph_id, {"count": 0}, version=1)
    assert earlier["version"] == 1


def test_put_with_a_bad_definition_saves_no_version(api_client):
    graph_id = create_graph(api_client, COUNTER)

    answer = api_client.put(f"{GRAPHS}{graph_id}/", {"definition": {"name": "x", "nodes": {}}}, format="json")

    assert error_of(answer, 400)["code"] == "invalid_graph"
    assert Graph.objects.get(pk=graph_id).latest_version == 1
    assert GraphVersion.objects.filter(graph_id=graph_id).count() == 1


def test_versions_lists_every_version_newest_first(api_client):
    graph_id = create_graph(api_client, COUNTER)
    api_client.put(f"{GRAPHS}{graph_id}/", {"definition": APPROVAL, "note": "now an approval"}, format="json")

    answer = api_client.get(f"{GRAPHS}{graph_id}/versions/")

    assert answer.status_code == 200
    body = answer.json()
    assert body["count"] == 2
    versions = body["results"]
    assert [version["number"] for version in versions] == [2, 1]
    assert versions[0]["definition"] == APPROVAL and versions[0]["note"] == "now an approval"
    assert versions[1]["definition"] == COUNTER and versions[1]["created_by"] == "alice"


def test_mermaid_draws_the_latest_version_as_a_flowchart(api_client):
    graph_id = create_graph(api_client, COUNTER)

    answer = api_client.get(f"{GRAPHS}{graph_id}/mermaid/")

    assert answer.status_code == 200
    body = answer.json()
    assert body["graph_id"] == graph_id and body["version"] == 1
    chart = body["mermaid"]
    assert chart.startswith("flowchart TD\n")
    assert '"init: set_values"' in chart and '"bump: increment"' in chart
    # Numbered in flow order from the start, whatever order the stored definition's keys have.
    assert 'n0["init: set_values"]' in chart and "start_ --> n0" in chart
    assert 'n1 -- "count #gt;= 4" --> end_' in chart


def test_a_graph_without_runs_can_be_deleted(api_client):
    graph_id = create_graph(api_client, COUNTER)

    assert api_client.delete(f"{GRAPHS}{graph_id}/").status_code == 204
    assert not Graph.objects.filter(pk=graph_id).exists()
    assert not GraphVersion.objects.exists()


def test_deleting_a_graph_that_has_runs_is_a_conflict(api_client):
    graph_id = create_graph(api_client, COUNTER)
    run = start_run(api_client, graph_id)

    error = error_of(api_client.delete(f"{GRAPHS}{graph_id}/"), 409)

    assert error["code"] == "graph_has_runs" and error["message"]
    assert Graph.objects.filter(pk=graph_id).exists() and Run.objects.filter(pk=run["id"]).exists()


@pytest.mark.parametrize(
    ("method", "path"),
    [("get", GRAPHS), ("post", GRAPHS), ("get", RUNS), ("post", RUNS), ("get", "/api/v1/tools/")],
)
def test_the_api_needs_a_key(method, path):
    answer = getattr(APIClient(), method)(path, {}, format="json")

    assert error_of(answer, 401)["code"] == "not_authenticated"
    assert answer.headers["WWW-Authenticate"]
    assert not Graph.objects.exists() and not Run.objects.exists()


def test_a_wrong_key_is_refused(api_client):
    stranger = APIClient()
    stranger.credentials(HTTP_X_API_KEY=api_client.raw_key + "x")

    assert error_of(stranger.get(GRAPHS), 401)["code"] == "authentication_failed"


# --- runs -----------------------------------------------------------------------------------------
def test_a_run_is_accepted_queued_and_the_worker_finishes_it(api_client, user):
    graph_id = create_graph(api_client, COUNTER)

    answer = api_client.post(RUNS, {"graph_id": graph_id, "initial_state": {"count": 0}}, format="json")

    assert answer.status_code == 202, answer.content
    queued = answer.json()
    assert queued["status"] == "queued" and queued["graph_id"] == graph_id and queued["version"] == 1
    assert queued["initial_state"] == {"count": 0} and queued["started_at"] is None
    assert Run.objects.get(pk=queued["id"]).owner == user

    assert run_graph(queued["id"]) == JobStatus.SUCCEEDED

    body = api_client.get(f"{RUNS}{queued['id']}/").json()
    assert body["status"] == "succeeded" and body["error"] == "" and body["error_code"] == ""
    assert body["state"] == {"count": 4, "label": "start"}
    assert body["node_runs"] == 3 and body["pause"] is None
    assert body["started_at"] and body["finished_at"]


def test_starting_a_run_checks_its_input(api_client):
    graph_id = create_graph(api_client, COUNTER)

    not_an_object = api_client.post(RUNS, {"graph_id": graph_id, "initial_state": [1, 2]}, format="json")
    no_such_version = api_client.post(RUNS, {"graph_id": graph_id, "version": 7}, format="json")
    no_graph = api_client.post(RUNS, {"initial_state": {}}, format="json")

    assert error_of(not_an_object, 400)["code"] == "invalid_state"
    assert error_of(no_such_version, 404)["code"] == "not_found"
    assert "graph_id" in error_of(no_graph, 400)["details"]
    assert not Run.objects.exists()


def test_runs_are_listed_for_their_owner_and_filtered_by_status(api_client_for, user, other_user):
    alice = api_client_for(user)
    graph_id = create_graph(alice, COUNTER)
    done = start_run(alice, graph_id)
    waiting = start_run(alice, graph_id)
    run_graph(done["id"])
    start_run(api_client_for(other_user), create_graph(api_client_for(other_user), COUNTER))

    everything = alice.get(RUNS).json()
    succeeded = alice.get(RUNS, {"status": "succeeded"}).json()
    queued = alice.get(RUNS, {"status": "queued"}).json()
    by_graph = alice.get(RUNS, {"version__graph": graph_id}).json()

    assert {run["id"] for run in everything["results"]} == {done["id"], waiting["id"]}
    assert [run["id"] for run in succeeded["results"]] == [done["id"]]
    assert [run["id"] for run in queued["results"]] == [waiting["id"]]
    assert by_graph["count"] == 2
    assert error_of(alice.get(RUNS, {"status": "bogus"}), 400)["code"] == "invalid"


def test_events_list_the_log_in_order_and_after_an_id(api_client):
    run = finished_run(api_client, COUNTER, {"count": 0})

    answer = api_client.get(f"{RUNS}{run['id']}/events/")

    assert answer.status_code == 200
    events = answer.json()["results"]
    assert [(event["kind"], event["node"]) for event in events] == [
        ("run_started", ""),
        ("node_started", "init"),
        ("node_finished", "init"),
        ("node_started", "bump"),
        ("node_finished", "bump"),
        ("node_started", "bump"),
        ("node_finished", "bump"),
        ("run_finished", ""),
    ]
    ids = [event["id"] for event in events]
    assert ids == sorted(ids)
    assert events[1]["line"] == "Started node: init" and events[2]["line"] == "Completed node: init"
    assert events[2]["data"]["keys"] == ["label"] and events[2]["data"]["duration_ms"] >= 0
    assert events[-1]["data"]["status"] == "succeeded"
    later = api_client.get(f"{RUNS}{run['id']}/events/", {"after": ids[4]}).json()["results"]
    assert [event["id"] for event in later] == ids[5:]
    assert api_client.get(f"{RUNS}{run['id']}/events/", {"after": ids[-1]}).json()["results"] == []
    assert error_of(api_client.get(f"{RUNS}{run['id']}/events/", {"after": "soon"}), 400)["code"] == "invalid"


def test_a_node_finished_event_carries_the_nodes_update(api_client):
    run = finished_run(api_client, COUNTER, {"count": 0})

    events = api_client.get(f"{RUNS}{run['id']}/events/").json()["results"]

    finished = [event for event in events if event["kind"] == "node_finished"]
    assert [event.get("update") for event in finished] == [{"label": "start"}, {"count": 2}, {"count": 4}]
    assert all("update_index" not in event["data"] for event in finished)


def test_checkpoints_hold_each_steps_updates_not_the_whole_state(api_client):
    run = finished_run(api_client, COUNTER, {"count": 0})

    answer = api_client.get(f"{RUNS}{run['id']}/checkpoints/")

    assert answer.status_code == 200
    checkpoints = answer.json()["results"]
    assert [checkpoint["step"] for checkpoint in checkpoints] == [0, 1, 2, 3, 4]
    updates = [checkpoint["data"]["updates"] for checkpoint in checkpoints]
    assert updates == [
        [["__start__", {"count": 0}]],
        [["init", {"label": "start"}]],
        [["bump", {"count": 2}]],
        [["bump", {"count": 4}]],
        [],
    ]
    assert checkpoints[1]["data"]["tasks"] == [{"node": "bump"}]
    assert checkpoints[-1]["data"]["status"] == "succeeded" and checkpoints[-1]["data"]["tasks"] == []
    assert RunCheckpoint.objects.filter(run_id=run["id"]).count() == 5


def test_cancelling_a_queued_run_stops_it_before_it_starts(api_client):
    run = start_run(api_client, create_graph(api_client, COUNTER))

    answer = api_client.post(f"{RUNS}{run['id']}/cancel/")

    assert answer.status_code == 200, answer.content
    assert answer.json()["status"] == "cancelled" and answer.json()["finished_at"]
    assert run_graph(run["id"]) is None  # the worker finds nothing to do
    stored = Run.objects.get(pk=run["id"])
    assert stored.status == JobStatus.CANCELLED and stored.started_at is None
    assert not RunEvent.objects.filter(run=stored).exists() and not RunCheckpoint.objects.filter(run=stored).exists()


def test_cancelling_a_finished_run_is_a_conflict(api_client):
    run = finished_run(api_client, COUNTER)

    error = error_of(api_client.post(f"{RUNS}{run['id']}/cancel/"), 409)

    assert error["code"] == "conflict" and "succeeded" in error["message"]
    assert Run.objects.get(pk=run["id"]).status == JobStatus.SUCCEEDED


def test_a_run_pauses_before_an_approval_node_and_resumes_with_input(api_client):
    run = start_run(api_client, create_graph(api_client, APPROVAL))

    assert run_graph(run["id"]) == JobStatus.PAUSED
    paused = api_client.get(f"{RUNS}{run['id']}/").json()
    assert paused["status"] == "paused"
    assert paused["pause"]["node"] == "publish" and paused["pause"]["when"] == "before" and paused["pause"]["reason"]
    assert paused["state"] == {"draft": "v1"}

    answer = api_client.post(f"{RUNS}{run['id']}/resume/", {"input": {"approved_by": "alice"}}, format="json")

    assert answer.status_code == 200, answer.content
    assert answer.json()["status"] == "queued"
    assert run_graph(run["id"]) == JobStatus.SUCCEEDED
    done = api_client.get(f"{RUNS}{run['id']}/").json()
    assert done["status"] == "succeeded" and done["pause"] is None
    assert done["state"] == {"draft": "v1", "approved_by": "alice", "published": True}
    kinds = [event["kind"] for event in api_client.get(f"{RUNS}{run['id']}/events/").json()["results"]]
    assert kinds.count("run_paused") == 1 and "run_resumed" in kinds and kinds[-1] == "run_finished"


def test_a_run_pauses_after_a_node_and_the_persons_edit_wins(api_client):
    review = copy.deepcopy(APPROVAL)
    del review["nodes"]["publish"]["interrupt"]
    review["nodes"]["draft"]["interrupt"] = "after"
    run = start_run(api_client, create_graph(api_client, review))

    assert run_graph(run["id"]) == JobStatus.PAUSED
    paused = api_client.get(f"{RUNS}{run['id']}/").json()
    assert paused["status"] == "paused" and paused["state"] == {"draft": "v1"}
    assert paused["pause"]["node"] == "draft" and paused["pause"]["when"] == "after"

    answer = api_client.post(f"{RUNS}{run['id']}/resume/", {"input": {"draft": "v2"}}, format="json")

    assert answer.status_code == 200 and answer.json()["status"] == "queued"
    assert run_graph(run["id"]) == JobStatus.SUCCEEDED
    assert api_client.get(f"{RUNS}{run['id']}/").json()["state"] == {"draft": "v2", "published": True}


def test_resuming_a_run_that_is_not_paused_is_a_conflict(api_client):
    queued = start_run(api_client, create_graph(api_client, APPROVAL))
    finished = finished_run(api_client, COUNTER)

    for run in (queued, finished):
        error = error_of(api_client.post(f"{RUNS}{run['id']}/resume/", {"input": {}}, format="json"), 409)
        assert error["code"] == "conflict" and "paused" in error["message"]
    assert Run.objects.get(pk=queued["id"]).resume_input is None


def test_resume_input_must_be_an_object(api_client):
    run = start_run(api_client, create_graph(api_client, APPROVAL))
    run_graph(run["id"])

    error = error_of(api_client.post(f"{RUNS}{run['id']}/resume/", {"input": [1]}, format="json"), 400)

    assert error["code"] == "invalid_state"
    assert Run.objects.get(pk=run["id"]).status == JobStatus.PAUSED


def test_a_paused_run_can_be_cancelled(api_client):
    run = start_run(api_client, create_graph(api_client, APPROVAL))
    run_graph(run["id"])

    answer = api_client.post(f"{RUNS}{run['id']}/cancel/")

    assert answer.status_code == 200 and answer.json()["status"] == "cancelled"
    assert error_of(api_client.post(f"{RUNS}{run['id']}/resume/", {}, format="json"), 409)["code"] == "conflict"


def test_replay_from_a_step_with_edited_state_starts_a_new_run_on_the_same_version(api_client, user):
    graph_id = create_graph(api_client, COUNTER)
    original = start_run(api_client, graph_id, {"count": 0})
    run_graph(original["id"])
    api_client.put(f"{GRAPHS}{graph_id}/", {"definition": APPROVAL}, format="json")  # version 2, not replayed

    # Step 1 is after init: bump runs next, now from 10.
    answer = api_client.post(f"{RUNS}{original['id']}/replay/", {"step": 1, "state": {"count": 10}}, format="json")

    assert answer.status_code == 202, answer.content
    replay = answer.json()
    assert replay["id"] != original["id"] and replay["status"] == "queued"
    assert replay["version"] == 1 and replay["replay_of"] == original["id"] and replay["replay_step"] == 1
    assert replay["initial_state"] == {"count": 10, "label": "start"}
    assert run_graph(replay["id"]) == JobStatus.SUCCEEDED
    done = api_client.get(f"{RUNS}{replay['id']}/").json()
    assert done["status"] == "succeeded" and done["state"] == {"count": 12, "label": "start"}
    ran = [
        e["node"]
        for e in api_client.get(f"{RUNS}{replay['id']}/events/").json()["results"]
        if e["kind"] == "node_started"
    ]
    assert ran == ["bump"]  # init is not run again
    assert api_client.get(f"{RUNS}{original['id']}/").json()["state"] == {"count": 4, "label": "start"}


def test_replay_of_a_missing_or_finished_step_is_refused(api_client):
    run = finished_run(api_client, COUNTER, {"count": 0})
    replay = f"{RUNS}{run['id']}/replay/"

    missing = error_of(api_client.post(replay, {"step": 99}, format="json"), 404)
    last = error_of(api_client.post(replay, {"step": 4}, format="json"), 400)
    negative = error_of(api_client.post(replay, {"step": -1}, format="json"), 400)

    assert missing["code"] == "not_found" and "99" in missing["message"]
    assert last["code"] == "nothing_to_replay"
    assert negative["code"] == "invalid" and "step" in negative["details"]
    assert Run.objects.count() == 1


def test_someone_elses_run_is_not_found_for_every_action(api_client_for, user, other_user, staff_user):
    alice = api_client_for(user)
    run = start_run(alice, create_graph(alice, APPROVAL))
    run_graph(run["id"])  # paused: every action would apply to it
    stranger = api_client_for(other_user)
    base = f"{RUNS}{run['id']}/"

    answers = [
        stranger.get(base),
        stranger.get(f"{base}events/"),
        stranger.get(f"{base}checkpoints/"),
        stranger.post(f"{base}cancel/"),
        stranger.post(f"{base}resume/", {"input": {}}, format="json"),
        stranger.post(f"{base}replay/", {"step": 0}, format="json"),
    ]

    assert [answer.status_code for answer in answers] == [404] * len(answers)
    assert all(answer.json()["error"]["code"] == "not_found" for answer in answers)
    assert stranger.get(RUNS).json()["results"] == []
    assert Run.objects.get(pk=run["id"]).status == JobStatus.PAUSED and Run.objects.count() == 1
    staff = api_client_for(staff_user)
    assert staff.get(base).json()["status"] == "paused"
    assert [listed["id"] for listed in staff.get(RUNS).json()["results"]] == [run["id"]]


def test_a_failing_node_fails_the_run_with_its_error(api_client):
    failing = {
        "name": "bad-count",
        "start_node": "bump",
        "nodes": {"bump": {"tool": "increment", "args": {"key": "count"}}},
    }
    run = start_run(api_client, create_graph(api_client, failing), {"count": "many"})

    assert run_graph(run["id"]) == JobStatus.FAILED

    body = api_client.get(f"{RUNS}{run['id']}/").json()
    assert body["status"] == "failed" and body["error_code"] == "tool_failed"
    assert "not a number" in body["error"] and "bump" in body["error"]
    events = api_client.get(f"{RUNS}{run['id']}/events/").json()["results"]
    failed = [event for event in events if event["kind"] == "node_failed"]
    assert len(failed) == 1 and failed[0]["node"] == "bump" and "not a number" in failed[0]["data"]["error"]
    assert events[-1]["kind"] == "run_finished" and events[-1]["data"]["status"] == "failed"


# --- tools ----------------------------------------------------------------------------------------
def test_tools_are_listed_with_their_input_schemas(api_client):
    answer = api_client.get("/api/v1/tools/")

    assert answer.status_code == 200
    tools = {tool["name"]: tool for tool in answer.json()}
    assert {"increment", "set_values", "wait", "extract_functions"} <= tools.keys()
    increment = tools["increment"]
    assert increment["schema"]["required"] == ["key"]
    assert increment["schema"]["properties"]["by"] == {"type": "number"}
    assert increment["description"] and increment["is_async"] is False
    assert tools["extract_functions"]["schema"]["type"] == "object"
    assert "code" in tools["extract_functions"]["schema"]["properties"]


# --- subgraphs: cycles, deletion, a missing one -------------------------------------------------
def _child() -> dict[str, Any]:
    return {"name": "child", "start_node": "s", "nodes": {"s": {"tool": "set_values", "args": {"values": {"x": 1}}}}}


def _parent(child_id: str, name: str = "parent") -> dict[str, Any]:
    return {"name": name, "start_node": "sub", "nodes": {"sub": {"subgraph": child_id}}}


def test_a_version_that_would_make_a_subgraph_cycle_is_refused(api_client):
    child_id = create_graph(api_client, _child())
    middle_id = create_graph(api_client, _parent(child_id, "middle"))
    top_id = create_graph(api_client, _parent(middle_id, "top"))

    itself = error_of(api_client.put(f"{GRAPHS}{child_id}/", {"definition": _parent(child_id)}, format="json"), 400)
    assert itself["code"] == "invalid_graph"
    assert itself["details"]["problems"][0]["where"] == "nodes.sub.subgraph"
    around = error_of(api_client.put(f"{GRAPHS}{child_id}/", {"definition": _parent(top_id)}, format="json"), 400)
    assert f"{top_id} -> {middle_id} -> {child_id}" in around["details"]["problems"][0]["message"]
    assert Graph.objects.get(pk=child_id).latest_version == 1

    run = start_run(api_client, top_id)
    run_graph(run["id"])
    assert Run.objects.get(pk=run["id"]).state == {"x": 1}


def test_a_graph_another_graph_runs_cannot_be_deleted(api_client):
    child_id = create_graph(api_client, _child())
    parent_id = create_graph(api_client, _parent(child_id))

    error = error_of(api_client.delete(f"{GRAPHS}{child_id}/"), 409)
    assert error["code"] == "graph_in_use" and parent_id in error["message"]
    assert Graph.objects.filter(pk=child_id).exists()

    # Once the parent's latest version no longer runs it, it may go.
    api_client.put(f"{GRAPHS}{parent_id}/", {"definition": COUNTER}, format="json")
    assert api_client.delete(f"{GRAPHS}{child_id}/").status_code == 204


def test_a_run_pinned_to_a_version_whose_subgraph_is_gone_fails_that_node(api_client):
    child_id = create_graph(api_client, _child())
    parent_id = create_graph(api_client, _parent(child_id))
    run = start_run(api_client, parent_id)  # pins version 1, which runs the child
    api_client.put(f"{GRAPHS}{parent_id}/", {"definition": COUNTER}, format="json")
    assert api_client.delete(f"{GRAPHS}{child_id}/").status_code == 204

    run_graph(run["id"])
    failed = api_client.get(f"{RUNS}{run['id']}/").json()
    assert failed["status"] == JobStatus.FAILED
    assert failed["error_code"] == "tool_failed" and "does not exist" in failed["error"]
    mermaid = api_client.get(f"{GRAPHS}{parent_id}/mermaid/")
    assert mermaid.status_code == 200
