"""The workflow engine end to end: definitions checked, run by Engine, on a private tool registry."""

from __future__ import annotations

import asyncio
import json
import random
import threading
from collections import Counter
from collections.abc import Callable, Iterable
from typing import Any

import pytest

from graphs.engine.checkpoint import Checkpoint, MemoryCheckpointer, rebuild_state
from graphs.engine.definition import GraphSpec
from graphs.engine.errors import Interrupt, ToolError
from graphs.engine.runner import Engine, RunResult
from graphs.engine.tools import ToolRegistry
from graphs.engine.validation import check_graph

# Long enough never to be reached by a working engine, short enough that a broken one fails the test.
WAIT = 5.0


class CrashError(BaseException):
    """A worker dying mid-step: not an Exception, so neither retries nor the run loop catch it."""


class ConnectionLost(Exception):
    pass


class RateLimited(ToolError):
    code = "rate_limited"


@pytest.fixture
def ran() -> list[str]:
    return []


@pytest.fixture
def registry(ran: list[str]) -> ToolRegistry:
    """A fresh registry with `step` (records its `name` arg, returns its `update` arg) and `increment`."""
    tools = ToolRegistry()

    def step(inputs: dict[str, Any]) -> dict[str, Any] | None:
        ran.append(inputs["name"])
        return inputs.get("update")

    def increment(inputs: dict[str, Any]) -> dict[str, Any]:
        ran.append("increment")
        return {"counter": inputs.get("counter", 0) + 1}

    tools.register(step, name="step")
    tools.register(increment, name="increment")
    return tools


def step(name: str, next: Any = None, update: dict[str, Any] | None = None, **fields: Any) -> dict[str, Any]:
    """A node running the `step` tool under `name`, optionally returning `update`."""
    args: dict[str, Any] = {"name": name}
    if update is not None:
        args["update"] = update
    node: dict[str, Any] = {"tool": "step", "args": args, **fields}
    if next is not None:
        node["next"] = next
    return node


def logs(name: str, next: Any = None, **fields: Any) -> dict[str, Any]:
    """A `step` node that appends its own name to the `log` key."""
    return step(name, next, update={"log": name}, **fields)


def build(registry: ToolRegistry, nodes: dict[str, Any], **graph: Any) -> GraphSpec:
    definition = {"name": "test", "start_node": next(iter(nodes)), "nodes": nodes, **graph}
    return check_graph(definition, registry=registry)


def run_graph(
    registry: ToolRegistry,
    nodes: dict[str, Any],
    state: dict[str, Any] | None = None,
    *,
    graph: dict[str, Any] | None = None,
    **engine: Any,
) -> RunResult:
    return Engine(build(registry, nodes, **(graph or {})), registry=registry, **engine).run(state)


def append_log(**graph: Any) -> dict[str, Any]:
    return {"reducers": {"log": "append"}, **graph}


# --- flow --------------------------------------------------------------------------------------


def test_a_linear_graph_runs_each_node_once_in_order(registry: ToolRegistry, ran: list[str]) -> None:
    nodes = {
        "fetch": step("fetch", "parse", update={"raw": "1,2"}),
        "parse": step("parse", "store", update={"rows": [1, 2]}),
        "store": step("store", "end", update={"stored": True}),
    }

    result = run_graph(registry, nodes, {"source": "s3"})

    assert result.status == "succeeded"
    assert ran == ["fetch", "parse", "store"]
    assert result.state == {"source": "s3", "raw": "1,2", "rows": [1, 2], "stored": True}
    assert result.node_runs == 3
    assert result.error is None and result.pause is None


def test_a_run_does_not_change_the_callers_initial_state(registry: ToolRegistry) -> None:
    initial = {"counter": 0}

    result = run_graph(registry, {"inc": {"tool": "increment"}}, initial)

    assert result.state == {"counter": 1}
    assert initial == {"counter": 0}


def test_node_args_are_given_to_the_tool_over_the_state(registry: ToolRegistry) -> None:
    seen: list[dict[str, Any]] = []
    registry.register(lambda inputs: seen.append(dict(inputs)), name="spy")

    run_graph(registry, {"spy": {"tool": "spy", "args": {"mode": "fast", "limit": 3}}}, {"mode": "slow", "x": 1})

    assert seen == [{"mode": "fast", "limit": 3, "x": 1}]


def test_the_seed_condition_loop_runs_until_its_condition_holds(registry: ToolRegistry, ran: list[str]) -> None:
    nodes = {
        "count": {"tool": "increment", "next": {"condition": "counter >= 5", "if_true": "report", "if_false": "count"}},
        "report": step("report"),
    }

    result = run_graph(registry, nodes, {"counter": 0})

    assert result.status == "succeeded"
    assert ran == ["increment"] * 5 + ["report"]
    assert result.node_runs == 6
    assert result.state["counter"] == 5


SWITCH = {
    "grade": step(
        "grade",
        {
            "switch": [
                {"when": "score >= 90", "to": "excellent"},
                {"when": "score >= 50", "to": "passed"},
                {"when": "retake", "to": "retry"},
            ],
            "default": "failed",
        },
    ),
    "excellent": step("excellent"),
    "passed": step("passed"),
    "retry": step("retry"),
    "failed": step("failed"),
}


@pytest.mark.parametrize(
    ("state", "taken"),
    [
        ({"score": 95, "retake": True}, "excellent"),  # several cases hold: the first one wins
        ({"score": 90, "retake": False}, "excellent"),
        ({"score": 60, "retake": True}, "passed"),
        ({"score": 10, "retake": True}, "retry"),
        ({"score": 10, "retake": False}, "failed"),
    ],
)
def test_a_switch_takes_its_first_matching_case_or_its_default(
    registry: ToolRegistry, ran: list[str], state: dict[str, Any], taken: str
) -> None:
    result = run_graph(registry, SWITCH, state)

    assert result.status == "succeeded"
    assert ran == ["grade", taken]


def test_a_switch_without_a_default_ends_the_run_when_no_case_holds(registry: ToolRegistry, ran: list[str]) -> None:
    nodes = {"check": step("check", {"switch": [{"when": "ready", "to": "go"}]}), "go": step("go")}

    result = run_graph(registry, nodes, {"ready": False})

    assert result.status == "succeeded"
    assert ran == ["check"]


@pytest.mark.parametrize("edge", [None, "end"])
def test_a_node_without_a_next_node_ends_the_run(registry: ToolRegistry, ran: list[str], edge: str | None) -> None:
    nodes = {"first": step("first", "last"), "last": step("last", edge)}

    result = run_graph(registry, nodes)

    assert result.status == "succeeded"
    assert ran == ["first", "last"]


def test_a_condition_on_a_missing_key_fails_the_run(registry: ToolRegistry) -> None:
    nodes = {"check": step("check", {"condition": "review.score > 3", "if_true": "end", "if_false": "end"})}

    result = run_graph(registry, nodes, {})

    assert result.status == "failed"
    assert result.error is not None and result.error["code"] == "bad_expression"
    assert "review" in result.error["message"]


