from __future__ import annotations

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.forms import Script
from django.http import HttpRequest
from django.utils.html import format_html

from graphs.engine.errors import GraphError
from graphs.engine.mermaid import to_mermaid
from graphs.engine.validation import check_graph
from graphs.models import Graph, GraphVersion, Run, RunEvent, Schedule, Webhook
from graphs.schedules import schedule_delete, schedule_disable, schedule_enable
from wfplatform.jobs.admin import JOB_FIELDS, JobAdmin


class GraphVersionInline(admin.TabularInline):
    model = GraphVersion
    fields = ["number", "note", "created_by", "created_at"]
    readonly_fields = fields
    extra = 0
    can_delete = False
    show_change_link = False


MERMAID_SCRIPTS = [
    # Vendored so the admin draws diagrams offline; deferred scripts run in order, mermaid first.
    Script("graphs/vendor/mermaid/mermaid.min.js", defer=True),
    Script("graphs/mermaid-init.js", defer=True),
]


def diagram_html(definition: object) -> str:
    """A workflow drawn by Mermaid in an admin page (with its source), or why it cannot be drawn."""
    try:
        source = to_mermaid(check_graph(definition))
    except GraphError as exc:
        return f"(cannot draw: {exc})"
    # Mermaid draws over the class="mermaid" element on load; the copy in <details> stays as text.
    return format_html(
        '<pre class="mermaid">{}</pre>'
        '<details><summary>Mermaid source</summary><pre style="white-space: pre">{}</pre></details>',
        source,
        source,
    )


@admin.register(Graph)
class GraphAdmin(admin.ModelAdmin):
    list_display = ["name", "owner", "latest_version", "updated_at"]
    search_fields = ["name", "owner__username", "id"]
    readonly_fields = ["id", "latest_version", "created_at", "updated_at", "diagram"]
    fields = ["id", "name", "description", "owner", "latest_version", "created_at", "updated_at", "diagram"]
    inlines = [GraphVersionInline]

    class Media:
        js = MERMAID_SCRIPTS

    @admin.display(description="diagram (latest version)")
    def diagram(self, graph: Graph) -> str:
        try:
            definition = graph.current.definition
        except GraphVersion.DoesNotExist as exc:
            return f"(cannot draw: {exc})"
        return diagram_html(definition)


class RunEventInline(admin.TabularInline):
    model = RunEvent
    fields = ["id", "kind", "node", "step", "data", "created_at"]
    readonly_fields = fields
    extra = 0
    can_delete = False
    ordering = ["id"]

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Run)
class RunAdmin(JobAdmin):
    list_display = [*JobAdmin.list_display[:3], "graph", "step", *JobAdmin.list_display[3:]]
    readonly_fields = [*JOB_FIELDS, "version", "initial_state", "state", "step", "node_runs", "pause",
                       "resume_input", "replay_of", "replay_step"]  # fmt: skip
    inlines = [RunEventInline]

    @admin.display(description="graph")
    def graph(self, run: Run) -> str:
        return f"{run.version.graph.name} v{run.version.number}"


@admin.register(Schedule)
class ScheduleAdmin(admin.ModelAdmin):
    """Read-only but for enable, disable and delete, which go through the services so django-q2 stays in step;
    schedules are created and changed through /api/v1/schedules/, which checks cron and time zone."""

    list_display = ["__str__", "graph", "owner", "cron", "timezone", "enabled", "runs_started", "next_run"]
    list_filter = ["enabled"]
    search_fields = ["name", "graph__name", "owner__username", "id"]
    list_select_related = ["graph", "owner", "q_schedule"]
    fields = ["id", "name", "owner", "graph", "cron", "timezone", "initial_state", "enabled", "next_run",
              "q_schedule", "last_run", "runs_started", "created_at", "updated_at"]  # fmt: skip
    readonly_fields = fields
    actions = ["enable_schedules", "disable_schedules"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    @admin.action(description="Enable selected schedules")
    def enable_schedules(self, request: HttpRequest, queryset: QuerySet[Schedule]) -> None:
        for schedule in queryset:
            schedule_enable(schedule=schedule)
        self.message_user(request, f"Enabled {len(queryset)} schedule(s).", messages.SUCCESS)

    @admin.action(description="Disable selected schedules")
    def disable_schedules(self, request: HttpRequest, queryset: QuerySet[Schedule]) -> None:
        for schedule in queryset:
            schedule_disable(schedule=schedule)
        self.message_user(request, f"Disabled {len(queryset)} schedule(s).", messages.SUCCESS)

    def delete_model(self, request: HttpRequest, obj: Schedule) -> None:
        schedule_delete(schedule=obj)

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[Schedule]) -> None:
        for schedule in queryset:
            schedule_delete(schedule=schedule)


@admin.register(Webhook)
class WebhookAdmin(admin.ModelAdmin):
    """Read-only but for enable, disable and delete; webhooks are created (and their tokens rotated) through
    /api/v1/webhooks/, the only place their URL is shown."""

    list_display = ["__str__", "graph", "owner", "token_prefix", "signed", "enabled", "runs_started", "last_called_at"]
    list_filter = ["enabled"]
    search_fields = ["name", "graph__name", "owner__username", "token_prefix", "id"]
    list_select_related = ["graph", "owner"]
    fields = ["id", "name", "owner", "graph", "token_prefix", "signed", "initial_state", "enabled", "last_run",
              "runs_started", "last_called_at", "created_at", "updated_at"]  # fmt: skip
    readonly_fields = fields
    actions = ["enable_webhooks", "disable_webhooks"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    @admin.action(description="Enable selected webhooks")
    def enable_webhooks(self, request: HttpRequest, queryset: QuerySet[Webhook]) -> None:
        updated = queryset.update(enabled=True)
        self.message_user(request, f"Enabled {updated} webhook(s).", messages.SUCCESS)

    @admin.action(description="Disable selected webhooks")
    def disable_webhooks(self, request: HttpRequest, queryset: QuerySet[Webhook]) -> None:
        updated = queryset.update(enabled=False)
        self.message_user(request, f"Disabled {updated} webhook(s).", messages.SUCCESS)
