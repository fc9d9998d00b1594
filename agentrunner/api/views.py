from __future__ import annotations

import csv
import io
import json

from django.http import HttpResponse, StreamingHttpResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from agentrunner import selectors, services
from agentrunner.api.serializers import (
    AgentJobInputSerializer,
    AgentJobSerializer,
    AgentJobStartedSerializer,
    AgentResultSerializer,
    ArtifactSerializer,
)
from agentrunner.models import AgentJob, Artifact, JobSource
from wfplatform.api.scoping import OwnerScopedViewSetMixin
from wfplatform.errors import ApplicationError
from wfplatform.jobs.models import JobStatus


def _submit(request: Request) -> Response:
    payload = AgentJobInputSerializer(data=request.data)
    payload.is_valid(raise_exception=True)
    job = services.agent_job_submit(owner=request.user, source=JobSource.API, **payload.to_job_fields())
    body = {"job_id": str(job.pk), "client_job_id": job.client_job_id, "status": job.status}
    return Response(body, status=status.HTTP_202_ACCEPTED)


STARTED = {202: AgentJobStartedSerializer}


class AgentJobsView(APIView):
    """The seed's `POST /api/agent/jobs`: queue a prompt for the agent; 202 with the job id."""

    @extend_schema(request=AgentJobInputSerializer, responses=STARTED, operation_id="agent_job_submit")
    def post(self, request: Request) -> Response:
        return _submit(request)


class AgentJobView(APIView):
    """The seed's `GET /api/agent/jobs/{id}` (this platform's id, or the job_id you sent): the job and its result."""

    @extend_schema(responses=AgentJobSerializer, operation_id="agent_job_get")
    def get(self, request: Request, key: str) -> Response:
        job = selectors.agent_job_for(request.user, key)
        return Response(AgentJobSerializer(job, context={"request": request}).data)


class TestChatView(APIView):
    """A prompt in, the result out, synchronously (the job runs in this request): for trying the agent.

    200 with the result document when it completed; 422 with the same document (and its `error`) when the
    request could not be done (an unknown column, a patch that breaks the graph, ...).
    """

    @extend_schema(
        request=AgentJobInputSerializer,
        responses={200: AgentResultSerializer, 422: AgentResultSerializer},
        operation_id="agent_test_chat",
    )
    def post(self, request: Request) -> Response:
        payload = AgentJobInputSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        job = services.agent_job_run_now(owner=request.user, source=JobSource.CHAT, **payload.to_job_fields())
        document = services.result_document(job)
        document["id"] = str(job.pk)
        if job.status == JobStatus.FAILED:
            document["error"]["details"] = {"job_id": str(job.pk)}
            return Response(document, status=status.HTTP_422_UNPROCESSABLE_ENTITY)
        return Response(document)


class AgentJobViewSet(
    OwnerScopedViewSetMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    """Agent jobs (`?status=&intent=&source=`): what was decided, by whom, what it cost, and the result."""

    queryset = AgentJob.objects.select_related("owner", "artifact", "graph_version")
    serializer_class = AgentJobSerializer
    filterset_fields = ["status", "intent", "source", "decided_by"]
    ordering_fields = ["created_at"]

    @extend_schema(request=AgentJobInputSerializer, responses=STARTED)
    def create(self, request: Request) -> Response:
        return _submit(request)


FORMAT = OpenApiParameter("as", str, enum=["json", "csv"], description="json ({columns, rows}, default) or csv.")


class ArtifactViewSet(
    OwnerScopedViewSetMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.DestroyModelMixin,
    viewsets.GenericViewSet,
):
    """Pipeline results (artifact://{id}): columns, row count, a preview; download the whole table."""

    queryset = Artifact.objects.select_related("owner")
    serializer_class = ArtifactSerializer
    ordering_fields = ["created_at"]

    @extend_schema(responses={204: None})
    def destroy(self, request: Request, pk: str | None = None) -> Response:
        services.artifact_delete(artifact=self.get_object())
        return Response(status=status.HTTP_204_NO_CONTENT)

    @extend_schema(
        parameters=[FORMAT],
        responses={
            (200, "application/json"): OpenApiResponse(OpenApiTypes.OBJECT),
            (200, "text/csv"): OpenApiTypes.STR,
        },
    )
    @action(detail=True, methods=["get"])
    def download(self, request: Request, pk: str | None = None) -> HttpResponse:
        """The whole table: JSON {columns, rows}, or CSV with `?as=csv`."""
        artifact = self.get_object()
        kind = request.query_params.get("as", "json")
        if kind not in {"json", "csv"}:
            raise ApplicationError(f"unknown format {kind!r}: use as=json or as=csv", code="invalid_format")
        document = services.artifact_document(artifact)
        if kind == "json":
            response = HttpResponse(json.dumps(document, ensure_ascii=False), content_type="application/json")
        else:
            response = StreamingHttpResponse(_csv_lines(document), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="artifact-{artifact.pk}.{kind}"'
        return response


def _csv_lines(document: dict):
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    for row in [document["columns"], *document["rows"]]:
        writer.writerow(["" if value is None else value for value in row])
        yield buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()
