"""Agent jobs (a prompt about a workflow, routed to a pipeline or a patch) and the artifacts they produce."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models

from wfplatform.jobs.models import Job

ARTIFACT_SCHEME = "artifact://"


class Intent(models.TextChoices):
    PATCH = "patch", "Patch (a lasting change to the workflow)"
    EXECUTE = "execute", "Execute (a one-time data request)"


class DecidedBy(models.TextChoices):
    MODEL = "model", "The LLM"
    BUILTIN = "builtin", "The built-in classifier and parsers"


class JobSource(models.TextChoices):
    API = "api", "REST API"
    BRIDGE = "bridge", "Redis bridge (agent:jobs)"
    GRAPH = "graph", "A graph node"
    CHAT = "chat", "POST /test/chat"


class AgentJob(Job):
    """One prompt about a workflow: the seed's job document in, its result document out.

    The seed fields (job_id, run_id, node_id, workflow_tag, workflow_owner) are kept as given; the
    seed's `job_id` is `client_job_id` (the bridge answers on agent:results:{client_job_id}), while
    this row's own id is what the REST API returns.
    """

    TASK = "agentrunner.tasks.run_agent_job"

    source = models.CharField(max_length=16, choices=JobSource.choices, default=JobSource.API)
    client_job_id = models.CharField(max_length=200, blank=True, db_index=True, help_text="The seed's job_id.")
    run_id = models.CharField(max_length=200, blank=True)
    node_id = models.CharField(max_length=200, blank=True)
    workflow_tag = models.CharField(max_length=200, blank=True)
    workflow_owner = models.CharField(max_length=200, blank=True)
    graph = models.ForeignKey(
        "graphs.Graph",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="agent_jobs",
        help_text="The workflow the prompt is about (the patch lane's target).",
    )
    prompt = models.TextField()
    current_workflow = models.JSONField(null=True, blank=True, help_text="The seed's {nodes, edges}, as sent.")
    context = models.JSONField(default=dict, blank=True, help_text="previous_results and session_id.")
    intent = models.CharField(max_length=16, choices=Intent.choices, blank=True, db_index=True)
    decided_by = models.CharField(max_length=16, choices=DecidedBy.choices, blank=True)
    intent_reasons = models.JSONField(default=list, blank=True)
    result_preview = models.JSONField(null=True, blank=True, help_text="The result's first rows, or the patch.")
    result_summary = models.CharField(max_length=500, blank=True)
    fallback_reason = models.CharField(
        max_length=500, blank=True, help_text="Why the model's path was left for the built-in one, if it was."
    )
    artifact = models.ForeignKey(
        "agentrunner.Artifact", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    graph_version = models.ForeignKey(
        "graphs.GraphVersion",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text="Patch lane: the version the patch created.",
    )
    tool_calls = models.JSONField(default=list, blank=True)
    tokens_used = models.PositiveIntegerField(default=0)
    cache_hit = models.BooleanField(default=False)
    execution_time_ms = models.PositiveIntegerField(null=True, blank=True)
    llm_usage = models.JSONField(null=True, blank=True)

    class Meta(Job.Meta):
        verbose_name = "agent job"


class Artifact(models.Model):
    """A stored table (a pipeline's result), addressed as artifact://{id}."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="agent_artifacts")
    job = models.ForeignKey(AgentJob, on_delete=models.SET_NULL, null=True, blank=True, related_name="artifacts")
    file = models.CharField(max_length=500, help_text="Storage name of the table ({columns, rows} JSON).")
    columns = models.JSONField(default=list)
    row_count = models.PositiveBigIntegerField(default=0)
    size_bytes = models.PositiveBigIntegerField(default=0)
    preview = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.ref

    @property
    def ref(self) -> str:
        return f"{ARTIFACT_SCHEME}{self.pk}"
