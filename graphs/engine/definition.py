"""Graph definitions: the JSON a user writes, checked and turned into immutable specs.

    {"name": "review",
     "start_node": "extract",
     "reducers": {"issues": "append"},          # optional, per state key
     "max_steps": 500,                          # optional, per run
     "nodes": {
        "extract": {"tool": "extract_functions", "next": "score"},
        "score":   {"tool": "evaluate_quality",
                    "next": {"condition": "quality_score >= 7", "if_true": "end", "if_false": "extract"},
                    "retry": {"attempts": 3, "backoff": 0.5}, "timeout": 10, "max_visits": 5,
                    "interrupt": "before"},
        ...}}

`next` is a node name, "end", a condition (seed form), {"switch": [{"when", "to"}], "default"},
{"parallel": [names], "join": name} or {"map": {"over": path, "node": name, "as": key,
"join": name}}; a join runs once every branch is done, so it is neither a branch nor the mapped
node. A node runs a `tool` (with optional constant `args`) or a `subgraph`.
parse_graph() reports every problem at once (see validation.py).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from graphs.engine.expressions import Expression

END = "end"
DEFAULT_MAX_STEPS = 1000
INTERRUPTS = ("before", "after")


@dataclass(frozen=True)
class RetryPolicy:
    attempts: int = 1
    backoff: float = 0.5
    factor: float = 2.0
    max_backoff: float = 30.0
    jitter: bool = True
    # Error codes or exception class names worth retrying; empty means every error but bad input.
    on: tuple[str, ...] = ()

    def delay(self, attempt: int, rand: float) -> float:
        """Seconds to wait before try number `attempt + 1` (attempt counts from 1)."""
        base = min(self.max_backoff, self.backoff * self.factor ** (attempt - 1))
        return base * (0.5 + rand) if self.jitter else base


@dataclass(frozen=True)
class Goto:
    target: str

    def targets(self) -> list[str]:
        return [self.target]


@dataclass(frozen=True)
class Switch:
    """Cases tried in order; the seed's condition/if_true/if_false is a switch with one case."""

    cases: tuple[tuple[Expression, str], ...]
    default: str

    def targets(self) -> list[str]:
        return [target for _, target in self.cases] + [self.default]


@dataclass(frozen=True)
class Parallel:
    branches: tuple[str, ...]
    join: str

    def targets(self) -> list[str]:
        return [*self.branches, self.join]


@dataclass(frozen=True)
class MapOver:
    """One branch per element of the list at `over`, each running `node` with the element under `item`."""

    over: Expression
    node: str
    item: str
    join: str

    def targets(self) -> list[str]:
        return [self.node, self.join]


Edge = Goto | Switch | Parallel | MapOver


@dataclass(frozen=True)
class Node:
    name: str
    tool: str | None = None
    subgraph: str | None = None
    args: dict[str, Any] = field(default_factory=dict)
    outputs: tuple[str, ...] | None = None  # for subgraphs: the keys handed back
    next: Edge | None = None
    retry: RetryPolicy = RetryPolicy()
    timeout: float | None = None
    interrupt: str | None = None
    max_visits: int | None = None


@dataclass(frozen=True)
class GraphSpec:
    name: str
    start: str
    nodes: dict[str, Node]
    reducers: dict[str, str] = field(default_factory=dict)
    max_steps: int = DEFAULT_MAX_STEPS
    description: str = ""
    # How runs start: {"type": "manual"}, {"type": "cron", "cron": "0 9 * * 1", "timezone": "UTC"} or
    # {"type": "webhook"}. Declarative: accepting a suggestion turns a cron trigger into a schedule.
    triggers: tuple[dict[str, Any], ...] = ()

    def edges(self) -> list[tuple[str, str, str]]:
        """(source, target, label) for diagrams and reachability."""
        found = []
        for node in self.nodes.values():
            found += [(node.name, target, label) for target, label in _labelled(node.next)]
        return found


def _labelled(edge: Edge | None) -> list[tuple[str, str]]:
    if edge is None:
        return [(END, "")]
    if isinstance(edge, Goto):
        return [(edge.target, "")]
    if isinstance(edge, Switch):
        return [(target, expr.source) for expr, target in edge.cases] + [(edge.default, "otherwise")]
    if isinstance(edge, Parallel):
        return [(branch, "parallel") for branch in edge.branches]
    return [(edge.node, f"map {edge.over.source}")]


def parse_graph(data: Any, **options: Any) -> GraphSpec:
    """The spec of a definition, or InvalidGraph listing every problem (see validation.check_graph)."""
    from graphs.engine.validation import check_graph

    return check_graph(data, **options)
