"""One short sentence saying how a request was read, written from the steps themselves so it cannot drift."""

from __future__ import annotations

from typing import Any

Step = dict[str, Any]


def _order(descending: bool) -> str:
    return "largest first" if descending else "smallest first"


_FUNCTION_WORDS = {"mean": "average", "sum": "total", "nunique": "number of distinct"}


def _aggregate(spec: dict[str, Any]) -> str:
    return "count" if spec["fn"] == "count" else f"{_FUNCTION_WORDS.get(spec['fn'], spec['fn'])} {spec['column']}"


def _group_by(step: Step) -> str:
    aggregates = ", ".join(_aggregate(spec) for spec in step["aggregates"].values())
    return f"{aggregates} per {', '.join(step['by'])}" if step["by"] else f"{aggregates} over all rows"


def _sort_key(key: dict[str, Any]) -> str:
    return f"{key['column']} ({'descending' if key['descending'] else 'ascending'})"


def _top_k(step: Step) -> str:
    rows = "row" if step["k"] == 1 else "rows"
    return f"top {step['k']} {rows} by {step['by']} ({_order(step['descending'])})"


def _dedupe(step: Step) -> str:
    return f"without duplicate {', '.join(step['columns'])}" if step.get("columns") else "without duplicate rows"


_DESCRIBE = {
    "http_request": lambda step: f"fetch {step['url']}",
    "filter": lambda step: f"rows where {step['where']}",
    "group_by": _group_by,
    "sort": lambda step: "sorted by " + ", then ".join(_sort_key(key) for key in step["by"]),
    "top_k": _top_k,
    "select": lambda step: f"columns {', '.join(step['columns'])}",
    "dedupe": _dedupe,
    "rename": lambda step: "renamed " + ", ".join(f"{old} to {new}" for old, new in step["columns"].items()),
    "limit": lambda step: f"first {step['n']} rows",
}


def explain(steps: list[Step]) -> str:
    return "; ".join(_DESCRIBE[step["op"]](step) for step in steps)
