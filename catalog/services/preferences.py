"""A user's catalog preferences: preferred toolkits (checked against the catalog) and free-form settings."""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction

from catalog.models import Toolkit, UserPreference
from wfplatform.errors import ApplicationError


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
