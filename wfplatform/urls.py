from django.contrib import admin
from django.urls import include, path
from django.views.generic import RedirectView
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView, SpectacularSwaggerView

from wfplatform.api.router import router
from wfplatform.api.views import HealthView, MetricsView, QueueStatusView
from wfplatform.auth.sessions import LoginView, LogoutView, SessionView

admin.site.site_header = "wfplatform administration"
admin.site.site_title = "wfplatform admin"
admin.site.index_title = "Platform data: jobs, converters, workflows, catalog, API keys"

urlpatterns = [
    path("", RedirectView.as_view(url="/docs", permanent=False)),
    path("health", HealthView.as_view(), name="health"),
    path("metrics", MetricsView.as_view(), name="metrics"),
    path("admin/", admin.site.urls),
    path("api/schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs", SpectacularSwaggerView.as_view(url_name="schema"), name="docs"),
    path("redoc", SpectacularRedocView.as_view(url_name="schema"), name="redoc"),
    path("api/v1/queue/status", QueueStatusView.as_view(), name="queue-status"),
    path("api/auth/login", LoginView.as_view(), name="auth-login"),
    path("api/auth/logout", LogoutView.as_view(), name="auth-logout"),
    path("api/auth/session", SessionView.as_view(), name="auth-session"),
    path("", include("csvconvert.api.urls")),
    path("", include("agentrunner.api.urls")),
    path("", include("catalog.api.urls")),
    path("api/v1/", include(router.urls)),
    path("", include("graphs.api.urls")),
    path("api-auth/", include("rest_framework.urls")),
]

handler400 = "wfplatform.errors.json_bad_request"
handler403 = "wfplatform.errors.json_permission_denied"
handler404 = "wfplatform.errors.json_not_found"
handler500 = "wfplatform.errors.json_server_error"
