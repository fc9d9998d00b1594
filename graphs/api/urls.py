"""The seed contract's paths (outside /api/v1/), routed to the same services as the ViewSets."""

from django.urls import path

from graphs.api.views import (
    GraphMermaidView,
    SeedGraphCreateView,
    SeedGraphRunView,
    SeedGraphStateView,
    WorkflowSchemaView,
)
from graphs.api.webhooks import HookView

urlpatterns = [
    path("graph/create", SeedGraphCreateView.as_view(), name="seed-graph-create"),
    path("graph/run", SeedGraphRunView.as_view(), name="seed-graph-run"),
    path("graph/state/<uuid:run_id>", SeedGraphStateView.as_view(), name="seed-graph-state"),
    path("api/hooks/<str:token>", HookView.as_view(), name="graph-hook"),
    path("api/dsl/schema", WorkflowSchemaView.as_view(), name="dsl-schema"),
    path("api/graphs/<uuid:graph_id>/mermaid", GraphMermaidView.as_view(), name="graph-mermaid"),
]
