from __future__ import annotations

import json
from collections.abc import AsyncIterator
from typing import Any

from django.http import StreamingHttpResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema, inline_serializer
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.permissions import AllowAny
from rest_framework.renderers import BaseRenderer, JSONRenderer
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from graphs import selectors, services
from graphs.api.serializers import (
    GraphInputSerializer,
    GraphOutputSerializer,
    GraphPatchSerializer,
    GraphVersionSerializer,
    RunCreateSerializer,
    RunEventSerializer,
    RunOutputSerializer,
    RunReplaySerializer,
    RunResumeSerializer,
    SeedCreateSerializer,
    SeedRunSerializer,
    ToolSerializer,
)
from graphs.engine.dsl_schema import workflow_schema
from graphs.engine.tools import registry
from graphs.models import Graph, GraphVersion, Run, RunCheckpoint, RunEvent
from graphs.streaming import ENDED, run_stream
from wfplatform.api.scoping import OwnerScopedViewSetMixin
from wfplatform.errors import ApplicationError, NotFoundError
from wfplatform.jobs.models import JobStatus


def _version(graph: Graph, number: int | None) -> GraphVersion:
    version = graph.versions.filter(number=number or graph.latest_version).first()
    if version is None:
        raise NotFoundError(f"graph {graph.pk} has no version {number}")
    return version


class GraphViewSet(
    OwnerScopedViewSetMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.DestroyModelMixin,
    viewsets.GenericViewSet,
):
    """Workflow graphs. Every change is a new immutable version; runs pin the version they started with."""

    queryset = Graph.objects.select_related("owner")
    serializer_class = GraphOutputSerializer
    filterset_fields = ["name"]
    ordering_fields = ["updated_at", "name"]

    @extend_schema(request=GraphInputSerializer, responses={201: GraphOutputSerializer})
    def create(self, request: Request) -> Response:
        payload = GraphInputSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        graph = services.graph_create(owner=request.user, **payload.validated_data)
        return Response(GraphOutputSerializer(graph).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=GraphInputSerializer, responses=GraphOutputSerializer, summary="Save a new version")
    def update(self, request: Request, pk: str | None = None) -> Response:
        payload = GraphInputSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        graph = self.get_object()
        services.graph_update(graph=graph, user=request.user, **payload.validated_data)
        return Response(GraphOutputSerializer(graph).data)

    @extend_schema(
        responses={
            204: None,
            409: OpenApiResponse(
                description="The graph has runs (graph_has_runs), or another graph runs it as a subgraph (graph_in_use)"
            ),
        }
    )
    def destroy(self, request: Request, pk: str | None = None) -> Response:
        services.graph_delete(graph=self.get_object())
        return Response(status=status.HTTP_204_NO_CONTENT)

    @extend_schema(
        request=GraphPatchSerializer,
        responses={
            200: GraphOutputSerializer,
            400: OpenApiResponse(
                description="The patch does not apply (invalid_patch) or breaks a rule (invalid_graph)"
            ),
            409: OpenApiResponse(description="expected_version is not the latest (graph_version_conflict)"),
        },
        summary="Change by JSON Patch",
    )
    @action(detail=True, methods=["post"], url_path="patch", url_name="patch")
    def apply_patch(self, request: Request, pk: str | None = None) -> Response:
        """Apply an RFC 6902 JSON Patch to the latest definition: a new version, or nothing at all if it fails."""
        payload = GraphPatchSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        graph = self.get_object()
        services.graph_patch(graph=graph, user=request.user, **payload.validated_data)
        return Response(GraphOutputSerializer(graph).data)

    @extend_schema(responses=GraphVersionSerializer(many=True))
    @action(detail=True, methods=["get"])
    def versions(self, request: Request, pk: str | None = None) -> Response:
        versions = self.get_object().versions.select_related("created_by")
        page = self.paginate_queryset(versions)
        return self.get_paginated_response(GraphVersionSerializer(page, many=True).data)

    @extend_schema(responses=inline_serializer("GraphMermaid", {
        "graph_id": serializers.UUIDField(), "version": serializers.IntegerField(),
        "mermaid": serializers.CharField(help_text="Mermaid flowchart source of the latest version")}))  # fmt: skip
    @action(detail=True, methods=["get"])
    def mermaid(self, request: Request, pk: str | None = None) -> Response:
        return Response(selectors.graph_diagram(self.get_object()))


