from __future__ import annotations

import hmac

from django.conf import settings
from django.utils import timezone
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import authentication, exceptions
from rest_framework.request import Request

from wfplatform.auth.models import ApiKey, hash_key
from wfplatform.auth.services import service_user_get

HEADER = "X-API-KEY"
# Writing last_used_at on every request would turn every read into a write; once a minute is enough.
_LAST_USED_RESOLUTION_SECONDS = 60


class ApiKeyAuthentication(authentication.BaseAuthentication):
    """Authenticates the X-API-KEY header against per-user keys or the service key."""

    def authenticate(self, request: Request):
        raw_key = request.headers.get(HEADER)
        if raw_key is None:
            return None
        return self.authenticate_key(raw_key)

    def authenticate_key(self, raw_key: str):
        """(user, key) for a raw key from any transport (a header, a WebSocket handshake)."""
        raw_key = raw_key.strip()
        if not raw_key:
            raise exceptions.AuthenticationFailed(f"The {HEADER} header is empty.")
        service_key = settings.WFP_SERVICE_API_KEY
        if service_key and hmac.compare_digest(raw_key.encode(), service_key.encode()):
            return service_user_get(), None
        return self._user_key(raw_key)

    def _user_key(self, raw_key: str):
        api_key = ApiKey.objects.select_related("user").filter(key_hash=hash_key(raw_key)).first()
        if api_key is None:
            raise exceptions.AuthenticationFailed("Invalid API key.")
        if api_key.revoked_at is not None:
            raise exceptions.AuthenticationFailed("This API key has been revoked.")
        now = timezone.now()
        if api_key.expires_at is not None and api_key.expires_at <= now:
            raise exceptions.AuthenticationFailed("This API key has expired.")
        if not api_key.user.is_active:
            raise exceptions.AuthenticationFailed("The user of this API key is inactive.")
        if api_key.last_used_at is None or (now - api_key.last_used_at).total_seconds() > _LAST_USED_RESOLUTION_SECONDS:
            ApiKey.objects.filter(pk=api_key.pk).update(last_used_at=now)
        return api_key.user, api_key

    def authenticate_header(self, request: Request) -> str:
        # A non-empty value makes DRF answer 401 (not 403) when credentials are missing.
        return HEADER


class ApiKeyAuthenticationScheme(OpenApiAuthenticationExtension):
    target_class = "wfplatform.auth.authentication.ApiKeyAuthentication"
    name = "ApiKeyAuth"

    def get_security_definition(self, auto_schema):
        return {"type": "apiKey", "in": "header", "name": HEADER}
