"""The one set of job helpers every app uses: enqueue, claim, run, progress, cancel, reap.

A job runs once: a worker claims it with a conditional update (queued -> running) and goes on
only if that changed one row. While it runs a heartbeat thread refreshes heartbeat_at; a job
whose heartbeat is older than the lease belongs to a dead worker, and the reaper requeues it
(attempts left) or fails it with a clear error, so no job stays "running" forever.
"""

from __future__ import annotations

import logging
import os
import socket
import threading
from collections.abc import Callable
from datetime import timedelta
from functools import partial
from typing import TypeVar

from django.conf import settings
from django.db import connection, transaction
from django.db.models import F
from django.utils import timezone
from django_q.tasks import async_task

from wfplatform.jobs.models import FINISHED_STATUSES, Job, JobStatus, job_models

logger = logging.getLogger(__name__)
J = TypeVar("J", bound=Job)


class JobCancelled(Exception):
    """Raised inside a running job when it was cancelled; the runner stops it quietly."""


class JobPaused(Exception):
    """Raised by job code that must wait for input: the job stops as paused, to be requeued later."""


class JobFailure(Exception):
    """Raised by job code to fail with a message meant for the user (no traceback kept)."""

    def __init__(self, message: str, *, code: str = "job_failed"):
        super().__init__(message)
        self.code = code


def _worker_id() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


def _task_name(job: Job) -> str:
    return f"{job._meta.label_lower}:{job.pk}:{job.attempts + 1}"


def job_enqueue(job: Job) -> None:
    """Hand the job to the queue once the surrounding transaction commits."""
    if not job.TASK:
        raise TypeError(f"{type(job).__name__} must set TASK to its worker entry point")
    transaction.on_commit(
        partial(async_task, job.TASK, str(job.pk), task_name=_task_name(job), group=job._meta.app_label)
    )


def job_claim(model: type[J], job_id: str) -> J | None:
    """Take a queued job for this worker; None when another worker has it or it was cancelled."""
    now = timezone.now()
    claimed = model.objects.filter(pk=job_id, status=JobStatus.QUEUED).update(
        status=JobStatus.RUNNING,
        worker=_worker_id(),
        heartbeat_at=now,
        started_at=now,
        finished_at=None,
        attempts=F("attempts") + 1,
        progress_message="Started",
    )
    if claimed != 1:
        return None
    return model.objects.get(pk=job_id)


def job_progress(job: Job, percent: int, message: str = "") -> None:
    """Record progress; raises JobCancelled when the job was cancelled meanwhile."""
    percent = max(0, min(100, int(percent)))
    updated = (
        type(job)
        .objects.filter(pk=job.pk, status=JobStatus.RUNNING)
        .update(progress=percent, progress_message=message[:500], heartbeat_at=timezone.now())
    )
    if updated != 1:
        raise JobCancelled(str(job.pk))
    job.progress, job.progress_message = percent, message[:500]


def _finish(job: Job, status: str, **fields) -> bool:
    """Write the final status, but only over a run that is still ours (not cancelled or reaped)."""
    updated = (
        type(job)
        .objects.filter(pk=job.pk, status=JobStatus.RUNNING, worker=job.worker)
        .update(status=status, finished_at=timezone.now(), heartbeat_at=None, **fields)
    )
    return updated == 1


class _Heartbeat(threading.Thread):
    def __init__(self, job: Job):
        super().__init__(daemon=True, name=f"heartbeat-{job.pk}")
        self.job = job
        self.stopped = threading.Event()

    def run(self) -> None:
        interval = max(1.0, settings.WFP_JOB_LEASE_SECONDS / 3)
        try:
            while not self.stopped.wait(interval):
                type(self.job).objects.filter(pk=self.job.pk, status=JobStatus.RUNNING, worker=self.job.worker).update(
                    heartbeat_at=timezone.now()
                )
        finally:
            connection.close()


