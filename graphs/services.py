"""Writes for graphs and runs: one function per operation; the engine does the running."""

from __future__ import annotations

import json
import time
import uuid
from collections.abc import Callable, Iterable
from typing import Any

import jsonpatch
import jsonpointer
from django.db import DEFAULT_DB_ALIAS, IntegrityError, connections, models, transaction
from django.db.models import F, ProtectedError
from django.utils import timezone

from graphs.context import running
from graphs.engine.checkpoint import START, Checkpoint, last_snapshot_step, rebuild_state
from graphs.engine.definition import GraphSpec
from graphs.engine.errors import InvalidGraph, Problem, ToolError
from graphs.engine.runner import Engine
from graphs.engine.state import StateError
from graphs.engine.validation import check_graph
from graphs.models import Graph, GraphVersion, Run, RunCheckpoint, RunEvent
from graphs.wakeups import notify_run
from wfplatform.errors import ApplicationError, ConflictError, NotFoundError
from wfplatform.jobs.models import JobStatus
from wfplatform.jobs.services import JobCancelled, JobFailure, JobPaused, job_cancel, job_enqueue, job_requeue

CANCEL_POLL_SECONDS = 0.5


# --- graphs ---------------------------------------------------------------------------------------
def graph_spec(definition: Any, *, graph_id: Any = None) -> GraphSpec:
    """The checked spec of a definition; a 400 listing every problem otherwise.

    With `graph_id` (the graph this definition is a version of), a subgraph that leads back to
    that graph is a problem too: the run would call itself without end.
    """
    try:
        spec = check_graph(definition, graph_exists=lambda ref: Graph.objects.filter(pk=_uuid_or_none(ref)).exists())
        if graph_id is not None:
            _refuse_subgraph_cycle(spec, str(graph_id))
        return spec
    except InvalidGraph as exc:
        problems = [problem.as_dict() for problem in exc.problems]
        raise ApplicationError(str(exc), code="invalid_graph", details={"problems": problems}) from None


def _subgraph_refs(definition: Any) -> set[str]:
    nodes = definition.get("nodes") if isinstance(definition, dict) else None
    if not isinstance(nodes, dict):
        return set()
    return {str(node["subgraph"]) for node in nodes.values() if isinstance(node, dict) and node.get("subgraph")}


def _refuse_subgraph_cycle(spec: GraphSpec, graph_id: str) -> None:
    """Follow subgraphs (as they run: each one's latest version) and refuse a path back to graph_id."""
    problems = []
    for name, node in spec.nodes.items():
        if node.subgraph is None:
            continue
        path, seen, frontier = {node.subgraph: [node.subgraph]}, {node.subgraph}, [node.subgraph]
        while frontier:
            ref = frontier.pop()
            if _uuid_or_none(ref) == graph_id:
                chain = " -> ".join(path[ref])
                problems.append(Problem(f"nodes.{name}.subgraph", f"runs this graph again ({chain}): a cycle"))
                break
            latest = GraphVersion.objects.filter(graph_id=_uuid_or_none(ref), graph__latest_version=F("number"))
            for definition in latest.values_list("definition", flat=True):
                for child in _subgraph_refs(definition) - seen:
                    seen.add(child)
                    path[child] = [*path[ref], child]
                    frontier.append(child)
    if problems:
        raise InvalidGraph(problems)


def graph_users(graph: Graph) -> list[Graph]:
    """The graphs whose latest version runs this one as a subgraph."""
    latest = GraphVersion.objects.filter(graph__latest_version=F("number")).exclude(graph=graph)
    key = str(graph.pk)
    return [version.graph for version in latest.select_related("graph") if key in _subgraph_refs(version.definition)]


def graph_delete(*, graph: Graph) -> None:
    users = graph_users(graph)
    if users:
        names = ", ".join(f"{user.name!r} ({user.pk})" for user in users[:5])
        raise ConflictError(f"graphs use this one as a subgraph: {names}", code="graph_in_use")
    try:
        graph.delete()
    except ProtectedError:  # its versions are pinned by runs, whose history must stay readable
        raise ConflictError("the graph has runs; it cannot be deleted", code="graph_has_runs") from None


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
    spec = graph_spec(definition, graph_id=graph.pk)
    locked = Graph.objects.select_for_update().get(pk=graph.pk)
    locked.latest_version += 1
    locked.name, locked.description = spec.name, spec.description
    locked.save(update_fields=["latest_version", "name", "description", "updated_at"])
    version = GraphVersion.objects.create(
        graph=locked, number=locked.latest_version, definition=definition, note=note, created_by=user
    )
    graph.refresh_from_db()
    return version


