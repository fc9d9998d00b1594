from __future__ import annotations

from django.contrib import admin
from django.forms import Script
from django.utils.html import format_html

from graphs.engine.errors import GraphError
from graphs.engine.mermaid import to_mermaid
from graphs.engine.validation import check_graph
from graphs.models import Graph, GraphVersion, Run, RunEvent
from wfplatform.jobs.admin import JOB_FIELDS, JobAdmin


class GraphVersionInline(admin.TabularInline):
    model = GraphVersion
    fields = ["number", "note", "created_by", "created_at"]
    readonly_fields = fields
    extra = 0
    can_delete = False
    show_change_link = False


@admin.register(Graph)
class GraphAdmin(admin.ModelAdmin):
    list_display = ["name", "owner", "latest_version", "updated_at"]
    search_fields = ["name", "owner__username", "id"]
    readonly_fields = ["id", "latest_version", "created_at", "updated_at", "diagram"]
    fields = ["id", "name", "description", "owner", "latest_version", "created_at", "updated_at", "diagram"]
    inlines = [GraphVersionInline]

    class Media:
        # Vendored so the admin draws diagrams offline; deferred scripts run in order, mermaid first.
        js = [
            Script("graphs/vendor/mermaid/mermaid.min.js", defer=True),
            Script("graphs/mermaid-init.js", defer=True),
        ]

    @admin.display(description="diagram (latest version)")
    def diagram(self, graph: Graph) -> str:
        try:
            source = to_mermaid(check_graph(graph.current.definition))
        except (GraphError, GraphVersion.DoesNotExist) as exc:
            return f"(cannot draw: {exc})"
        # Mermaid draws over the class="mermaid" element on load; the copy in <details> stays as text.
        return format_html(
            '<pre class="mermaid">{}</pre>'
            '<details><summary>Mermaid source</summary><pre style="white-space: pre">{}</pre></details>',
            source,
            source,
        )


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
