"""Webhooks: `/api/v1/webhooks/` to manage them, `POST /api/hooks/{token}` for senders to call."""

from __future__ import annotations

from django.conf import settings
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.settings import api_settings
from rest_framework.throttling import SimpleRateThrottle
from rest_framework.views import APIView

from graphs import selectors, webhooks
from graphs.models import Webhook
from wfplatform.api.scoping import OwnerScopedViewSetMixin
from wfplatform.errors import ApplicationError

DEFAULT_WEBHOOK_RATE = "120/min"


class WebhookOutputSerializer(serializers.ModelSerializer):
    owner = serializers.CharField(source="owner.username", read_only=True)
    graph_id = serializers.UUIDField(read_only=True)
    initial_state = serializers.DictField(read_only=True)
    last_run_id = serializers.UUIDField(read_only=True, allow_null=True, help_text="The run it started last.")
    token_prefix = serializers.CharField(read_only=True, help_text="The token's first characters, to tell it apart.")
    signed = serializers.BooleanField(read_only=True, help_text="Calls must carry an X-Hub-Signature-256 header.")

    class Meta:
        model = Webhook
        fields = ["id", "name", "owner", "graph_id", "token_prefix", "signed", "initial_state", "enabled",
                  "last_run_id", "runs_started", "last_called_at", "created_at", "updated_at"]  # fmt: skip
        read_only_fields = fields


class WebhookWithURLSerializer(WebhookOutputSerializer):
    url = serializers.SerializerMethodField(help_text="The hook URL, token included: shown this once.")
    signing_secret = serializers.SerializerMethodField(
        help_text="A signed webhook's HMAC secret (GitHub's 'Secret' field): shown this once. Null when unsigned."
    )

    class Meta(WebhookOutputSerializer.Meta):
        fields = [*WebhookOutputSerializer.Meta.fields, "url", "signing_secret"]
        read_only_fields = fields

    def get_url(self, webhook: Webhook) -> str:
        return self.context["request"].build_absolute_uri(webhooks.hook_path(self.context["credentials"].token))

    def get_signing_secret(self, webhook: Webhook) -> str | None:
        return self.context["credentials"].signing_secret


class WebhookInputSerializer(serializers.Serializer):
    graph_id = serializers.UUIDField(help_text="Each call runs this graph's latest version.")
    name = serializers.CharField(max_length=200, allow_blank=True, default="")
    initial_state = serializers.DictField(default=dict, help_text="The state each run starts with, besides `webhook`.")
    enabled = serializers.BooleanField(default=True)
    signed = serializers.BooleanField(
        default=False, help_text="Only on create: calls must be signed (X-Hub-Signature-256, GitHub's scheme)."
    )


def with_url(request: Request, webhook: Webhook, credentials: webhooks.Credentials) -> dict:
    return WebhookWithURLSerializer(webhook, context={"request": request, "credentials": credentials}).data


