from __future__ import annotations

import django_filters
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from wfplatform.api.scoping import OwnerScopedViewSetMixin
from wfplatform.auth.models import ApiKey
from wfplatform.auth.services import api_key_create, api_key_revoke


class ApiKeyOutputSerializer(serializers.ModelSerializer):
    user = serializers.CharField(source="user.username", read_only=True)
    is_active = serializers.BooleanField(read_only=True)

    class Meta:
        model = ApiKey
        fields = ["id", "name", "prefix", "user", "created_at", "expires_at", "revoked_at", "last_used_at", "is_active"]
        read_only_fields = fields


class ApiKeyCreateSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=100, required=False, allow_blank=True, default="")
    expires_at = serializers.DateTimeField(required=False, allow_null=True, default=None)


class ApiKeyCreatedSerializer(ApiKeyOutputSerializer):
    key = serializers.CharField(read_only=True, help_text="The key itself. Shown once; store it now.")

    class Meta(ApiKeyOutputSerializer.Meta):
        fields = [*ApiKeyOutputSerializer.Meta.fields, "key"]
        read_only_fields = fields


class ApiKeyFilter(django_filters.FilterSet):
    active = django_filters.BooleanFilter(method="filter_active")

    class Meta:
        model = ApiKey
        fields = ["name"]

    def filter_active(self, queryset, name, value):
        usable = queryset.usable()
        return usable if value else queryset.exclude(pk__in=usable.values("pk"))


class ApiKeyViewSet(OwnerScopedViewSetMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """The caller's API keys. Create one (its key is shown once) and revoke the ones you no longer use."""

    queryset = ApiKey.objects.select_related("user")
    serializer_class = ApiKeyOutputSerializer
    filterset_class = ApiKeyFilter
    ordering_fields = ["created_at", "last_used_at", "name"]
    owner_field = "user"

    @extend_schema(request=ApiKeyCreateSerializer, responses={201: ApiKeyCreatedSerializer})
    def create(self, request: Request) -> Response:
        payload = ApiKeyCreateSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        api_key, raw_key = api_key_create(user=request.user, **payload.validated_data)
        api_key.key = raw_key
        return Response(ApiKeyCreatedSerializer(api_key).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=None, responses=ApiKeyOutputSerializer)
    @action(detail=True, methods=["post"])
    def revoke(self, request: Request, pk: str | None = None) -> Response:
        api_key = api_key_revoke(api_key=self.get_object())
        return Response(ApiKeyOutputSerializer(api_key).data)
