"""Job lifecycle with a real `manage.py qcluster` process, as it runs in production."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from urllib.parse import quote

import pytest
from django.db import connection
from django.test import override_settings

from tests.jobsapp.models import SleepJob
from wfplatform.jobs.models import JobStatus
from wfplatform.jobs.services import job_enqueue, jobs_reap

pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True)]

ROOT = Path(__file__).resolve().parents[2]
LEASE_SECONDS = 2


def _database_url() -> str:
    """The URL of the database this test runs on (the test database), for the worker process."""
    config = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{config['NAME']}"
    auth = quote(config["USER"] or "", safe="") + (
        ":" + quote(config["PASSWORD"], safe="") if config["PASSWORD"] else ""
    )
    return f"postgres://{auth}@{config['HOST'] or '127.0.0.1'}:{config['PORT'] or 5432}/{config['NAME']}"


@pytest.fixture
def cluster(tmp_path) -> Iterator[subprocess.Popen]:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "wfplatform.settings_test",
        "DATABASE_URL": _database_url(),
        "WFP_WORKERS": "1",
        "WFP_JOB_LEASE_SECONDS": str(LEASE_SECONDS),
    }
    log = (tmp_path / "qcluster.log").open("w")
    process = subprocess.Popen(
        [sys.executable, "manage.py", "qcluster"],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    yield process
    stop_process(process, timeout=20)  # SIGTERM first: the cluster stops its own workers
    log.close()


def stop_process(process: subprocess.Popen, *, timeout: float) -> None:
    """SIGTERM, then SIGKILL to its whole session if it has not stopped within `timeout`."""
    if process.poll() is not None:
        return
    process.send_signal(signal.SIGTERM)
    try:
        process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()


def wait_for(predicate: Callable[[], bool], what: str, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.1)
    raise AssertionError(f"timed out after {timeout}s waiting for {what}")


def _status(job: SleepJob) -> str:
    job.refresh_from_db()
    return job.status


def _enqueue(job: SleepJob) -> None:
    job_enqueue(job)  # outside a transaction: on_commit runs at once


def test_a_job_goes_queued_running_succeeded_on_a_real_worker(user, cluster):
    job = SleepJob.objects.create(owner=user, seconds=2)
    _enqueue(job)
    assert _status(job) == JobStatus.QUEUED
    wait_for(lambda: _status(job) == JobStatus.RUNNING, "the worker to claim the job")
    assert job.worker and job.started_at is not None
    wait_for(lambda: _status(job) == JobStatus.RUNNING and job.progress > 0, "progress while running")
    wait_for(lambda: _status(job) == JobStatus.SUCCEEDED, "the job to succeed")
    assert job.progress == 100 and job.attempts == 1 and job.finished_at > job.started_at


def _kill_the_worker_mid_job(job: SleepJob) -> int:
    wait_for(lambda: _status(job) == JobStatus.RUNNING and job.progress > 0, "the job to be running")
    worker_pid = int(job.worker.rsplit(":", 1)[1])
    os.kill(worker_pid, signal.SIGKILL)
    return worker_pid


@override_settings(WFP_JOB_LEASE_SECONDS=LEASE_SECONDS)
def test_a_job_whose_worker_is_killed_is_requeued_and_finished_by_a_new_worker(user, cluster):
    job = SleepJob.objects.create(owner=user, seconds=60, max_attempts=2)
    _enqueue(job)
    dead_pid = _kill_the_worker_mid_job(job)
    SleepJob.objects.filter(pk=job.pk).update(seconds=0.5)  # the second attempt is quick
    time.sleep(LEASE_SECONDS + 0.5)
    assert _status(job) == JobStatus.RUNNING  # nobody noticed yet: the reaper's job
    assert jobs_reap()["jobsapp.SleepJob"]["requeued"] == 1
    wait_for(lambda: _status(job) == JobStatus.SUCCEEDED, "the requeued job to succeed on the respawned worker")
    assert job.attempts == 2 and int(job.worker.rsplit(":", 1)[1]) != dead_pid


@override_settings(WFP_JOB_LEASE_SECONDS=LEASE_SECONDS)
def test_a_job_whose_worker_is_killed_on_its_last_attempt_fails_clearly(user, cluster):
    job = SleepJob.objects.create(owner=user, seconds=60, max_attempts=1)
    _enqueue(job)
    _kill_the_worker_mid_job(job)
    time.sleep(LEASE_SECONDS + 0.5)
    assert jobs_reap()["jobsapp.SleepJob"]["failed"] == 1
    assert _status(job) == JobStatus.FAILED
    assert job.error_code == "worker_lost" and "stopped responding" in job.error