def test_arun_runs_the_graph_from_async_code(registry: ToolRegistry, ran: list[str]) -> None:
    engine = Engine(build(registry, {"a": step("a", "b"), "b": step("b")}), registry=registry)

    result = asyncio.run(engine.arun({}))

    assert result.status == "succeeded"
    assert ran == ["a", "b"]


# --- reducers ----------------------------------------------------------------------------------


def test_append_merge_and_add_reducers_accumulate_across_a_loop(registry: ToolRegistry) -> None:
    def tally(inputs: dict[str, Any]) -> dict[str, Any]:
        turn = inputs.get("turn", 0) + 1
        return {"turn": turn, "log": f"turn {turn}", "seen": {f"t{turn}": turn * 10}, "total": turn, "last": turn}

    registry.register(tally)
    nodes = {"tally": {"tool": "tally", "next": {"condition": "turn >= 3", "if_true": "end", "if_false": "tally"}}}
    reducers = {"log": "append", "seen": "merge", "total": "add", "last": "replace"}

    result = run_graph(registry, nodes, {"seen": {"start": 0}}, graph={"reducers": reducers})

    assert result.state == {
        "turn": 3,
        "log": ["turn 1", "turn 2", "turn 3"],
        "seen": {"start": 0, "t1": 10, "t2": 20, "t3": 30},
        "total": 6,
        "last": 3,
    }


def test_keys_without_a_reducer_are_replaced(registry: ToolRegistry) -> None:
    nodes = {"a": step("a", "b", update={"note": ["first"]}), "b": step("b", update={"note": ["second"]})}

    result = run_graph(registry, nodes, {"note": ["initial"]})

    assert result.state["note"] == ["second"]


def test_append_adds_each_item_of_a_list_and_a_single_value_as_one_item(registry: ToolRegistry) -> None:
    nodes = {"many": step("many", "one", update={"log": ["x", "y"]}), "one": step("one", update={"log": "z"})}

    result = run_graph(registry, nodes, graph=append_log())

    assert result.state["log"] == ["x", "y", "z"]


def test_a_tool_returning_a_list_fails_the_run_with_a_clear_error(registry: ToolRegistry) -> None:
    registry.register(lambda inputs: ["not", "an", "object"], name="listy")

    result = run_graph(registry, {"listy": {"tool": "listy"}})

    assert result.status == "failed"
    assert result.error is not None
    assert result.error["code"] == "bad_update"
    assert result.error["node"] == "listy"
    assert "tool 'listy' returned list" in result.error["message"]


def test_adding_a_non_number_fails_the_run_naming_the_key(registry: ToolRegistry, ran: list[str]) -> None:
    nodes = {"count": step("count", "after", update={"total": "three"}), "after": step("after")}

    result = run_graph(registry, nodes, {"total": 1}, graph={"reducers": {"total": "add"}})

    assert result.status == "failed"
    assert result.error is not None
    assert result.error["code"] == "bad_update"
    assert "'total'" in result.error["message"] and "takes a number, not str" in result.error["message"]
    assert ran == ["count"]


# --- limits ------------------------------------------------------------------------------------


ENDLESS = {
    "count": {"tool": "increment", "next": {"condition": "counter >= 1000", "if_true": "end", "if_false": "count"}}
}


def test_a_loop_stops_at_its_step_limit(registry: ToolRegistry, ran: list[str]) -> None:
    result = run_graph(registry, ENDLESS, {"counter": 0}, graph={"max_steps": 10})

    assert result.status == "failed"
    assert result.error is not None
    assert result.error["code"] == "limit_exceeded"
    assert "step limit (10 node runs)" in result.error["message"]
    assert len(ran) == 10
    assert result.node_runs == 10
    assert result.state["counter"] == 10


def test_the_engines_step_limit_overrides_the_graphs(registry: ToolRegistry, ran: list[str]) -> None:
    result = run_graph(registry, ENDLESS, {"counter": 0}, graph={"max_steps": 100}, max_steps=3)

    assert result.status == "failed"
    assert result.error is not None and result.error["code"] == "limit_exceeded"
    assert len(ran) == 3


def test_a_node_stops_at_its_visit_limit(registry: ToolRegistry, ran: list[str]) -> None:
    nodes = {
        "count": {
            "tool": "increment",
            "next": {"condition": "counter >= 1000", "if_true": "end", "if_false": "count"},
            "max_visits": 4,
        }
    }

    result = run_graph(registry, nodes, {"counter": 0})

    assert result.status == "failed"
    assert result.error is not None
    assert result.error["code"] == "limit_exceeded"
    assert "'count'" in result.error["message"] and "max_visits (4)" in result.error["message"]
    assert len(ran) == 4


def test_a_visit_limit_the_run_stays_within_does_not_stop_it(registry: ToolRegistry, ran: list[str]) -> None:
    nodes = {
        "count": {
            "tool": "increment",
            "next": {"condition": "counter >= 4", "if_true": "end", "if_false": "count"},
            "max_visits": 4,
        }
    }

    result = run_graph(registry, nodes, {"counter": 0})

    assert result.status == "succeeded"
    assert len(ran) == 4


# --- parallel fan-out --------------------------------------------------------------------------


UNEVEN = {
    "fan": logs("fan", {"parallel": ["a", "b"], "join": "join"}),
    "a": logs("a", "a2"),
    "a2": logs("a2", "join"),
    "b": logs("b", "join"),
    "join": logs("join"),
}


def test_a_join_runs_once_after_branches_of_different_lengths(registry: ToolRegistry, ran: list[str]) -> None:
    result = run_graph(registry, UNEVEN, graph=append_log())

    assert result.status == "succeeded"
    assert ran[0] == "fan"
    assert sorted(ran[1:3]) == ["a", "b"]
    assert ran[3:] == ["a2", "join"]
    assert result.node_runs == 5


def test_branch_updates_are_merged_in_branch_order_not_finishing_order(registry: ToolRegistry) -> None:
    second_done = threading.Event()

    def first(inputs: dict[str, Any]) -> dict[str, Any]:
        assert second_done.wait(WAIT), "the second branch never ran beside the first"
        return {"log": "first"}

    def second(inputs: dict[str, Any]) -> dict[str, Any]:
        second_done.set()
        return {"log": "second"}

    registry.register(first)
    registry.register(second)
    nodes = {
        "fan": logs("fan", {"parallel": ["first", "second"], "join": "join"}),
        "first": {"tool": "first", "next": "join"},
        "second": {"tool": "second", "next": "join"},
        "join": logs("join"),
    }

    result = run_graph(registry, nodes, graph=append_log())

    assert result.status == "succeeded"
    assert result.state["log"] == ["fan", "first", "second", "join"]


def test_sync_tools_in_parallel_branches_run_at_the_same_time(registry: ToolRegistry) -> None:
    # Each branch waits for the other: run one after the other, the first would wait in vain and fail.
    barrier = threading.Barrier(2, timeout=WAIT)

    def meet(inputs: dict[str, Any]) -> dict[str, Any]:
        barrier.wait()
        return {"log": inputs["side"]}

    registry.register(meet)
    nodes = {
        "fan": step("fan", {"parallel": ["left", "right"], "join": "join"}),
        "left": {"tool": "meet", "args": {"side": "left"}, "next": "join"},
        "right": {"tool": "meet", "args": {"side": "right"}, "next": "join"},
        "join": step("join"),
    }

    result = run_graph(registry, nodes, graph=append_log())

    assert result.status == "succeeded", result.error
    assert result.state["log"] == ["left", "right"]


