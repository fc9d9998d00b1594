"""The catalog's read API: the seed's /api/integrations paths and the REST categories and tools."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from catalog.models import Tool, Toolkit, ToolkitCategory

pytestmark = pytest.mark.django_db


@pytest.fixture
def catalog():
    dev = ToolkitCategory.objects.create(slug="developer-tools", name="Developer Tools")
    chat = ToolkitCategory.objects.create(slug="communication", name="Communication")
    github = Toolkit.objects.create(slug="github", name="GitHub", description="Code hosting", tools_count=2)
    github.categories.add(dev)
    slack = Toolkit.objects.create(slug="slack", name="Slack", description="Team messaging", tools_count=1)
    slack.categories.add(chat)
    schema = {"type": "object", "properties": {"title": {"type": "string"}}, "required": ["title"]}
    Tool.objects.create(slug="GITHUB_CREATE_AN_ISSUE", name="Create an issue", toolkit=github, input_schema=schema)
    Tool.objects.create(slug="GITHUB_OLD_THING", name="Old", toolkit=github, deprecated=True)
    Tool.objects.create(slug="SLACK_SEND_MESSAGE", name="Send a message", toolkit=slack)
    return {"github": github, "slack": slack}


def test_integrations_are_listed_and_filtered_by_category_and_search(api_client, catalog):
    listed = api_client.get("/api/integrations").json()
    assert [item["slug"] for item in listed["results"]] == ["github", "slack"]
    by_category = api_client.get("/api/integrations?category=communication").json()
    assert [item["slug"] for item in by_category["results"]] == ["slack"]
    searched = api_client.get("/api/integrations?search=code hosting").json()
    assert [item["slug"] for item in searched["results"]] == ["github"]
    assert listed["results"][0]["categories"] == [{"slug": "developer-tools", "name": "Developer Tools"}]


def test_one_integration_comes_with_its_tools_deprecated_last(api_client, catalog):
    body = api_client.get("/api/integrations/GitHub").json()
    assert body["slug"] == "github"
    assert [tool["slug"] for tool in body["tools"]] == ["GITHUB_CREATE_AN_ISSUE", "GITHUB_OLD_THING"]
    assert body["tools"][0]["input_schema"]["required"] == ["title"]


def test_an_unknown_integration_is_a_404_that_names_it(api_client, catalog):
    answer = api_client.get("/api/integrations/nope")
    assert answer.status_code == 404
    assert "nope" in answer.json()["error"]["message"]


def test_tools_are_found_by_slug_and_filtered_by_toolkit(api_client, catalog):
    assert api_client.get("/api/v1/catalog/tools/SLACK_SEND_MESSAGE/").json()["toolkit"] == "slack"
    active = api_client.get("/api/v1/catalog/tools/?toolkit__slug=github&deprecated=false").json()
    assert [tool["slug"] for tool in active["results"]] == ["GITHUB_CREATE_AN_ISSUE"]
    assert [c["slug"] for c in api_client.get("/api/v1/catalog/categories/").json()] == [
        "communication",
        "developer-tools",
    ]


def test_the_catalog_needs_a_key(client, catalog):
    assert client.get("/api/integrations").status_code in (401, 403)


def test_the_admin_lists_toolkits_and_tools(admin_client, catalog):
    assert "GitHub" in admin_client.get("/admin/catalog/toolkit/").content.decode()
    page = admin_client.get(f"/admin/catalog/toolkit/{catalog['github'].pk}/change/").content.decode()
    assert "GITHUB_CREATE_AN_ISSUE" in page
    assert "SLACK_SEND_MESSAGE" in admin_client.get("/admin/catalog/tool/").content.decode()


def test_integration_reads_are_cached_until_the_catalog_changes(api_client, catalog):
    first = api_client.get("/api/integrations/github").json()
    with CaptureQueriesContext(connection) as queries:
        assert api_client.get("/api/integrations/github").json() == first
    # Only the key check, the throttle and the cache itself (the database cache, without REDIS_URL).
    assert not [query["sql"] for query in queries.captured_queries if '"catalog_' in query["sql"]]
    Tool.objects.create(slug="GITHUB_NEW_THING", name="New", toolkit=catalog["github"])  # a change bumps the version
    slugs = [tool["slug"] for tool in api_client.get("/api/integrations/github").json()["tools"]]
    assert "GITHUB_NEW_THING" in slugs


def test_an_import_makes_cached_lists_stale(api_client, catalog, django_capture_on_commit_callbacks):
    from django.utils import timezone

    from catalog.services.importing import catalog_import

    assert [item["slug"] for item in api_client.get("/api/integrations").json()["results"]] == ["github", "slack"]
    with django_capture_on_commit_callbacks(execute=True):
        catalog_import(
            categories=None, toolkits=[{"slug": "trello", "name": "Trello"}], tools=[], synced_at=timezone.now()
        )
    assert [item["slug"] for item in api_client.get("/api/integrations").json()["results"]] == [
        "github",
        "slack",
        "trello",
    ]