@transaction.atomic
def graph_patch(
    *, graph: Graph, operations: Any, user, note: str = "", expected_version: int | None = None
) -> GraphVersion:
    """Apply an RFC 6902 JSON Patch to the latest definition and save the result as a new version.

    All or nothing: a patch that does not apply, or whose result breaks a graph rule, raises a 400
    saying why and writes nothing. The graph row is locked while the patch is applied, so two
    patches never both start from the same version; `expected_version` refuses (409) a patch
    written against a version that is no longer the latest.
    """
    locked = Graph.objects.select_for_update().get(pk=graph.pk)
    if expected_version is not None and expected_version != locked.latest_version:
        raise ConflictError(
            f"the patch was written for version {expected_version}, but the graph is at version "
            f"{locked.latest_version}; fetch it again and re-apply",
            code="graph_version_conflict",
            details={"expected_version": expected_version, "latest_version": locked.latest_version},
        )
    current = locked.versions.get(number=locked.latest_version).definition
    definition = apply_json_patch(current, operations)
    version = graph_update(graph=locked, definition=definition, user=user, note=note or "JSON Patch")
    graph.refresh_from_db()
    return version


def apply_json_patch(document: Any, operations: Any) -> Any:
    """The patched copy of `document`; a 400 naming the failing operation when the patch does not apply."""
    if not isinstance(operations, list) or not operations:
        raise ApplicationError("a JSON Patch is a non-empty list of operations", code="invalid_patch")
    # One operation at a time, so the error can say which one failed.
    for index, operation in enumerate(operations):
        try:
            document = jsonpatch.JsonPatch([operation]).apply(document)
        except (
            jsonpatch.JsonPatchException,
            jsonpointer.JsonPointerException,
            TypeError,
            KeyError,
            AttributeError,
        ) as exc:
            raise ApplicationError(
                f"operation {index + 1} of the patch ({_describe_operation(operation)}) does not apply: {exc}",
                code="invalid_patch",
                details={"operation": index, "op": operation},
            ) from None
    return document


def _describe_operation(operation: Any) -> str:
    if isinstance(operation, dict):
        return f"{operation.get('op', '?')} {operation.get('path', '?')}"
    return repr(operation)[:80]


# --- runs -----------------------------------------------------------------------------------------
def check_state(state: Any, what: str) -> dict[str, Any]:
    """A state (or part of one) given by a caller: a JSON object, {} for None; a 400 naming `what` otherwise."""
    if state is None:
        return {}
    if not isinstance(state, dict):
        message = f"{what} must be a JSON object"
        raise ApplicationError(message, code="invalid_state", details={what: [message]})
    return state


@transaction.atomic
def run_start(*, owner, version: GraphVersion, initial_state: Any = None) -> Run:
    run = Run.objects.create(owner=owner, version=version, initial_state=check_state(initial_state, "initial_state"))
    job_enqueue(run)
    return run


def run_cancel(*, run: Run) -> Run:
    if not job_cancel(run):
        raise ConflictError(f"run {run.pk} is {run.status}; only a queued, running or paused run can be cancelled")
    return run


@transaction.atomic
def run_resume(*, run: Run, resume_input: Any = None) -> Run:
    if run.status != JobStatus.PAUSED:
        raise ConflictError(f"run {run.pk} is {run.status}; only a paused run can be resumed")
    Run.objects.filter(pk=run.pk).update(resume_input=check_state(resume_input, "input"))
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
    state.update(check_state(state_changes, "state"))
    replay = Run.objects.create(owner=owner or run.owner, version=run.version, initial_state=state, replay_of=run,
                                replay_step=step)  # fmt: skip
    start = Checkpoint(0, [(START, state)], source.tasks, source.frames, source.visits, source.node_runs)
    RunCheckpoint.objects.create(run=replay, step=0, data=start.to_json())
    job_enqueue(replay)
    return replay