def test_async_tools_in_parallel_branches_run_at_the_same_time(registry: ToolRegistry) -> None:
    barrier = asyncio.Barrier(2)

    async def meet(inputs: dict[str, Any]) -> dict[str, Any]:
        async with asyncio.timeout(WAIT):
            await barrier.wait()
        return {"log": inputs["side"]}

    registry.register(meet)
    nodes = {
        "fan": step("fan", {"parallel": ["left", "right"], "join": "join"}),
        "left": {"tool": "meet", "args": {"side": "left"}, "next": "join"},
        "right": {"tool": "meet", "args": {"side": "right"}, "next": "join"},
        "join": step("join"),
    }

    result = run_graph(registry, nodes, graph=append_log())

    assert result.status == "succeeded", result.error
    assert result.state["log"] == ["left", "right"]


def test_a_single_async_tool_runs(registry: ToolRegistry) -> None:
    async def fetch(inputs: dict[str, Any]) -> dict[str, Any]:
        await asyncio.sleep(0)
        return {"fetched": inputs["url"]}

    registry.register(fetch)

    result = run_graph(registry, {"fetch": {"tool": "fetch", "args": {"url": "https://example.org"}}})

    assert result.status == "succeeded", result.error
    assert result.state == {"fetched": "https://example.org"}


def test_a_failing_branch_fails_the_run_and_the_join_never_runs(registry: ToolRegistry, ran: list[str]) -> None:
    def broken(inputs: dict[str, Any]) -> None:
        raise ValueError("disk full")

    registry.register(broken)
    nodes = {
        "fan": step("fan", {"parallel": ["ok", "broken"], "join": "join"}),
        "ok": step("ok", "join"),
        "broken": {"tool": "broken", "next": "join"},
        "join": step("join"),
    }

    result = run_graph(registry, nodes)

    assert result.status == "failed"
    assert result.error is not None
    assert result.error["node"] == "broken"
    assert result.error["code"] == "tool_failed"
    assert "ValueError: disk full" in result.error["message"]
    assert "join" not in ran


def test_a_branch_that_ends_still_counts_as_arrived_at_the_join(registry: ToolRegistry, ran: list[str]) -> None:
    nodes = {
        "fan": step("fan", {"parallel": ["a", "b"], "join": "join"}),
        "a": step("a", "end"),
        "b": step("b", "join"),
        "join": step("join"),
    }

    result = run_graph(registry, nodes)

    assert result.status == "succeeded"
    assert ran.count("join") == 1 and ran[-1] == "join"


def test_branches_that_meet_before_the_join_each_arrive_at_it(registry: ToolRegistry, ran: list[str]) -> None:
    nodes = {
        "fan": logs("fan", {"parallel": ["a", "b"], "join": "join"}),
        "a": logs("a", "shared"),
        "b": logs("b", "shared"),
        "shared": logs("shared", "join"),
        "join": logs("join"),
    }

    result = run_graph(registry, nodes, graph=append_log())

    assert result.status == "succeeded"
    assert result.state["log"] == ["fan", "a", "b", "shared", "shared", "join"]


def test_a_parallel_fan_out_inside_a_loop_joins_on_every_pass(registry: ToolRegistry, ran: list[str]) -> None:
    nodes = {
        "count": {"tool": "increment", "next": {"parallel": ["a", "b"], "join": "join"}},
        "a": step("a", "join"),
        "b": step("b", "join"),
        "join": step("join", {"condition": "counter >= 3", "if_true": "end", "if_false": "count"}),
    }

    result = run_graph(registry, nodes, {"counter": 0})

    assert result.status == "succeeded"
    assert Counter(ran) == {"increment": 3, "a": 3, "b": 3, "join": 3}


# --- map ---------------------------------------------------------------------------------------


@pytest.fixture
def mapped(registry: ToolRegistry) -> list[dict[str, Any]]:
    """Registers `review`, which records the inputs each map branch got and logs its element."""
    seen: list[dict[str, Any]] = []

    def review(inputs: dict[str, Any]) -> dict[str, Any]:
        seen.append(dict(inputs))
        return {"log": {"index": inputs["file_index"], "file": inputs["file"]}}

    registry.register(review)
    return seen


MAP = {
    "list": step("list", {"map": {"over": "files", "node": "review", "as": "file", "join": "summary"}}),
    "review": {"tool": "review", "next": "summary"},
    "summary": step("summary"),
}


@pytest.mark.parametrize(
    "files",
    [
        ["a.py", "b.py", "c.py"],
        [{"path": "a.py", "lines": [1, 2]}, {"path": "b.py", "lines": []}],
        ["same.py", "same.py"],
    ],
    ids=["strings", "objects", "duplicates"],
)
def test_a_map_runs_its_node_once_per_element_with_the_element_and_its_index(
    registry: ToolRegistry, ran: list[str], mapped: list[dict[str, Any]], files: list[Any]
) -> None:
    result = run_graph(registry, MAP, {"files": files}, graph=append_log())

    assert result.status == "succeeded", result.error
    assert sorted((seen["file_index"], json.dumps(seen["file"])) for seen in mapped) == [
        (index, json.dumps(file)) for index, file in enumerate(files)
    ]
    assert result.state["log"] == [{"index": index, "file": file} for index, file in enumerate(files)]
    assert ran == ["list", "summary"]


def test_the_map_element_stays_out_of_the_state_after_the_join(registry: ToolRegistry, mapped: list) -> None:
    seen_by_join: list[dict[str, Any]] = []
    registry.register(lambda inputs: seen_by_join.append(dict(inputs)), name="spy")
    nodes = {**MAP, "summary": {"tool": "spy"}}

    result = run_graph(registry, nodes, {"files": ["a.py", "b.py"]}, graph=append_log())

    assert result.status == "succeeded"
    assert len(seen_by_join) == 1
    assert "file" not in seen_by_join[0] and "file_index" not in seen_by_join[0]
    assert "file" not in result.state and "file_index" not in result.state


def test_a_map_element_is_named_item_by_default(registry: ToolRegistry) -> None:
    registry.register(lambda inputs: {"log": [inputs["item"], inputs["item_index"]]}, name="pair")
    nodes = {
        "start": step("start", {"map": {"over": "numbers", "node": "pair", "join": "done"}}),
        "pair": {"tool": "pair", "next": "done"},
        "done": step("done"),
    }

    result = run_graph(registry, nodes, {"numbers": [7, 8]}, graph=append_log())

    assert result.state["log"] == [7, 0, 8, 1]


def test_a_map_over_an_empty_list_goes_straight_to_the_join(
    registry: ToolRegistry, ran: list[str], mapped: list
) -> None:
    result = run_graph(registry, MAP, {"files": []}, graph=append_log())

    assert result.status == "succeeded"
    assert mapped == []
    assert ran == ["list", "summary"]


