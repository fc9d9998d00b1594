"""Reads for graphs and runs, scoped to the caller."""

from __future__ import annotations

from typing import Any

from graphs.engine.checkpoint import rebuild_state
from graphs.engine.mermaid import to_mermaid
from graphs.engine.validation import check_graph
from graphs.models import Graph, Run, RunCheckpoint, RunEvent
from graphs.services import OrmCheckpointer, graph_spec
from wfplatform.api.scoping import owned_or_not_found
from wfplatform.jobs.models import JobStatus


def graph_for(user, graph_id) -> Graph:
    """The caller's graph (any graph for staff); others' graphs are not found."""
    return owned_or_not_found(Graph.objects.all(), user, graph_id, "graph")


def graph_diagram(graph: Graph) -> dict[str, Any]:
    """The latest version as a Mermaid flowchart (its subgraphs need not exist to be drawn)."""
    return {"graph_id": str(graph.pk), "version": graph.latest_version,
            "mermaid": to_mermaid(check_graph(graph.current.definition))}  # fmt: skip


def run_for(user, run_id) -> Run:
    return owned_or_not_found(Run.objects.select_related("version"), user, run_id, "run")


def run_current_state(run: Run) -> dict[str, Any]:
    """The state now: rebuilt from the checkpoints while the run is under way."""
    if run.status in (JobStatus.QUEUED, JobStatus.RUNNING):
        history = list(OrmCheckpointer(run).history())
        if history:
            return rebuild_state(history, graph_spec(run.version.definition).reducers)
        return dict(run.initial_state)
    return run.state


def run_log_lines(run: Run) -> list[str]:
    return [event.as_line() for event in RunEvent.objects.filter(run=run).only("kind", "node")]


def event_dicts(run_id, events: list[RunEvent]) -> list[dict[str, Any]]:
    """Events as the API and the live streams send them: a node_finished event carries its state
    update, read from its step's checkpoint (stored once, there), and every event its log line."""
    steps = {event.step for event in events if "update_index" in event.data}
    updates = {}
    if steps:
        rows = RunCheckpoint.objects.filter(run_id=run_id, step__in=steps).values_list("step", "data")
        updates = {step: data["updates"] for step, data in rows}
    result = []
    for event in events:
        data = dict(event.data)
        item = {"id": event.id, "kind": event.kind, "node": event.node, "step": event.step, "data": data,
                "line": event.as_line(), "created_at": event.created_at.isoformat()}  # fmt: skip
        index = data.pop("update_index", None)
        if index is not None and index < len(updates.get(event.step, ())):
            item["update"] = updates[event.step][index][1]
        result.append(item)
    return result
