from __future__ import annotations

import json

from django.contrib import admin
from django.http import HttpRequest
from django.utils.html import format_html

from agentrunner.models import AgentJob, Artifact
from wfplatform.jobs.admin import JOB_FIELDS, JobAdmin


def _pretty(value) -> str:
    return format_html("<pre style='white-space:pre-wrap'>{}</pre>", json.dumps(value, indent=2, default=str))


@admin.register(AgentJob)
class AgentJobAdmin(JobAdmin):
    list_display = ["id", "short_prompt", "intent", "decided_by", "owner", "status", "tokens_used", "cache_hit",
                    "execution_time_ms", "created_at"]  # fmt: skip
    list_filter = ["intent", "decided_by", "source", "cache_hit", *JobAdmin.list_filter]
    search_fields = [*JobAdmin.search_fields, "prompt", "client_job_id", "workflow_tag"]
    readonly_fields = [*JOB_FIELDS, "source", "client_job_id", "run_id", "node_id", "workflow_tag", "workflow_owner",
                       "graph", "prompt", "intent", "decided_by", "intent_reasons", "fallback_reason", "result_summary",
                       "artifact", "graph_version", "tokens_used", "cache_hit", "execution_time_ms", "llm_usage",
                       "tool_calls_pretty", "result_preview_pretty", "context_pretty"]  # fmt: skip
    fields = readonly_fields

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # jobs come from the API, the bridge, graph nodes and /test/chat

    @admin.display(description="prompt")
    def short_prompt(self, job: AgentJob) -> str:
        return job.prompt if len(job.prompt) <= 80 else job.prompt[:77] + "..."

    @admin.display(description="tool calls")
    def tool_calls_pretty(self, job: AgentJob) -> str:
        return _pretty(job.tool_calls)

    @admin.display(description="result preview")
    def result_preview_pretty(self, job: AgentJob) -> str:
        return _pretty(job.result_preview)

    @admin.display(description="context")
    def context_pretty(self, job: AgentJob) -> str:
        return _pretty(job.context)


@admin.register(Artifact)
class ArtifactAdmin(admin.ModelAdmin):
    list_display = ["id", "owner", "job", "row_count", "size_bytes", "created_at"]
    search_fields = ["id", "owner__username"]
    readonly_fields = [
        "id",
        "owner",
        "job",
        "file",
        "columns",
        "row_count",
        "size_bytes",
        "preview_pretty",
        "created_at",
    ]
    fields = readonly_fields

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    @admin.display(description="preview")
    def preview_pretty(self, artifact: Artifact) -> str:
        return _pretty(artifact.preview)
