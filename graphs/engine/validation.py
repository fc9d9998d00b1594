"""Checking a definition: every problem is collected, then reported at once.

Problems: a malformed field, an unknown tool, an edge to an unknown node, no start, a node no
path reaches, a loop with no way out (nodes from which no path reaches the end), a condition
outside the expression language, a bad retry policy or reducer, a fan-out whose join is also a
branch (it would run as a branch and again once the branches are done).
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

import jsonschema

from graphs.engine.cron import cron_problem, timezone_problem
from graphs.engine.definition import (
    DEFAULT_MAX_STEPS,
    END,
    INTERRUPTS,
    Edge,
    Goto,
    GraphSpec,
    MapOver,
    Node,
    Parallel,
    RetryPolicy,
    Switch,
)
from graphs.engine.errors import ExpressionError, InvalidGraph, Problem
from graphs.engine.expressions import Expression, compile_expression
from graphs.engine.placeholders import has_placeholder
from graphs.engine.state import REDUCERS
from graphs.engine.tools import Tool, ToolRegistry
from graphs.engine.tools import registry as default_registry

MAX_NODES = 500
NODE_KEYS = {
    "tool",
    "subgraph",
    "args",
    "outputs",
    "next",
    "retry",
    "timeout",
    "interrupt",
    "max_visits",
    "description",
}
GRAPH_KEYS = {"name", "nodes", "start_node", "reducers", "max_steps", "description", "triggers"}
TRIGGER_KEYS = {"manual": {"type"}, "cron": {"type", "cron", "timezone"}, "webhook": {"type"}}
RETRY_KEYS = {"attempts", "backoff", "factor", "max_backoff", "jitter", "on"}
RETRY_NUMBERS = ("backoff", "factor", "max_backoff")


class Checker:
    def __init__(self, registry: ToolRegistry, graph_exists: Callable[[str], bool] | None):
        self.registry = registry
        self.graph_exists = graph_exists
        self.problems: list[Problem] = []

    def problem(self, where: str, message: str, code: str = "invalid") -> None:
        self.problems.append(Problem(where, message, code))

    def expression(self, where: str, source: Any) -> Expression | None:
        if not isinstance(source, str) or not source.strip():
            self.problem(where, "a condition must be a non-empty string", "bad_condition")
            return None
        try:
            return compile_expression(source)
        except ExpressionError as exc:
            self.problem(where, str(exc), "bad_condition")
            return None

    def target(self, where: str, name: Any, nodes: dict[str, Any]) -> str:
        if not isinstance(name, str) or (name != END and name not in nodes):
            self.problem(where, f"edge to unknown node {name!r}", "unknown_node")
        return name if isinstance(name, str) else END

    # --- the graph ---------------------------------------------------------------------------
    def graph(self, data: Any) -> GraphSpec | None:
        if not isinstance(data, dict):
            self.problem("graph", "a graph definition is a JSON object")
            return None
        for key in sorted(set(data) - GRAPH_KEYS):
            self.problem(key, f"unknown field {key!r}")
        name = data.get("name")
        if not isinstance(name, str) or not name.strip():
            self.problem("name", "a graph needs a non-empty name")
        raw_nodes = data.get("nodes")
        if not isinstance(raw_nodes, dict) or not raw_nodes:
            self.problem("nodes", "a graph needs at least one node, as an object of name: node")
            raw_nodes = {}
        elif len(raw_nodes) > MAX_NODES:
            self.problem("nodes", f"at most {MAX_NODES} nodes")
        if END in raw_nodes:
            self.problem(f"nodes.{END}", f"{END!r} is reserved: it ends the run")
        nodes = {key: self.node(key, value, raw_nodes) for key, value in raw_nodes.items() if key != END}
        start = data.get("start_node")
        if not isinstance(start, str) or start not in nodes:
            self.problem("start_node", f"start_node {start!r} is not one of the nodes" if start else "no start_node")
        spec = GraphSpec(
            name=name if isinstance(name, str) else "",
            start=start if isinstance(start, str) else "",
            nodes={key: node for key, node in nodes.items() if node is not None},
            reducers=self.reducers(data.get("reducers", {})),
            max_steps=self.positive_int("max_steps", data.get("max_steps", DEFAULT_MAX_STEPS)) or DEFAULT_MAX_STEPS,
            description=str(data.get("description", "")),
            triggers=self.triggers(data.get("triggers", [])),
        )
        if not self.problems:
            self.flow(spec)
        return spec

    def triggers(self, raw: Any) -> tuple[dict[str, Any], ...]:
        if not isinstance(raw, list):
            self.problem("triggers", "triggers is a list of {type: manual|cron|webhook}")
            return ()
        found = []
        for index, trigger in enumerate(raw):
            where = f"triggers.{index}"
            kind = trigger.get("type") if isinstance(trigger, dict) else None
            if kind not in TRIGGER_KEYS:
                self.problem(f"{where}.type", f"a trigger's type is one of {', '.join(TRIGGER_KEYS)}", "bad_trigger")
                continue
            for key in sorted(set(trigger) - TRIGGER_KEYS[kind]):
                self.problem(f"{where}.{key}", f"unknown field {key!r} of a {kind} trigger", "bad_trigger")
            if kind == "cron":
                trigger = {**trigger, "cron": self.cron(f"{where}.cron", trigger.get("cron"))}
                zone_problem = timezone_problem(trigger.get("timezone", "UTC"))
                if zone_problem is not None:
                    self.problem(f"{where}.timezone", zone_problem, "bad_trigger")
            found.append(dict(trigger))
        return tuple(found)

    def cron(self, where: str, raw: Any) -> str:
        if not isinstance(raw, str):
            self.problem(where, "a cron trigger needs a cron expression", "bad_trigger")
            return ""
        tidy, problem = cron_problem(raw)
        if problem is not None:
            self.problem(where, problem, "bad_trigger")
        return tidy

    def reducers(self, raw: Any) -> dict[str, str]:
        if not isinstance(raw, dict):
            self.problem("reducers", "reducers is an object of state key: reducer name")
            return {}
        for key, value in raw.items():
            if value not in REDUCERS:
                self.problem(f"reducers.{key}", f"unknown reducer {value!r}; one of {', '.join(REDUCERS)}")
        return {key: value for key, value in raw.items() if value in REDUCERS}

    def positive_int(self, where: str, value: Any) -> int | None:
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int) or value < 1:
            self.problem(where, "must be a positive integer")
            return None
        return value

    # --- nodes -------------------------------------------------------------------------------
    def node(self, name: str, raw: Any, nodes: dict[str, Any]) -> Node | None:
        where = f"nodes.{name}"
        if not isinstance(raw, dict):
            self.problem(where, "a node is an object with a 'tool' (or 'subgraph') and a 'next'")
            return None
        for key in sorted(set(raw) - NODE_KEYS):
            self.problem(f"{where}.{key}", f"unknown field {key!r}")
        tool, subgraph = raw.get("tool"), raw.get("subgraph")
        if (tool is None) == (subgraph is None):
            self.problem(where, "a node runs exactly one of 'tool' or 'subgraph'")
        if tool is not None and (not isinstance(tool, str) or tool not in self.registry):
            self.problem(f"{where}.tool", f"unknown tool {tool!r}", "unknown_tool")
        if subgraph is not None:
            self.subgraph(f"{where}.subgraph", subgraph)
        args = raw.get("args", {})
        if not isinstance(args, dict):
            self.problem(f"{where}.args", "args is an object of constant tool inputs")
            args = {}
        elif isinstance(tool, str) and tool in self.registry:
            self.tool_args(f"{where}.args", self.registry.get(tool), args)
        return Node(
            name=name,
            tool=tool if isinstance(tool, str) else None,
            subgraph=subgraph if isinstance(subgraph, str) else None,
            args=args,
            outputs=self.outputs(f"{where}.outputs", raw.get("outputs")),
            next=self.edge(f"{where}.next", raw.get("next"), nodes),
            retry=self.retry(f"{where}.retry", raw.get("retry")),
            timeout=self.timeout(f"{where}.timeout", raw.get("timeout")),
            interrupt=self.interrupt(f"{where}.interrupt", raw.get("interrupt")),
            max_visits=self.positive_int(f"{where}.max_visits", raw.get("max_visits")),
        )

    def tool_args(self, where: str, tool: Tool, args: dict[str, Any]) -> None:
        """A strict tool's args against its input schema: every parameter problem, each where it is."""
        if not tool.strict_args:
            return
        properties = tool.schema.get("properties") or {}
        known = ", ".join(sorted(properties)) or "none"
        for key in sorted(set(args) - set(properties)):
            self.problem(f"{where}.{key}", f"{tool.name} has no parameter {key!r}; its parameters: {known}",
                         "unknown_parameter")  # fmt: skip
        for key in tool.schema.get("required") or []:
            if key not in args:
                self.problem(f"{where}.{key}", f"{tool.name} needs the parameter {key!r}", "missing_parameter")
        for key, value in args.items():
            if key in properties and not has_placeholder(value):
                self.parameter_value(f"{where}.{key}", properties[key], value)

    def parameter_value(self, where: str, schema: Any, value: Any) -> None:
        try:
            error = jsonschema.exceptions.best_match(jsonschema.Draft202012Validator(schema).iter_errors(value))
        except (jsonschema.exceptions.SchemaError, TypeError):
            return  # a broken schema in the catalog is not the workflow's problem
        if error is not None:
            self.problem(where, f"invalid value: {error.message}", "invalid_parameter")

    def subgraph(self, where: str, ref: Any) -> None:
        if not isinstance(ref, str) or not ref:
            self.problem(where, "subgraph is the id of another graph")
        elif self.graph_exists is not None and not self.graph_exists(ref):
            self.problem(where, f"unknown graph {ref!r}", "unknown_graph")

    def outputs(self, where: str, raw: Any) -> tuple[str, ...] | None:
        if raw is None:
            return None
        if not isinstance(raw, list) or not all(isinstance(key, str) for key in raw):
            self.problem(where, "outputs is a list of state keys")
            return None
        return tuple(raw)

    def timeout(self, where: str, raw: Any) -> float | None:
        if raw is None:
            return None
        if not _finite_number(raw) or raw <= 0:
            self.problem(where, "timeout is a positive number of seconds")
            return None
        return float(raw)

    def interrupt(self, where: str, raw: Any) -> str | None:
        if raw is not None and raw not in INTERRUPTS:
            self.problem(where, f"interrupt is 'before' or 'after', not {raw!r}")
            return None
        return raw

    def retry(self, where: str, raw: Any) -> RetryPolicy:
        if raw is None:
            return RetryPolicy()
        if not isinstance(raw, dict):
            self.problem(where, "retry is an object: attempts, backoff, factor, max_backoff, jitter, on")
            return RetryPolicy()
        for key in sorted(set(raw) - RETRY_KEYS):
            self.problem(f"{where}.{key}", f"unknown field {key!r}")
        defaults = RetryPolicy()
        attempts = self.positive_int(f"{where}.attempts", raw.get("attempts", defaults.attempts))
        numbers = {}
        for key in RETRY_NUMBERS:
            default = getattr(defaults, key)
            numbers[key] = self.non_negative(f"{where}.{key}", raw.get(key, default), default)
        jitter = raw.get("jitter", defaults.jitter)
        if not isinstance(jitter, bool):
            self.problem(f"{where}.jitter", f"jitter is true or false, not {jitter!r}")
            jitter = defaults.jitter
        on = raw.get("on", [])
        if not isinstance(on, list) or not all(isinstance(item, str) for item in on):
            self.problem(f"{where}.on", "on is a list of error codes or exception class names")
            on = []
        return RetryPolicy(attempts=attempts or defaults.attempts, jitter=jitter, on=tuple(on), **numbers)

    def non_negative(self, where: str, value: Any, default: float) -> float:
        if not _finite_number(value) or value < 0:
            self.problem(where, "must be a number >= 0")
            return default
        return float(value)

    # --- edges -------------------------------------------------------------------------------
    def edge(self, where: str, raw: Any, nodes: dict[str, Any]) -> Edge | None:
        if raw is None:
            return None
        if isinstance(raw, str):
            return Goto(self.target(where, raw, nodes))
        if not isinstance(raw, dict):
            self.problem(where, "next is a node name, 'end', or an object (condition, switch, parallel, map)")
            return None
        if "condition" in raw:
            return self.condition(where, raw, nodes)
        if "switch" in raw:
            return self.switch(where, raw, nodes)
        if "parallel" in raw:
            return self.parallel(where, raw, nodes)
        if "map" in raw:
            return self.map_over(where, raw, nodes)
        self.problem(where, "next must have one of 'condition', 'switch', 'parallel' or 'map'")
        return None

    def condition(self, where: str, raw: dict, nodes: dict[str, Any]) -> Switch | None:
        for key in sorted(set(raw) - {"condition", "if_true", "if_false"}):
            self.problem(f"{where}.{key}", f"unknown field {key!r}")
        expr = self.expression(f"{where}.condition", raw.get("condition"))
        if_true = self.target(f"{where}.if_true", raw.get("if_true"), nodes)
        if_false = self.target(f"{where}.if_false", raw.get("if_false"), nodes)
        return Switch(((expr, if_true),), if_false) if expr is not None else None

    def switch(self, where: str, raw: dict, nodes: dict[str, Any]) -> Switch | None:
        cases = raw.get("switch")
        if not isinstance(cases, list) or not cases:
            self.problem(f"{where}.switch", "switch is a non-empty list of {when, to}")
            return None
        compiled = []
        for index, case in enumerate(cases):
            here = f"{where}.switch[{index}]"
            if not isinstance(case, dict) or set(case) != {"when", "to"}:
                self.problem(here, "each case is an object with exactly 'when' and 'to'")
                continue
            expr = self.expression(f"{here}.when", case["when"])
            target = self.target(f"{here}.to", case["to"], nodes)
            if expr is not None:
                compiled.append((expr, target))
        default = self.target(f"{where}.default", raw.get("default", END), nodes)
        return Switch(tuple(compiled), default) if len(compiled) == len(cases) else None

    def parallel(self, where: str, raw: dict, nodes: dict[str, Any]) -> Parallel | None:
        branches = raw.get("parallel")
        if not isinstance(branches, list) or len(branches) < 2:
            self.problem(f"{where}.parallel", "parallel is a list of at least two node names")
            return None
        names = tuple(self.target(f"{where}.parallel[{i}]", name, nodes) for i, name in enumerate(branches))
        if END in names:
            self.problem(f"{where}.parallel", f"a branch cannot be {END!r}")
        join = self.join(where, raw, nodes)
        if join in names:
            # The runner would start it as a branch and again once the branches are done.
            self.problem(f"{where}.join", f"join {join!r} cannot also be a branch: it runs once every branch is done")
            return None
        return Parallel(names, join) if join else None

    def map_over(self, where: str, raw: dict, nodes: dict[str, Any]) -> MapOver | None:
        spec = raw.get("map")
        if not isinstance(spec, dict) or not {"over", "node"} <= set(spec):
            self.problem(f"{where}.map", "map is an object with 'over' (a state path), 'node', 'as' and 'join'")
            return None
        over = self.expression(f"{where}.map.over", spec["over"])
        node = self.target(f"{where}.map.node", spec["node"], nodes)
        item = spec.get("as", "item")
        if not isinstance(item, str) or not item.isidentifier():
            self.problem(f"{where}.map.as", "as is the state key each branch sees its element under")
        join = self.join(f"{where}.map", spec, nodes)
        if join is not None and join == node:
            self.problem(f"{where}.map.join", f"join {join!r} cannot also be the node run for each element")
            return None
        if over is None or not join or not isinstance(item, str):
            return None
        return MapOver(over, node, item, join)

    def join(self, where: str, raw: dict, nodes: dict[str, Any]) -> str | None:
        join = raw.get("join")
        if not isinstance(join, str) or join not in nodes:
            self.problem(f"{where}.join", f"join {join!r} is not one of the nodes", "unknown_node")
            return None
        return join

    # --- flow --------------------------------------------------------------------------------
    def flow(self, spec: GraphSpec) -> None:
        successors = _successors(spec)
        reachable = _reach(spec.start, successors)
        for name in spec.nodes:
            if name not in reachable:
                self.problem(f"nodes.{name}", "no path from the start node reaches this node", "unreachable")
        predecessors: dict[str, set[str]] = {name: set() for name in [*spec.nodes, END]}
        for source, targets in successors.items():
            for target in targets:
                predecessors[target].add(source)
        exits = _reach(END, predecessors)
        stuck = sorted(name for name in reachable if name not in exits and name != END)
        if stuck:
            self.problem(
                "nodes",
                f"loop with no way out: from {', '.join(stuck)} no path reaches the end",
                "endless_loop",
            )


def _finite_number(value: Any) -> bool:
    """A JSON number: not a bool (True is an int in Python), NaN, an infinity or an int too big for a float."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return False
    try:
        return math.isfinite(value)
    except OverflowError:
        return False


def _successors(spec: GraphSpec) -> dict[str, set[str]]:
    found: dict[str, set[str]] = {name: set() for name in spec.nodes}
    found[END] = set()
    for node in spec.nodes.values():
        targets = node.next.targets() if node.next is not None else [END]
        found[node.name].update(target for target in targets if target in found)
    return found


def _reach(start: str, edges: dict[str, set[str]]) -> set[str]:
    seen, pending = {start}, [start]
    while pending:
        for following in edges.get(pending.pop(), ()):
            if following not in seen:
                seen.add(following)
                pending.append(following)
    return seen


def check_graph(
    data: Any, *, registry: ToolRegistry | None = None, graph_exists: Callable[[str], bool] | None = None
) -> GraphSpec:
    """The spec, or InvalidGraph with every problem found."""
    checker = Checker(registry or default_registry, graph_exists)
    spec = checker.graph(data)
    if checker.problems or spec is None:
        raise InvalidGraph(checker.problems)
    return spec
