"""Graph definitions checked by check_graph: a spec for a good one, every problem at once for a bad one."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from graphs.engine.definition import DEFAULT_MAX_STEPS, END, Goto, MapOver, Parallel, RetryPolicy, Switch, parse_graph
from graphs.engine.errors import InvalidGraph, Problem
from graphs.engine.expressions import check_expression
from graphs.engine.tools import ToolRegistry
from graphs.engine.validation import check_graph


@pytest.fixture
def registry() -> ToolRegistry:
    tools = ToolRegistry()
    for name in ("fetch", "score", "fix", "report"):
        tools.register(lambda inputs: None, name=name)
    return tools


def graph(nodes: dict[str, Any], **fields: Any) -> dict[str, Any]:
    return {"name": "review", "start_node": next(iter(nodes), "missing"), "nodes": nodes, **fields}


def problems(data: Any, registry: ToolRegistry, **options: Any) -> list[Problem]:
    with pytest.raises(InvalidGraph) as caught:
        check_graph(data, registry=registry, **options)
    return caught.value.problems


def found(data: Any, registry: ToolRegistry, **options: Any) -> set[tuple[str, str]]:
    """(where, code) of every problem, for asserting exactly which ones were reported."""
    return {(problem.where, problem.code) for problem in problems(data, registry, **options)}


LOOP = {
    "fetch": {"tool": "fetch", "next": "score"},
    "score": {
        "tool": "score",
        "next": {"condition": "quality >= 7 or attempts >= 3", "if_true": "report", "if_false": "fix"},
        "retry": {"attempts": 3, "backoff": 0.5, "factor": 3, "max_backoff": 4, "jitter": False, "on": ["Timeout"]},
        "timeout": 10,
        "max_visits": 5,
        "interrupt": "before",
    },
    "fix": {"tool": "fix", "args": {"style": "pep8"}, "next": "score"},
    "report": {"tool": "report", "description": "the summary"},
}


# --- good definitions --------------------------------------------------------------------------


def test_a_valid_definition_becomes_a_spec(registry: ToolRegistry) -> None:
    spec = check_graph(graph(LOOP, reducers={"notes": "append"}, max_steps=50, description="d"), registry=registry)

    assert (spec.name, spec.start, spec.max_steps, spec.description) == ("review", "fetch", 50, "d")
    assert spec.reducers == {"notes": "append"}
    assert list(spec.nodes) == ["fetch", "score", "fix", "report"]
    score = spec.nodes["score"]
    assert score.tool == "score"
    assert score.retry == RetryPolicy(
        attempts=3, backoff=0.5, factor=3.0, max_backoff=4.0, jitter=False, on=("Timeout",)
    )
    assert (score.timeout, score.max_visits, score.interrupt) == (10.0, 5, "before")
    assert isinstance(score.next, Switch)
    assert [(expr.source, target) for expr, target in score.next.cases] == [("quality >= 7 or attempts >= 3", "report")]
    assert score.next.default == "fix"
    assert spec.nodes["fetch"].next == Goto("score")
    assert spec.nodes["fix"].args == {"style": "pep8"}
    assert spec.nodes["report"].next is None


def test_defaults_fill_what_a_definition_leaves_out(registry: ToolRegistry) -> None:
    spec = check_graph(graph({"only": {"tool": "fetch"}}), registry=registry)

    node = spec.nodes["only"]
    assert spec.max_steps == DEFAULT_MAX_STEPS and spec.reducers == {}
    assert node.retry == RetryPolicy()
    assert (node.timeout, node.max_visits, node.interrupt, node.outputs, node.args) == (None, None, None, None, {})


def test_parallel_map_and_switch_edges_are_parsed(registry: ToolRegistry) -> None:
    nodes = {
        "fetch": {"tool": "fetch", "next": {"parallel": ["score", "fix"], "join": "split"}},
        "score": {"tool": "score", "next": "split"},
        "fix": {"tool": "fix", "next": "split"},
        "split": {"tool": "fetch", "next": {"map": {"over": "files", "node": "each", "as": "file", "join": "route"}}},
        "each": {"tool": "score", "next": "route"},
        "route": {"tool": "report", "next": {"switch": [{"when": "ok", "to": "end"}], "default": "fetch"}},
    }

    spec = check_graph(graph(nodes), registry=registry)

    assert spec.nodes["fetch"].next == Parallel(("score", "fix"), "split")
    mapped = spec.nodes["split"].next
    assert isinstance(mapped, MapOver)
    assert (mapped.over.source, mapped.node, mapped.item, mapped.join) == ("files", "each", "file", "route")
    routed = spec.nodes["route"].next
    assert isinstance(routed, Switch)
    assert [(expr.source, target) for expr, target in routed.cases] == [("ok", END)]
    assert routed.default == "fetch"


def test_a_map_element_is_called_item_unless_named(registry: ToolRegistry) -> None:
    nodes = {
        "fetch": {"tool": "fetch", "next": {"map": {"over": "files", "node": "each", "join": "report"}}},
        "each": {"tool": "score", "next": "report"},
        "report": {"tool": "report"},
    }

    mapped = check_graph(graph(nodes), registry=registry).nodes["fetch"].next

    assert isinstance(mapped, MapOver) and mapped.item == "item"


def test_a_subgraph_node_is_valid_when_the_graph_exists(registry: ToolRegistry) -> None:
    asked: list[str] = []

    def exists(ref: str) -> bool:
        asked.append(ref)
        return True

    nodes = {"sub": {"subgraph": "graph-7", "outputs": ["summary"]}}

    spec = check_graph(graph(nodes), registry=registry, graph_exists=exists)

    assert asked == ["graph-7"]
    assert (spec.nodes["sub"].subgraph, spec.nodes["sub"].outputs) == ("graph-7", ("summary",))


def test_parse_graph_checks_the_definition_like_check_graph(registry: ToolRegistry) -> None:
    assert parse_graph(graph(LOOP), registry=registry) == check_graph(graph(LOOP), registry=registry)
    with pytest.raises(InvalidGraph):
        parse_graph(graph({"a": {"tool": "nope"}}), registry=registry)


def test_checking_does_not_change_the_definition(registry: ToolRegistry) -> None:
    data = graph(LOOP, reducers={"notes": "append"})
    before = copy.deepcopy(data)

    check_graph(data, registry=registry)

    assert data == before


# --- every problem at once ---------------------------------------------------------------------


def test_every_problem_is_reported_at_once(registry: ToolRegistry) -> None:
    data = {
        "name": "",
        "start_node": "nowhere",
        "reducers": {"log": "concat"},
        "max_steps": 0,
        "colour": "blue",
        "nodes": {
            "fetch": {"tool": "fetchh", "next": "scoer", "retries": 2},
            "score": {"tool": "score", "next": {"condition": "len(x) > 1", "if_true": "end", "if_false": "fetch"}},
            "fix": {"tool": "fix", "retry": {"attempts": 0}, "timeout": -1, "interrupt": "during"},
        },
    }

    reported = found(data, registry)

    assert reported == {
        ("colour", "invalid"),
        ("name", "invalid"),
        ("start_node", "invalid"),
        ("reducers.log", "invalid"),
        ("max_steps", "invalid"),
        ("nodes.fetch.retries", "invalid"),
        ("nodes.fetch.tool", "unknown_tool"),
        ("nodes.fetch.next", "unknown_node"),
        ("nodes.score.next.condition", "bad_condition"),
        ("nodes.fix.retry.attempts", "invalid"),
        ("nodes.fix.timeout", "invalid"),
        ("nodes.fix.interrupt", "invalid"),
    }


def test_the_error_lists_every_problem_in_its_message(registry: ToolRegistry) -> None:
    with pytest.raises(InvalidGraph) as caught:
        check_graph(graph({"a": {"tool": "nope", "next": "b"}}), registry=registry)

    error = caught.value
    assert error.code == "invalid_graph"
    assert str(error).startswith("The graph has 2 problem(s): ")
    assert "nodes.a.tool: unknown tool 'nope'" in str(error)
    assert "nodes.a.next: edge to unknown node 'b'" in str(error)
    assert [problem.as_dict() for problem in error.problems] == [
        {"where": "nodes.a.tool", "code": "unknown_tool", "message": "unknown tool 'nope'"},
        {"where": "nodes.a.next", "code": "unknown_node", "message": "edge to unknown node 'b'"},
    ]


def test_an_unknown_tool_is_reported(registry: ToolRegistry) -> None:
    assert found(graph({"a": {"tool": "extract"}}), registry) == {("nodes.a.tool", "unknown_tool")}


def test_tools_are_looked_up_in_the_registry_given(registry: ToolRegistry) -> None:
    other = ToolRegistry()
    other.register(lambda inputs: None, name="extract")

    assert check_graph(graph({"a": {"tool": "extract"}}), registry=other).nodes["a"].tool == "extract"
    assert found(graph({"a": {"tool": "extract"}}), registry) == {("nodes.a.tool", "unknown_tool")}


BASE = {"fetch": {"tool": "fetch"}, "report": {"tool": "report"}}


@pytest.mark.parametrize(
    ("edge", "where"),
    [
        ("ghost", "nodes.fetch.next"),
        ({"condition": "ok", "if_true": "ghost", "if_false": "report"}, "nodes.fetch.next.if_true"),
        ({"condition": "ok", "if_true": "report", "if_false": "ghost"}, "nodes.fetch.next.if_false"),
        ({"condition": "ok", "if_true": "report"}, "nodes.fetch.next.if_false"),
        ({"switch": [{"when": "ok", "to": "report"}, {"when": "bad", "to": "ghost"}]}, "nodes.fetch.next.switch[1].to"),
        ({"switch": [{"when": "ok", "to": "report"}], "default": "ghost"}, "nodes.fetch.next.default"),
        ({"parallel": ["score", "ghost"], "join": "report"}, "nodes.fetch.next.parallel[1]"),
        ({"parallel": ["report", "report"], "join": "ghost"}, "nodes.fetch.next.join"),
        ({"map": {"over": "xs", "node": "ghost", "join": "report"}}, "nodes.fetch.next.map.node"),
        ({"map": {"over": "xs", "node": "report", "join": "ghost"}}, "nodes.fetch.next.map.join"),
    ],
    ids=[
        "goto",
        "if_true",
        "if_false",
        "if_false_missing",
        "switch_to",
        "switch_default",
        "parallel_branch",
        "parallel_join",
        "map_node",
        "map_join",
    ],
)
def test_an_edge_to_an_unknown_node_is_reported_for_every_kind_of_edge(
    registry: ToolRegistry, edge: Any, where: str
) -> None:
    nodes = {"fetch": {**BASE["fetch"], "next": edge}, "score": {"tool": "score"}, "report": BASE["report"]}

    assert found(graph(nodes), registry) == {(where, "unknown_node")}


@pytest.mark.parametrize(("start", "message"), [(None, "no start_node"), ("ghost", "start_node 'ghost'")])
def test_a_missing_or_unknown_start_node_is_reported(registry: ToolRegistry, start: str | None, message: str) -> None:
    data = {"name": "g", "nodes": BASE} if start is None else {"name": "g", "start_node": start, "nodes": BASE}

    [problem] = problems(data, registry)

    assert problem.where == "start_node" and message in problem.message


def test_a_node_no_path_reaches_is_reported_as_unreachable(registry: ToolRegistry) -> None:
    nodes = {"fetch": {"tool": "fetch", "next": "end"}, "orphan": {"tool": "report"}}

    [problem] = problems(graph(nodes), registry)

    assert (problem.where, problem.code) == ("nodes.orphan", "unreachable")


def test_a_loop_with_no_way_out_is_reported(registry: ToolRegistry) -> None:
    nodes = {
        "fetch": {"tool": "fetch", "next": "score"},
        "score": {"tool": "score", "next": "fix"},
        "fix": {"tool": "fix", "next": "score"},
    }

    [problem] = problems(graph(nodes), registry)

    assert (problem.where, problem.code) == ("nodes", "endless_loop")
    assert "fetch, fix, score" in problem.message


def test_a_loop_with_a_conditional_way_out_is_valid(registry: ToolRegistry) -> None:
    nodes = {
        "score": {"tool": "score", "next": "fix"},
        "fix": {"tool": "fix", "next": {"condition": "done", "if_true": "end", "if_false": "score"}},
    }

    assert set(check_graph(graph(nodes), registry=registry).nodes) == {"score", "fix"}


def test_a_branch_looping_forever_inside_a_fan_out_is_reported(registry: ToolRegistry) -> None:
    nodes = {
        "fetch": {"tool": "fetch", "next": {"parallel": ["score", "fix"], "join": "report"}},
        "score": {"tool": "score", "next": "report"},
        "fix": {"tool": "fix", "next": "fix"},
        "report": {"tool": "report"},
    }

    [problem] = problems(graph(nodes), registry)

    assert problem.code == "endless_loop" and "fix" in problem.message and "score" not in problem.message


@pytest.mark.parametrize(
    ("condition", "reason"),
    [
        ("len(items) > 1", "function calls are not allowed"),
        ("x.__class__", "underscore"),
        ("items[0].__class__.__bases__", "not from items[0]"),
        ("[x for x in items]", "comprehensions are not allowed"),
        ("score >=", "not a valid expression"),
        ("", "non-empty string"),
        (7, "non-empty string"),
    ],
)
def test_a_condition_outside_the_expression_language_is_reported(
    registry: ToolRegistry, condition: Any, reason: str
) -> None:
    nodes = {
        "fetch": {"tool": "fetch", "next": {"condition": condition, "if_true": "end", "if_false": "report"}},
        "report": {"tool": "report"},
    }

    [problem] = problems(graph(nodes), registry)

    assert (problem.where, problem.code) == ("nodes.fetch.next.condition", "bad_condition")
    assert reason in problem.message


@pytest.mark.parametrize(
    ("edge", "where"),
    [
        ({"switch": [{"when": "open(path)", "to": "report"}]}, "nodes.fetch.next.switch[0].when"),
        ({"map": {"over": "files.__len__", "node": "score", "join": "report"}}, "nodes.fetch.next.map.over"),
    ],
)
def test_switch_cases_and_map_sources_are_checked_like_conditions(
    registry: ToolRegistry, edge: dict[str, Any], where: str
) -> None:
    nodes = {"fetch": {"tool": "fetch", "next": edge}, "score": {"tool": "score"}, "report": {"tool": "report"}}

    assert found(graph(nodes), registry) == {(where, "bad_condition")}


@pytest.mark.parametrize(
    ("retry", "where"),
    [
        ("three times", "nodes.fetch.retry"),
        ({"attempts": 0}, "nodes.fetch.retry.attempts"),
        ({"attempts": "3"}, "nodes.fetch.retry.attempts"),
        ({"attempts": True}, "nodes.fetch.retry.attempts"),
        ({"attempts": 2.0}, "nodes.fetch.retry.attempts"),
        ({"backoff": -1}, "nodes.fetch.retry.backoff"),
        ({"backoff": True}, "nodes.fetch.retry.backoff"),
        ({"backoff": None}, "nodes.fetch.retry.backoff"),
        ({"factor": "double"}, "nodes.fetch.retry.factor"),
        ({"factor": float("nan")}, "nodes.fetch.retry.factor"),
        ({"max_backoff": -0.5}, "nodes.fetch.retry.max_backoff"),
        ({"max_backoff": float("inf")}, "nodes.fetch.retry.max_backoff"),
        ({"max_backoff": 10**400}, "nodes.fetch.retry.max_backoff"),
        ({"jitter": "yes"}, "nodes.fetch.retry.jitter"),
        ({"jitter": 1}, "nodes.fetch.retry.jitter"),
        ({"jitter": None}, "nodes.fetch.retry.jitter"),
        ({"on": "ValueError"}, "nodes.fetch.retry.on"),
        ({"on": [404]}, "nodes.fetch.retry.on"),
        ({"tries": 3}, "nodes.fetch.retry.tries"),
    ],
)
def test_bad_retry_fields_are_reported(registry: ToolRegistry, retry: Any, where: str) -> None:
    assert found(graph({"fetch": {"tool": "fetch", "retry": retry}}), registry) == {(where, "invalid")}


def test_every_bad_retry_field_is_reported_together(registry: ToolRegistry) -> None:
    retry = {"attempts": -2, "backoff": "slow", "jitter": "yes", "on": "all", "tries": 1}

    assert {where for where, _ in found(graph({"fetch": {"tool": "fetch", "retry": retry}}), registry)} == {
        "nodes.fetch.retry.attempts",
        "nodes.fetch.retry.backoff",
        "nodes.fetch.retry.jitter",
        "nodes.fetch.retry.on",
        "nodes.fetch.retry.tries",
    }


def test_a_non_boolean_jitter_is_named_in_the_problem(registry: ToolRegistry) -> None:
    [problem] = problems(graph({"fetch": {"tool": "fetch", "retry": {"jitter": "yes"}}}), registry)

    assert (problem.where, problem.code) == ("nodes.fetch.retry.jitter", "invalid")
    assert "true or false" in problem.message and "'yes'" in problem.message


@pytest.mark.parametrize("jitter", [True, False])
def test_a_boolean_jitter_is_kept(registry: ToolRegistry, jitter: bool) -> None:
    spec = check_graph(graph({"fetch": {"tool": "fetch", "retry": {"jitter": jitter}}}), registry=registry)

    assert spec.nodes["fetch"].retry.jitter is jitter


@pytest.mark.parametrize(("reducers", "where"), [({"log": "extend"}, "reducers.log"), (["append"], "reducers")])
def test_a_bad_reducer_is_reported(registry: ToolRegistry, reducers: Any, where: str) -> None:
    [problem] = problems(graph({"fetch": {"tool": "fetch"}}, reducers=reducers), registry)

    assert problem.where == where
    if where == "reducers.log":
        assert "'extend'" in problem.message and "replace, append, merge, add" in problem.message


@pytest.mark.parametrize(
    ("data", "where"),
    [
        (graph({"fetch": {"tool": "fetch"}}, owner="ann"), "owner"),
        (graph({"fetch": {"tool": "fetch", "retires": 3}}), "nodes.fetch.retires"),
        (
            graph(
                {
                    "fetch": {
                        "tool": "fetch",
                        "next": {"condition": "ok", "if_true": "end", "if_false": "end", "else": 1},
                    }
                }
            ),
            "nodes.fetch.next.else",
        ),
    ],
    ids=["graph", "node", "condition"],
)
def test_unknown_fields_are_reported(registry: ToolRegistry, data: dict[str, Any], where: str) -> None:
    [problem] = problems(data, registry)

    assert problem.where == where and "unknown field" in problem.message


def test_end_cannot_be_a_node_name(registry: ToolRegistry) -> None:
    nodes = {"fetch": {"tool": "fetch", "next": "end"}, "end": {"tool": "report"}}

    [problem] = problems(graph(nodes), registry)

    assert problem.where == "nodes.end" and "reserved" in problem.message


@pytest.mark.parametrize(
    "edge",
    [
        {"parallel": ["report"], "join": "report"},
        {"parallel": [], "join": "report"},
        {"parallel": "report", "join": "report"},
    ],
)
def test_a_parallel_edge_needs_at_least_two_branches(registry: ToolRegistry, edge: dict[str, Any]) -> None:
    nodes = {"fetch": {"tool": "fetch", "next": edge}, "report": {"tool": "report"}}

    [problem] = problems(graph(nodes), registry)

    assert problem.where == "nodes.fetch.next.parallel" and "at least two" in problem.message


def test_a_parallel_branch_cannot_be_end(registry: ToolRegistry) -> None:
    nodes = {
        "fetch": {"tool": "fetch", "next": {"parallel": ["score", "end"], "join": "report"}},
        "score": {"tool": "score"},
        "report": BASE["report"],
    }

    [problem] = problems(graph(nodes), registry)

    assert problem.where == "nodes.fetch.next.parallel" and "'end'" in problem.message


def test_a_parallel_edge_needs_a_join(registry: ToolRegistry) -> None:
    nodes = {
        "fetch": {"tool": "fetch", "next": {"parallel": ["score", "report"]}},
        "score": {"tool": "score"},
        "report": {"tool": "report"},
    }

    assert found(graph(nodes), registry) == {("nodes.fetch.next.join", "unknown_node")}


@pytest.mark.parametrize("branches", [["score", "report"], ["report", "score"], ["score", "fix", "report"]])
def test_a_parallel_join_that_is_also_a_branch_is_reported(registry: ToolRegistry, branches: list[str]) -> None:
    # Otherwise valid: every branch reaches the end, so only the join problem can be reported.
    nodes = {
        "fetch": {"tool": "fetch", "next": {"parallel": branches, "join": "report"}},
        "score": {"tool": "score", "next": "report"},
        "fix": {"tool": "fix", "next": "report"},
        "report": {"tool": "report"},
    }

    [problem] = problems(graph(nodes), registry)

    assert (problem.where, problem.code) == ("nodes.fetch.next.join", "invalid")
    assert "'report'" in problem.message and "branch" in problem.message


def test_a_map_join_that_is_also_the_mapped_node_is_reported(registry: ToolRegistry) -> None:
    nodes = {
        "fetch": {"tool": "fetch", "next": {"map": {"over": "files", "node": "report", "join": "report"}}},
        "report": {"tool": "report"},
    }

    [problem] = problems(graph(nodes), registry)

    assert (problem.where, problem.code) == ("nodes.fetch.next.map.join", "invalid")
    assert "'report'" in problem.message


def test_a_map_without_a_join_is_reported(registry: ToolRegistry) -> None:
    nodes = {"fetch": {"tool": "fetch", "next": {"map": {"over": "files", "node": "report"}}}, "report": BASE["report"]}

    assert found(graph(nodes), registry) == {("nodes.fetch.next.map.join", "unknown_node")}


@pytest.mark.parametrize(
    ("spec", "where"),
    [
        ({"node": "report", "join": "report"}, "nodes.fetch.next.map"),
        ("files", "nodes.fetch.next.map"),
        ({"over": "files", "node": "score", "as": "2nd", "join": "report"}, "nodes.fetch.next.map.as"),
        ({"over": "files", "node": "score", "as": ["x"], "join": "report"}, "nodes.fetch.next.map.as"),
    ],
)
def test_a_malformed_map_is_reported(registry: ToolRegistry, spec: Any, where: str) -> None:
    nodes = {"fetch": {"tool": "fetch", "next": {"map": spec}}, "score": {"tool": "score"}, "report": BASE["report"]}

    assert found(graph(nodes), registry) == {(where, "invalid")}


@pytest.mark.parametrize(
    "edge",
    [
        5,
        ["report"],
        {"goto": "report"},
        {"switch": []},
        {"switch": [{"when": "ok"}]},
        {"switch": [{"when": "ok", "to": "report", "x": 1}]},
    ],
)
def test_a_malformed_next_is_reported(registry: ToolRegistry, edge: Any) -> None:
    nodes = {"fetch": {"tool": "fetch", "next": edge}, "report": BASE["report"]}

    [problem] = problems(graph(nodes), registry)

    assert problem.where.startswith("nodes.fetch.next") and problem.code == "invalid"


@pytest.mark.parametrize(
    ("node", "where"),
    [
        ({}, "nodes.fetch"),
        ({"tool": "fetch", "subgraph": "other"}, "nodes.fetch"),
        ("fetch", "nodes.fetch"),
        ({"tool": "fetch", "args": ["x"]}, "nodes.fetch.args"),
        ({"subgraph": "other", "outputs": "summary"}, "nodes.fetch.outputs"),
        ({"subgraph": ""}, "nodes.fetch.subgraph"),
        ({"tool": "fetch", "timeout": 0}, "nodes.fetch.timeout"),
        ({"tool": "fetch", "timeout": "10s"}, "nodes.fetch.timeout"),
        ({"tool": "fetch", "timeout": True}, "nodes.fetch.timeout"),
        ({"tool": "fetch", "timeout": float("inf")}, "nodes.fetch.timeout"),
        ({"tool": "fetch", "timeout": float("nan")}, "nodes.fetch.timeout"),
        ({"tool": "fetch", "interrupt": "always"}, "nodes.fetch.interrupt"),
        ({"tool": "fetch", "max_visits": 0}, "nodes.fetch.max_visits"),
        ({"tool": "fetch", "max_visits": 2.5}, "nodes.fetch.max_visits"),
    ],
)
def test_a_malformed_node_is_reported(registry: ToolRegistry, node: Any, where: str) -> None:
    assert found(graph({"fetch": node}), registry) == {(where, "invalid")}


def test_a_subgraph_that_does_not_exist_is_reported(registry: ToolRegistry) -> None:
    nodes = {"sub": {"subgraph": "graph-404"}}

    assert found(graph(nodes), registry, graph_exists=lambda ref: False) == {("nodes.sub.subgraph", "unknown_graph")}


@pytest.mark.parametrize(
    ("data", "where"),
    [
        ([], "graph"),
        ("graph", "graph"),
        ({"name": "g", "start_node": "a", "nodes": {}}, "nodes"),
        ({"name": "g", "start_node": "a", "nodes": ["a"]}, "nodes"),
    ],
)
def test_a_definition_without_nodes_is_reported(registry: ToolRegistry, data: Any, where: str) -> None:
    assert where in {problem.where for problem in problems(data, registry)}


def test_the_flow_is_checked_only_once_the_parts_are_valid(registry: ToolRegistry) -> None:
    # An unknown tool and an unreachable node: only the first is reported, the flow waits for a valid graph.
    nodes = {"fetch": {"tool": "nope"}, "orphan": {"tool": "report"}}

    assert found(graph(nodes), registry) == {("nodes.fetch.tool", "unknown_tool")}


# --- expressions in validation reports ---------------------------------------------------------


@pytest.mark.parametrize(
    ("source", "reason"),
    [
        ("len(items)", "function calls are not allowed"),
        ("__import__('os').system('ls')", "function calls are not allowed"),
        ("items.__class__", "underscore"),
        ("lambda: 1", "lambda"),
    ],
)
def test_check_expression_gives_the_reason_an_expression_is_refused(source: str, reason: str) -> None:
    refused = check_expression(source)

    assert refused is not None and reason in refused


def test_check_expression_accepts_the_expression_language() -> None:
    assert check_expression('score >= 7 and "bug" not in labels or review.score > 3') is None


def test_triggers_are_checked_and_kept_in_the_spec():
    graph = {"name": "t", "start_node": "a", "nodes": {"a": {"tool": "set_values", "args": {"values": {}}}}}
    spec = check_graph({**graph, "triggers": [{"type": "manual"}, {"type": "cron", "cron": " 0  9 * * 1 "}]})
    assert spec.triggers == ({"type": "manual"}, {"type": "cron", "cron": "0 9 * * 1"})
    with pytest.raises(InvalidGraph) as caught:
        check_graph(
            {
                **graph,
                "triggers": [
                    {"type": "email"},
                    {"type": "cron", "cron": "61 * * * *"},
                    {"type": "webhook", "x": 1},
                    {"type": "cron", "cron": "0 9 * * *", "timezone": "Europe/Parus"},
                ],
            }
        )
    assert sorted((p.where, p.code) for p in caught.value.problems) == [
        ("triggers.0.type", "bad_trigger"),
        ("triggers.1.cron", "bad_trigger"),
        ("triggers.2.x", "bad_trigger"),
        ("triggers.3.timezone", "bad_trigger"),
    ]
    zoned = check_graph({**graph, "triggers": [{"type": "cron", "cron": "0 9 * * 1", "timezone": "Asia/Tokyo"}]})
    assert zoned.triggers[0]["timezone"] == "Asia/Tokyo"