# --- executing a run (on a worker) ----------------------------------------------------------------
class _Table:
    """Multi-row INSERTs into a model's table without compiling a query per write: for the few small
    rows of a durable step, that compilation costs more than the write itself.

    Values go through their field's own conversion for the database (as in bulk_create), except
    those of plain text and integer fields, which pass as they are; `fixed` columns (the run) are
    converted once.
    """

    PLAIN = frozenset({"CharField", "TextField", "IntegerField", "PositiveIntegerField"})

    def __init__(self, model: type[models.Model], fixed: dict[str, Any], names: tuple[str, ...]):
        db = connections[DEFAULT_DB_ALIAS]
        fixed_fields = [model._meta.get_field(name) for name in fixed]
        self.fields = [model._meta.get_field(name) for name in names]
        pairs = zip(fixed_fields, fixed.values(), strict=True)
        self.fixed = [field.get_db_prep_save(value, db) for field, value in pairs]
        self.prepare = [self._converter(field) for field in self.fields]
        every = fixed_fields + self.fields
        quote = db.ops.quote_name
        columns = ", ".join(quote(field.column) for field in every)
        self.head = f"INSERT INTO {quote(model._meta.db_table)} ({columns}) VALUES "
        self.row = f"({', '.join(['%s'] * len(every))})"
        self.batch = max(1, db.ops.bulk_batch_size(every, range(10**6)))

    @classmethod
    def _converter(cls, field: models.Field) -> Callable[[Any, Any], Any] | None:
        kind = field.get_internal_type()
        if kind in cls.PLAIN:
            return None
        if kind == "JSONField":  # straight to the backend's adapter: the field's layers cost more than the dump
            return lambda value, db: db.ops.adapt_json_value(value, field.encoder)
        if kind == "DateTimeField":  # values here are aware datetimes from timezone.now()
            return lambda value, db: db.ops.adapt_datetimefield_value(value)
        return field.get_db_prep_save

    def values(self, *values: Any) -> list[Any]:
        """One row's parameters (after the fixed ones); a JSON value is serialized here or by the driver."""
        db = connections[DEFAULT_DB_ALIAS]
        return [*self.fixed, *(value if prepare is None else prepare(value, db)
                               for prepare, value in zip(self.prepare, values, strict=True))]  # fmt: skip

    def insert(self, rows: list[list[Any]]) -> None:
        with connections[DEFAULT_DB_ALIAS].cursor() as cursor:
            for start in range(0, len(rows), self.batch):
                batch = rows[start : start + self.batch]
                params = [value for row in batch for value in row]
                cursor.execute(self.head + ", ".join([self.row] * len(batch)), params)


