"""The seed's status paths: `/api/integrations/health`, `/rate-limiting/status`, `/ai-client/status`."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework import permissions, serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from catalog import status as checks


class IntegrationsHealthSerializer(serializers.Serializer):
    # A CharField, not a ChoiceField: a "status" enum here would collide with the other apps' status enums.
    status = serializers.CharField(help_text='"ok", or "degraded": the catalog is empty (see hints).')
    toolkits = serializers.IntegerField()
    tools = serializers.IntegerField()
    categories = serializers.IntegerField()
    last_synced_at = serializers.DateTimeField(allow_null=True, help_text="The latest sync of a toolkit or tool.")
    catalog_empty = serializers.BooleanField()
    composio_configured = serializers.BooleanField(help_text="Whether COMPOSIO_API_KEY is set (never shown).")
    hints = serializers.ListField(child=serializers.CharField())


class ThrottleScopeStatusSerializer(serializers.Serializer):
    scope = serializers.CharField(help_text="The DRF throttle scope: user, anon, ...")
    rate = serializers.CharField(allow_null=True, help_text="e.g. 1200/min")
    applies = serializers.BooleanField(help_text="Whether this throttle counts the caller's requests.")
    limit = serializers.IntegerField(allow_null=True)
    used = serializers.IntegerField(help_text="Requests counted in the current window, this one included.")
    remaining = serializers.IntegerField(allow_null=True)
    reset_in = serializers.FloatField(help_text="Seconds until the oldest counted request leaves the window.")


class LLMProviderRateSerializer(serializers.Serializer):
    name = serializers.CharField()
    configured = serializers.BooleanField()
    limited = serializers.BooleanField(help_text="Whether WFP_LLM_RPM limits this process's requests.")
    requests_last_window = serializers.IntegerField(allow_null=True, help_text="Granted by this process's limiter.")
    waiting = serializers.IntegerField(allow_null=True, help_text="Requests reserved for a later slot.")
    window_seconds = serializers.FloatField(allow_null=True)


class LLMRateStatusSerializer(serializers.Serializer):
    active_provider = serializers.CharField(allow_null=True)
    rpm_limit = serializers.IntegerField(allow_null=True, help_text="WFP_LLM_RPM per worker process; null: no limit.")
    providers = serializers.DictField(child=LLMProviderRateSerializer())


class RateLimitingStatusSerializer(serializers.Serializer):
    throttles = ThrottleScopeStatusSerializer(many=True)
    llm = LLMRateStatusSerializer(help_text="Limits on model requests; the counts are this web process's own.")


class AIProviderStatusSerializer(serializers.Serializer):
    name = serializers.CharField()
    configured = serializers.BooleanField(help_text="Whether its API key is set (never shown).")
    model = serializers.CharField()
    active = serializers.BooleanField()


class AIClientCheckSerializer(serializers.Serializer):
    ok = serializers.BooleanField(help_text="Whether the provider answered a list-models request.")
    error = serializers.CharField(allow_null=True)
    model_listed = serializers.BooleanField(allow_null=True, help_text="The model is among those listed (OpenAI).")
    latency_ms = serializers.IntegerField()
    checked_at = serializers.DateTimeField()
    cached = serializers.BooleanField(help_text="Checked within the last minute; this is that answer.")


class AIClientStatusSerializer(serializers.Serializer):
    configured = serializers.BooleanField()
    active_provider = serializers.CharField(allow_null=True)
    model = serializers.CharField(allow_null=True)
    suggestions_provider = serializers.CharField(
        allow_null=True, help_text="Who writes workflow suggestions (Anthropic first), before a user's preference."
    )
    providers = serializers.DictField(child=AIProviderStatusSerializer())
    check = AIClientCheckSerializer(allow_null=True)


class IntegrationsHealthView(APIView):
    """The catalog's health: counts, last sync, Composio configured. No auth, like `/health`."""

    permission_classes = [permissions.AllowAny]

    @extend_schema(responses=IntegrationsHealthSerializer, auth=[], operation_id="integrations_health")
    def get(self, request: Request) -> Response:
        return Response(IntegrationsHealthSerializer(checks.catalog_health()).data)


class RateLimitingStatusView(APIView):
    """The caller's request throttles (rate, used, seconds to reset) and the LLM request limits."""

    @extend_schema(responses=RateLimitingStatusSerializer, operation_id="integrations_rate_limiting_status")
    def get(self, request: Request) -> Response:
        body = {"throttles": checks.throttle_status(request, self), "llm": checks.llm_rate_status()}
        return Response(RateLimitingStatusSerializer(body).data)


class AIClientStatusView(APIView):
    """Which LLM providers are configured, the active one and its model, and whether it answers (cached 60 s)."""

    @extend_schema(responses=AIClientStatusSerializer, operation_id="integrations_ai_client_status")
    def get(self, request: Request) -> Response:
        return Response(AIClientStatusSerializer(checks.ai_client_status()).data)
