"""Reads for graphs and runs, scoped to the caller."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from graphs.engine.checkpoint import rebuild_state
from graphs.models import Graph, Run, RunEvent
from wfplatform.jobs.models import JobStatus


def graphs_for(user) -> QuerySet[Graph]:
    graphs = Graph.objects.all()
    return graphs if user.is_staff else graphs.filter(owner=user)


def runs_for(user) -> QuerySet[Run]:
    runs = Run.objects.select_related("version", "version__graph")
    return runs if user.is_staff else runs.filter(owner=user)


def run_current_state(run: Run) -> dict[str, Any]:
    """The state now: rebuilt from the checkpoints while the run is under way."""
    if run.status in (JobStatus.QUEUED, JobStatus.RUNNING):
        from graphs.services import OrmCheckpointer, graph_spec

        history = list(OrmCheckpointer(run).history())
        if history:
            return rebuild_state(history, graph_spec(run.version.definition).reducers)
        return dict(run.initial_state)
    return run.state


def run_log_lines(run: Run) -> list[str]:
    return [event.as_line() for event in RunEvent.objects.filter(run=run).only("kind", "node")]