def test_a_map_over_something_that_is_not_a_list_fails_the_run(
    registry: ToolRegistry, ran: list[str], mapped: list
) -> None:
    result = run_graph(registry, MAP, {"files": "a.py"})

    assert result.status == "failed"
    assert result.error is not None
    assert result.error["code"] == "bad_expression"
    assert "map over 'files': expected a list, got str" in result.error["message"]
    assert mapped == [] and ran == ["list"]


def test_a_map_branch_with_several_nodes_keeps_its_element_throughout(registry: ToolRegistry) -> None:
    registry.register(lambda inputs: {"log": f"{inputs['n']}:{inputs['n_index']}"}, name="show")
    nodes = {
        "start": step("start", {"map": {"over": "ns", "node": "first", "as": "n", "join": "done"}}),
        "first": step("first", "show"),
        "show": {"tool": "show", "next": "done"},
        "done": step("done"),
    }

    result = run_graph(registry, nodes, {"ns": ["x", "y", "z"]}, graph=append_log())

    assert result.state["log"] == ["x:0", "y:1", "z:2"]


# --- subgraphs ---------------------------------------------------------------------------------


@pytest.fixture
def child(registry: ToolRegistry) -> GraphSpec:
    registry.register(lambda inputs: {"doubled": inputs["value"] * 2, "scratch": "child only"}, name="double")
    return check_graph(
        {"name": "child", "start_node": "double", "nodes": {"double": {"tool": "double"}}}, registry=registry
    )


def test_a_subgraph_node_runs_the_other_graph_on_the_parent_state(
    registry: ToolRegistry, ran: list[str], child: GraphSpec
) -> None:
    loaded: list[str] = []

    def load(name: str) -> GraphSpec:
        loaded.append(name)
        return child

    nodes = {"sub": {"subgraph": "child-graph", "next": "after"}, "after": step("after")}

    result = run_graph(registry, nodes, {"value": 21}, subgraphs=load)

    assert result.status == "succeeded", result.error
    assert loaded == ["child-graph"]
    assert result.state == {"value": 21, "doubled": 42, "scratch": "child only"}
    assert ran == ["after"]


def test_outputs_limit_the_keys_a_subgraph_hands_back(registry: ToolRegistry, child: GraphSpec) -> None:
    nodes = {"sub": {"subgraph": "child", "outputs": ["doubled"]}}

    result = run_graph(registry, nodes, {"value": 5}, subgraphs=lambda name: child)

    assert result.state == {"value": 5, "doubled": 10}


def test_a_subgraph_adds_to_append_and_add_keys_only_what_its_own_nodes_did(registry: ToolRegistry) -> None:
    registry.register(lambda inputs: {"log": inputs["name"], "total": 1, "seen": {inputs["name"]: True}}, name="note")
    reducers = {"log": "append", "total": "add", "seen": "merge"}
    inner_nodes = {
        "c1": {"tool": "note", "args": {"name": "c1"}, "next": "c2"},
        "c2": {"tool": "note", "args": {"name": "c2"}},
    }
    inner = check_graph(
        {"name": "inner", "start_node": "c1", "reducers": reducers, "nodes": inner_nodes}, registry=registry
    )
    nodes = {
        "p1": {"tool": "note", "args": {"name": "p1"}, "next": "sub"},
        "sub": {"subgraph": "inner", "next": "p2"},
        "p2": {"tool": "note", "args": {"name": "p2"}},
    }

    result = run_graph(registry, nodes, graph={"reducers": reducers}, subgraphs=lambda name: inner)

    assert result.status == "succeeded", result.error
    assert result.state == {
        "log": ["p1", "c1", "c2", "p2"],
        "total": 4,
        "seen": {"p1": True, "c1": True, "c2": True, "p2": True},
    }


def test_a_failing_subgraph_fails_its_parent_node(registry: ToolRegistry, ran: list[str]) -> None:
    def explode(inputs: dict[str, Any]) -> None:
        raise RuntimeError("child broke")

    registry.register(explode)
    failing = check_graph({"name": "bad", "start_node": "x", "nodes": {"x": {"tool": "explode"}}}, registry=registry)
    nodes = {"sub": {"subgraph": "bad", "next": "after"}, "after": step("after")}

    result = run_graph(registry, nodes, subgraphs=lambda name: failing)

    assert result.status == "failed"
    assert result.error is not None
    assert result.error["node"] == "sub"
    assert "subgraph 'bad' did not finish" in result.error["message"]
    assert "child broke" in result.error["message"]
    assert ran == []


def test_a_subgraph_node_fails_when_the_engine_cannot_load_graphs(registry: ToolRegistry) -> None:
    result = run_graph(registry, {"sub": {"subgraph": "child"}})

    assert result.status == "failed"
    assert result.error is not None and "no way to load graphs" in result.error["message"]


def test_subgraphs_run_side_by_side_in_a_fan_out(registry: ToolRegistry, child: GraphSpec) -> None:
    nodes = {
        "fan": step("fan", {"parallel": ["one", "two"], "join": "join"}),
        "one": {"subgraph": "child", "outputs": ["doubled"], "next": "join"},
        "two": {"subgraph": "child", "outputs": ["scratch"], "next": "join"},
        "join": step("join"),
    }

    result = run_graph(registry, nodes, {"value": 3}, subgraphs=lambda name: child)

    assert result.status == "succeeded", result.error
    assert result.state == {"value": 3, "doubled": 6, "scratch": "child only"}


def test_subgraph_events_reach_the_parents_sink(registry: ToolRegistry, child: GraphSpec) -> None:
    events: list[dict[str, Any]] = []

    run_graph(
        registry, {"sub": {"subgraph": "child"}}, {"value": 1}, subgraphs=lambda name: child, on_event=events.append
    )

    forwarded = [event for event in events if event["kind"] == "subgraph_event"]
    assert {event["node"] for event in forwarded} == {"sub"}
    assert [event["event"]["kind"] for event in forwarded][0] == "run_started"
    assert [event["event"]["kind"] for event in forwarded][-1] == "run_finished"


# --- retries -----------------------------------------------------------------------------------


def flaky(failures: int, error: Callable[[], Exception] = lambda: ConnectionLost("reset")) -> Callable:
    """A tool failing its first `failures` calls, then returning the number of calls made."""
    calls: list[int] = []

    def tool(inputs: dict[str, Any]) -> dict[str, Any]:
        calls.append(1)
        if len(calls) <= failures:
            raise error()
        return {"calls": len(calls)}

    tool.calls = calls  # type: ignore[attr-defined]
    return tool


def test_a_flaky_tool_succeeds_within_its_retry_attempts(registry: ToolRegistry) -> None:
    registry.register(flaky(2), name="flaky")
    events: list[dict[str, Any]] = []
    nodes = {"call": {"tool": "flaky", "retry": {"attempts": 3, "backoff": 0}}}

    result = run_graph(registry, nodes, on_event=events.append, rng=random.Random(1))

    assert result.status == "succeeded", result.error
    assert result.state == {"calls": 3}
    retried = [event for event in events if event["kind"] == "node_retried"]
    assert [(event["node"], event["attempt"], event["delay"]) for event in retried] == [("call", 1, 0), ("call", 2, 0)]
    assert all("ConnectionLost: reset" in event["error"] for event in retried)
    assert [event["attempt"] for event in events if event["kind"] == "node_started"] == [1, 2, 3]


