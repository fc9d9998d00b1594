"""The seed contract's paths (no trailing slash), routed to the same services as the ViewSets."""

from django.urls import path

from csvconvert.api.views import InferenceRunView, SeedJobView, TrainView

urlpatterns = [
    path("api/v1/train", TrainView.as_view(), name="csv-train"),
    path("api/v1/inference/run", InferenceRunView.as_view(), name="csv-inference-run"),
    path("api/v1/jobs/<uuid:pk>", SeedJobView.as_view(), name="csv-seed-job"),
]
