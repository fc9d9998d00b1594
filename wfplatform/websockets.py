"""WebSocket routes of every app, collected in one list for the ASGI router."""

from django.urls import URLPattern, path

from graphs.api.consumers import RunEventsConsumer

websocket_urlpatterns: list[URLPattern] = [
    path("ws/graph/run/<uuid:run_id>", RunEventsConsumer.as_asgi()),
]