def test_a_tool_failing_every_attempt_fails_its_node_after_the_last(registry: ToolRegistry) -> None:
    tool = flaky(10)
    registry.register(tool, name="flaky")

    result = run_graph(registry, {"call": {"tool": "flaky", "retry": {"attempts": 3, "backoff": 0}}})

    assert result.status == "failed"
    assert result.error is not None
    assert "after 3 attempt(s)" in result.error["message"]
    assert len(tool.calls) == 3


def test_retry_delays_grow_by_the_backoff_factor_up_to_the_maximum(registry: ToolRegistry) -> None:
    registry.register(flaky(3), name="flaky")
    events: list[dict[str, Any]] = []
    retry = {"attempts": 4, "backoff": 0.01, "factor": 3, "max_backoff": 0.05, "jitter": False}

    result = run_graph(registry, {"call": {"tool": "flaky", "retry": retry}}, on_event=events.append)

    assert result.status == "succeeded"
    delays = [event["delay"] for event in events if event["kind"] == "node_retried"]
    assert delays == pytest.approx([0.01, 0.03, 0.05])


def test_retry_jitter_draws_from_the_engines_random_source(registry: ToolRegistry) -> None:
    registry.register(flaky(2), name="flaky")
    events: list[dict[str, Any]] = []
    retry = {"attempts": 3, "backoff": 0.01, "factor": 2}
    expected_rng = random.Random(42)
    expected = [0.01 * (0.5 + expected_rng.random()), 0.02 * (0.5 + expected_rng.random())]

    run_graph(registry, {"call": {"tool": "flaky", "retry": retry}}, on_event=events.append, rng=random.Random(42))

    assert [event["delay"] for event in events if event["kind"] == "node_retried"] == pytest.approx(expected)


@pytest.mark.parametrize(
    ("on", "error", "calls", "status"),
    [
        (["ConnectionLost"], lambda: ConnectionLost("reset"), 2, "succeeded"),
        (["ConnectionLost"], lambda: ValueError("bad value"), 1, "failed"),
        (["Exception"], lambda: ValueError("bad value"), 2, "succeeded"),  # base classes match too
        (["rate_limited"], lambda: RateLimited("slow down"), 2, "succeeded"),  # error codes match too
        (["rate_limited"], lambda: ToolError("other"), 1, "failed"),
    ],
)
def test_retry_on_lists_the_errors_worth_retrying(
    registry: ToolRegistry, on: list[str], error: Callable[[], Exception], calls: int, status: str
) -> None:
    tool = flaky(1, error)
    registry.register(tool, name="flaky")

    result = run_graph(registry, {"call": {"tool": "flaky", "retry": {"attempts": 3, "backoff": 0, "on": on}}})

    assert result.status == status
    assert len(tool.calls) == calls


def test_bad_tool_input_is_never_retried(registry: ToolRegistry) -> None:
    calls: list[dict[str, Any]] = []
    schema = {"type": "object", "required": ["code"], "properties": {"code": {"type": "string"}}}
    registry.register(lambda inputs: calls.append(inputs), name="lint", schema=schema)
    events: list[dict[str, Any]] = []

    result = run_graph(
        registry, {"lint": {"tool": "lint", "retry": {"attempts": 5, "backoff": 0}}}, {}, on_event=events.append
    )

    assert result.status == "failed"
    assert result.error is not None
    assert result.error["code"] == "tool_input_invalid"
    assert "'code' is a required property" in result.error["message"]
    assert calls == []
    assert not [event for event in events if event["kind"] == "node_retried"]


def test_inputs_that_fit_the_schema_reach_the_tool(registry: ToolRegistry) -> None:
    schema = {"type": "object", "required": ["code"], "properties": {"code": {"type": "string"}}}
    registry.register(lambda inputs: {"length": len(inputs["code"])}, name="measure", schema=schema)

    result = run_graph(registry, {"measure": {"tool": "measure"}}, {"code": "print(1)"})

    assert result.status == "succeeded"
    assert result.state["length"] == 8


def test_a_flaky_branch_retries_inside_a_fan_out(registry: ToolRegistry) -> None:
    tool = flaky(2)
    registry.register(tool, name="flaky")
    nodes = {
        "fan": step("fan", {"parallel": ["call", "other"], "join": "join"}),
        "call": {"tool": "flaky", "retry": {"attempts": 3, "backoff": 0}, "next": "join"},
        "other": step("other", "join"),
        "join": step("join"),
    }

    result = run_graph(registry, nodes)

    assert result.status == "succeeded", result.error
    assert len(tool.calls) == 3


# --- timeouts ----------------------------------------------------------------------------------


@pytest.fixture
def release() -> Iterable[threading.Event]:
    """Set at teardown, so a sync tool left running after its timeout does not hold the process."""
    event = threading.Event()
    yield event
    event.set()


def test_a_slow_sync_tool_fails_with_node_timeout(registry: ToolRegistry, release: threading.Event) -> None:
    registry.register(lambda inputs: release.wait(WAIT) and {"late": True}, name="slow")

    result = run_graph(registry, {"slow": {"tool": "slow", "timeout": 0.05}})

    assert result.status == "failed"
    assert result.error is not None
    assert result.error["code"] == "node_timeout"
    assert result.error["node"] == "slow"
    assert "took longer than 0.05s" in result.error["message"]
    assert "late" not in result.state


def test_a_slow_async_tool_fails_with_node_timeout(registry: ToolRegistry) -> None:
    cancelled: list[bool] = []

    async def slow(inputs: dict[str, Any]) -> dict[str, Any]:
        try:
            await asyncio.sleep(WAIT)
        except asyncio.CancelledError:
            cancelled.append(True)
            raise
        return {"late": True}

    registry.register(slow)

    result = run_graph(registry, {"slow": {"tool": "slow", "timeout": 0.05}})

    assert result.status == "failed"
    assert result.error is not None and result.error["code"] == "node_timeout"
    assert cancelled == [True]


def test_a_tool_finishing_within_its_timeout_succeeds(registry: ToolRegistry) -> None:
    registry.register(lambda inputs: {"done": True}, name="quick")

    result = run_graph(registry, {"quick": {"tool": "quick", "timeout": WAIT}})

    assert result.status == "succeeded"
    assert result.state == {"done": True}


def test_a_timed_out_attempt_is_retried(registry: ToolRegistry, release: threading.Event) -> None:
    calls: list[int] = []

    def slow_once(inputs: dict[str, Any]) -> dict[str, Any]:
        calls.append(1)
        if len(calls) == 1:
            release.wait(WAIT)
        return {"calls": len(calls)}

    registry.register(slow_once)

    result = run_graph(
        registry, {"slow": {"tool": "slow_once", "timeout": 0.5, "retry": {"attempts": 2, "backoff": 0}}}
    )

    assert result.status == "succeeded", result.error
    assert result.state == {"calls": 2}


# --- interrupts --------------------------------------------------------------------------------


