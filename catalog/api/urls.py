"""The seed contract's paths (no trailing slash)."""

from django.urls import path

from catalog.api.views import IntegrationsView, IntegrationView

urlpatterns = [
    path("api/integrations", IntegrationsView.as_view(), name="integrations"),
    path("api/integrations/<slug:provider>", IntegrationView.as_view(), name="integration"),
]
