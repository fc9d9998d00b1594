from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from catalog.models import Suggestion
from catalog.services.suggestions import suggestion_accept, suggestion_generate
from graphs.api.schedules import GraphScheduleOutputSerializer
from graphs.api.webhooks import WebhookWithURLSerializer, with_url
from wfplatform.api.scoping import OwnerScopedViewSetMixin, owned_or_not_found


class SuggestionGenerateSerializer(serializers.Serializer):
    prompt = serializers.CharField(max_length=5000, help_text="The workflow, in a sentence.")


class SuggestionAcceptSerializer(serializers.Serializer):
    inputs = serializers.DictField(
        required=False, default=dict, help_text="Values for the workflow's {{ inputs.x }} placeholders (its schedule)."
    )


class SuggestionSerializer(serializers.ModelSerializer):
    graph_id = serializers.UUIDField(read_only=True, allow_null=True)
    valid = serializers.SerializerMethodField()

    class Meta:
        model = Suggestion
        fields = ["id", "prompt", "workflow", "valid", "problems", "retrieved_tools", "generated_by", "provider",
                  "repair_rounds", "tokens_used", "notes", "latency_ms", "graph_id", "created_at"]  # fmt: skip
        read_only_fields = fields

    def get_valid(self, suggestion: Suggestion) -> bool:
        return bool(suggestion.workflow) and not suggestion.problems


class AcceptedSuggestionSerializer(SuggestionSerializer):
    schedules = GraphScheduleOutputSerializer(many=True, help_text="One per cron trigger.")
    webhooks = WebhookWithURLSerializer(many=True, help_text="One per webhook trigger, with its URL (shown once).")

    class Meta(SuggestionSerializer.Meta):
        fields = [*SuggestionSerializer.Meta.fields, "schedules", "webhooks"]
        read_only_fields = fields


class SuggestionGenerateView(APIView):
    """The seed's `POST /api/suggestions:generate`: a workflow from a sentence, grounded in the catalog."""

    @extend_schema(request=SuggestionGenerateSerializer, responses={201: SuggestionSerializer},
                   operation_id="suggestions_generate")  # fmt: skip
    def post(self, request: Request) -> Response:
        payload = SuggestionGenerateSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        suggestion = suggestion_generate(owner=request.user, **payload.validated_data)
        return Response(SuggestionSerializer(suggestion).data, status=status.HTTP_201_CREATED)


class SuggestionView(APIView):
    """The seed's `GET /api/suggestions/{suggestion_id}`."""

    @extend_schema(responses=SuggestionSerializer, operation_id="suggestions_get")
    def get(self, request: Request, suggestion_id: str) -> Response:
        suggestion = owned_or_not_found(Suggestion.objects.all(), request.user, suggestion_id, "suggestion")
        return Response(SuggestionSerializer(suggestion).data)


class SuggestionViewSet(
    OwnerScopedViewSetMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    """Suggestions; `accept` turns one into a graph (and its cron trigger into a schedule)."""

    queryset = Suggestion.objects.all()
    serializer_class = SuggestionSerializer
    ordering_fields = ["created_at"]

    @extend_schema(request=SuggestionAcceptSerializer, responses={201: AcceptedSuggestionSerializer})
    @action(detail=True, methods=["post"])
    def accept(self, request: Request, pk: str | None = None) -> Response:
        """Create the graph, a schedule per cron trigger and a webhook per webhook trigger (its URL shown once)."""
        payload = SuggestionAcceptSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        accepted = suggestion_accept(suggestion=self.get_object(), user=request.user, **payload.validated_data)
        body = {
            **SuggestionSerializer(accepted.suggestion).data,
            "schedules": GraphScheduleOutputSerializer(accepted.schedules, many=True).data,
            "webhooks": [with_url(request, webhook, credentials) for webhook, credentials in accepted.webhooks],
        }
        return Response(body, status=status.HTTP_201_CREATED)