@pytest.fixture
def seen(registry: ToolRegistry) -> list[dict[str, Any]]:
    """Registers `approve`, which records its inputs and returns {"approved_by": inputs["reviewer"]}."""
    calls: list[dict[str, Any]] = []

    def approve(inputs: dict[str, Any]) -> dict[str, Any]:
        calls.append(dict(inputs))
        return {"approved_by": inputs.get("reviewer")}

    registry.register(approve)
    return calls


def test_an_interrupt_before_pauses_without_running_the_node(
    registry: ToolRegistry, ran: list[str], seen: list[dict[str, Any]]
) -> None:
    spec = build(
        registry,
        {
            "draft": step("draft", "approve"),
            "approve": {"tool": "approve", "interrupt": "before", "next": "publish"},
            "publish": step("publish"),
        },
    )
    checkpointer = MemoryCheckpointer()

    paused = Engine(spec, registry=registry, checkpointer=checkpointer).run({"title": "t"})

    assert paused.status == "paused"
    assert paused.pause is not None
    assert (paused.pause["node"], paused.pause["when"]) == ("approve", "before")
    assert ran == ["draft"] and seen == []

    resumed = Engine(spec, registry=registry, checkpointer=checkpointer).run(None, resume={"reviewer": "ann"})

    assert resumed.status == "succeeded", resumed.error
    assert ran == ["draft", "publish"]
    assert [call["reviewer"] for call in seen] == ["ann"]
    assert resumed.state == {"title": "t", "reviewer": "ann", "approved_by": "ann"}


def test_an_interrupt_after_pauses_once_the_node_has_run(
    registry: ToolRegistry, ran: list[str], seen: list[dict[str, Any]]
) -> None:
    spec = build(
        registry,
        {"approve": {"tool": "approve", "interrupt": "after", "next": "publish"}, "publish": step("publish")},
    )
    checkpointer = MemoryCheckpointer()

    paused = Engine(spec, registry=registry, checkpointer=checkpointer).run({"reviewer": "bot"})

    assert paused.status == "paused"
    assert paused.pause is not None
    assert (paused.pause["node"], paused.pause["when"]) == ("approve", "after")
    assert paused.state["approved_by"] == "bot"
    assert ran == []

    resumed = Engine(spec, registry=registry, checkpointer=checkpointer).run(None, resume={"checked": True})

    assert resumed.status == "succeeded"
    assert len(seen) == 1 and ran == ["publish"]
    assert resumed.state == {"reviewer": "bot", "approved_by": "bot", "checked": True}


def test_a_tool_raising_interrupt_pauses_and_runs_again_with_the_resume_input(
    registry: ToolRegistry, ran: list[str]
) -> None:
    calls: list[dict[str, Any]] = []

    def ask(inputs: dict[str, Any]) -> dict[str, Any]:
        calls.append(dict(inputs))
        if "answer" not in inputs:
            raise Interrupt("which branch?", {"choices": ["main", "dev"]})
        return {"branch": inputs["answer"]}

    registry.register(ask)
    spec = build(registry, {"ask": {"tool": "ask", "next": "deploy"}, "deploy": step("deploy")})
    checkpointer = MemoryCheckpointer()
    events: list[dict[str, Any]] = []

    paused = Engine(spec, registry=registry, checkpointer=checkpointer, on_event=events.append).run({})

    assert paused.status == "paused"
    assert paused.pause == {
        "node": "ask",
        "when": "tool",
        "reason": "which branch?",
        "payload": {"choices": ["main", "dev"]},
    }
    assert events[-1]["kind"] == "run_paused"
    assert ran == []

    resumed = Engine(spec, registry=registry, checkpointer=checkpointer).run(None, resume={"answer": "dev"})

    assert resumed.status == "succeeded"
    assert len(calls) == 2 and calls[1]["answer"] == "dev"
    assert resumed.state == {"answer": "dev", "branch": "dev"}
    assert ran == ["deploy"]


def test_an_interrupt_before_a_map_node_pauses_once_for_every_element(registry: ToolRegistry) -> None:
    calls: list[tuple[str, str]] = []
    registry.register(lambda inputs: calls.append((inputs["item"], inputs["reviewer"])), name="check")
    spec = build(
        registry,
        {
            "start": step("start", {"map": {"over": "items", "node": "check", "join": "done"}}),
            "check": {"tool": "check", "interrupt": "before", "next": "done"},
            "done": step("done"),
        },
    )
    checkpointer = MemoryCheckpointer()

    paused = Engine(spec, registry=registry, checkpointer=checkpointer).run({"items": ["x", "y"]})

    assert paused.status == "paused" and calls == []

    resumed = Engine(spec, registry=registry, checkpointer=checkpointer).run(None, resume={"reviewer": "ann"})

    assert resumed.status == "succeeded", resumed.error
    assert sorted(calls) == [("x", "ann"), ("y", "ann")]


def test_a_node_with_interrupt_before_in_a_loop_pauses_on_every_visit(registry: ToolRegistry) -> None:
    spec = build(
        registry,
        {
            "count": {
                "tool": "increment",
                "interrupt": "before",
                "next": {"condition": "counter >= 2", "if_true": "end", "if_false": "count"},
            }
        },
    )
    checkpointer = MemoryCheckpointer()

    statuses = [Engine(spec, registry=registry, checkpointer=checkpointer).run({"counter": 0}).status]
    for _ in range(2):
        statuses.append(Engine(spec, registry=registry, checkpointer=checkpointer).run(None, resume={}).status)

    assert statuses == ["paused", "paused", "succeeded"]


# --- durability --------------------------------------------------------------------------------


class Workers:
    """Tools `work` that count calls per node and can crash the worker on a chosen call."""

    def __init__(self, registry: ToolRegistry, crash_on: tuple[str, int] | None = None):
        self.calls: Counter[str] = Counter()
        self.crash_on = crash_on
        registry.register(self.work, name="work")

    def work(self, inputs: dict[str, Any]) -> dict[str, Any]:
        name = inputs["name"]
        self.calls[name] += 1
        if self.crash_on == (name, self.calls[name]):
            raise CrashError(f"worker died in {name}")
        return {"log": name, "total": 1}


def work(name: str, next: Any = None, **fields: Any) -> dict[str, Any]:
    return {"tool": "work", "args": {"name": name}, **({"next": next} if next is not None else {}), **fields}


DURABLE_GRAPH = {
    "reducers": {"log": "append", "total": "add"},
}
DURABLE = {
    "prepare": work("prepare", {"map": {"over": "parts", "node": "part", "as": "part", "join": "check"}}),
    "part": work("part", "check"),
    "check": work("check", "fan"),
    "fan": work("fan", {"parallel": ["left", "right"], "join": "finish"}),
    "left": work("left", "left2"),
    "left2": work("left2", "finish"),
    "right": work("right", "finish"),
    "finish": work("finish"),
}
DURABLE_STATE = {"parts": ["p1", "p2"]}


def uninterrupted(nodes: dict[str, Any] = DURABLE, state: dict[str, Any] = DURABLE_STATE) -> RunResult:
    tools = ToolRegistry()
    Workers(tools)
    return run_graph(tools, nodes, state, graph=DURABLE_GRAPH)


