"""The one router every app registers its ViewSets on (under /api/v1/)."""

from rest_framework.routers import DefaultRouter

from agentrunner.api.views import AgentJobViewSet, ArtifactViewSet
from catalog.api.suggestions import SuggestionViewSet
from catalog.api.views import CatalogToolViewSet, CategoryViewSet
from csvconvert.api.views import ConversionJobViewSet, ConverterViewSet
from graphs.api.schedules import GraphScheduleViewSet
from graphs.api.views import GraphViewSet, RunViewSet, ToolViewSet
from graphs.api.webhooks import WebhookViewSet
from wfplatform.auth.api import ApiKeyViewSet

router = DefaultRouter()
router.register("api-keys", ApiKeyViewSet, basename="api-key")
router.register("graphs", GraphViewSet, basename="graph")
router.register("runs", RunViewSet, basename="run")
router.register("tools", ToolViewSet, basename="tool")
router.register("jobs", ConversionJobViewSet, basename="csv-job")
router.register("converters", ConverterViewSet, basename="csv-converter")
router.register("agent-jobs", AgentJobViewSet, basename="agent-job")
router.register("artifacts", ArtifactViewSet, basename="artifact")
router.register("catalog/categories", CategoryViewSet, basename="catalog-category")
router.register("catalog/tools", CatalogToolViewSet, basename="catalog-tool")
router.register("schedules", GraphScheduleViewSet, basename="graph-schedule")
router.register("webhooks", WebhookViewSet, basename="graph-webhook")
router.register("suggestions", SuggestionViewSet, basename="suggestion")