def job_run(model: type[J], job_id: str, work: Callable[[J], None]) -> str | None:
    """Claim the job, run `work(job)` with a heartbeat, and record how it ended.

    The tasks.py entry point of every app is one call to this. Returns the final status, or
    None when the job was not ours to run.
    """
    job = job_claim(model, job_id)
    if job is None:
        logger.info("Job %s %s was not queued; skipping", model.__name__, job_id)
        return None
    heartbeat = _Heartbeat(job)
    heartbeat.start()
    try:
        work(job)
    except JobCancelled:
        return JobStatus.CANCELLED
    except JobPaused as exc:
        _finish(job, JobStatus.PAUSED, progress_message=str(exc)[:500] or "Paused")
        return JobStatus.PAUSED
    except JobFailure as exc:
        _finish(job, JobStatus.FAILED, error=str(exc), error_code=exc.code)
        return JobStatus.FAILED
    except Exception as exc:  # the job failed; the worker must live on
        logger.exception("Job %s %s failed", model.__name__, job_id)
        _finish(job, JobStatus.FAILED, error=f"{type(exc).__name__}: {exc}", error_code="internal_error")
        return JobStatus.FAILED
    finally:
        heartbeat.stopped.set()
        heartbeat.join()
    if not _finish(job, JobStatus.SUCCEEDED, progress=100, progress_message="Done", error="", error_code=""):
        return type(job).objects.values_list("status", flat=True).get(pk=job.pk)
    return JobStatus.SUCCEEDED


def job_requeue(job: Job) -> bool:
    """Queue a paused job again (its attempts start over: pausing is not a failure)."""
    with transaction.atomic():
        updated = (
            type(job)
            .objects.filter(pk=job.pk, status=JobStatus.PAUSED)
            .update(status=JobStatus.QUEUED, attempts=0, progress_message="Resumed")
        )
        if updated != 1:
            return False
        job.refresh_from_db()
        job_enqueue(job)
    return True


def job_cancel(job: Job) -> bool:
    """Cancel a queued, running or paused job; a running one stops at its next progress report."""
    updated = (
        type(job)
        .objects.filter(pk=job.pk, status__in=[JobStatus.QUEUED, JobStatus.RUNNING, JobStatus.PAUSED])
        .update(status=JobStatus.CANCELLED, finished_at=timezone.now(), heartbeat_at=None, progress_message="Cancelled")
    )
    job.refresh_from_db()
    return updated == 1


def _requeue_lost(job: Job, still_lost, last_seen: str) -> bool:
    note = f"Requeued: worker {job.worker} stopped responding (last heartbeat {last_seen})"
    with transaction.atomic():
        if still_lost.update(status=JobStatus.QUEUED, worker="", heartbeat_at=None, progress_message=note) != 1:
            return False
        job.refresh_from_db()
        job_enqueue(job)
    return True


def _fail_lost(job: Job, still_lost, last_seen: str) -> bool:
    error = (
        f"The worker running this job ({job.worker}) stopped responding (last heartbeat {last_seen}) "
        f"and all {job.max_attempts} attempt(s) are used up."
    )
    fields = {"finished_at": timezone.now(), "heartbeat_at": None, "error_code": "worker_lost", "error": error}
    return still_lost.update(status=JobStatus.FAILED, **fields) == 1


def _reap_model(model: type[Job], cutoff) -> dict[str, int]:
    counts = {"requeued": 0, "failed": 0}
    stale = model.objects.filter(status=JobStatus.RUNNING, heartbeat_at__lt=cutoff)
    for job in stale.only("pk", "attempts", "max_attempts", "worker", "heartbeat_at"):
        last_seen = job.heartbeat_at.isoformat(timespec="seconds")
        # Conditional on the heartbeat we read: a worker that wakes up meanwhile keeps its job.
        still_lost = model.objects.filter(pk=job.pk, status=JobStatus.RUNNING, heartbeat_at=job.heartbeat_at)
        if job.attempts < job.max_attempts:
            counts["requeued"] += _requeue_lost(job, still_lost, last_seen)
        else:
            counts["failed"] += _fail_lost(job, still_lost, last_seen)
    return counts


def jobs_reap() -> dict[str, dict[str, int]]:
    """Requeue or fail every running job whose worker stopped sending heartbeats."""
    cutoff = timezone.now() - timedelta(seconds=settings.WFP_JOB_LEASE_SECONDS)
    report = {model._meta.label: _reap_model(model, cutoff) for model in job_models()}
    touched = {label: counts for label, counts in report.items() if any(counts.values())}
    if touched:
        logger.warning("Reaper: %s", touched)
    return report


__all__ = [
    "FINISHED_STATUSES",
    "JobCancelled",
    "JobFailure",
    "job_cancel",
    "job_claim",
    "job_enqueue",
    "job_progress",
    "job_run",
    "jobs_reap",
]
