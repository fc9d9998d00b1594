"""General-purpose tools every graph can use: set keys, count, wait."""

from __future__ import annotations

import time
from typing import Any

from graphs.engine.tools import tool

MAX_WAIT_SECONDS = 3600


@tool(
    schema={"type": "object", "required": ["values"], "properties": {"values": {"type": "object"}}},
    description="Set state keys to the constant values in the node's args: {'values': {...}}.",
)
def set_values(inputs: dict[str, Any]) -> dict[str, Any]:
    return dict(inputs["values"])


@tool(
    schema={
        "type": "object",
        "required": ["key"],
        "properties": {"key": {"type": "string", "minLength": 1}, "by": {"type": "number"}},
    },
    description="Add `by` (default 1) to the number under state key `key` (missing counts as 0).",
)
def increment(inputs: dict[str, Any]) -> dict[str, Any]:
    key = inputs["key"]
    current = inputs.get(key, 0)
    if isinstance(current, bool) or not isinstance(current, int | float):
        raise ValueError(f"state key {key!r} holds {type(current).__name__}, not a number")
    return {key: current + inputs.get("by", 1)}


@tool(
    schema={
        "type": "object",
        "required": ["seconds"],
        "properties": {"seconds": {"type": "number", "minimum": 0, "maximum": MAX_WAIT_SECONDS}},
    },
    description="Wait `seconds` (at most an hour), e.g. between polls of an outside system.",
)
def wait(inputs: dict[str, Any]) -> None:
    time.sleep(inputs["seconds"])
