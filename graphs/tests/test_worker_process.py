"""A graph run survives the death of its worker: a real qcluster, SIGKILL, the reaper, a new worker."""

from __future__ import annotations

import os
import signal
import time

import pytest
from django.test import override_settings

from graphs.models import Run, RunCheckpoint, RunEvent
from graphs.services import graph_create, run_start
from tests.jobs.test_worker_process import LEASE_SECONDS, cluster, wait_for  # noqa: F401 - the fixture
from wfplatform.jobs.models import JobStatus
from wfplatform.jobs.services import jobs_reap

pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True)]

TICKS = 8


def slow_counter(ticks: int, seconds: float) -> dict:
    """A graph that counts `n` up to `ticks`, waiting `seconds` after each tick."""
    return {
        "name": "slow counter",
        "start_node": "tick",
        "nodes": {
            "tick": {"tool": "increment", "args": {"key": "n"}, "next": "pause"},
            "pause": {
                "tool": "wait",
                "args": {"seconds": seconds},
                "next": {"condition": f"n >= {ticks}", "if_true": "end", "if_false": "tick"},
            },
        },
    }


COUNTER = slow_counter(TICKS, 0.4)


def _run(run: Run) -> Run:
    run.refresh_from_db()
    return run


@override_settings(WFP_JOB_LEASE_SECONDS=LEASE_SECONDS)
def test_a_run_whose_worker_is_killed_continues_from_its_last_checkpoint(user, cluster):  # noqa: F811
    graph = graph_create(owner=user, definition=COUNTER)
    run = run_start(owner=user, version=graph.current, initial_state={"n": 0})
    wait_for(lambda: RunEvent.objects.filter(run=run, kind="node_finished", node="tick").count() >= 3, "3 ticks")
    worker_pid = int(_run(run).worker.rsplit(":", 1)[1])
    os.kill(worker_pid, signal.SIGKILL)
    done_before = RunEvent.objects.filter(run=run, kind="node_finished").count()
    assert done_before < 2 * TICKS

    time.sleep(LEASE_SECONDS + 0.5)
    assert jobs_reap()["graphs.Run"]["requeued"] == 1
    wait_for(lambda: _run(run).status == JobStatus.SUCCEEDED, "the requeued run to finish on a new worker")

    assert run.state == {"n": TICKS} and run.attempts == 2
    assert int(run.worker.rsplit(":", 1)[1]) != worker_pid
    # Every node finished exactly once per visit: nothing completed before the kill ran again.
    finished = list(RunEvent.objects.filter(run=run, kind="node_finished").values_list("node", flat=True))
    assert finished.count("tick") == TICKS and finished.count("pause") == TICKS
    steps = list(RunCheckpoint.objects.filter(run=run).values_list("step", flat=True))
    assert steps == list(range(len(steps)))
    assert RunEvent.objects.filter(run=run, kind="run_resumed").count() == 1
