"""The `agent` graph tool: a workflow node hands a prompt to the agent and gets its result in the state.

The agent job runs in the worker that runs the graph (the node waits for it, as for any tool), owned
by the run's owner, and is recorded like every other agent job. Outside a graph run it refuses.
"""

from __future__ import annotations

from typing import Any

from agentrunner.models import JobSource
from agentrunner.services import agent_job_run_now, result_document
from graphs.context import current_run
from graphs.engine.errors import ToolError
from graphs.engine.tools import tool
from wfplatform.errors import ApplicationError
from wfplatform.jobs.models import JobStatus

SCHEMA = {
    "type": "object",
    "required": ["prompt"],
    "properties": {
        "prompt": {"type": "string", "minLength": 1, "maxLength": 10_000},
        "previous_results": {"description": "The data to work on: a table (list of objects) or a list of them."},
        "graph_id": {"type": "string", "description": "The workflow a lasting change applies to (default: none)."},
        "input_ref": {"type": "string", "description": "An artifact://... to start the pipeline from."},
    },
}


@tool(
    schema=SCHEMA,
    description="Ask the agent: a one-time data request runs a pipeline (result: artifact + preview), a lasting "
    "change patches a workflow. {prompt, previous_results?, graph_id?} in; {agent_job_id, intent, result_ref, "
    "result_preview, summary} out.",
)
def agent(inputs: dict[str, Any]) -> dict[str, Any]:
    run = current_run()
    if run is None:
        raise ToolError("agent runs only inside a graph run (it needs the run's owner)")
    previous = inputs.get("previous_results")
    context = {"previous_results": previous if isinstance(previous, list) else ([previous] if previous else [])}
    if inputs.get("input_ref"):
        context["input_ref"] = inputs["input_ref"]
    try:
        job = agent_job_run_now(
            owner=run.owner,
            source=JobSource.GRAPH,
            prompt=inputs["prompt"],
            run_id=str(run.pk),
            graph_id=inputs.get("graph_id"),
            context=context,
        )
    except ApplicationError as exc:
        raise ToolError(exc.message) from None
    if job.status != JobStatus.SUCCEEDED:
        raise ToolError(f"agent job {job.pk} {job.status}: {job.error}")
    document = result_document(job)
    return {
        "agent_job_id": str(job.pk),
        "intent": job.intent,
        "result_ref": document["result_ref"],
        "result_preview": document["result_preview"],
        "summary": job.result_summary,
    }
