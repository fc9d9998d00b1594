"""WebSocket routes of every app, collected in one list for the ASGI router."""

from django.urls import URLPattern

websocket_urlpatterns: list[URLPattern] = []
