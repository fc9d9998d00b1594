"""Reads for graphs and runs, scoped to the caller."""

from __future__ import annotations

from typing import Any

from graphs.engine.checkpoint import rebuild_state
from graphs.models import Graph, Run, RunEvent
from graphs.services import OrmCheckpointer, graph_spec
from wfplatform.api.scoping import scope_to_user
from wfplatform.errors import NotFoundError
from wfplatform.jobs.models import JobStatus


def graph_for(user, graph_id) -> Graph:
    """The caller's graph (any graph for staff); others' graphs are not found."""
    graph = scope_to_user(Graph.objects.all(), user).filter(pk=graph_id).first()
    if graph is None:
        raise NotFoundError(f"no graph {graph_id}")
    return graph


def run_for(user, run_id) -> Run:
    run = scope_to_user(Run.objects.select_related("version"), user).filter(pk=run_id).first()
    if run is None:
        raise NotFoundError(f"no run {run_id}")
    return run


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
