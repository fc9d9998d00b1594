"""Fixtures shared by every test: users, API keys and authenticated API clients."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from rest_framework.test import APIClient

from wfplatform.auth.services import api_key_create

# fake_llm: a local server speaking the OpenAI and Anthropic protocols with scripted replies.
pytest_plugins = ["wfplatform.llm.testing"]


@pytest.fixture
def media_root(settings, tmp_path) -> Path:
    """Local file storage in this test's own folder, so stored files can be listed, read back and counted."""
    root = tmp_path / "media"
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage", "OPTIONS": {"location": str(root)}},
    }
    return root


@pytest.fixture
def make_user(db):
    def make(username: str = "alice", **extra):
        return get_user_model().objects.create_user(username=username, password="pw-" + username, **extra)

    return make


@pytest.fixture
def user(make_user):
    return make_user("alice")


@pytest.fixture
def other_user(make_user):
    return make_user("bob")


@pytest.fixture
def staff_user(make_user):
    return make_user("carol", is_staff=True)


@pytest.fixture
def api_client_for():
    """An APIClient that sends a fresh X-API-KEY of the given user."""

    def make(user) -> APIClient:
        _, raw_key = api_key_create(user=user, name="test")
        client = APIClient()
        client.credentials(HTTP_X_API_KEY=raw_key)
        client.raw_key = raw_key
        return client

    return make


@pytest.fixture
def api_client(api_client_for, user) -> APIClient:
    return api_client_for(user)
