"""Admin behaviour every job model shares: status, progress and timing at a glance, and cancel."""

from __future__ import annotations

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.html import format_html

from wfplatform.jobs.models import Job
from wfplatform.jobs.services import job_cancel

JOB_FIELDS = [
    "id",
    "owner",
    "status",
    "progress",
    "progress_message",
    "attempts",
    "max_attempts",
    "error_code",
    "error",
    "worker",
    "heartbeat_at",
    "created_at",
    "started_at",
    "finished_at",
]


class JobAdmin(admin.ModelAdmin):
    list_display = ["id", "owner", "status", "progress_bar", "attempts", "created_at", "duration"]
    list_filter = ["status", "created_at"]
    search_fields = ["id", "owner__username", "error"]
    readonly_fields = JOB_FIELDS
    date_hierarchy = "created_at"
    actions = ["cancel_jobs"]

    @admin.display(description="progress")
    def progress_bar(self, job: Job) -> str:
        return format_html(
            '<progress value="{}" max="100" title="{}"></progress> {}%',
            job.progress,
            job.progress_message,
            job.progress,
        )

    @admin.display(description="duration (s)")
    def duration(self, job: Job) -> str:
        seconds = job.duration_seconds
        return "" if seconds is None else f"{seconds:.1f}"

    @admin.action(description="Cancel selected jobs")
    def cancel_jobs(self, request: HttpRequest, queryset: QuerySet[Job]) -> None:
        cancelled = sum(job_cancel(job) for job in queryset)
        self.message_user(request, f"Cancelled {cancelled} job(s).", messages.SUCCESS)
