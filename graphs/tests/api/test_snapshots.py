"""State snapshots in durable checkpoints: a long run's state is rebuilt from its latest snapshot and the
steps after it, and comes out the same as replaying every step from the start."""

from __future__ import annotations

from typing import Any

import pytest

from graphs.engine import checkpoint
from graphs.engine.checkpoint import START, rebuild_state
from graphs.models import Run, RunCheckpoint, RunEvent
from graphs.selectors import run_current_state
from graphs.services import OrmCheckpointer, graph_create, graph_spec, run_start
from graphs.tasks import run_graph
from wfplatform.jobs.models import JobStatus

pytestmark = pytest.mark.django_db

EVERY = 5
# The start, init, then bump and note in turn until count reaches 23, then the end: 48 steps (0-47).
STEPS = 48
LOOP: dict[str, Any] = {
    "name": "long loop",
    "start_node": "init",
    "max_steps": 100,
    "reducers": {"seen": "append"},  # a reducer: replaying one step twice, or skipping one, would show
    "nodes": {
        "init": {"tool": "set_values", "args": {"values": {"label": "start"}}, "next": "bump"},
        "bump": {
            "tool": "increment",
            "args": {"key": "count", "by": 1},
            "next": {"condition": "count >= 23", "if_true": "end", "if_false": "note"},
        },
        "note": {"tool": "set_values", "args": {"values": {"seen": "x"}}, "next": "bump"},
    },
}


@pytest.fixture(autouse=True)
def snapshot_often(monkeypatch):
    monkeypatch.setattr(checkpoint, "SNAPSHOT_EVERY", EVERY)


def full_replay(run: Run, until: int | None = None) -> dict[str, Any]:
    """The state from every checkpoint's updates, ignoring snapshots: what the snapshots must agree with."""
    rows = RunCheckpoint.objects.filter(run=run).order_by("step")
    if until is not None:
        rows = rows.filter(step__lte=until)
    history = [[(node, update) for node, update in data["updates"]] for data in rows.values_list("data", flat=True)]
    return rebuild_state(history, graph_spec(run.version.definition).reducers)


@pytest.fixture
def finished(user) -> Run:
    run = run_start(owner=user, version=graph_create(owner=user, definition=LOOP).current, initial_state={"count": 0})
    assert run_graph(str(run.pk)) == JobStatus.SUCCEEDED
    return Run.objects.get(pk=run.pk)


def test_the_latest_nth_checkpoint_holds_the_state_after_its_step(user, finished):
    rows = dict(RunCheckpoint.objects.filter(run=finished).values_list("step", "data"))
    assert sorted(rows) == list(range(STEPS))
    # Only the latest snapshot is kept: a growing state (seen) is not stored again and again.
    assert [step for step, data in sorted(rows.items()) if "snapshot" in data] == [45]
    assert rows[45]["snapshot"] == full_replay(finished, until=45)
    assert finished.state["count"] == 23 and len(finished.state["seen"]) == 22


def test_history_starts_at_the_latest_snapshot_and_rebuilds_the_same_state(finished):
    reducers = graph_spec(finished.version.definition).reducers
    history = list(OrmCheckpointer(finished).history())
    assert history[0] == [(START, full_replay(finished, until=45))] and len(history) == 1 + 2  # then 46 and 47
    assert rebuild_state(history, reducers) == finished.state == full_replay(finished)
    for until in (3, 5, 13, 19, 44, 45, 47):
        partial = list(OrmCheckpointer(finished).history(until=until))
        assert len(partial) == (until + 1 if until < 45 else 1 + until - 45)  # before 45: from the start
        assert rebuild_state(partial, reducers) == full_replay(finished, until=until)


def test_a_run_resumed_after_a_crash_past_a_snapshot_ends_as_an_uninterrupted_one(user, finished):
    run = run_start(owner=user, version=finished.version, initial_state={"count": 0})
    assert run_graph(str(run.pk)) == JobStatus.SUCCEEDED
    # As if its worker died after step 17 was committed, with step 15's snapshot the latest written: what
    # came later is gone, and the reaper requeued it.
    RunCheckpoint.objects.filter(run=run, step__gt=17).delete()
    RunEvent.objects.filter(run=run, step__gt=17).delete()
    row = RunCheckpoint.objects.get(run=run, step=15)
    row.data["snapshot"] = full_replay(run, until=15)
    row.save(update_fields=["data"])
    Run.objects.filter(pk=run.pk).update(status=JobStatus.RUNNING, state={}, finished_at=None)
    assert len(list(OrmCheckpointer(run).history())) == 3  # snapshot 15, then steps 16 and 17
    assert run_current_state(Run.objects.get(pk=run.pk)) == full_replay(run, until=17)
    Run.objects.filter(pk=run.pk).update(status=JobStatus.QUEUED)

    assert run_graph(str(run.pk)) == JobStatus.SUCCEEDED

    resumed = Run.objects.get(pk=run.pk)
    assert resumed.state == finished.state and resumed.step == finished.step
    assert RunCheckpoint.objects.filter(run=run).count() == STEPS
    assert list(RunCheckpoint.objects.filter(run=run, data__has_key="snapshot").values_list("step", flat=True)) == [45]


def test_runs_saved_before_snapshots_existed_still_rebuild(finished):
    for row in RunCheckpoint.objects.filter(run=finished):
        row.data.pop("snapshot", None)
        row.save(update_fields=["data"])
    history = list(OrmCheckpointer(finished).history())
    assert len(history) == STEPS
    assert rebuild_state(history, graph_spec(finished.version.definition).reducers) == finished.state
