"""What the model is shown: a fixed system prompt (rules, the pipeline language, the workflow schema and the
tool registry; cached by the provider) and one user message per job (the prompt, the workflow, the data)."""

from __future__ import annotations

import json
from typing import Any

from agentrunner.models import AgentJob
from agentrunner.pipeline import OPERATIONS
from agentrunner.services.lanes import table_sample
from agentrunner.services.workflow import tool_infos, workflow_definition
from wfplatform.llm.tooluse import ToolSpec

RULES = """You are the agent of a workflow automation platform. A user writes a prompt about one of their
workflows. Decide which of two things it asks for, and do it by calling exactly one tool:

- patch_workflow: a LASTING change to the workflow, one that affects every future run ("always ...",
  "whenever ...", "from now on ...", "add a step ...", "remove the ... step", "if ... then notify ...",
  "stop sending ...", a new schedule, a new recipient, a changed threshold).
- execute_pipeline: a ONE-TIME request for data, answered now and changing nothing ("show me ...",
  "what are ...", "top 10 ...", "how many ...", "fetch ...", "list ... where ...", questions about the data).

A question about the data is execute even when it contains "always" or "every" ("which customers always
pay late?"). A wish about the future is patch even when phrased as a question ("can you make it run every
morning?").

If a tool answers with an error, read it, correct the arguments and call the tool again."""

PIPELINE_LANGUAGE = """## Pipelines (execute_pipeline)
A pipeline is a list of steps run in order on a table. The table starts as the data the user sent (its
columns and first rows are in the user message); a pipeline may instead start with an http_request step.
Steps (unknown keys are errors):
- {"op": "http_request", "url": str, "method": "GET"|"POST", "headers": {}, "body": any (POST),
   "format": "auto"|"json"|"csv", "records_path": "data.items", "timeout_s": 10, "max_bytes": 10000000}
- {"op": "select", "columns": [str]}
- {"op": "filter", "where": expression}
- {"op": "sort", "by": [{"column": str, "descending": bool}]}
- {"op": "top_k", "k": int, "by": str, "descending": true}   (the k largest; descending false: smallest)
- {"op": "group_by", "by": [str], "aggregates": {"out_name": {"fn": "count|sum|mean|min|max|median|nunique|first|last",
   "column": str}}}
- {"op": "join", "right": {"rows": [...]} | {"artifact": "artifact://id"} | {"previous_result": int} | {"url": str},
   "on": str | [str], "how": "inner|left|right|outer"}
- {"op": "derive", "column": str, "expr": expression}
- {"op": "rename", "columns": {"old": "new"}}
- {"op": "dedupe", "columns": [str], "keep": "first|last"}
- {"op": "limit", "n": int, "offset": int}
Expressions: column names as identifiers (`back quotes` for names with spaces), numbers, "strings",
== != < <= > >=, and/or/not, in [..], + - * / // % **, a if c else b, x is None, and the functions
lower, upper, len, contains(col, "text"), startswith, endswith, abs, round, year, month, day, date,
isnull, notnull, coalesce. Use only columns that exist."""

GRAPH_SCHEMA = """## Workflows (patch_workflow)
A workflow is a graph definition (JSON):
{"name": str, "description": str, "start_node": str, "reducers": {"state_key": "replace|append|merge|add"},
 "nodes": {"<node name>": {"tool": "<tool name>", "args": {...constant inputs...}, "next": <next>,
   "retry": {"attempts": int, "backoff": seconds}, "timeout": seconds, "max_visits": int,
   "interrupt": "before"|"after"}}}
<next> is a node name, "end", {"condition": expression, "if_true": name, "if_false": name},
{"switch": [{"when": expression, "to": name}], "default": name}, {"parallel": [names], "join": name} or
{"map": {"over": state path, "node": name, "as": key, "join": name}}. A node may run {"subgraph": graph id}
instead of a tool. Conditions are expressions over the run's state keys (same language as above, names are
state keys). Every node must be reachable from start_node, every loop needs a way out, and every tool must
be one of the registered tools below, with args that fit its input schema.
patch_workflow takes an RFC 6902 JSON Patch on that definition: paths such as /nodes/notify,
/nodes/fetch/next, /start_node. Prefer small operations (add one node, replace one next) over replacing
the whole definition. A patch that breaks a rule is refused with the list of problems, and nothing changes."""

TOOLS = [
    ToolSpec(
        name="execute_pipeline",
        description="Answer a one-time data request: run a pipeline of table steps and return the result.",
        parameters={
            "type": "object",
            "required": ["steps"],
            "properties": {
                "steps": {
                    "type": "array",
                    "minItems": 1,
                    "items": {"type": "object", "required": ["op"], "properties": {"op": {"enum": list(OPERATIONS)}}},
                },
                "explanation": {"type": "string", "description": "One sentence: how the request was read."},
            },
        },
    ),
    ToolSpec(
        name="patch_workflow",
        description="Make a lasting change to the workflow: an RFC 6902 JSON Patch on its graph definition.",
        parameters={
            "type": "object",
            "required": ["operations", "explanation"],
            "properties": {
                "operations": {
                    "type": "array",
                    "minItems": 1,
                    "items": {
                        "type": "object",
                        "required": ["op", "path"],
                        "properties": {
                            "op": {"enum": ["add", "remove", "replace", "move", "copy", "test"]},
                            "path": {"type": "string"},
                            "from": {"type": "string"},
                            "value": {},
                        },
                    },
                },
                "explanation": {"type": "string", "description": "One sentence: what the change does."},
            },
        },
    ),
]


def system_prompt() -> str:
    """The same text for every job (until the tool registry changes), so the provider can cache it."""
    tools = [{"name": t.name, "description": t.description, "inputs": t.schema} for t in tool_infos()]
    registry = json.dumps(sorted(tools, key=lambda t: t["name"]), sort_keys=True, separators=(",", ":"))
    return f"{RULES}\n\n{PIPELINE_LANGUAGE}\n\n{GRAPH_SCHEMA}\n\n## Registered tools\n{registry}\n"


def user_message(job: AgentJob) -> str:
    parts = [f"Prompt: {job.prompt}"]
    definition = workflow_definition(job)
    if definition is not None:
        parts.append(f"Current workflow:\n{_compact(definition)}")
    else:
        parts.append("Current workflow: none given (a lasting change cannot be applied).")
    sample = table_sample(job)
    if sample is not None:
        parts.append(
            f"Data: {sample['row_count']} rows; columns {sample['columns']}; first rows:\n{_compact(sample['rows'])}"
        )
    else:
        parts.append("Data: none sent (a pipeline must start with an http_request step).")
    return "\n\n".join(parts)


def _compact(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), default=str)[:20_000]