class WebhookViewSet(
    OwnerScopedViewSetMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    """Webhooks of graphs: each call to a webhook's URL starts a normal run, listed under /runs/.

    The URL (with its secret token) is in the answer to create and to rotate only; the token is not stored.
    """

    queryset = Webhook.objects.select_related("owner")
    serializer_class = WebhookOutputSerializer
    filterset_fields = ["enabled", "graph"]
    ordering_fields = ["created_at", "name", "last_called_at"]

    @extend_schema(request=WebhookInputSerializer, responses={201: WebhookWithURLSerializer})
    def create(self, request: Request) -> Response:
        payload = WebhookInputSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        data = dict(payload.validated_data)
        graph = selectors.graph_for(request.user, data.pop("graph_id"))
        webhook, credentials = webhooks.webhook_create(owner=request.user, graph=graph, **data)
        return Response(with_url(request, webhook, credentials), status=status.HTTP_201_CREATED)

    @extend_schema(request=WebhookInputSerializer, responses=WebhookOutputSerializer)
    def partial_update(self, request: Request, pk: str | None = None) -> Response:
        payload = WebhookInputSerializer(data=request.data, partial=True)
        payload.is_valid(raise_exception=True)
        data = dict(payload.validated_data)
        if "signed" in data:
            raise ApplicationError("signed is chosen when a webhook is created; create another to change it",
                                   code="invalid", details={"signed": ["Only on create."]})  # fmt: skip
        if "graph_id" in data:
            data["graph"] = selectors.graph_for(request.user, data.pop("graph_id"))
        webhook = webhooks.webhook_update(webhook=self.get_object(), **data)
        return Response(WebhookOutputSerializer(webhook).data)

    def destroy(self, request: Request, pk: str | None = None) -> Response:
        webhooks.webhook_delete(webhook=self.get_object())
        return Response(status=status.HTTP_204_NO_CONTENT)

    @extend_schema(request=None, responses=WebhookOutputSerializer)
    @action(detail=True, methods=["post"])
    def enable(self, request: Request, pk: str | None = None) -> Response:
        webhook = webhooks.webhook_update(webhook=self.get_object(), enabled=True)
        return Response(WebhookOutputSerializer(webhook).data)

    @extend_schema(request=None, responses=WebhookOutputSerializer)
    @action(detail=True, methods=["post"])
    def disable(self, request: Request, pk: str | None = None) -> Response:
        webhook = webhooks.webhook_update(webhook=self.get_object(), enabled=False)
        return Response(WebhookOutputSerializer(webhook).data)

    @extend_schema(request=None, responses=WebhookWithURLSerializer)
    @action(detail=True, methods=["post"])
    def rotate(self, request: Request, pk: str | None = None) -> Response:
        """A new token and URL (and signing secret, when signed); the old ones stop working at once."""
        webhook, credentials = webhooks.webhook_rotate(webhook=self.get_object())
        return Response(with_url(request, webhook, credentials))


class WebhookRateThrottle(SimpleRateThrottle):
    """Calls per webhook (by its token's digest), WFP_THROTTLE_WEBHOOK; not the per-address anonymous limit,
    since senders such as GitHub share addresses."""

    scope = "webhook"

    def get_rate(self) -> str | None:
        return api_settings.DEFAULT_THROTTLE_RATES.get(self.scope) or DEFAULT_WEBHOOK_RATE

    def get_cache_key(self, request: Request, view: APIView) -> str:
        return self.cache_format % {"scope": self.scope, "ident": webhooks.token_digest(view.kwargs["token"])}


class HookAcceptedSerializer(serializers.Serializer):
    run_id = serializers.UUIDField()
    graph_id = serializers.UUIDField()
    webhook_id = serializers.UUIDField()
    status = serializers.CharField()


class HookView(APIView):
    """`POST /api/hooks/{token}`: start a run with the request (body, query, headers) under `webhook`.

    The token is the credential: no API key or session is needed (nor read, so no CSRF check applies).
    202 with the run; 404 for an unknown token, 409 while disabled, 401 for a signed webhook's call without
    the right X-Hub-Signature-256, 413 for a body over WFP_WEBHOOK_MAX_BYTES, 400 for a body that says it is
    JSON and is not.
    """

    authentication_classes: list = []
    permission_classes = [AllowAny]
    throttle_classes = [WebhookRateThrottle]

    @extend_schema(
        request={
            "application/json": OpenApiTypes.OBJECT,
            "application/x-www-form-urlencoded": OpenApiTypes.OBJECT,
            "text/plain": OpenApiTypes.STR,
        },  # fmt: skip
        responses={
            202: HookAcceptedSerializer,
            404: OpenApiResponse(description="No webhook has this token."),
            409: OpenApiResponse(description="The webhook is disabled."),
            413: OpenApiResponse(description="The body is too large."),
        },  # fmt: skip
        operation_id="hooks_call",
        auth=[],
    )
    def post(self, request: Request, token: str) -> Response:
        limit = settings.WFP_WEBHOOK_MAX_BYTES
        declared = request.META.get("CONTENT_LENGTH") or "0"
        if (declared.isdigit() and int(declared) > limit) or len(request.body) > limit:
            raise ApplicationError(f"the request body is over {limit} bytes", code="body_too_large", status_code=413)
        hook_request = webhooks.HookRequest(
            body=request.body,
            content_type=request.content_type or "",
            query={key: values[0] if len(values) == 1 else values for key, values in request.query_params.lists()},
            headers=dict(request.headers),
        )
        webhook, run = webhooks.webhook_receive(token=token, request=hook_request)
        body = {"run_id": run.pk, "graph_id": webhook.graph_id, "webhook_id": webhook.pk, "status": run.status}
        return Response(HookAcceptedSerializer(body).data, status=status.HTTP_202_ACCEPTED)
