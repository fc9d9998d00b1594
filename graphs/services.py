"""Writes for graphs and runs: one function per operation; the engine does the running."""

from __future__ import annotations

import json
import time
import uuid
from collections.abc import Iterable
from typing import Any

from django.db import IntegrityError, transaction

from graphs.engine.checkpoint import START, Checkpoint, rebuild_state
from graphs.engine.definition import GraphSpec
from graphs.engine.errors import InvalidGraph, ToolError
from graphs.engine.runner import Engine
from graphs.engine.state import StateError
from graphs.engine.validation import check_graph
from graphs.models import Graph, GraphVersion, Run, RunCheckpoint, RunEvent
from wfplatform.errors import ApplicationError, ConflictError, NotFoundError
from wfplatform.jobs.models import JobStatus
from wfplatform.jobs.services import JobCancelled, JobFailure, JobPaused, job_cancel, job_enqueue, job_requeue

CANCEL_POLL_SECONDS = 0.5


# --- graphs ---------------------------------------------------------------------------------------
def graph_spec(definition: Any) -> GraphSpec:
    """The checked spec of a definition; a 400 listing every problem otherwise."""
    try:
        return check_graph(definition, graph_exists=lambda ref: Graph.objects.filter(pk=_uuid_or_none(ref)).exists())
    except InvalidGraph as exc:
        problems = [problem.as_dict() for problem in exc.problems]
        raise ApplicationError(str(exc), code="invalid_graph", details={"problems": problems}) from None


def _uuid_or_none(ref: str) -> str | None:
    try:
        return str(uuid.UUID(ref))
    except ValueError:
        return None


@transaction.atomic
def graph_create(*, owner, definition: dict[str, Any], note: str = "") -> Graph:
    spec = graph_spec(definition)
    graph = Graph.objects.create(owner=owner, name=spec.name, description=spec.description, latest_version=1)
    GraphVersion.objects.create(graph=graph, number=1, definition=definition, note=note, created_by=owner)
    return graph


@transaction.atomic
def graph_update(*, graph: Graph, definition: dict[str, Any], user, note: str = "") -> GraphVersion:
    """A new version; runs keep the version they started with."""
    spec = graph_spec(definition)
    locked = Graph.objects.select_for_update().get(pk=graph.pk)
    locked.latest_version += 1
    locked.name, locked.description = spec.name, spec.description
    locked.save(update_fields=["latest_version", "name", "description", "updated_at"])
    version = GraphVersion.objects.create(
        graph=locked, number=locked.latest_version, definition=definition, note=note, created_by=user
    )
    graph.refresh_from_db()
    return version


# --- runs -----------------------------------------------------------------------------------------
def _check_state(state: Any, what: str) -> dict[str, Any]:
    if state is None:
        return {}
    if not isinstance(state, dict):
        raise ApplicationError(f"{what} must be a JSON object", code="invalid_state")
    return state


@transaction.atomic
def run_start(*, owner, version: GraphVersion, initial_state: Any = None) -> Run:
    run = Run.objects.create(owner=owner, version=version, initial_state=_check_state(initial_state, "initial_state"))
    job_enqueue(run)
    return run


def run_cancel(*, run: Run) -> Run:
    if not job_cancel(run):
        raise ConflictError(f"run {run.pk} is {run.status}; only a queued, running or paused run can be cancelled")
    return run


def run_resume(*, run: Run, resume_input: Any = None) -> Run:
    if run.status != JobStatus.PAUSED:
        raise ConflictError(f"run {run.pk} is {run.status}; only a paused run can be resumed")
    Run.objects.filter(pk=run.pk).update(resume_input=_check_state(resume_input, "input"))
    if not job_requeue(run):
        raise ConflictError(f"run {run.pk} is no longer paused")
    run.refresh_from_db()
    return run


@transaction.atomic
def run_replay(*, run: Run, step: int, state_changes: Any = None, owner=None) -> Run:
    """A new run continuing from `step` of `run`, with its state edited by `state_changes`."""
    row = RunCheckpoint.objects.filter(run=run, step=step).first()
    if row is None:
        raise NotFoundError(f"run {run.pk} has no checkpoint at step {step}")
    source = Checkpoint.from_json(row.data)
    if not source.tasks:
        raise ApplicationError(f"step {step} of run {run.pk} has nothing left to run", code="nothing_to_replay")
    spec = graph_spec(run.version.definition)
    state = rebuild_state(OrmCheckpointer(run).history(until=step), spec.reducers)
    state.update(_check_state(state_changes, "state"))
    replay = Run.objects.create(owner=owner or run.owner, version=run.version, initial_state=state, replay_of=run,
                                replay_step=step)  # fmt: skip
    start = Checkpoint(0, [(START, state)], source.tasks, source.frames, source.visits, source.node_runs)
    RunCheckpoint.objects.create(run=replay, step=0, data=start.to_json())
    job_enqueue(replay)
    return replay


