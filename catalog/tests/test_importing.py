"""The catalog importer (catalog_import, catalog_load_file) and `manage.py load_catalog`."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from catalog.models import Tool, Toolkit, ToolkitCategory
from catalog.services.importing import DEFAULT_CATALOG_FILE, catalog_import, catalog_load_file
from wfplatform.errors import ApplicationError

pytestmark = pytest.mark.django_db


@pytest.fixture
def catalog(toolkit_item, tool_item) -> dict:
    """Two toolkits, five tools (one deprecated), in Composio's v3 shapes."""
    return {
        "toolkits": [
            toolkit_item(
                "github",
                name="GitHub",
                categories=[{"slug": "developer-tools", "name": "Developer Tools"}],
                auth_schemes=["OAUTH2", "BEARER_TOKEN"],
            ),
            toolkit_item(
                "gmail",
                name="Gmail",
                categories=[{"id": "email", "name": "Email"}, {"name": "Communication & Chat"}],
                auth_schemes=[{"mode": "oauth2"}],
                composio_managed_auth_schemes=["OAUTH2"],
            ),
        ],
        "tools": [
            tool_item("GITHUB_CREATE_AN_ISSUE", "github"),
            tool_item("GITHUB_STAR_A_REPOSITORY", "github"),
            tool_item("GITHUB_LIST_REPOS_OLD", "github", is_deprecated=True),
            tool_item("GMAIL_SEND_EMAIL", "gmail"),
            tool_item("GMAIL_FETCH_EMAILS", "gmail"),
        ],
    }


def _import(catalog: dict, **options):
    return catalog_import(
        categories=catalog.get("categories"),
        toolkits=catalog["toolkits"],
        tools=catalog["tools"],
        synced_at=options.pop("synced_at", timezone.now()),
        **options,
    )


# --- creating and updating ---------------------------------------------------------------------------------


def test_it_creates_toolkits_tools_and_categories(catalog):
    synced_at = timezone.now()

    stats = _import(catalog, synced_at=synced_at)

    assert (stats.toolkits_created, stats.tools_created, stats.categories) == (2, 5, 3)
    assert stats.skipped == []
    github = Toolkit.objects.get(slug="github")
    assert (github.name, github.description, github.logo) == (
        "GitHub",
        "github description",
        "https://logos.example.com/github.png",
    )
    assert github.app_url == "https://github.example.com"
    assert github.auth_schemes == ["OAUTH2", "BEARER_TOKEN"]
    assert github.last_synced_at == synced_at
    issue = Tool.objects.get(slug="GITHUB_CREATE_AN_ISSUE")
    assert issue.toolkit == github
    assert issue.input_schema["required"] == ["q"]
    assert issue.output_schema["properties"] == {"data": {"type": "object"}}
    assert (issue.tags, issue.version, issue.deprecated) == (["important"], "20250901_00", False)
    assert issue.last_synced_at == synced_at


def test_tools_count_is_the_number_of_stored_tools_not_deprecated(catalog):
    _import(catalog)

    counts = dict(Toolkit.objects.values_list("slug", "tools_count"))

    assert counts == {"github": 2, "gmail": 2}  # not Composio's meta.tools_count (999)


def test_categories_come_from_slug_id_or_name_and_from_the_top_level_list(catalog):
    catalog["categories"] = [{"id": "crm", "name": "CRM"}, {"slug": "email", "name": "E-mail"}]

    _import(catalog)

    assert dict(ToolkitCategory.objects.values_list("slug", "name")) == {
        "developer-tools": "Developer Tools",
        "email": "E-mail",  # the top-level list names it first
        "communication-chat": "Communication & Chat",
        "crm": "CRM",
    }
    gmail = Toolkit.objects.get(slug="gmail")
    assert sorted(gmail.categories.values_list("slug", flat=True)) == ["communication-chat", "email"]


def test_auth_schemes_are_normalised_to_unique_upper_case_names(catalog):
    _import(catalog)

    assert Toolkit.objects.get(slug="gmail").auth_schemes == ["OAUTH2"]


