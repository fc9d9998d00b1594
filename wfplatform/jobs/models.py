"""The abstract job every app's background work derives from."""

from __future__ import annotations

import uuid

from django.apps import apps
from django.conf import settings
from django.db import models


class JobStatus(models.TextChoices):
    QUEUED = "queued", "Queued"
    RUNNING = "running", "Running"
    SUCCEEDED = "succeeded", "Succeeded"
    FAILED = "failed", "Failed"
    CANCELLED = "cancelled", "Cancelled"
    # Waiting for a person (a workflow run before an approval step): not running, not finished.
    PAUSED = "paused", "Paused"


FINISHED_STATUSES = (JobStatus.SUCCEEDED, JobStatus.FAILED, JobStatus.CANCELLED)


def _default_max_attempts() -> int:
    return settings.WFP_JOB_MAX_ATTEMPTS


class Job(models.Model):
    """Owner, status, progress, attempts and timing of one unit of background work.

    A concrete job names its worker entry point in TASK ("app.tasks.function", taking the job
    id). wfplatform.jobs.services does the rest: enqueue on commit, claim once, heartbeat,
    progress, cancel, and the reaper that requeues or fails jobs whose worker died.
    """

    TASK: str = ""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="%(app_label)s_%(class)s_jobs"
    )
    status = models.CharField(max_length=16, choices=JobStatus.choices, default=JobStatus.QUEUED, db_index=True)
    progress = models.PositiveSmallIntegerField(default=0, help_text="Percent done, 0-100.")
    progress_message = models.CharField(max_length=500, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    max_attempts = models.PositiveSmallIntegerField(default=_default_max_attempts)
    error = models.TextField(blank=True)
    error_code = models.CharField(max_length=64, blank=True)
    worker = models.CharField(max_length=200, blank=True, help_text="host:pid of the worker running it.")
    heartbeat_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        abstract = True
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["status", "heartbeat_at"])]

    def __str__(self) -> str:
        return f"{self._meta.verbose_name} {self.pk} ({self.status})"

    @property
    def is_finished(self) -> bool:
        return self.status in FINISHED_STATUSES

    @property
    def duration_seconds(self) -> float | None:
        if self.started_at is None or self.finished_at is None:
            return None
        return (self.finished_at - self.started_at).total_seconds()


def job_models() -> list[type[Job]]:
    """Every concrete job model of every installed app."""
    return [model for model in apps.get_models() if issubclass(model, Job)]
