"""The seed's `GET/POST /api/preferences/{user_id}`: a user's preferred toolkits and free-form settings.

`user_id` is the numeric id or `me`. Users see and change only their own (another id answers 404, as if it
did not exist); staff may read anyone's but change only their own. A user without a row reads the defaults.
"""

from __future__ import annotations

import json

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from catalog.models import Toolkit, UserPreference
from wfplatform.errors import ApplicationError, NotFoundError

MAX_SETTINGS_BYTES = 20_000
MAX_PREFERRED_TOOLKITS = 200

USER_ID = OpenApiParameter(
    "user_id", OpenApiTypes.STR, OpenApiParameter.PATH, description="The user's numeric id, or `me`."
)


# --- reads and writes (the view's service layer) ---------------------------------------------------------


def user_preference_get(*, user: AbstractBaseUser) -> UserPreference:
    """The user's row, or an unsaved one holding the defaults (reading never creates a row)."""
    return UserPreference.objects.filter(user=user).first() or UserPreference(user=user)


@transaction.atomic
def user_preference_upsert(
    *, user: AbstractBaseUser, preferred_toolkits: list[str] | None = None, settings: dict | None = None
) -> UserPreference:
    """Create or update the user's row; fields left out (None) keep their values. Unknown toolkits: 400."""
    toolkits = _known_toolkits(preferred_toolkits) if preferred_toolkits is not None else None
    preference, _ = UserPreference.objects.select_for_update().get_or_create(user=user)
    if toolkits is not None:
        preference.preferred_toolkits = toolkits
    if settings is not None:
        preference.settings = settings
    preference.save()
    return preference


def _known_toolkits(slugs: list[str]) -> list[str]:
    wanted = list(dict.fromkeys(slug.strip().lower() for slug in slugs))
    known = set(Toolkit.objects.filter(slug__in=wanted).values_list("slug", flat=True))
    unknown = [slug for slug in wanted if slug not in known]
    if unknown:
        raise ApplicationError(
            f"Unknown toolkits: {', '.join(unknown)}.", code="unknown_toolkits", details={"preferred_toolkits": unknown}
        )
    return wanted


def preference_owner(*, requester: AbstractBaseUser, user_id: str, write: bool) -> AbstractBaseUser:
    """Whose preferences `user_id` names, as far as `requester` may know; 404 for anyone else's."""
    if user_id == "me" or int(user_id) == requester.pk:
        return requester
    owner = get_user_model().objects.filter(pk=int(user_id)).first() if requester.is_staff else None
    if owner is None:
        raise NotFoundError(f"No preferences for user {user_id}.")
    if write:
        raise ApplicationError(
            "Staff may read another user's preferences but not change them.", code="permission_denied", status_code=403
        )
    return owner


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
    settings = serializers.DictField(required=False, help_text="A JSON object, up to 20 KB. Left out: unchanged.")

    def validate_settings(self, value: dict) -> dict:
        if len(json.dumps(value).encode()) > MAX_SETTINGS_BYTES:
            raise serializers.ValidationError(f"At most {MAX_SETTINGS_BYTES} bytes of JSON.")
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
