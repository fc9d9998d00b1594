"""/api/v1/schedules/: cron schedules that start runs of a graph (django-q2 fires them)."""

from __future__ import annotations

from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from graphs import schedules, selectors
from graphs.models import Schedule
from wfplatform.api.scoping import OwnerScopedViewSetMixin


class GraphScheduleOutputSerializer(serializers.ModelSerializer):
    owner = serializers.CharField(source="owner.username", read_only=True)
    graph_id = serializers.UUIDField(read_only=True)
    initial_state = serializers.DictField(read_only=True)
    next_run = serializers.DateTimeField(read_only=True, allow_null=True, help_text="Null while disabled.")
    last_run_id = serializers.UUIDField(read_only=True, allow_null=True, help_text="The run it started last.")

    class Meta:
        model = Schedule
        fields = ["id", "name", "owner", "graph_id", "cron", "timezone", "initial_state", "enabled", "next_run",
                  "last_run_id", "runs_started", "created_at", "updated_at"]  # fmt: skip
        read_only_fields = fields


class GraphScheduleInputSerializer(serializers.Serializer):
    graph_id = serializers.UUIDField(help_text="Each firing runs this graph's latest version.")
    cron = serializers.CharField(
        max_length=100, help_text="minute hour day-of-month month day-of-week, e.g. '0 9 * * mon-fri'; or '@daily'."
    )
    timezone = serializers.CharField(
        max_length=64, default="UTC", help_text="The IANA time zone the cron is read in, e.g. Europe/Paris."
    )
    initial_state = serializers.DictField(default=dict, help_text="The state each run starts with.")
    name = serializers.CharField(max_length=200, allow_blank=True, default="")
    enabled = serializers.BooleanField(default=True)


BAD_INPUT = OpenApiResponse(description="A bad cron (invalid_cron), time zone (invalid_timezone) or state")


class GraphScheduleViewSet(
    OwnerScopedViewSetMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    """Cron schedules: each firing starts a normal run of the graph's latest version, listed under /runs/."""

    queryset = Schedule.objects.select_related("owner", "q_schedule")
    serializer_class = GraphScheduleOutputSerializer
    filterset_fields = ["enabled", "graph"]
    ordering_fields = ["created_at", "name"]

    @extend_schema(request=GraphScheduleInputSerializer, responses={201: GraphScheduleOutputSerializer, 400: BAD_INPUT})
    def create(self, request: Request) -> Response:
        payload = GraphScheduleInputSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        data = dict(payload.validated_data)
        graph = selectors.graph_for(request.user, data.pop("graph_id"))
        schedule = schedules.schedule_create(owner=request.user, graph=graph, **data)
        return Response(GraphScheduleOutputSerializer(schedule).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=GraphScheduleInputSerializer, responses={200: GraphScheduleOutputSerializer, 400: BAD_INPUT})
    def partial_update(self, request: Request, pk: str | None = None) -> Response:
        payload = GraphScheduleInputSerializer(data=request.data, partial=True)
        payload.is_valid(raise_exception=True)
        data = dict(payload.validated_data)
        if "graph_id" in data:
            data["graph"] = selectors.graph_for(request.user, data.pop("graph_id"))
        schedule = schedules.schedule_update(schedule=self.get_object(), **data)
        return Response(GraphScheduleOutputSerializer(schedule).data)

    def destroy(self, request: Request, pk: str | None = None) -> Response:
        schedules.schedule_delete(schedule=self.get_object())
        return Response(status=status.HTTP_204_NO_CONTENT)

    @extend_schema(request=None, responses=GraphScheduleOutputSerializer)
    @action(detail=True, methods=["post"])
    def enable(self, request: Request, pk: str | None = None) -> Response:
        schedule = schedules.schedule_enable(schedule=self.get_object())
        return Response(GraphScheduleOutputSerializer(schedule).data)

    @extend_schema(request=None, responses=GraphScheduleOutputSerializer)
    @action(detail=True, methods=["post"])
    def disable(self, request: Request, pk: str | None = None) -> Response:
        schedule = schedules.schedule_disable(schedule=self.get_object())
        return Response(GraphScheduleOutputSerializer(schedule).data)
