"""Deciding the lane and doing the work: the model with tools when one is configured, else (or on any model
error) the built-in classifier, request parser and patch builder."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import Any

from agentrunner.intent import classify
from agentrunner.models import AgentJob, DecidedBy, Intent
from agentrunner.patch_builder import PatchNotUnderstood, build_patch
from agentrunner.requests_parser import parse_request
from agentrunner.services.lanes import LaneError, LaneResult, execute_pipeline, patch_workflow, table_columns
from agentrunner.services.prompts import TOOLS, system_prompt, user_message
from agentrunner.services.workflow import tool_infos
from wfplatform.llm import LLMError, UsageMeter, llm_config
from wfplatform.llm.tooluse import ToolCall, ToolConversation, ToolResult, Usage

logger = logging.getLogger(__name__)

MAX_MODEL_TURNS = 3  # the first answer and two corrections after a tool error
LANE_OF_TOOL = {"execute_pipeline": Intent.EXECUTE, "patch_workflow": Intent.PATCH}


@dataclass
class Outcome:
    intent: str
    decided_by: str
    reasons: list[str]
    lane: LaneResult
    tool_calls: list[dict[str, Any]] = field(default_factory=list)
    usage: Usage = field(default_factory=Usage)
    llm_usage: dict[str, Any] | None = None
    fallback: str = ""  # why the model's path was left for the built-in one


class AgentFailed(Exception):
    """The lane failed; carries what was tried, so the job records the calls and tokens it spent."""

    def __init__(self, error: LaneError, outcome_so_far: Outcome):
        super().__init__(str(error))
        self.error = error
        self.outcome = outcome_so_far


def agent_run(job: AgentJob) -> Outcome:
    config = llm_config()
    if config is None:
        return builtin_run(job)
    meter = UsageMeter(config)
    try:
        return model_run(job, config, meter)
    except LLMError as exc:
        logger.warning("agent job %s: the model failed (%s); the built-in path decides", job.pk, exc)
        outcome = builtin_run(job, fallback=str(exc))
        outcome.llm_usage = meter.as_dict()
        return outcome


# --- built in ----------------------------------------------------------------------------------------
def builtin_run(job: AgentJob, *, fallback: str = "") -> Outcome:
    decision = classify(job.prompt)
    outcome = Outcome(
        intent=decision.intent,
        decided_by=DecidedBy.BUILTIN,
        reasons=list(decision.reasons),
        lane=LaneResult(preview={}, summary=""),
        fallback=fallback,
    )
    call: dict[str, Any] = {"source": "builtin"}
    outcome.tool_calls.append(call)
    try:
        if decision.intent == Intent.EXECUTE:
            call.update(tool="execute_pipeline", arguments=_builtin_steps(job))
            outcome.lane = execute_pipeline(job, call["arguments"]["steps"])
        else:
            call.update(tool="patch_workflow", arguments=_builtin_patch(job))
            outcome.lane = patch_workflow(job, call["arguments"]["operations"], call["arguments"]["explanation"])
    except LaneError as exc:
        call.update(ok=False, error=str(exc))
        raise AgentFailed(exc, outcome) from None
    call["ok"] = True
    return outcome


def _builtin_steps(job: AgentJob) -> dict[str, Any]:
    columns = table_columns(job)
    parsed = parse_request(job.prompt, columns)
    if parsed is None:
        raise LaneError(
            "the built-in parser did not understand this request. It reads requests such as 'top 10 by price', "
            "'filter where price < 500', 'sort by date descending', 'count per category', 'average price per "
            "origin' and 'the name and email columns'; configure an LLM for anything else",
            code="request_not_understood",
        )
    if parsed.unmatched and columns is not None:
        words = ", ".join(repr(word) for word in parsed.unmatched)
        raise LaneError(
            f"no column matches {words}; the columns are: {', '.join(columns)}",
            code="unknown_column",
            details={"unmatched": parsed.unmatched, "valid_columns": columns},
        )
    return {"steps": parsed.steps, "explanation": parsed.explanation}


def _builtin_patch(job: AgentJob) -> dict[str, Any]:
    if job.graph_id is None:
        raise LaneError(
            "the built-in patch builder changes graphs of this platform: give graph_id, or a workflow_tag "
            "naming one of your graphs (an LLM is needed to patch an outside orchestrator's workflow)",
            code="no_target_workflow",
        )
    try:
        proposal = build_patch(job.prompt, job.graph.current.definition, tool_infos())
    except PatchNotUnderstood as exc:
        raise LaneError(f"the built-in patch builder could not write this change: {exc}", code="patch_not_understood")
    return {"operations": proposal.operations, "explanation": proposal.explanation}


# --- the model -----------------------------------------------------------------------------------------
def model_run(job: AgentJob, config, meter: UsageMeter) -> Outcome:
    conversation = ToolConversation(config, system=system_prompt(), tools=TOOLS, meter=meter)
    outcome = Outcome(intent="", decided_by=DecidedBy.MODEL, reasons=[], lane=LaneResult(preview={}, summary=""))
    outcome.usage = conversation.usage
    turn = conversation.send(user_message(job))
    for attempt in range(1, MAX_MODEL_TURNS + 1):
        outcome.llm_usage = meter.as_dict()
        if not turn.tool_calls:
            raise LLMError(f"the model answered without calling a tool: {turn.text[:200]!r}")
        call = turn.tool_calls[0]
        try:
            outcome.lane = _run_tool_call(job, call, outcome)
            return outcome
        except LaneError as exc:
            outcome.tool_calls[-1].update(ok=False, error=str(exc))
            if attempt == MAX_MODEL_TURNS:
                raise AgentFailed(exc, outcome) from None
            # Every call of the turn must be answered; only the first one was run.
            results = [ToolResult(call, f"error: {exc}", is_error=True)]
            results += [
                ToolResult(other, "not run: one tool call at a time", is_error=True) for other in turn.tool_calls[1:]
            ]
            turn = conversation.send_results(results)
    raise AssertionError("unreachable")  # pragma: no cover


def _run_tool_call(job: AgentJob, call: ToolCall, outcome: Outcome) -> LaneResult:
    record: dict[str, Any] = {"source": "model", "tool": call.name, "arguments": call.arguments}
    outcome.tool_calls.append(record)
    intent = LANE_OF_TOOL.get(call.name)
    if intent is None:
        raise LaneError(
            f"there is no tool {call.name!r}; the tools are execute_pipeline and patch_workflow", code="unknown_tool"
        )
    arguments = call.arguments
    if not isinstance(arguments, dict):
        raise LaneError("the tool arguments must be a JSON object", code="bad_arguments")
    outcome.intent = intent
    outcome.reasons = [f"the model called {call.name}"]
    if intent == Intent.EXECUTE:
        lane = execute_pipeline(job, arguments.get("steps"))
    else:
        lane = patch_workflow(job, arguments.get("operations"), str(arguments.get("explanation") or ""))
    record["ok"] = True
    return lane