class OrmCheckpointer:
    """Checkpoints as rows; the unique (run, step) keeps two workers from writing the same step.

    Also the run's event sink. Events are rows, written in the transaction of their step's
    checkpoint: the log holds the steps that were committed and no others (a worker killed
    mid-step leaves no 'finished' whose update was lost; the step runs again, and its log says
    so once), and one transaction with one INSERT per table makes a durable step cheap. Two
    kinds of event are written at once instead, so that streams see them live: the run's end or
    pause, and the start of a node that may take a while (one not yet seen to finish within
    LIVE_START_MS in this run; events of a fan-out arrive after their step anyway). A
    node_finished event points at its update in the checkpoint (`update_index`) rather than
    holding a copy of it.
    """

    AT_ONCE = frozenset({"run_paused", "run_finished"})
    wants_snapshots = True  # history() starts from the latest one
    LIVE_START_MS = 50.0

    def __init__(self, run: Run):
        self.run = run
        self.checkpoints = _Table(RunCheckpoint, {"run": run.pk}, ("step", "data", "created_at"))
        self.events = _Table(RunEvent, {"run": run.pk}, ("kind", "node", "step", "data", "created_at"))
        self.pending: list[tuple[str, str, int, dict[str, Any], Any]] = []
        self.finished: list[tuple[dict[str, Any], Any]] = []  # (event data, the update it reports)
        self.quick: set[str] = set()  # nodes whose start need not be shown at once

    def save(self, checkpoint: Checkpoint) -> None:
        data = checkpoint.to_json()
        try:
            row = self.checkpoints.values(checkpoint.step, data, timezone.now())
            if not isinstance(row[2], str):  # the driver serializes it later: check here, so that every
                json.dumps(data)  # database reports a value that is not JSON the same way
        except (TypeError, ValueError) as exc:
            raise StateError(f"step {checkpoint.step}: a tool returned a value that is not JSON ({exc})") from None
        where = {id(update): index for index, (_, update) in enumerate(checkpoint.updates)}
        for event_data, update in self.finished:
            if id(update) in where:
                event_data["update_index"] = where[id(update)]
        try:
            with transaction.atomic():
                self.checkpoints.insert([row])
                if checkpoint.snapshot is not None:
                    self._drop_older_snapshot(checkpoint.step)
                if self.pending:
                    self.events.insert(self._event_rows())
        except IntegrityError:
            raise JobCancelled(f"step {checkpoint.step} of run {self.run.pk} was written by another worker") from None
        self.pending, self.finished = [], []
        notify_run(self.run.pk)

    def _drop_older_snapshot(self, step: int) -> None:
        """Only the latest snapshot is kept: a state that grows (an append reducer) would otherwise be stored
        again every SNAPSHOT_EVERY steps. Replaying an earlier step replays from the start, as before."""
        older = RunCheckpoint.objects.filter(run_id=self.run.pk, step=last_snapshot_step(step - 1))
        data = older.values_list("data", flat=True).first()
        if data is not None and "snapshot" in data:
            del data["snapshot"]
            older.update(data=data)

    def latest(self) -> Checkpoint | None:
        row = RunCheckpoint.objects.filter(run_id=self.run.pk).order_by("-step").values_list("data", flat=True).first()
        return Checkpoint.from_json(row) if row is not None else None

    def history(self, until: int | None = None) -> Iterable[list[tuple[str, dict[str, Any]]]]:
        """From the latest snapshot up to `until` (see graphs.engine.checkpoint), else from step 0."""
        rows = RunCheckpoint.objects.filter(run_id=self.run.pk)
        if until is not None:
            rows = rows.filter(step__lte=until)
        last = rows.order_by("-step").values_list("step", flat=True).first()
        if last is None:
            return
        at = last_snapshot_step(last)  # steps are saved one after another, so it is there
        snapshot = rows.filter(step=at).values_list("data", flat=True).first() if at else None
        if snapshot is not None and "snapshot" in snapshot:
            yield [(START, snapshot["snapshot"])]
            rows = rows.filter(step__gt=at)
        for data in rows.order_by("step").values_list("data", flat=True).iterator(chunk_size=500):
            yield [(node, update) for node, update in data["updates"]]

    def __call__(self, event: dict[str, Any]) -> None:
        kind = event["kind"]
        data = {key: value for key, value in event.items() if key not in ("kind", "node", "step", "update", "held")}
        if "update" in event:
            data["keys"] = sorted(event["update"])
        if "duration" in data:
            data["duration_ms"] = round(data.pop("duration") * 1000, 3)
        if kind == "subgraph_event":
            data = {"event": {k: v for k, v in event["event"].items() if k not in ("update", "held")}}
        node, step = event.get("node") or "", event.get("step") or 0
        self.pending.append((kind, node, step, data, timezone.now()))
        if kind == "node_finished":
            self.finished.append((data, event.get("update")))
            if data["duration_ms"] < self.LIVE_START_MS:
                self.quick.add(node)
            else:
                self.quick.discard(node)
        if kind in self.AT_ONCE or (kind == "node_started" and node not in self.quick and not event.get("held")):
            self.flush()

    def flush(self) -> None:
        """Write the events so far, outside any step's transaction."""
        with transaction.atomic():
            self.events.insert(self._event_rows())
        self.pending = []
        notify_run(self.run.pk)

    def _event_rows(self) -> list[list[Any]]:
        return [self.events.values(*event) for event in self.pending]


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
    try:
        # Checked when it was saved; subgraphs are looked up as they run (a missing one fails its node).
        spec = check_graph(run.version.definition)
    except InvalidGraph as exc:
        raise JobFailure(str(exc), code="invalid_graph") from None
    recorder = OrmCheckpointer(run)
    engine = Engine(spec, checkpointer=recorder, on_event=recorder, subgraphs=load_subgraph,
                    cancelled=_cancel_probe(run))  # fmt: skip
    with running(run):  # tools that touch a user's data check the run's owner
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
