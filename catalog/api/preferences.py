"""The seed's `GET/POST /api/preferences/{user_id}`: a user's preferred toolkits and free-form settings.

`user_id` is the numeric id or `me`. Users see and change only their own (another id answers 404, as if it
did not exist); staff may read anyone's but change only their own. A user without a row reads the defaults.
"""

from __future__ import annotations

import json

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from catalog.models import UserPreference
from catalog.selectors import preference_owner, user_preference_get
from catalog.services.preferences import user_preference_upsert
from wfplatform.llm.config import DEFAULT_ORDER as LLM_PROVIDERS

MAX_SETTINGS_BYTES = 20_000
MAX_PREFERRED_TOOLKITS = 200

USER_ID = OpenApiParameter(
    "user_id", OpenApiTypes.STR, OpenApiParameter.PATH, description="The user's numeric id, or `me`."
)


# --- API -----------------------------------------------------------------------------------------------


class UserPreferencesSerializer(serializers.ModelSerializer):
    user_id = serializers.IntegerField(read_only=True)
    updated_at = serializers.DateTimeField(read_only=True, allow_null=True, help_text="null: never saved (defaults).")

    class Meta:
        model = UserPreference
        fields = ["user_id", "preferred_toolkits", "settings", "updated_at"]
        read_only_fields = fields


class UserPreferencesUpdateSerializer(serializers.Serializer):
    preferred_toolkits = serializers.ListField(
        child=serializers.CharField(max_length=100),
        max_length=MAX_PREFERRED_TOOLKITS,
        required=False,
        help_text="Toolkit slugs (e.g. github); each must be in the catalog. Left out: unchanged.",
    )
    settings = serializers.DictField(
        required=False,
        help_text="A JSON object, up to 20 KB. Left out: unchanged. Known keys: llm_provider (anthropic, openai or "
        "groq: who writes your suggestions when configured), composio_user_id, composio_connected_account_id.",
    )

    def validate_settings(self, value: dict) -> dict:
        if len(json.dumps(value).encode()) > MAX_SETTINGS_BYTES:
            raise serializers.ValidationError(f"At most {MAX_SETTINGS_BYTES} bytes of JSON.")
        provider = value.get("llm_provider")
        if provider is not None and provider not in LLM_PROVIDERS:
            raise serializers.ValidationError(f"llm_provider must be one of {', '.join(LLM_PROVIDERS)} (or null).")
        return value


class UserPreferencesView(APIView):
    """The seed's `/api/preferences/{user_id}`: read (defaults when never saved) or save a user's preferences."""

    @extend_schema(parameters=[USER_ID], responses=UserPreferencesSerializer, operation_id="preferences_retrieve")
    def get(self, request: Request, user_id: str) -> Response:
        owner = preference_owner(requester=request.user, user_id=user_id, write=False)
        return Response(UserPreferencesSerializer(user_preference_get(user=owner)).data)

    @extend_schema(
        parameters=[USER_ID],
        request=UserPreferencesUpdateSerializer,
        responses=UserPreferencesSerializer,
        operation_id="preferences_update",
    )
    def post(self, request: Request, user_id: str) -> Response:
        owner = preference_owner(requester=request.user, user_id=user_id, write=True)
        payload = UserPreferencesUpdateSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        preference = user_preference_upsert(user=owner, **payload.validated_data)
        return Response(UserPreferencesSerializer(preference).data)
