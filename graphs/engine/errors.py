"""The engine's own exceptions. The Django layer turns them into application errors."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


class GraphError(Exception):
    """Base class of every error the engine raises on purpose."""

    code = "graph_error"


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a graph definition: where (a node name or a field) and what."""

    where: str
    message: str
    code: str = "invalid"

    def as_dict(self) -> dict[str, str]:
        return {"where": self.where, "code": self.code, "message": self.message}


class InvalidGraph(GraphError):
    """A definition with problems; `problems` lists every one of them, not just the first."""

    code = "invalid_graph"

    def __init__(self, problems: list[Problem]):
        self.problems = list(problems)
        listed = "; ".join(f"{p.where}: {p.message}" for p in self.problems)
        super().__init__(f"The graph has {len(self.problems)} problem(s): {listed}")


class ExpressionError(GraphError):
    """A condition that is not in the expression language, or that cannot be evaluated on the state."""

    code = "bad_expression"


class ToolError(GraphError):
    """A tool failed. Tools raise it (or any exception) to fail their node."""

    code = "tool_failed"


class ToolInputError(ToolError):
    """The state does not give a tool the inputs its schema asks for; retrying cannot help."""

    code = "tool_input_invalid"


class UnknownTool(GraphError):
    code = "unknown_tool"


class NodeTimeout(GraphError):
    code = "node_timeout"


class LimitExceeded(GraphError):
    """The run's step limit or a node's visit limit was reached: a loop that did not end."""

    code = "limit_exceeded"


class RunCancelled(GraphError):
    code = "cancelled"


@dataclass
class Interrupt(Exception):
    """Raised by a tool that needs a person: the run pauses until it is resumed with input."""

    reason: str = "input requested"
    payload: dict[str, Any] = field(default_factory=dict)
