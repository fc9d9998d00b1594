from __future__ import annotations

import hmac

from django.conf import settings
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema, inline_serializer
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest
from rest_framework import permissions, serializers, status
from rest_framework.renderers import BaseRenderer, JSONRenderer
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from wfplatform.health import run_checks
from wfplatform.jobs.selectors import queue_status
from wfplatform.metrics import REGISTRY

_CHECK = inline_serializer(
    "HealthCheck", {"ok": serializers.BooleanField(), "detail": serializers.CharField(), "ms": serializers.FloatField()}
)


class HealthView(APIView):
    """Database, broker, worker cluster, storage and cache: 200 when all answer, 503 naming what failed."""

    authentication_classes: list = []
    permission_classes = [permissions.AllowAny]
    throttle_classes: list = []
    renderer_classes = [JSONRenderer]

    @extend_schema(
        responses={
            200: inline_serializer(
                "Health", {"status": serializers.CharField(), "checks": serializers.DictField(child=_CHECK)}
            ),
            503: OpenApiTypes.OBJECT,
        },
        auth=[],
    )
    def get(self, request: Request) -> Response:
        ok, checks = run_checks()
        if ok:
            return Response({"status": "ok", "checks": checks})
        failed = [name for name, result in checks.items() if not result["ok"]]
        body = {
            "status": "unavailable",
            "checks": checks,
            "error": {"code": "unhealthy", "message": f"Failing: {', '.join(failed)}.", "details": {"failed": failed}},
        }
        return Response(body, status=status.HTTP_503_SERVICE_UNAVAILABLE)


class QueueStatusView(APIView):
    """Workers alive, jobs running and queued, by app."""

    @extend_schema(
        responses=inline_serializer(
            "QueueStatus",
            {
                "workers_alive": serializers.IntegerField(),
                "clusters": serializers.ListField(child=serializers.DictField()),
                "running": serializers.IntegerField(),
                "queued": serializers.IntegerField(),
                "by_app": serializers.DictField(child=serializers.DictField(child=serializers.IntegerField())),
                "broker": serializers.DictField(),
            },
        )
    )
    def get(self, request: Request) -> Response:
        return Response(queue_status())


class PrometheusRenderer(BaseRenderer):
    media_type = "text/plain"
    format = "prometheus"
    charset = "utf-8"

    def render(self, data, accepted_media_type=None, renderer_context=None) -> bytes:
        if isinstance(data, bytes):
            return data
        return JSONRenderer().render(data)


class StaffOrMetricsToken(permissions.BasePermission):
    message = "Metrics need a staff user or `Authorization: Bearer <WFP_METRICS_TOKEN>`."

    def has_permission(self, request: Request, view) -> bool:
        token = settings.WFP_METRICS_TOKEN
        header = request.headers.get("Authorization", "")
        if token and header.startswith("Bearer ") and hmac.compare_digest(header[7:].encode(), token.encode()):
            return True
        return bool(request.user and request.user.is_staff)


class MetricsView(APIView):
    """Prometheus text format: HTTP requests, jobs by app and status, workers alive."""

    permission_classes = [StaffOrMetricsToken]
    renderer_classes = [PrometheusRenderer]

    @extend_schema(responses={(200, "text/plain"): OpenApiTypes.STR})
    def get(self, request: Request) -> Response:
        return Response(generate_latest(REGISTRY), content_type=CONTENT_TYPE_LATEST)