AFTER = OpenApiParameter("after", OpenApiTypes.INT, description="Only events with a larger id.")


class EventStreamRenderer(BaseRenderer):
    """text/event-stream for the stream action; only its errors go through a renderer, as an SSE message."""

    media_type = "text/event-stream"
    format = "sse"
    charset = None

    def render(self, data: Any, accepted_media_type: str | None = None, renderer_context: Any = None) -> bytes:
        return b"" if data is None else _sse_message(data)


def _sse_message(item: dict[str, Any]) -> bytes:
    head = f"id: {item['id']}\n" if isinstance(item.get("id"), int) else ""
    return f"{head}data: {json.dumps(item, separators=(',', ':'))}\n\n".encode()


async def _sse(run_id: Any, after: int) -> AsyncIterator[bytes]:
    yield b"retry: 2000\n\n"
    async for item in run_stream(run_id, after):
        yield b": keep-alive\n\n" if item is None else _sse_message(item)


class RunViewSet(OwnerScopedViewSetMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Runs of graphs: start one (202, it runs on a worker), follow it, cancel, resume, replay."""

    queryset = Run.objects.select_related("version")
    serializer_class = RunOutputSerializer
    filterset_fields = ["status", "version__graph"]
    ordering_fields = ["created_at"]

    @extend_schema(request=RunCreateSerializer, responses={202: RunOutputSerializer})
    def create(self, request: Request) -> Response:
        payload = RunCreateSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        graph = selectors.graph_for(request.user, payload.validated_data["graph_id"])
        version = _version(graph, payload.validated_data.get("version"))
        run = services.run_start(owner=request.user, version=version,
                                 initial_state=payload.validated_data["initial_state"])  # fmt: skip
        return Response(RunOutputSerializer(run).data, status=status.HTTP_202_ACCEPTED)

    @extend_schema(request=None, responses=RunOutputSerializer)
    @action(detail=True, methods=["post"])
    def cancel(self, request: Request, pk: str | None = None) -> Response:
        return Response(RunOutputSerializer(services.run_cancel(run=self.get_object())).data)

    @extend_schema(request=RunResumeSerializer, responses=RunOutputSerializer)
    @action(detail=True, methods=["post"])
    def resume(self, request: Request, pk: str | None = None) -> Response:
        payload = RunResumeSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        run = services.run_resume(run=self.get_object(), resume_input=payload.validated_data["input"])
        return Response(RunOutputSerializer(run).data)

    @extend_schema(request=RunReplaySerializer, responses={202: RunOutputSerializer})
    @action(detail=True, methods=["post"])
    def replay(self, request: Request, pk: str | None = None) -> Response:
        payload = RunReplaySerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        run = services.run_replay(run=self.get_object(), step=payload.validated_data["step"],
                                  state_changes=payload.validated_data["state"], owner=request.user)  # fmt: skip
        return Response(RunOutputSerializer(run).data, status=status.HTTP_202_ACCEPTED)

    @extend_schema(responses=RunEventSerializer(many=True), parameters=[AFTER])
    @action(detail=True, methods=["get"])
    def events(self, request: Request, pk: str | None = None) -> Response:
        run = self.get_object()
        events = RunEvent.objects.filter(run=run)
        after = request.query_params.get("after")
        if after:
            events = events.filter(id__gt=_int(after, "after"))
        page = self.paginate_queryset(events)
        return self.get_paginated_response(RunEventSerializer(selectors.event_dicts(run.pk, page), many=True).data)

    @extend_schema(
        parameters=[AFTER, OpenApiParameter("Last-Event-ID", OpenApiTypes.INT, OpenApiParameter.HEADER,
                                            description="Sent by EventSource on reconnect; wins over after.")],
        responses={
            (200, "text/event-stream"): OpenApiResponse(OpenApiTypes.STR, description=(
                "Server-Sent Events: one `data:` JSON event per message (as /events/ lists them), with the event id "
                "as the SSE id; the last message has kind `stream_end`, then the server closes.")),
            (204, "text/event-stream"): OpenApiResponse(description="The run has ended and nothing is left to send "
                                                                    "after that id (EventSource stops reconnecting)."),
        },
    )  # fmt: skip
    @action(detail=True, methods=["get"], renderer_classes=[JSONRenderer, EventStreamRenderer])
    def stream(self, request: Request, pk: str | None = None) -> StreamingHttpResponse | Response:
        """The run's events, live, as Server-Sent Events; resumes after `Last-Event-ID` (or `?after=`)."""
        run = self.get_object()
        after = _int(request.headers.get("Last-Event-ID") or request.query_params.get("after") or "0", "after")
        if run.status in ENDED and not RunEvent.objects.filter(run=run, id__gt=after).exists():
            return Response(status=status.HTTP_204_NO_CONTENT)
        response = StreamingHttpResponse(_sse(run.pk, after), content_type="text/event-stream")
        response["Cache-Control"] = "no-cache"
        response["X-Accel-Buffering"] = "no"  # a proxy must pass each event on at once
        return response

    @extend_schema(responses=inline_serializer("Checkpoint", {"step": serializers.IntegerField(),
                                                              "data": serializers.JSONField()}, many=True))  # fmt: skip
    @action(detail=True, methods=["get"])
    def checkpoints(self, request: Request, pk: str | None = None) -> Response:
        rows = RunCheckpoint.objects.filter(run=self.get_object()).values("step", "data", "created_at")
        page = self.paginate_queryset(rows)
        return self.get_paginated_response(list(page))


def _int(value: str, name: str) -> int:
    try:
        return int(value)
    except ValueError:
        raise ApplicationError(f"{name} must be an integer", code="invalid") from None


class ToolViewSet(viewsets.ViewSet):
    """The tools graph nodes can run, with the JSON Schema of their inputs."""

    @extend_schema(responses=ToolSerializer(many=True))
    def list(self, request: Request) -> Response:
        return Response(ToolSerializer([tool.describe() for tool in registry], many=True).data)


# --- the seed contract: same services, the old shapes -------------------------------------------
SEED_STATUS = {JobStatus.SUCCEEDED: "completed"}


class SeedGraphCreateView(APIView):
    @extend_schema(request=SeedCreateSerializer, responses=inline_serializer(
        "SeedGraphCreated", {"graph_id": serializers.UUIDField(), "message": serializers.CharField()}))  # fmt: skip
    def post(self, request: Request) -> Response:
        if not isinstance(request.data, dict):
            raise ApplicationError("the body is a graph definition object", code="invalid_graph")
        graph = services.graph_create(owner=request.user, definition=dict(request.data))
        return Response({"graph_id": str(graph.pk), "message": "Graph created successfully"})


class SeedGraphRunView(APIView):
    @extend_schema(request=SeedRunSerializer, responses=inline_serializer("SeedRunStarted", {
        "run_id": serializers.UUIDField(), "status": serializers.CharField(),
        "message": serializers.CharField()}))  # fmt: skip
    def post(self, request: Request) -> Response:
        payload = SeedRunSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        graph = selectors.graph_for(request.user, payload.validated_data["graph_id"])
        run = services.run_start(owner=request.user, version=_version(graph, None),
                                 initial_state=payload.validated_data["initial_state"])  # fmt: skip
        return Response({"run_id": str(run.pk), "status": "running", "message": "Workflow execution started"})


class SeedGraphStateView(APIView):
    @extend_schema(responses=inline_serializer("SeedRunState", {
        "run_id": serializers.UUIDField(), "status": serializers.CharField(),
        "current_state": serializers.JSONField(), "execution_log": serializers.ListField()}))  # fmt: skip
    def get(self, request: Request, run_id: str) -> Response:
        run = selectors.run_for(request.user, run_id)
        return Response({
            "run_id": str(run.pk),
            "status": SEED_STATUS.get(run.status, run.status),
            "current_state": selectors.run_current_state(run),
            "execution_log": selectors.run_log_lines(run),
        })  # fmt: skip


class GraphMermaidView(APIView):
    @extend_schema(responses={200: OpenApiResponse(description="Mermaid flowchart source")})
    def get(self, request: Request, graph_id: str) -> Response:
        graph = selectors.graph_for(request.user, graph_id)
        return Response(selectors.graph_diagram(graph))


class WorkflowSchemaView(APIView):
    """The JSON Schema of the workflow format (graph definitions with triggers); public, like the docs."""

    permission_classes = [AllowAny]

    @extend_schema(responses={200: OpenApiResponse(OpenApiTypes.OBJECT, description="A JSON Schema (2020-12)")},
                   operation_id="dsl_schema")  # fmt: skip
    def get(self, request: Request) -> Response:
        return Response(workflow_schema(request.build_absolute_uri("/").rstrip("/")))
