from __future__ import annotations

from pathlib import PurePosixPath

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.core.files.storage import default_storage
from django.db.models import QuerySet
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join

from csvconvert.models import ConversionJob, Converter
from csvconvert.selectors import report_rows
from csvconvert.services import job_rerun
from wfplatform.errors import ApplicationError
from wfplatform.jobs.admin import JOB_FIELDS, JobAdmin

FILE_FIELDS = {"input": "input_file", "expected": "expected_file", "output": "output_file"}


@admin.register(ConversionJob)
class ConversionJobAdmin(JobAdmin):
    list_display = ["id", "kind", "name", "owner", "status", "progress_bar", "converter_link", "created_at",
                    "duration"]  # fmt: skip
    list_filter = ["kind", *JobAdmin.list_filter]
    search_fields = [*JobAdmin.search_fields, "name"]
    readonly_fields = [*JOB_FIELDS, "kind", "name", "instructions", "converter_link", "files", "rows", "stats",
                       "agent_cycle", "llm_usage", "diff_summary"]  # fmt: skip
    fields = readonly_fields
    actions = [*JobAdmin.actions, "rerun_jobs"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # jobs start from the API, the commands or a re-run

    def get_urls(self) -> list:
        view = self.admin_site.admin_view
        return [
            path("<uuid:object_id>/diff/", view(self.diff_view), name="csvconvert_conversionjob_diff"),
            path("<uuid:object_id>/file/<str:which>/", view(self.file_view), name="csvconvert_conversionjob_file"),
            *super().get_urls(),
        ]

    def _job(self, request: HttpRequest, object_id: str) -> ConversionJob:
        job = self.get_object(request, str(object_id))
        if job is None:
            raise Http404(f"no job {object_id}")
        if not self.has_view_permission(request, job):
            raise PermissionDenied
        return job

    def diff_view(self, request: HttpRequest, object_id: str) -> TemplateResponse:
        """The diff report as a page: the closest attempt and every differing cell, example by example."""
        job = self._job(request, object_id)
        context = {**self.admin_site.each_context(request), "opts": self.model._meta, "job": job,
                   "report": job.diff_report or {}, "rows": report_rows(job.diff_report),
                   "title": f"Diff report of {job}"}  # fmt: skip
        return TemplateResponse(request, "admin/csvconvert/conversionjob/diff_report.html", context)

    def file_view(self, request: HttpRequest, object_id: str, which: str) -> FileResponse:
        job = self._job(request, object_id)
        name = getattr(job, FILE_FIELDS[which], "") if which in FILE_FIELDS else ""
        if not name or not default_storage.exists(name):
            raise Http404(f"job {job.pk} has no {which} file")
        return FileResponse(default_storage.open(name, "rb"), as_attachment=True, filename=PurePosixPath(name).name)

    @admin.display(description="converter")
    def converter_link(self, job: ConversionJob) -> str:
        if job.converter_id is None:
            return "-"
        url = reverse("admin:csvconvert_converter_change", args=[job.converter_id])
        return format_html('<a href="{}">{}</a>', url, job.converter_id)

    @admin.display(description="files (download)")
    def files(self, job: ConversionJob) -> str:
        links = [(reverse("admin:csvconvert_conversionjob_file", args=[job.pk, which]), which, getattr(job, field))
                 for which, field in FILE_FIELDS.items() if getattr(job, field)]  # fmt: skip
        return format_html_join(" | ", '<a href="{}">{}</a> <code>{}</code>', links) or "-"

    @admin.display(description="diff report")
    def diff_summary(self, job: ConversionJob) -> str:
        report = job.diff_report
        if not report:
            return "-"
        url = reverse("admin:csvconvert_conversionjob_diff", args=[job.pk])
        return format_html('{} of {} cells differ ({} attempt). <a href="{}">Open the diff report</a>',
                           report.get("cells_differing"), report.get("cells_checked"), report.get("source"),
                           url)  # fmt: skip

    @admin.action(description="Re-run selected jobs (same inputs, a new job)")
    def rerun_jobs(self, request: HttpRequest, queryset: QuerySet[ConversionJob]) -> None:
        started, refused = 0, []
        for job in queryset:
            try:
                job_rerun(job=job)
                started += 1
            except ApplicationError as exc:
                refused.append(exc.message)
        self.message_user(request, f"Queued {started} new job(s).", messages.SUCCESS)
        for message in refused:
            self.message_user(request, message, messages.WARNING)


@admin.register(Converter)
class ConverterAdmin(admin.ModelAdmin):
    list_display = ["id", "name", "source", "owner", "check_ok", "created_at"]
    list_filter = ["source", "created_at"]
    search_fields = ["id", "name", "owner__username"]
    readonly_fields = ["id", "owner", "source", "training_job", "created_at", "explanation_text", "check_result",
                       "script_link", "script_text", "program"]  # fmt: skip
    fields = ["name", *readonly_fields]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # converters come from training

    def get_urls(self) -> list:
        view = self.admin_site.admin_view(self.script_view)
        return [path("<uuid:object_id>/script/", view, name="csvconvert_converter_script"), *super().get_urls()]

    def script_view(self, request: HttpRequest, object_id: str) -> HttpResponse:
        converter = self.get_object(request, str(object_id))
        if converter is None or not self.has_view_permission(request, converter):
            raise Http404(f"no converter {object_id}")
        response = HttpResponse(converter.script, content_type="text/x-python; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="converter-{converter.pk}.py"'
        return response

    @admin.display(description="check", boolean=True)
    def check_ok(self, converter: Converter) -> bool | None:
        return (converter.check_result or {}).get("ok")

    @admin.display(description="what it does")
    def explanation_text(self, converter: Converter) -> str:
        return format_html('<pre style="white-space: pre-wrap">{}</pre>', "\n".join(converter.explanation or []))

    @admin.display(description="script")
    def script_link(self, converter: Converter) -> str:
        url = reverse("admin:csvconvert_converter_script", args=[converter.pk])
        return format_html('<a href="{}">Download the Python script</a>', url)

    @admin.display(description="script source")
    def script_text(self, converter: Converter) -> str:
        return format_html('<details><summary>Show</summary><pre style="white-space: pre">{}</pre></details>',
                           converter.script)  # fmt: skip
