"""Reducers and updates, checkpoints and their replay, and graphs drawn as Mermaid flowcharts."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest

from graphs.engine.checkpoint import RESUME, START, Checkpoint, MemoryCheckpointer, Task, rebuild_state
from graphs.engine.definition import END, RetryPolicy
from graphs.engine.mermaid import to_mermaid
from graphs.engine.state import StateError, apply_update, check_update
from graphs.engine.tools import ToolRegistry
from graphs.engine.validation import check_graph

# --- reducers ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("reducer", "old", "new", "merged"),
    [
        ("replace", [1, 2], [3], [3]),
        ("append", None, "a", ["a"]),
        ("append", None, ["a", "b"], ["a", "b"]),
        ("append", ["a"], "b", ["a", "b"]),
        ("append", ["a"], ["b", "c"], ["a", "b", "c"]),
        ("append", ["a"], [["nested"]], ["a", ["nested"]]),
        ("append", "scalar", "b", ["scalar", "b"]),
        ("merge", None, {"a": 1}, {"a": 1}),
        ("merge", {"a": 1, "b": {"x": 1}}, {"b": {"y": 2}, "c": 3}, {"a": 1, "b": {"y": 2}, "c": 3}),
        ("add", None, 2, 2),
        ("add", 1, 2.5, 3.5),
        ("add", -4, 4, 0),
    ],
)
def test_a_reducer_merges_an_update_into_the_state(reducer: str, old: Any, new: Any, merged: Any) -> None:
    state = {"key": old} if old is not None else {}

    apply_update(state, {"key": new}, {"key": reducer})

    assert state == {"key": merged}


def test_keys_without_a_reducer_are_replaced_and_others_are_left_alone() -> None:
    state = {"log": ["a"], "score": 1, "untouched": True}

    apply_update(state, {"log": ["b"], "score": 2, "new": "x"}, {})

    assert state == {"log": ["b"], "score": 2, "untouched": True, "new": "x"}


def test_appending_does_not_change_the_list_the_state_held() -> None:
    held = ["a"]
    state: dict[str, Any] = {"log": held}

    apply_update(state, {"log": "b"}, {"log": "append"})

    assert held == ["a"] and state["log"] == ["a", "b"]


@pytest.mark.parametrize(
    ("reducer", "old", "new", "message"),
    [
        ("merge", {}, ["a"], "state key 'key': a 'merge' key takes an object, not list"),
        ("add", 1, "2", "state key 'key': an 'add' key takes a number, not str"),
        ("add", 1, True, "state key 'key': an 'add' key takes a number, not bool"),
        ("add", "1", 2, "state key 'key': an 'add' key holds str, which cannot be added to"),
        ("add", False, 2, "state key 'key': an 'add' key holds bool, which cannot be added to"),
    ],
)
def test_an_update_a_reducer_cannot_take_is_refused_naming_the_key(
    reducer: str, old: Any, new: Any, message: str
) -> None:
    with pytest.raises(StateError) as caught:
        apply_update({"key": old}, {"key": new}, {"key": reducer})

    assert str(caught.value) == message
    assert caught.value.code == "bad_update"


@pytest.mark.parametrize(("update", "expected"), [(None, {}), ({}, {}), ({"a": 1}, {"a": 1})])
def test_a_tool_result_that_is_an_object_or_nothing_is_an_update(update: Any, expected: dict[str, Any]) -> None:
    assert check_update(update, "tool 'x'") == expected


@pytest.mark.parametrize(("update", "kind"), [(["a"], "list"), ("done", "str"), (3, "int"), ({1: "a"}, "dict")])
def test_a_tool_result_that_is_not_an_object_of_state_keys_is_refused(update: Any, kind: str) -> None:
    with pytest.raises(StateError) as caught:
        check_update(update, "tool 'x'")

    assert str(caught.value).startswith(f"tool 'x' returned {kind}; a tool returns an object of state updates")


# --- checkpoints -------------------------------------------------------------------------------


def test_rebuilding_replays_node_updates_through_the_reducers() -> None:
    history = [
        [(START, {"log": ["start"], "total": 10})],
        [("a", {"log": "a", "total": 1}), ("b", {"log": ["b1", "b2"], "total": 2})],
        [(RESUME, {"approved": True})],
        [("c", {"log": "c", "total": 3, "approved": False})],
    ]

    state = rebuild_state(history, {"log": "append", "total": "add"})

    assert state == {"log": ["start", "a", "b1", "b2", "c"], "total": 16, "approved": False}


def test_the_initial_state_and_resume_input_replace_keys_whatever_their_reducer() -> None:
    history = [[(START, {"log": ["x"], "total": 5})], [(RESUME, {"log": ["y"], "total": 1})]]

    assert rebuild_state(history, {"log": "append", "total": "add"}) == {"log": ["y"], "total": 1}


def test_a_memory_checkpointer_gives_the_latest_checkpoint_and_history_up_to_a_step() -> None:
    checkpointer = MemoryCheckpointer()
    assert checkpointer.latest() is None

    for step in range(3):
        checkpointer.save(Checkpoint(step, [(f"n{step}", {"log": step})], [Task(f"n{step + 1}")]))

    latest = checkpointer.latest()
    assert latest is not None and latest.step == 2
    assert list(checkpointer.history()) == [[("n0", {"log": 0})], [("n1", {"log": 1})], [("n2", {"log": 2})]]
    assert list(checkpointer.history(until=1)) == [[("n0", {"log": 0})], [("n1", {"log": 1})]]
    assert rebuild_state(checkpointer.history(until=1), {"log": "append"}) == {"log": [0, 1]}


def test_a_checkpoint_survives_a_json_round_trip() -> None:
    checkpoint = Checkpoint(
        step=4,
        updates=[("review", {"score": 7}), ("lint", {})],
        tasks=[
            Task("review", ("1.0.fan",), (("file", {"path": "a.py"}), ("file_index", 0))),
            Task("approve", approved=True),
        ],
        frames={"1.0.fan": {"join": "merge", "expected": 2, "arrived": 1, "parent": [], "scope": {}}},
        visits={"review": 3},
        node_runs=9,
        status="paused",
        pause={"node": "approve", "when": "before", "reason": "approval before the node"},
    )

    restored = Checkpoint.from_json(json.loads(json.dumps(checkpoint.to_json())))

    assert restored == checkpoint


def test_a_plain_task_is_stored_as_just_its_node() -> None:
    assert Task("review").to_json() == {"node": "review"}
    assert Task.from_json({"node": "review"}) == Task("review")


def test_an_old_checkpoint_without_optional_fields_loads_with_defaults() -> None:
    restored = Checkpoint.from_json({"step": 0, "updates": [[START, {"a": 1}]], "tasks": [{"node": "first"}]})

    assert restored == Checkpoint(0, [(START, {"a": 1})], [Task("first")])
    assert (restored.status, restored.node_runs, restored.frames, restored.visits) == ("running", 0, {}, {})


# --- retry policy ------------------------------------------------------------------------------


def test_retry_delays_grow_by_their_factor_until_the_maximum() -> None:
    policy = RetryPolicy(attempts=5, backoff=0.5, factor=2.0, max_backoff=3.0, jitter=False)

    assert [policy.delay(attempt, rand=0.9) for attempt in range(1, 6)] == [0.5, 1.0, 2.0, 3.0, 3.0]


@pytest.mark.parametrize(("rand", "delay"), [(0.0, 0.5), (0.5, 1.0), (0.99, 1.49)])
def test_jitter_spreads_a_retry_delay_between_half_and_one_and_a_half_times(rand: float, delay: float) -> None:
    assert RetryPolicy(backoff=1.0).delay(1, rand) == pytest.approx(delay)


# --- mermaid -----------------------------------------------------------------------------------


@pytest.fixture
def registry() -> ToolRegistry:
    tools = ToolRegistry()
    for name in ("fetch", "score", "fix", "report", "summarize"):
        tools.register(lambda inputs: None, name=name)
    return tools


DIAGRAMMED = {
    "name": "review",
    "start_node": "fetch",
    "nodes": {
        "fetch": {"tool": "fetch", "next": {"parallel": ["score", "lint"], "join": "route"}},
        "score": {"tool": "score", "next": "route"},
        "lint": {"subgraph": "linter", "next": "route"},
        "route": {
            "tool": "report",
            "next": {"switch": [{"when": 'score >= 7 and label == "ok"', "to": "end"}], "default": "fix"},
        },
        "fix": {"tool": "fix", "next": {"map": {"over": "files", "node": "each", "as": "file", "join": "wrap"}}},
        "each": {"tool": "fix", "next": "wrap"},
        "wrap": {"tool": "summarize", "next": {"condition": "done", "if_true": "end", "if_false": "fetch"}},
    },
}


def mermaid(registry: ToolRegistry, data: dict[str, Any] = DIAGRAMMED) -> str:
    return to_mermaid(check_graph(data, registry=registry))


def ids(diagram: str) -> dict[str, str]:
    """Node name -> Mermaid id, read back from the node lines of the diagram."""
    return {name: node_id for node_id, name in re.findall(r'^  (n\d+)\["([^:"]+):', diagram, flags=re.MULTILINE)}


def test_a_diagram_is_a_flowchart_with_start_and_end(registry: ToolRegistry) -> None:
    diagram = mermaid(registry)

    assert diagram.splitlines()[:3] == ["flowchart TD", "  start_([start])", "  end_([end])"]
    assert diagram.endswith("\n")
    assert f"  start_ --> {ids(diagram)['fetch']}" in diagram.splitlines()


def test_a_diagram_shows_every_node_with_what_it_runs(registry: ToolRegistry) -> None:
    diagram = mermaid(registry)
    named = ids(diagram)

    assert set(named) == set(DIAGRAMMED["nodes"])
    assert len(set(named.values())) == len(named)
    assert f'  {named["score"]}["score: score"]' in diagram
    assert f'  {named["lint"]}["lint: subgraph linter"]' in diagram
    assert f'  {named["wrap"]}["wrap: summarize"]' in diagram


def test_a_diagram_labels_conditional_edges_and_escapes_the_labels(registry: ToolRegistry) -> None:
    lines = mermaid(registry).splitlines()
    named = ids("\n".join(lines))

    assert f'  {named["route"]} -- "score #gt;= 7 and label == #quot;ok#quot;" --> end_' in lines
    assert f'  {named["route"]} -- "otherwise" --> {named["fix"]}' in lines
    assert f'  {named["wrap"]} -- "done" --> end_' in lines
    assert f'  {named["wrap"]} -- "otherwise" --> {named["fetch"]}' in lines


def test_a_diagram_shows_fan_outs_and_their_joins(registry: ToolRegistry) -> None:
    lines = mermaid(registry).splitlines()
    named = ids("\n".join(lines))

    assert f'  {named["fetch"]} -- "parallel" --> {named["score"]}' in lines
    assert f'  {named["fetch"]} -- "parallel" --> {named["lint"]}' in lines
    assert f"  {named['fetch']} -. join .-> {named['route']}" in lines
    assert f'  {named["fix"]} -- "map files" --> {named["each"]}' in lines
    assert f"  {named['fix']} -. join .-> {named['wrap']}" in lines
    assert f"  {named['score']} --> {named['route']}" in lines


def test_a_node_without_next_is_drawn_into_the_end(registry: ToolRegistry) -> None:
    data = {"name": "g", "start_node": "a", "nodes": {"a": {"tool": "fetch", "next": "b"}, "b": {"tool": "report"}}}
    diagram = mermaid(registry, data)
    named = ids(diagram)

    assert f"  {named['a']} --> {named['b']}" in diagram.splitlines()
    assert f"  {named['b']} --> end_" in diagram.splitlines()


def test_the_diagram_draws_every_edge_of_the_spec(registry: ToolRegistry) -> None:
    spec = check_graph(DIAGRAMMED, registry=registry)
    diagram = to_mermaid(spec)
    named = {**ids(diagram), END: "end_"}
    arrows = re.findall(r"^  (n\d+) (?:-- \"[^\"]*\" )?--> (\w+)$", diagram, flags=re.MULTILINE)

    assert sorted(arrows) == sorted((named[source], named[target]) for source, target, _ in spec.edges())


def test_the_chart_is_the_same_whatever_order_the_nodes_come_in() -> None:
    nodes = {
        "b": {"tool": "set_values", "next": {"switch": [{"when": "x > 1", "to": "c"}], "default": "end"}},
        "c": {"tool": "set_values", "next": "end"},
        "a": {"tool": "set_values", "next": "b"},
    }
    charts = {
        to_mermaid(check_graph({"name": "g", "start_node": "a", "nodes": dict(order)}))
        for order in (nodes.items(), reversed(nodes.items()), sorted(nodes.items()))
    }
    assert len(charts) == 1
    chart = charts.pop()
    assert chart.index('n0["a: set_values"]') < chart.index('n1["b: set_values"]') < chart.index('n2["c: set_values"]')
    assert 'n1 -- "x > 1" --> n2\n  n1 -- "otherwise" --> end_' in chart.replace("#gt;", ">")