@pytest.mark.parametrize(
    ("crash_on", "done_before"),
    [
        (("check", 1), {"prepare": 1, "part": 2}),
        (("left2", 1), {"prepare": 1, "part": 2, "check": 1, "fan": 1, "left": 1, "right": 1}),
        (("finish", 1), {"prepare": 1, "part": 2, "check": 1, "fan": 1, "left": 1, "right": 1, "left2": 1}),
    ],
)
def test_a_run_continues_after_its_worker_crashed_without_rerunning_finished_nodes(
    crash_on: tuple[str, int], done_before: dict[str, int]
) -> None:
    tools = ToolRegistry()
    workers = Workers(tools, crash_on=crash_on)
    spec = build(tools, DURABLE, **DURABLE_GRAPH)
    checkpointer = MemoryCheckpointer()

    with pytest.raises(CrashError):
        Engine(spec, registry=tools, checkpointer=checkpointer).run(DURABLE_STATE)
    before = dict(workers.calls)
    result = Engine(spec, registry=tools, checkpointer=checkpointer).run(None)

    assert result.status == "succeeded", result.error
    crashed = crash_on[0]
    assert before == {**done_before, crashed: 1}
    assert all(workers.calls[name] == count for name, count in done_before.items()), workers.calls
    assert workers.calls[crashed] == 2
    assert result.state == uninterrupted().state


def test_a_crashed_attempt_does_not_use_up_a_visit(registry: ToolRegistry) -> None:
    workers = Workers(registry, crash_on=("once", 1))
    spec = build(registry, {"first": work("first", "once"), "once": work("once", max_visits=1)})
    checkpointer = MemoryCheckpointer()

    with pytest.raises(CrashError):
        Engine(spec, registry=registry, checkpointer=checkpointer).run({})
    result = Engine(spec, registry=registry, checkpointer=checkpointer).run(None)

    assert result.status == "succeeded", result.error
    assert workers.calls == {"first": 1, "once": 2}


class CrashingCheckpointer(MemoryCheckpointer):
    """Dies on its Nth save, before the checkpoint is stored: the step's work is lost with the worker."""

    def __init__(self, *crash_on_saves: int):
        super().__init__()
        self.saves = 0
        self.crash_on_saves = crash_on_saves

    def save(self, checkpoint: Checkpoint) -> None:
        self.saves += 1
        if self.saves in self.crash_on_saves:
            raise CrashError(f"worker died saving step {checkpoint.step}")
        super().save(checkpoint)


UNEVEN_BRANCHES = {
    "fan": work("fan", {"parallel": ["a", "b", "c"], "join": "join"}),
    "a": work("a", "a2"),
    "a2": work("a2", "a3"),
    "a3": work("a3", "join"),
    "b": work("b", "join"),
    "c": work("c", "c2"),
    "c2": work("c2", "join"),
    "join": work("join"),
}


@pytest.mark.parametrize("crash_on_saves", [(3,), (4,), (5,), (6,), (4, 5)])
def test_a_crash_while_saving_a_fan_out_step_still_joins_once_after_every_branch(crash_on_saves: tuple[int]) -> None:
    # Saves: 1 the start, 2 the fan, 3 a/b/c (b arrives), 4 a2/c2 (c arrives), 5 a3 (a arrives), 6 the join.
    # (4, 5): the worker taking over dies on the same step too.
    tools = ToolRegistry()
    workers = Workers(tools)
    spec = build(tools, UNEVEN_BRANCHES, **DURABLE_GRAPH)
    checkpointer = CrashingCheckpointer(*crash_on_saves)

    for _ in crash_on_saves:
        with pytest.raises(CrashError):
            Engine(spec, registry=tools, checkpointer=checkpointer).run({})
    result = Engine(spec, registry=tools, checkpointer=checkpointer).run(None)

    assert result.status == "succeeded", result.error
    assert result.state == uninterrupted(UNEVEN_BRANCHES, {}).state
    assert result.state["log"][-1] == "join"
    assert sorted(result.state["log"]) == sorted(UNEVEN_BRANCHES)
    assert workers.calls["join"] == (2 if crash_on_saves == (6,) else 1)


def test_checkpoints_that_went_through_json_continue_the_run_the_same(registry: ToolRegistry) -> None:
    class JsonCheckpointer:
        def __init__(self) -> None:
            self.saved: list[str] = []

        def save(self, checkpoint: Checkpoint) -> None:
            self.saved.append(json.dumps(checkpoint.to_json()))

        def latest(self) -> Checkpoint | None:
            return Checkpoint.from_json(json.loads(self.saved[-1])) if self.saved else None

        def history(self, until: int | None = None) -> list[list[tuple[str, dict[str, Any]]]]:
            checkpoints = [Checkpoint.from_json(json.loads(text)) for text in self.saved]
            return [cp.updates for cp in checkpoints if until is None or cp.step <= until]

    workers = Workers(registry, crash_on=("left2", 1))
    spec = build(registry, DURABLE, **DURABLE_GRAPH)
    checkpointer = JsonCheckpointer()

    with pytest.raises(CrashError):
        Engine(spec, registry=registry, checkpointer=checkpointer).run(DURABLE_STATE)
    result = Engine(spec, registry=registry, checkpointer=checkpointer).run(None)

    assert result.status == "succeeded", result.error
    assert result.state == uninterrupted().state
    assert workers.calls["part"] == 2 and workers.calls["left"] == 1


@pytest.mark.parametrize("outcome", ["succeeded", "failed"])
def test_running_an_ended_run_again_returns_its_result_without_running_anything(
    registry: ToolRegistry, outcome: str
) -> None:
    workers = Workers(registry)

    def last(inputs: dict[str, Any]) -> dict[str, Any]:
        if outcome == "failed":
            raise ValueError("broken")
        return {"done": True}

    registry.register(last)
    spec = build(registry, {"a": work("a", "b"), "b": work("b", "last"), "last": {"tool": "last"}}, **DURABLE_GRAPH)
    checkpointer = MemoryCheckpointer()
    first = Engine(spec, registry=registry, checkpointer=checkpointer).run({"x": 1})
    calls, saved = dict(workers.calls), len(checkpointer.checkpoints)
    events: list[dict[str, Any]] = []

    again = Engine(spec, registry=registry, checkpointer=checkpointer, on_event=events.append).run({"x": 2})

    assert first.status == outcome
    assert again == first
    assert dict(workers.calls) == calls
    assert len(checkpointer.checkpoints) == saved
    assert not [event for event in events if event["kind"] == "node_started"]


def test_rebuilding_the_state_from_a_runs_history_gives_its_final_state(registry: ToolRegistry) -> None:
    Workers(registry)
    spec = build(registry, DURABLE, **DURABLE_GRAPH)
    checkpointer = MemoryCheckpointer()

    result = Engine(spec, registry=registry, checkpointer=checkpointer).run(DURABLE_STATE)

    assert result.status == "succeeded"
    assert rebuild_state(checkpointer.history(), spec.reducers) == result.state
    assert result.state["total"] == 9 and len(result.state["log"]) == 9


