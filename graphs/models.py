"""Graphs with immutable versions, runs (background jobs), their checkpoints and event log."""

from __future__ import annotations

import uuid
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models.signals import post_delete
from django.dispatch import receiver

from wfplatform.jobs.models import Job


class Graph(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="graphs")
    name = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    latest_version = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-updated_at"]
        indexes = [models.Index(fields=["owner", "name"])]

    def __str__(self) -> str:
        return f"{self.name} (v{self.latest_version})"

    @property
    def current(self) -> GraphVersion:
        return self.versions.get(number=self.latest_version)


class GraphVersion(models.Model):
    """One definition of a graph, never changed once written: every change is a new version."""

    graph = models.ForeignKey(Graph, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    definition = models.JSONField()
    note = models.CharField(max_length=500, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["graph", "-number"]
        constraints = [models.UniqueConstraint(fields=["graph", "number"], name="graph_version_unique")]

    def __str__(self) -> str:
        return f"{self.graph.name} v{self.number}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise ValueError("graph versions are immutable: create a new version instead")
        super().save(*args, **kwargs)


class Run(Job):
    """One execution of a pinned graph version, on a worker; durable through its checkpoints."""

    TASK = "graphs.tasks.run_graph"

    version = models.ForeignKey(GraphVersion, on_delete=models.PROTECT, related_name="runs")
    initial_state = models.JSONField(default=dict, blank=True)
    state = models.JSONField(default=dict, blank=True, help_text="The state at the last pause or end.")
    step = models.PositiveIntegerField(default=0)
    node_runs = models.PositiveIntegerField(default=0)
    pause = models.JSONField(null=True, blank=True, help_text="Where and why the run waits for input.")
    resume_input = models.JSONField(null=True, blank=True)
    replay_of = models.ForeignKey("self", on_delete=models.SET_NULL, null=True, blank=True, related_name="replays")
    replay_step = models.PositiveIntegerField(null=True, blank=True)

    class Meta(Job.Meta):
        verbose_name = "graph run"


class RunCheckpoint(models.Model):
    """What one step changed (its updates, not the state) and where the run goes next."""

    # No index of its own: the (run, step) constraint's index serves look-ups by run, and every index
    # is one more page written per durable step.
    run = models.ForeignKey(Run, on_delete=models.CASCADE, related_name="checkpoints", db_index=False)
    step = models.PositiveIntegerField()
    data = models.JSONField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["run", "step"]
        constraints = [models.UniqueConstraint(fields=["run", "step"], name="run_checkpoint_unique")]

    def __str__(self) -> str:
        return f"run {self.run_id} step {self.step}"


class RunEvent(models.Model):
    """The run's log: node started, finished, failed, retried; run paused, resumed, finished.

    The id orders events across the whole table; clients resume a stream after the last id
    they saw.
    """

    id = models.BigAutoField(primary_key=True)
    run = models.ForeignKey(Run, on_delete=models.CASCADE, related_name="events", db_index=False)  # (run, id) serves
    kind = models.CharField(max_length=32)
    node = models.CharField(max_length=200, blank=True)
    step = models.PositiveIntegerField(default=0)
    data = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]
        indexes = [models.Index(fields=["run", "id"])]

    def __str__(self) -> str:
        return f"{self.kind} {self.node}".strip()

    def as_line(self) -> str:
        """The seed API's execution_log line."""
        text = {
            "node_started": "Started node: {node}",
            "node_finished": "Completed node: {node}",
            "node_failed": "Failed node: {node}",
            "node_retried": "Retrying node: {node}",
        }.get(self.kind)
        if text:
            return text.format(node=self.node)
        return self.kind.replace("_", " ").capitalize() + (f": {self.node}" if self.node else "")


class Schedule(models.Model):
    """Starts a run of its graph's latest version whenever its cron expression comes due.

    django-q2 does the timing: while enabled, exactly one django_q Schedule row (`q_schedule`)
    calls graphs.tasks.fire_schedule with this id. graphs.schedules keeps that row in step.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    # No index of its own: the (owner, enabled) index serves look-ups by owner.
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="graph_schedules", db_index=False
    )
    graph = models.ForeignKey(Graph, on_delete=models.CASCADE, related_name="schedules")
    name = models.CharField(max_length=200, blank=True)
    cron = models.CharField(max_length=100, help_text="Five fields: minute hour day-of-month month day-of-week.")
    timezone = models.CharField(max_length=64, default="UTC", help_text="The IANA time zone the cron is read in.")
    initial_state = models.JSONField(default=dict, blank=True)
    enabled = models.BooleanField(default=True)
    q_schedule = models.OneToOneField(
        "django_q.Schedule", on_delete=models.SET_NULL, null=True, blank=True, editable=False, related_name="+"
    )
    last_run = models.ForeignKey(Run, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    runs_started = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = "graph schedule"
        indexes = [models.Index(fields=["owner", "enabled"]), models.Index(fields=["enabled"])]

    def __str__(self) -> str:
        return self.name or f"{self.graph.name} at {self.cron!r}"

    @property
    def next_run(self) -> Any:
        """When django-q2 fires it next (None while disabled)."""
        if not self.enabled or self.q_schedule is None:
            return None
        return self.q_schedule.next_run


@receiver(post_delete, sender=Schedule)
def _drop_q_schedule(sender: type[Schedule], instance: Schedule, **kwargs: Any) -> None:
    # Deleting a graph or a user cascades to its schedules without calling a service: their
    # django-q2 rows must go too, or the cluster would keep firing schedules that no longer exist.
    if instance.q_schedule_id is not None:
        from django_q.models import Schedule as QSchedule

        QSchedule.objects.filter(pk=instance.q_schedule_id).delete()


class Webhook(models.Model):
    """A secret URL that starts a run of a graph's latest version with the request in its state.

    Only a SHA-256 digest of the token is kept: the full URL is shown once, when the webhook is created or
    its token rotated. `token_prefix` (its first characters) tells webhooks apart in lists and the admin.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="graph_webhooks")
    graph = models.ForeignKey(Graph, on_delete=models.CASCADE, related_name="webhooks")
    name = models.CharField(max_length=200, blank=True)
    token_digest = models.CharField(max_length=64, unique=True, editable=False)
    token_prefix = models.CharField(max_length=12, editable=False)
    # For signed webhooks: the HMAC secret, encrypted with a key derived from SECRET_KEY (graphs.webhooks).
    signing_secret_encrypted = models.TextField(blank=True, editable=False)
    initial_state = models.JSONField(default=dict, blank=True, help_text="Merged under the request's `webhook` key.")
    enabled = models.BooleanField(default=True)
    last_run = models.ForeignKey(Run, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    runs_started = models.PositiveIntegerField(default=0)
    last_called_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["owner", "created_at"])]

    def __str__(self) -> str:
        return self.name or f"webhook {self.token_prefix}… of {self.graph_id}"

    @property
    def signed(self) -> bool:
        return bool(self.signing_secret_encrypted)
