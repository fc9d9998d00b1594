"""The one router every app registers its ViewSets on (under /api/v1/)."""

from rest_framework.routers import DefaultRouter

from wfplatform.auth.api import ApiKeyViewSet

router = DefaultRouter()
router.register("api-keys", ApiKeyViewSet, basename="api-key")
