from __future__ import annotations

from datetime import datetime

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.utils import timezone

from wfplatform.auth.models import ApiKey, new_raw_key
from wfplatform.errors import ApplicationError


@transaction.atomic
def api_key_create(*, user: AbstractBaseUser, name: str = "", expires_at: datetime | None = None) -> tuple[ApiKey, str]:
    """Create a key; returns the row and the raw key, which is never retrievable again."""
    if expires_at is not None and expires_at <= timezone.now():
        raise ApplicationError(
            "expires_at must be in the future.", code="invalid", details={"expires_at": str(expires_at)}
        )
    raw_key = new_raw_key()
    api_key = ApiKey(user=user, name=name, expires_at=expires_at)
    api_key.set_key(raw_key)
    api_key.save()
    return api_key, raw_key


def api_key_revoke(*, api_key: ApiKey) -> ApiKey:
    if api_key.revoked_at is None:
        api_key.revoked_at = timezone.now()
        api_key.save(update_fields=["revoked_at"])
    return api_key


def service_user_get() -> AbstractBaseUser:
    """The user that the WFP_SERVICE_API_KEY acts as, created on first use."""
    from django.conf import settings

    user_model = get_user_model()
    user, _ = user_model.objects.get_or_create(username=settings.WFP_SERVICE_USERNAME, defaults={"is_active": True})
    if user.has_usable_password():
        user.set_unusable_password()
        user.save(update_fields=["password"])
    return user
