from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from agentrunner.models import AgentJob, Artifact
from agentrunner.services import result_document

MAX_PROMPT = 10_000


class AgentContextSerializer(serializers.Serializer):
    previous_results = serializers.JSONField(
        required=False, default=list, help_text="Earlier results: a table (a list of flat objects) or a list of them."
    )
    session_id = serializers.CharField(required=False, allow_blank=True, max_length=200, default="")
    input_ref = serializers.CharField(
        required=False, allow_blank=True, max_length=300, default="", help_text="artifact://... to start from."
    )


class AgentJobInputSerializer(serializers.Serializer):
    """The seed's job document; `graph_id` (one of your graphs) is this platform's way to name the workflow."""

    version = serializers.ChoiceField(choices=["1.0"], required=False, default="1.0")
    job_id = serializers.CharField(required=False, allow_blank=True, max_length=200, default="")
    run_id = serializers.CharField(required=False, allow_blank=True, max_length=200, default="")
    node_id = serializers.CharField(required=False, allow_blank=True, max_length=200, default="")
    workflow_tag = serializers.CharField(
        required=False, allow_blank=True, max_length=200, default="", help_text="A graph id or name of yours."
    )
    workflow_owner = serializers.CharField(required=False, allow_blank=True, max_length=200, default="")
    prompt = serializers.CharField(max_length=MAX_PROMPT, trim_whitespace=True)
    current_workflow = serializers.JSONField(required=False, allow_null=True, default=None)
    context = AgentContextSerializer(required=False)
    graph_id = serializers.UUIDField(required=False, allow_null=True, default=None)

    def validate_current_workflow(self, value: Any) -> Any:
        if value is not None and not isinstance(value, dict):
            raise serializers.ValidationError("current_workflow must be an object ({nodes, edges} or a graph).")
        return value

    def validate_context(self, value: dict) -> dict:
        previous = value.get("previous_results")
        if previous is not None and not isinstance(previous, list | dict):
            raise serializers.ValidationError({"previous_results": "must be a list (or one table object)."})
        if isinstance(previous, dict):
            value["previous_results"] = [previous]
        return value

    def to_job_fields(self) -> dict[str, Any]:
        data = dict(self.validated_data)
        data.pop("version", None)
        data["client_job_id"] = data.pop("job_id", "")
        context = data.get("context") or {}
        data["context"] = {key: value for key, value in context.items() if value not in ("", None)}
        return data


class AgentResultSerializer(serializers.Serializer):
    """The seed's result document."""

    version = serializers.CharField()
    job_id = serializers.CharField()
    status = serializers.CharField(help_text="queued, running, completed, failed or cancelled.")
    result_ref = serializers.CharField(allow_null=True, help_text="artifact://{id} or graph://{id}/versions/{n}.")
    result_preview = serializers.JSONField(allow_null=True)
    metadata = serializers.JSONField(help_text="tool_calls, tokens_used, cache_hit, execution_time_ms, intent, ...")
    error = serializers.JSONField(required=False, help_text="{code, message} of a failed job.")


class AgentJobSerializer(serializers.ModelSerializer):
    graph_id = serializers.UUIDField(read_only=True, allow_null=True)
    artifact_id = serializers.UUIDField(read_only=True, allow_null=True)
    result = serializers.SerializerMethodField()

    class Meta:
        model = AgentJob
        fields = ["id", "status", "progress", "progress_message", "error_code", "error", "source", "client_job_id",
                  "run_id", "node_id", "workflow_tag", "workflow_owner", "graph_id", "prompt", "context", "intent",
                  "decided_by", "intent_reasons", "fallback_reason", "artifact_id", "tokens_used", "cache_hit",
                  "execution_time_ms", "llm_usage", "result", "attempts", "created_at", "started_at",
                  "finished_at"]  # fmt: skip
        read_only_fields = fields

    @extend_schema_field(AgentResultSerializer)
    def get_result(self, job: AgentJob) -> dict:
        return result_document(job)


class AgentJobStartedSerializer(serializers.Serializer):
    job_id = serializers.UUIDField(help_text="This platform's id of the job (GET /api/agent/jobs/{job_id}).")
    client_job_id = serializers.CharField(help_text="The job_id you sent, if any.")
    status = serializers.CharField()


class ArtifactSerializer(serializers.ModelSerializer):
    ref = serializers.CharField(read_only=True)
    job_id = serializers.UUIDField(read_only=True, allow_null=True)

    class Meta:
        model = Artifact
        fields = ["id", "ref", "job_id", "columns", "row_count", "size_bytes", "preview", "created_at"]
        read_only_fields = fields
