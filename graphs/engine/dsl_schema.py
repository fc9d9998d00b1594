"""The JSON Schema of the workflow format (graph definitions), published at /api/dsl/schema.

It describes the shape; the validator (validation.py) also checks what a schema cannot: that edges
name nodes, every node is reachable, tools exist, a catalog tool's args fit its own schema, conditions
parse, crons come due.
"""

from __future__ import annotations

from typing import Any

from graphs.engine.state import REDUCERS

NAME = {"type": "string", "minLength": 1}
NODE_REF = {"type": "string", "minLength": 1, "description": 'A node name, or "end".'}

NEXT: dict[str, Any] = {
    "oneOf": [
        NODE_REF,
        {
            "type": "object",
            "required": ["condition", "if_true", "if_false"],
            "properties": {"condition": {"type": "string"}, "if_true": NODE_REF, "if_false": NODE_REF},
            "additionalProperties": False,
        },
        {
            "type": "object",
            "required": ["switch"],
            "properties": {
                "switch": {
                    "type": "array",
                    "items": {
                        "type": "object",
                        "required": ["when", "to"],
                        "properties": {"when": {"type": "string"}, "to": NODE_REF},
                        "additionalProperties": False,
                    },
                },
                "default": NODE_REF,
            },
            "additionalProperties": False,
        },
        {
            "type": "object",
            "required": ["parallel", "join"],
            "properties": {"parallel": {"type": "array", "items": NODE_REF, "minItems": 1}, "join": NODE_REF},
            "additionalProperties": False,
        },
        {
            "type": "object",
            "required": ["map"],
            "properties": {
                "map": {
                    "type": "object",
                    "required": ["over", "node"],
                    "properties": {"over": NAME, "node": NODE_REF, "as": NAME, "join": NODE_REF},
                    "additionalProperties": False,
                }
            },
            "additionalProperties": False,
        },
    ]
}

NODE: dict[str, Any] = {
    "type": "object",
    "description": "Runs exactly one of `tool` (a registered tool, or a catalog tool's slug such as "
    "GITHUB_CREATE_AN_ISSUE) or `subgraph` (another graph's id).",
    "properties": {
        "tool": NAME,
        "subgraph": NAME,
        "args": {
            "type": "object",
            "description": "The tool's inputs. For catalog tools these are its parameters, checked against its "
            'input schema; a value "{{ path.in.state }}" is filled from the run\'s state when the node runs.',
        },
        "outputs": {"type": "array", "items": {"type": "string"}},
        "next": NEXT,
        "retry": {
            "type": "object",
            "properties": {
                "attempts": {"type": "integer", "minimum": 1},
                "backoff": {"type": "number", "minimum": 0},
                "factor": {"type": "number", "minimum": 1},
                "max_backoff": {"type": "number", "minimum": 0},
                "jitter": {"type": "boolean"},
                "on": {"type": "array", "items": {"type": "string"}},
            },
            "additionalProperties": False,
        },
        "timeout": {"type": "number", "exclusiveMinimum": 0},
        "interrupt": {"enum": ["before", "after"]},
        "max_visits": {"type": "integer", "minimum": 1},
        "description": {"type": "string"},
    },
    "oneOf": [{"required": ["tool"]}, {"required": ["subgraph"]}],
    "additionalProperties": False,
}

TRIGGER: dict[str, Any] = {
    "oneOf": [
        {
            "type": "object",
            "required": ["type"],
            "properties": {"type": {"const": "manual"}},
            "additionalProperties": False,
        },
        {
            "type": "object",
            "required": ["type", "cron"],
            "properties": {
                "type": {"const": "cron"},
                "cron": {"type": "string", "description": "Five fields (m h dom mon dow) or @daily, @hourly, ..."},
                "timezone": {"type": "string", "default": "UTC"},
            },
            "additionalProperties": False,
        },
        {
            "type": "object",
            "required": ["type"],
            "properties": {"type": {"const": "webhook"}},
            "additionalProperties": False,
        },
    ]
}


def workflow_schema(base_url: str = "") -> dict[str, Any]:
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"{base_url}/api/dsl/schema",
        "title": "wfplatform workflow (graph definition)",
        "type": "object",
        "required": ["name", "start_node", "nodes"],
        "properties": {
            "name": NAME,
            "description": {"type": "string"},
            "start_node": NAME,
            "nodes": {"type": "object", "minProperties": 1, "additionalProperties": NODE},
            "reducers": {"type": "object", "additionalProperties": {"enum": sorted(REDUCERS)}},
            "max_steps": {"type": "integer", "minimum": 1},
            "triggers": {"type": "array", "items": TRIGGER},
        },
        "additionalProperties": False,
    }