def test_a_second_run_creates_nothing_and_updates_what_changed(catalog):
    _import(catalog)
    later = timezone.now() + timedelta(minutes=5)
    catalog["tools"][0]["description"] = "Create an issue in a repository"
    catalog["tools"][0]["input_parameters"] = {"type": "object", "properties": {"title": {"type": "string"}}}
    catalog["tools"][0]["tags"] = ["important", "issues"]
    catalog["toolkits"][1]["meta"]["categories"] = [{"id": "email", "name": "Email"}]

    stats = _import(catalog, synced_at=later)

    assert (stats.toolkits_created, stats.toolkits_updated, stats.toolkits_unchanged) == (0, 1, 1)
    assert (stats.tools_created, stats.tools_updated, stats.tools_unchanged) == (0, 1, 4)
    issue = Tool.objects.get(slug="GITHUB_CREATE_AN_ISSUE")
    assert issue.description == "Create an issue in a repository"
    assert issue.input_schema == {"type": "object", "properties": {"title": {"type": "string"}}}
    assert issue.tags == ["important", "issues"]
    assert list(Toolkit.objects.get(slug="gmail").categories.values_list("slug", flat=True)) == ["email"]
    assert set(Tool.objects.values_list("last_synced_at", flat=True)) == {later}
    assert set(Toolkit.objects.values_list("last_synced_at", flat=True)) == {later}
    assert (Toolkit.objects.count(), Tool.objects.count()) == (2, 5)


def test_a_tool_deprecated_upstream_is_flagged_and_counted(catalog):
    _import(catalog)
    catalog["tools"][3]["deprecated"] = {"is_deprecated": True}  # GMAIL_SEND_EMAIL, the real API's nested shape
    catalog["tools"][4]["status"] = "DEPRECATED"  # GMAIL_FETCH_EMAILS

    stats = _import(catalog)

    assert stats.tools_deprecated_or_removed == 2
    assert set(Tool.objects.filter(deprecated=True).values_list("slug", flat=True)) == {
        "GITHUB_LIST_REPOS_OLD",
        "GMAIL_SEND_EMAIL",
        "GMAIL_FETCH_EMAILS",
    }
    assert Toolkit.objects.get(slug="gmail").tools_count == 0


# --- prune ------------------------------------------------------------------------------------------------


def test_prune_marks_unseen_tools_of_imported_toolkits_deprecated(catalog, toolkit_item, tool_item):
    _import(catalog)
    _import({"toolkits": [toolkit_item("notion")], "tools": [tool_item("NOTION_CREATE_PAGE", "notion")]})
    catalog["tools"] = [tool for tool in catalog["tools"] if tool["slug"] != "GMAIL_FETCH_EMAILS"]

    stats = _import(catalog, prune=True)

    assert stats.tools_deprecated_or_removed == 1
    fetch = Tool.objects.get(slug="GMAIL_FETCH_EMAILS")  # still there: graphs may reference it
    assert fetch.deprecated is True
    assert Tool.objects.get(slug="NOTION_CREATE_PAGE").deprecated is False  # notion was not imported this time
    assert Toolkit.objects.get(slug="gmail").tools_count == 1


def test_without_prune_unseen_tools_stay_as_they_were(catalog):
    _import(catalog)
    catalog["tools"] = catalog["tools"][:1]

    stats = _import(catalog)

    assert stats.tools_deprecated_or_removed == 0
    assert Tool.objects.filter(deprecated=False).count() == 4


# --- malformed items ----------------------------------------------------------------------------------------


def test_malformed_items_are_skipped_with_their_reason(catalog, toolkit_item, tool_item):
    catalog["toolkits"] += ["not a toolkit", {"name": "No Slug"}, toolkit_item("Bad Slug!"), toolkit_item("github")]
    catalog["tools"] += [
        {"name": "no slug", "toolkit": {"slug": "github"}},
        {"slug": "ORPHAN_TOOL"},
        tool_item("NOWHERE_DO_IT", "nowhere"),
        tool_item("GITHUB_BROKEN", "github", input_parameters=["not", "a", "schema"]),
        42,
    ]

    stats = _import(catalog)

    assert stats.skipped == [
        "toolkit #2: not an object but str",
        "toolkit #3: no slug",
        "toolkit Bad Slug!: slug 'bad slug!' is not a slug (letters, digits, '-', '_'; at most 100)",
        "toolkit github: repeats an earlier toolkit with the same slug",
        "tool #5: no slug",
        "tool ORPHAN_TOOL: no toolkit",
        "tool GITHUB_BROKEN: input_parameters is not an object",
        "tool #9: not an object but int",
        "tool NOWHERE_DO_IT: unknown toolkit 'nowhere'",
    ]
    assert (stats.toolkits_created, stats.tools_created) == (2, 5)
    assert not Tool.objects.filter(slug__in=["ORPHAN_TOOL", "NOWHERE_DO_IT", "GITHUB_BROKEN"]).exists()