def test_rebuilding_the_state_includes_the_resume_input(registry: ToolRegistry, seen: list) -> None:
    spec = build(
        registry,
        {"approve": {"tool": "approve", "interrupt": "before", "next": "log"}, "log": logs("log")},
        **append_log(),
    )
    checkpointer = MemoryCheckpointer()
    Engine(spec, registry=registry, checkpointer=checkpointer).run({"log": ["start"]})

    result = Engine(spec, registry=registry, checkpointer=checkpointer).run(None, resume={"reviewer": "ann"})

    assert result.state == {"log": ["start", "log"], "reviewer": "ann", "approved_by": "ann"}
    assert rebuild_state(checkpointer.history(), spec.reducers) == result.state


# --- cancel ------------------------------------------------------------------------------------


def test_a_cancelled_run_stops_between_steps(registry: ToolRegistry, ran: list[str]) -> None:
    asked: list[int] = []

    def cancelled() -> bool:
        asked.append(1)
        return len(asked) >= 3

    nodes = {"a": step("a", "b"), "b": step("b", "c"), "c": step("c", "d"), "d": step("d")}
    checkpointer = MemoryCheckpointer()

    result = run_graph(registry, nodes, cancelled=cancelled, checkpointer=checkpointer)

    assert result.status == "cancelled"
    assert result.error is not None and result.error["code"] == "cancelled"
    assert ran == ["a", "b"]
    assert checkpointer.latest() is not None and checkpointer.latest().status == "cancelled"


# --- events ------------------------------------------------------------------------------------


def test_events_report_a_run_in_order(registry: ToolRegistry) -> None:
    events: list[dict[str, Any]] = []
    nodes = {"a": step("a", "b", update={"x": 1}), "b": step("b", update={"y": 2})}

    run_graph(registry, nodes, on_event=events.append)

    assert [(event["kind"], event.get("node")) for event in events] == [
        ("run_started", None),
        ("node_started", "a"),
        ("node_finished", "a"),
        ("node_started", "b"),
        ("node_finished", "b"),
        ("run_finished", None),
    ]
    finished = [event for event in events if event["kind"] == "node_finished"]
    assert [event["update"] for event in finished] == [{"x": 1}, {"y": 2}]
    assert all(isinstance(event["duration"], float) and event["duration"] >= 0 for event in finished)
    assert [event["step"] for event in finished] == [1, 2]
    assert events[-1]["status"] == "succeeded" and events[-1]["error"] is None


def test_fan_out_events_reach_the_sink_on_the_callers_thread(registry: ToolRegistry) -> None:
    threads: list[threading.Thread] = []
    kinds: list[tuple[str, str | None]] = []

    def sink(event: dict[str, Any]) -> None:
        threads.append(threading.current_thread())
        kinds.append((event["kind"], event.get("node")))

    run_graph(registry, UNEVEN, graph=append_log(), on_event=sink)

    assert set(threads) == {threading.current_thread()}
    assert Counter(kind for kind, _ in kinds) == {
        "run_started": 1,
        "node_started": 5,
        "node_finished": 5,
        "run_finished": 1,
    }
    branch_step = kinds[3:7]
    assert sorted(branch_step) == [
        ("node_finished", "a"),
        ("node_finished", "b"),
        ("node_started", "a"),
        ("node_started", "b"),
    ]


def test_a_failing_node_reports_node_failed_then_run_finished(registry: ToolRegistry) -> None:
    registry.register(flaky(5), name="flaky")
    events: list[dict[str, Any]] = []

    run_graph(registry, {"call": {"tool": "flaky"}}, on_event=events.append)

    assert [event["kind"] for event in events] == ["run_started", "node_started", "node_failed", "run_finished"]
    assert events[-1]["status"] == "failed"
    assert events[-1]["error"]["node"] == "call"


def test_a_resumed_run_reports_run_resumed(registry: ToolRegistry, seen: list) -> None:
    spec = build(registry, {"approve": {"tool": "approve", "interrupt": "before"}})
    checkpointer = MemoryCheckpointer()
    Engine(spec, registry=registry, checkpointer=checkpointer).run({})
    events: list[dict[str, Any]] = []

    Engine(spec, registry=registry, checkpointer=checkpointer, on_event=events.append).run(
        None, resume={"reviewer": "a"}
    )

    assert events[0]["kind"] == "run_resumed" and events[0]["paused"] is True
    assert [event["kind"] for event in events[1:]] == ["node_started", "node_finished", "run_finished"]


# --- fixes: errors another attempt cannot mend, the last node's approval, subgraph limits -------


def test_a_tool_that_returns_no_object_fails_at_once_without_retries(registry: ToolRegistry) -> None:
    calls: list[int] = []

    def broken(inputs: dict[str, Any]) -> Any:
        calls.append(1)
        return ["not", "an", "object"]

    registry.register(broken)
    result = run_graph(registry, {"b": {"tool": "broken", "retry": {"attempts": 4, "backoff": 0}}})

    assert result.status == "failed" and result.error is not None
    assert result.error["code"] == "bad_update" and "returned list" in result.error["message"]
    assert calls == [1]


def test_an_interrupt_after_the_last_node_pauses_before_the_run_ends(
    registry: ToolRegistry, seen: list[dict[str, Any]]
) -> None:
    spec = build(registry, {"approve": {"tool": "approve", "interrupt": "after"}})
    checkpointer = MemoryCheckpointer()

    paused = Engine(spec, registry=registry, checkpointer=checkpointer).run({"reviewer": "bot"})

    assert paused.status == "paused" and paused.pause is not None
    assert (paused.pause["node"], paused.pause["when"]) == ("approve", "after")
    resumed = Engine(spec, registry=registry, checkpointer=checkpointer).run(None, resume={"approved_by": "ann"})
    assert resumed.status == "succeeded", resumed.error
    assert resumed.state == {"reviewer": "bot", "approved_by": "ann"}
    assert len(seen) == 1


def test_a_graph_that_runs_itself_as_a_subgraph_stops_at_the_depth_limit(registry: ToolRegistry) -> None:
    loads: list[str] = []
    spec = build(registry, {"again": {"subgraph": "me"}})

    def load(name: str) -> GraphSpec:
        loads.append(name)
        return spec

    result = Engine(spec, registry=registry, subgraphs=load).run({})

    assert result.status == "failed" and result.error is not None
    assert result.error["code"] == "limit_exceeded"
    assert "nested more than 8 deep" in result.error["message"] and len(result.error["message"]) < 200
    assert len(loads) == 8


def test_a_subgraph_that_pauses_fails_its_node_with_a_clear_reason(registry: ToolRegistry, child: GraphSpec) -> None:
    gated = check_graph(
        {"name": "gated", "start_node": "double", "nodes": {"double": {"tool": "double", "interrupt": "before"}}},
        registry=registry,
    )

    result = run_graph(registry, {"sub": {"subgraph": "gated"}}, {"value": 1}, subgraphs=lambda name: gated)

    assert result.status == "failed" and result.error is not None
    assert "paused at its node 'double'" in result.error["message"]
    assert "put the interrupt on this graph's node" in result.error["message"]