# --- executing a run (on a worker) ----------------------------------------------------------------
class OrmCheckpointer:
    """Checkpoints as rows; the unique (run, step) keeps two workers from writing the same step.

    Also the run's event sink: events are rows, written at once so streams see a node start
    live, except node_finished, which is written in the same transaction as the step's
    checkpoint. A worker killed between the two thus never leaves a node 'finished' whose
    update was lost (it runs again, and its log says so once).
    """

    def __init__(self, run: Run):
        self.run = run
        self.finished: list[RunEvent] = []

    def save(self, checkpoint: Checkpoint) -> None:
        data = checkpoint.to_json()
        try:
            json.dumps(data)
        except (TypeError, ValueError) as exc:
            raise StateError(f"step {checkpoint.step}: a tool returned a value that is not JSON ({exc})") from None
        try:
            with transaction.atomic():
                RunCheckpoint.objects.create(run_id=self.run.pk, step=checkpoint.step, data=data)
                if self.finished:
                    RunEvent.objects.bulk_create(self.finished)
        except IntegrityError:
            raise JobCancelled(f"step {checkpoint.step} of run {self.run.pk} was written by another worker") from None
        self.finished = []

    def latest(self) -> Checkpoint | None:
        row = RunCheckpoint.objects.filter(run_id=self.run.pk).order_by("-step").values_list("data", flat=True).first()
        return Checkpoint.from_json(row) if row is not None else None

    def history(self, until: int | None = None) -> Iterable[list[tuple[str, dict[str, Any]]]]:
        rows = RunCheckpoint.objects.filter(run_id=self.run.pk).order_by("step")
        if until is not None:
            rows = rows.filter(step__lte=until)
        for data in rows.values_list("data", flat=True).iterator(chunk_size=500):
            yield [(node, update) for node, update in data["updates"]]

    def __call__(self, event: dict[str, Any]) -> None:
        kind = event["kind"]
        data = {key: value for key, value in event.items() if key not in ("kind", "node", "step", "update")}
        if "update" in event:
            data["keys"] = sorted(event["update"])
        if "duration" in data:
            data["duration_ms"] = round(data.pop("duration") * 1000, 3)
        if kind == "subgraph_event":
            data = {"event": {k: v for k, v in event["event"].items() if k != "update"}}
        row = RunEvent(run_id=self.run.pk, kind=kind, node=event.get("node") or "", step=event.get("step") or 0,
                       data=data)  # fmt: skip
        if kind == "node_finished":
            self.finished.append(row)
        else:
            row.save()


def _cancel_probe(run: Run):
    last = [time.monotonic()]

    def cancelled() -> bool:
        now = time.monotonic()
        if now - last[0] < CANCEL_POLL_SECONDS:
            return False
        last[0] = now
        return Run.objects.filter(pk=run.pk, status=JobStatus.CANCELLED).exists()

    return cancelled


def load_subgraph(ref: str) -> GraphSpec:
    graph = Graph.objects.filter(pk=_uuid_or_none(ref)).first()
    if graph is None:
        raise ToolError(f"subgraph {ref!r} does not exist")
    return graph_spec(graph.current.definition)


def run_execute(run: Run) -> None:
    """The worker's part (called by job_run): run or continue the engine, then record the outcome."""
    spec = graph_spec(run.version.definition)
    recorder = OrmCheckpointer(run)
    engine = Engine(spec, checkpointer=recorder, on_event=recorder, subgraphs=load_subgraph,
                    cancelled=_cancel_probe(run))  # fmt: skip
    result = engine.run(run.initial_state, resume=run.resume_input)
    fields = {"state": result.state, "step": result.steps, "node_runs": result.node_runs, "pause": result.pause,
              "resume_input": None}  # fmt: skip
    Run.objects.filter(pk=run.pk).update(**fields)
    if result.status == "paused":
        raise JobPaused(f"Paused at {result.pause.get('node')}: {result.pause.get('reason')}")
    if result.status == "cancelled":
        raise JobCancelled(str(run.pk))
    if result.status == "failed":
        error = result.error or {}
        raise JobFailure(error.get("message") or "the run failed", code=error.get("code") or "run_failed")
