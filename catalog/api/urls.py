"""The seed contract's paths (no trailing slash)."""

from django.urls import path, re_path

from catalog.api.preferences import UserPreferencesView
from catalog.api.status import AIClientStatusView, IntegrationsHealthView, RateLimitingStatusView
from catalog.api.suggestions import SuggestionGenerateView, SuggestionView
from catalog.api.views import IntegrationsView, IntegrationView

urlpatterns = [
    path("api/integrations", IntegrationsView.as_view(), name="integrations"),
    # Before api/integrations/<slug:provider>, which would take "health" for a provider.
    path("api/integrations/health", IntegrationsHealthView.as_view(), name="integrations-health"),
    path("api/integrations/rate-limiting/status", RateLimitingStatusView.as_view(), name="rate-limiting-status"),
    path("api/integrations/ai-client/status", AIClientStatusView.as_view(), name="ai-client-status"),
    re_path(r"^api/preferences/(?P<user_id>me|[0-9]{1,18})$", UserPreferencesView.as_view(), name="preferences"),
    path("api/integrations/<slug:provider>", IntegrationView.as_view(), name="integration"),
    path("api/suggestions:generate", SuggestionGenerateView.as_view(), name="suggestions-generate"),
    path("api/suggestions/<uuid:suggestion_id>", SuggestionView.as_view(), name="suggestion"),
]
