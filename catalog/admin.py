from __future__ import annotations

from django.contrib import admin
from django.db import models
from django.http import HttpRequest

from catalog.models import Suggestion, Tool, Toolkit, ToolkitCategory, UserPreference
from graphs.admin import MERMAID_SCRIPTS, diagram_html


@admin.register(ToolkitCategory)
class ToolkitCategoryAdmin(admin.ModelAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name", "slug"]


class ToolInline(admin.TabularInline):
    model = Tool
    fields = ["slug", "name", "deprecated", "version"]
    readonly_fields = fields
    extra = 0
    can_delete = False
    show_change_link = True


@admin.register(Toolkit)
class ToolkitAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "tools_count", "last_synced_at"]
    list_filter = ["categories", "last_synced_at"]
    search_fields = ["name", "slug", "description"]
    filter_horizontal = ["categories"]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    inlines = [ToolInline]


@admin.register(Tool)
class ToolAdmin(admin.ModelAdmin):
    list_display = ["slug", "name", "toolkit", "deprecated", "version"]
    list_filter = ["deprecated", "toolkit__categories", "toolkit"]
    search_fields = ["slug", "name", "description"]
    list_select_related = ["toolkit"]


@admin.register(UserPreference)
class UserPreferenceAdmin(admin.ModelAdmin):
    list_display = ["user", "updated_at"]
    search_fields = ["user__username"]


@admin.register(Suggestion)
class SuggestionAdmin(admin.ModelAdmin):
    list_display = ["id", "owner", "prompt", "generated_by", "repair_rounds", "tokens_used", "created_at"]
    list_filter = ["provider", "generated_by", "created_at"]
    search_fields = ["prompt", "owner__username"]
    readonly_fields = ["id", "owner", "prompt", "diagram", "workflow", "problems", "retrieved_tools", "generated_by",
                       "provider", "notes", "repair_rounds", "tokens_used", "latency_ms", "graph",
                       "created_at"]  # fmt: skip

    class Media:
        js = MERMAID_SCRIPTS

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # suggestions come from POST /api/suggestions:generate

    @admin.display(description="diagram")
    def diagram(self, suggestion: Suggestion) -> str:
        return diagram_html(suggestion.workflow) if suggestion.workflow else "(no workflow)"
