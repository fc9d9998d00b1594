from __future__ import annotations

from pathlib import PurePosixPath

from django.core.files.storage import default_storage
from django.http import FileResponse, HttpResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from csvconvert import selectors, services
from csvconvert.api.serializers import (
    ConversionJobSerializer,
    ConverterRunSerializer,
    ConverterSerializer,
    InferenceRunSerializer,
    JobStartedSerializer,
    TrainSerializer,
    job_started,
)
from csvconvert.models import ConversionJob, Converter
from wfplatform.api.scoping import OwnerScopedViewSetMixin
from wfplatform.errors import NotFoundError

PARSERS = [JSONParser, MultiPartParser, FormParser]
STARTED = {202: JobStartedSerializer}


def _started(job: ConversionJob) -> Response:
    return Response(job_started(job), status=status.HTTP_202_ACCEPTED)


class TrainView(APIView):
    """Train a converter from an input CSV and its expected output (JSON or multipart); 202 with the job id."""

    parser_classes = PARSERS

    @extend_schema(request=TrainSerializer, responses=STARTED, operation_id="csv_train")
    def post(self, request: Request) -> Response:
        payload = TrainSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        return _started(services.training_start(owner=request.user, **payload.validated_data))


class InferenceRunView(APIView):
    """Run a trained converter (`job_id` of a succeeded training job, or `converter_id`) on a new file; 202."""

    parser_classes = PARSERS

    @extend_schema(request=InferenceRunSerializer, responses=STARTED, operation_id="csv_inference_run")
    def post(self, request: Request) -> Response:
        payload = InferenceRunSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        data = payload.validated_data
        if "job_id" in data:
            converter = selectors.trained_converter(request.user, data["job_id"])
        else:
            converter = selectors.converter_for(request.user, data["converter_id"])
        job = services.inference_start(owner=request.user, converter=converter, input_file=data["input_file"])
        return _started(job)


CSV_FILE = OpenApiResponse(OpenApiTypes.BINARY, description="The output CSV (text/csv).")


class ConversionJobViewSet(
    OwnerScopedViewSetMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.DestroyModelMixin,
    viewsets.GenericViewSet,
):
    """Training and inference jobs (`?kind=training|inference&status=`): progress, errors, diff report, output."""

    queryset = ConversionJob.objects.select_related("owner")
    serializer_class = ConversionJobSerializer
    filterset_fields = ["kind", "status"]
    ordering_fields = ["created_at"]

    @extend_schema(responses={204: None})
    def destroy(self, request: Request, pk: str | None = None) -> Response:
        """Delete the job and its stored files (a queued or running job is cancelled first)."""
        services.job_delete(job=self.get_object())
        return Response(status=status.HTTP_204_NO_CONTENT)

    @extend_schema(request=None, responses=ConversionJobSerializer)
    @action(detail=True, methods=["post"])
    def cancel(self, request: Request, pk: str | None = None) -> Response:
        job = services.job_cancel_or_conflict(job=self.get_object())
        return Response(self.get_serializer(job).data)

    @extend_schema(responses={(200, "text/csv"): CSV_FILE})
    @action(detail=True, methods=["get"], url_path="output", url_name="output")
    def output(self, request: Request, pk: str | None = None) -> FileResponse:
        """Download the output CSV of a succeeded inference job."""
        job = self.get_object()
        if not job.output_file:
            raise NotFoundError(f"job {job.pk} has no output ({job.kind}, {job.status})")
        try:
            handle = default_storage.open(job.output_file, "rb")
        except FileNotFoundError:
            raise NotFoundError(f"the output file of job {job.pk} is missing from storage") from None
        filename = PurePosixPath(job.output_file).name
        return FileResponse(handle, as_attachment=True, filename=filename, content_type="text/csv")


class SeedJobView(APIView):
    """The seed contract's `/api/v1/jobs/{id}` (no trailing slash): the same reads and delete."""

    @extend_schema(responses=ConversionJobSerializer, operation_id="seed_job_retrieve")
    def get(self, request: Request, pk: str) -> Response:
        job = selectors.job_for(request.user, pk)
        return Response(ConversionJobSerializer(job, context={"request": request}).data)

    @extend_schema(responses={204: None}, operation_id="seed_job_delete")
    def delete(self, request: Request, pk: str) -> Response:
        services.job_delete(job=selectors.job_for(request.user, pk))
        return Response(status=status.HTTP_204_NO_CONTENT)


class ConverterViewSet(
    OwnerScopedViewSetMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.DestroyModelMixin,
    viewsets.GenericViewSet,
):
    """Trained converters: what they do (explanation), their check, their script; run one on a new file."""

    queryset = Converter.objects.select_related("owner")
    serializer_class = ConverterSerializer
    filterset_fields = ["source", "name"]
    ordering_fields = ["created_at", "name"]

    @extend_schema(responses={204: None})
    def destroy(self, request: Request, pk: str | None = None) -> Response:
        services.converter_delete(converter=self.get_object())
        return Response(status=status.HTTP_204_NO_CONTENT)

    @extend_schema(responses={(200, "text/x-python"): OpenApiResponse(OpenApiTypes.STR, description="The script")})
    @action(detail=True, methods=["get"], url_path="script", url_name="script")
    def script(self, request: Request, pk: str | None = None) -> HttpResponse:
        """The standalone Python script (`python converter.py INPUT.csv OUTPUT.csv` for engine converters)."""
        converter = self.get_object()
        response = HttpResponse(converter.script, content_type="text/x-python; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="converter-{converter.pk}.py"'
        return response

    @extend_schema(request=ConverterRunSerializer, responses=STARTED)
    @action(detail=True, methods=["post"], parser_classes=PARSERS)
    def run(self, request: Request, pk: str | None = None) -> Response:
        """Convert a new file with this converter: 202 with the inference job's id."""
        payload = ConverterRunSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        job = services.inference_start(owner=request.user, converter=self.get_object(), **payload.validated_data)
        return _started(job)