def test_a_tool_of_a_toolkit_imported_earlier_is_accepted(catalog, tool_item):
    _import(catalog)

    stats = catalog_import(
        categories=None, toolkits=[], tools=[tool_item("GITHUB_FORK", "GitHub")], synced_at=timezone.now()
    )

    assert (stats.tools_created, stats.skipped) == (1, [])
    assert Toolkit.objects.get(slug="github").tools_count == 3


def test_it_imports_in_bulk_with_a_bounded_number_of_queries(toolkit_item, tool_item, django_assert_max_num_queries):
    toolkits = [toolkit_item(f"app{n}") for n in range(20)]
    tools = [tool_item(f"APP{n}_ACTION_{m}", f"app{n}") for n in range(20) for m in range(60)]

    with django_assert_max_num_queries(40):
        stats = catalog_import(categories=None, toolkits=toolkits, tools=tools, synced_at=timezone.now())
    with django_assert_max_num_queries(40):
        again = catalog_import(categories=None, toolkits=toolkits, tools=tools, synced_at=timezone.now(), prune=True)

    assert (stats.tools_created, again.tools_unchanged) == (1200, 1200)


# --- files and load_catalog ---------------------------------------------------------------------------------


def _write(tmp_path, data) -> str:
    path = tmp_path / "catalog.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return str(path)


def test_load_catalog_imports_a_file_and_a_second_run_creates_nothing(tmp_path, catalog, capsys):
    path = _write(tmp_path, catalog)

    call_command("load_catalog", path)
    first = capsys.readouterr().out
    call_command("load_catalog", path)
    second = capsys.readouterr().out

    assert "toolkits: 2 created, 0 updated, 0 unchanged" in first
    assert "tools: 5 created, 0 updated, 0 unchanged, 0 deprecated or removed" in first
    assert "toolkits: 0 created, 0 updated, 2 unchanged" in second
    assert "tools: 0 created, 0 updated, 5 unchanged" in second
    assert (Toolkit.objects.count(), Tool.objects.count()) == (2, 5)


def test_load_catalog_prunes_on_request(tmp_path, catalog, capsys):
    call_command("load_catalog", _write(tmp_path, catalog))
    catalog["tools"] = catalog["tools"][1:]

    call_command("load_catalog", _write(tmp_path, catalog), "--prune")

    assert Tool.objects.get(slug="GITHUB_CREATE_AN_ISSUE").deprecated is True
    assert "1 deprecated or removed" in capsys.readouterr().out


def test_a_file_may_wrap_lists_as_pages_and_nest_tools_in_toolkits(tmp_path, toolkit_item, tool_item):
    toolkit = toolkit_item("slack", tools=[{**tool_item("SLACK_SEND_MESSAGE", "slack"), "toolkit": None}])
    _write(tmp_path, {"toolkits": {"items": [toolkit]}})

    stats = catalog_load_file(path=tmp_path / "catalog.json")

    assert (stats.toolkits_created, stats.tools_created, stats.skipped) == (1, 1, [])
    assert Tool.objects.get(slug="SLACK_SEND_MESSAGE").toolkit.slug == "slack"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("{not json", "cannot read the catalog file"),
        ("[]", "is not a JSON object"),
        ('{"toolkits": []}', "has no 'tools' list"),
    ],
)
def test_load_catalog_rejects_a_broken_file(tmp_path, content, message):
    path = tmp_path / "catalog.json"
    path.write_text(content, encoding="utf-8")

    with pytest.raises(CommandError, match=message):
        call_command("load_catalog", str(path))

    assert not Toolkit.objects.exists()


def test_load_catalog_names_a_missing_file(tmp_path):
    with pytest.raises(ApplicationError, match="no catalog file at"):
        catalog_load_file(path=tmp_path / "missing.json")


def test_the_shipped_catalog_loads():
    if not DEFAULT_CATALOG_FILE.exists():
        pytest.skip(f"{DEFAULT_CATALOG_FILE} is not there yet")

    stats = catalog_load_file(path=DEFAULT_CATALOG_FILE)

    assert stats.toolkits_created >= 40
    assert stats.tools_created >= 400
    assert Toolkit.objects.filter(tools_count__gt=0).count() >= 40
    again = catalog_load_file(path=DEFAULT_CATALOG_FILE)
    assert (again.toolkits_created, again.tools_created) == (0, 0)
