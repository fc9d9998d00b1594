"""The workflow a job is about: its target graph, what the agent is shown of it, and the tools it may use."""

from __future__ import annotations

import uuid
from typing import Any

from agentrunner.models import AgentJob
from agentrunner.patch_builder import ToolInfo
from graphs.engine.tools import registry
from graphs.models import Graph
from wfplatform.api.scoping import scope_to_user


def target_graph(user, *, graph_id: Any = None, workflow_tag: str = "") -> Graph | None:
    """The graph named by graph_id, or by workflow_tag (a graph id or a graph name), among the user's graphs.

    graph_id must name one (NotFound otherwise is the caller's check); a tag that names none is not an
    error: the workflow may live in an outside orchestrator.
    """
    graphs = scope_to_user(Graph.objects.all(), user)
    if graph_id:
        return graphs.filter(pk=graph_id).first()
    if not workflow_tag:
        return None
    try:
        return graphs.filter(pk=uuid.UUID(workflow_tag)).first()
    except ValueError:
        # Names are not unique: the most recently changed graph of that name is the one in use.
        return graphs.filter(name=workflow_tag).order_by("-updated_at").first()


def workflow_definition(job: AgentJob) -> dict[str, Any] | None:
    """The target graph's latest definition, else the current_workflow the job was sent with."""
    if job.graph_id is not None:
        return job.graph.current.definition
    return job.current_workflow


def tool_infos() -> list[ToolInfo]:
    """Every tool a workflow node may call (the graphs registry)."""
    return [ToolInfo(name=t.name, description=t.description, schema=t.schema) for t in registry]
