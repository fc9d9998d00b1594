from __future__ import annotations

from django.urls import reverse
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from csvconvert.models import ConversionJob, Converter, JobKind
from wfplatform.files import FileInputField


class TrainSerializer(serializers.Serializer):
    input_file = FileInputField(help_text="The example input CSV.")
    expected_output_file = FileInputField(help_text="What the input should become.")
    name = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
    instructions = serializers.CharField(
        required=False, allow_blank=True, default="", max_length=10_000,
        help_text="Plain-words hints for the LLM agents (used only when the engine finds no program).",
    )  # fmt: skip


class InferenceRunSerializer(serializers.Serializer):
    job_id = serializers.UUIDField(required=False, help_text="A succeeded training job (its converter runs).")
    converter_id = serializers.UUIDField(required=False, help_text="Or the converter itself.")
    input_file = FileInputField(help_text="The CSV to convert.")

    def validate(self, data: dict) -> dict:
        if ("job_id" in data) == ("converter_id" in data):
            raise serializers.ValidationError("Give exactly one of job_id (a training job) and converter_id.")
        return data


class ConverterRunSerializer(serializers.Serializer):
    input_file = FileInputField(help_text="The CSV to convert.")


class JobStartedSerializer(serializers.Serializer):
    job_id = serializers.UUIDField()
    status = serializers.CharField()
    kind = serializers.ChoiceField(choices=JobKind.choices)


def job_started(job: ConversionJob) -> dict:
    return {"job_id": str(job.pk), "status": job.status, "kind": job.kind}


class ConversionJobSerializer(serializers.ModelSerializer):
    converter_id = serializers.UUIDField(read_only=True, allow_null=True)
    output_url = serializers.SerializerMethodField(help_text="Download of the output CSV, once there is one.")

    class Meta:
        model = ConversionJob
        fields = ["id", "kind", "status", "progress", "progress_message", "error_code", "error", "name",
                  "instructions", "converter_id", "input_file", "expected_file", "output_file", "output_url", "rows",
                  "stats", "diff_report", "llm_usage", "agent_cycle", "attempts", "created_at", "started_at",
                  "finished_at"]  # fmt: skip
        read_only_fields = fields

    @extend_schema_field(serializers.URLField(allow_null=True))
    def get_output_url(self, job: ConversionJob) -> str | None:
        if not job.output_file:
            return None
        return _absolute(self.context.get("request"), reverse("csv-job-output", args=[job.pk]))


class ConverterSerializer(serializers.ModelSerializer):
    training_job_id = serializers.UUIDField(read_only=True, allow_null=True)
    script_url = serializers.SerializerMethodField(help_text="Download of the standalone Python script.")

    class Meta:
        model = Converter
        fields = ["id", "name", "source", "explanation", "check_result", "program", "training_job_id", "script_url",
                  "created_at"]  # fmt: skip
        read_only_fields = fields

    @extend_schema_field(serializers.URLField())
    def get_script_url(self, converter: Converter) -> str:
        return _absolute(self.context.get("request"), reverse("csv-converter-script", args=[converter.pk]))


def _absolute(request, path: str) -> str:
    return request.build_absolute_uri(path) if request is not None else path
