"""Import the integrations catalog (toolkits, their categories and tools) from Composio v3 items.

One importer serves both sources: the live API (`catalog_sync`, through catalog.composio) and the
shipped offline file (`catalog_load_file`). The items, in Composio's v3 shapes, are read into rows by
catalog.services.catalog_items.

Rows are matched by slug and written in bulk (one read of the existing rows, bulk_create, bulk_update
of the rows whose content changed, one UPDATE of `last_synced_at` for the rest), so the ~10k tools
of the full Composio catalog import in seconds. A malformed item is skipped and reported, never fatal.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from django.db import connections, router, transaction
from django.db.models import Count
from django.utils import timezone

from catalog.cache import bump_catalog_version
from catalog.models import Tool, Toolkit, ToolkitCategory
from catalog.services.catalog_items import (
    ToolkitRow,
    ToolRow,
    category_names,
    file_section,
    nested_tools_of,
    parse_items,
    parse_tool,
    parse_toolkit,
    read_catalog_file,
    slugs_of,
    with_toolkit,
)

if TYPE_CHECKING:
    from catalog.composio import ComposioClient

DEFAULT_CATALOG_FILE = Path(__file__).resolve().parent.parent / "data" / "catalog.json"
BATCH_SIZE = 500  # rows per statement, and values per `IN (...)`: well under SQLite's parameter limit
TOOLKIT_FIELDS = ("name", "description", "logo", "app_url", "auth_schemes")
TOOL_FIELDS = ("name", "description", "toolkit_id", "input_schema", "output_schema", "tags", "version", "deprecated")

Row = TypeVar("Row")


@dataclass
class ImportStats:
    """What an import did. `categories`: distinct categories in the import (created or refreshed).

    `*_updated` counts rows whose content changed; `*_unchanged` rows seen again as they were (only
    their `last_synced_at` moves). `tools_deprecated_or_removed`: tools that became deprecated in this
    import, flagged upstream or, with prune, no longer listed. `skipped`: "<item>: <reason>" lines.
    """

    categories: int = 0
    toolkits_created: int = 0
    toolkits_updated: int = 0
    toolkits_unchanged: int = 0
    tools_created: int = 0
    tools_updated: int = 0
    tools_unchanged: int = 0
    tools_deprecated_or_removed: int = 0
    skipped: list[str] = field(default_factory=list)

    def report_lines(self, *, max_skipped: int = 20) -> list[str]:
        lines = [
            f"categories: {self.categories}",
            f"toolkits: {self.toolkits_created} created, {self.toolkits_updated} updated, "
            f"{self.toolkits_unchanged} unchanged",
            f"tools: {self.tools_created} created, {self.tools_updated} updated, {self.tools_unchanged} unchanged, "
            f"{self.tools_deprecated_or_removed} deprecated or removed",
            f"skipped: {len(self.skipped)}",
        ]
        lines += [f"  - {reason}" for reason in self.skipped[:max_skipped]]
        if len(self.skipped) > max_skipped:
            lines.append(f"  ... and {len(self.skipped) - max_skipped} more")
        return lines


# --- entry points ------------------------------------------------------------------------------------


@transaction.atomic
def catalog_import(
    *,
    categories: list[dict] | None,
    toolkits: Iterable[dict],
    tools: Iterable[dict],
    synced_at: datetime,
    prune: bool = False,
) -> ImportStats:
    """Create or update categories, toolkits and tools from Composio v3 items, in one transaction.

    With `prune`, tools of the imported toolkits that were not in `tools` are marked deprecated
    (never deleted: graphs may reference them).
    """
    stats = ImportStats()
    toolkit_rows = parse_items(toolkits, "toolkit", parse_toolkit, stats.skipped)
    tool_rows = parse_items(tools, "tool", parse_tool, stats.skipped)
    category_ids = _import_categories(category_names(categories, toolkit_rows.values(), stats.skipped), stats)
    toolkit_ids = _import_toolkits(list(toolkit_rows.values()), category_ids, synced_at, stats)
    touched_toolkit_ids = _import_tools(list(tool_rows.values()), synced_at, stats)
    if prune:
        _prune_tools(toolkit_ids=list(toolkit_ids.values()), seen=set(tool_rows), stats=stats)
    _recount_tools(set(toolkit_ids.values()) | touched_toolkit_ids)
    transaction.on_commit(bump_catalog_version)  # bulk writes send no signals: say it once here
    return stats


def catalog_load_file(*, path: Path = DEFAULT_CATALOG_FILE, prune: bool = False) -> ImportStats:
    """Import a catalog file: {"categories"?: [...], "toolkits": [...], "tools": [...]} of v3 items.

    Each list may also come wrapped as a v3 page ({"items": [...]}); tools may also sit in their
    toolkit's "tools" list.
    """
    data = read_catalog_file(path)
    toolkits = file_section(data, "toolkits", path)
    nested_tools = [with_toolkit(tool, item.get("slug")) for item in toolkits for tool in nested_tools_of(item)]
    return catalog_import(
        categories=file_section(data, "categories", path, required=False) or None,
        toolkits=toolkits,
        tools=file_section(data, "tools", path, required=not nested_tools) + nested_tools,
        synced_at=timezone.now(),
        prune=prune,
    )


def catalog_sync(
    *,
    client: ComposioClient,
    toolkit_slugs: Sequence[str] = (),
    prune: bool = False,
    page_size: int = 200,
    progress: Callable[[str], None] | None = None,
) -> ImportStats:
    """Fetch toolkits (all, or the named ones) and their tools from Composio, then import them.

    Everything is fetched before the import starts, so no transaction stays open across HTTP calls
    and a failed fetch (ComposioError) changes nothing.
    """
    if toolkit_slugs:
        toolkits = [client.get_toolkit(slug) for slug in toolkit_slugs]
    else:
        toolkits = list(client.iter_toolkits(page_size=page_size))
    tools: list[dict] = []
    for slug in slugs_of(toolkits):
        before = len(tools)
        tools.extend(with_toolkit(tool, slug) for tool in client.iter_tools(toolkit_slug=slug, page_size=page_size))
        if progress is not None:
            progress(f"{slug}: {len(tools) - before} tools")
    return catalog_import(categories=None, toolkits=toolkits, tools=tools, synced_at=timezone.now(), prune=prune)


# --- writing -----------------------------------------------------------------------------------------


def _chunks(values: Sequence[Row], size: int = BATCH_SIZE) -> Iterator[Sequence[Row]]:
    for start in range(0, len(values), size):
        yield values[start : start + size]


def _by_slug(model: type, slugs: Sequence[str]) -> dict[str, Any]:
    return {row.slug: row for chunk in _chunks(slugs) for row in model.objects.filter(slug__in=chunk)}


def _import_categories(names: dict[str, str], stats: ImportStats) -> dict[str, int]:
    """Create the missing categories, rename the ones whose name changed; returns slug -> id."""
    existing = _by_slug(ToolkitCategory, list(names))
    ToolkitCategory.objects.bulk_create(
        [ToolkitCategory(slug=slug, name=name) for slug, name in names.items() if slug not in existing],
        batch_size=BATCH_SIZE,
    )
    renamed = [category for category in existing.values() if category.name != names[category.slug]]
    for category in renamed:
        category.name = names[category.slug]
    ToolkitCategory.objects.bulk_update(renamed, ["name"], batch_size=BATCH_SIZE)
    stats.categories = len(names)
    return {category.slug: category.pk for category in _by_slug(ToolkitCategory, list(names)).values()}


def _import_toolkits(
    rows: list[ToolkitRow], category_ids: dict[str, int], synced_at: datetime, stats: ImportStats
) -> dict[str, int]:
    """Create or update the toolkits and their categories; returns slug -> id of every imported toolkit."""
    existing = _by_slug(Toolkit, [row.slug for row in rows])
    current_categories = _category_links([toolkit.pk for toolkit in existing.values()])
    wanted_categories = {row.slug: {category_ids[slug] for slug in row.categories} for row in rows}
    created, changed, unchanged = [], [], []
    for row in rows:
        toolkit = existing.get(row.slug)
        if toolkit is None:
            created.append(Toolkit(slug=row.slug, last_synced_at=synced_at, **_toolkit_values(row)))
            continue
        values_changed = _apply(toolkit, _toolkit_values(row))
        if values_changed or current_categories.get(toolkit.pk, set()) != wanted_categories[row.slug]:
            changed.append(toolkit)
        else:
            unchanged.append(toolkit.pk)
    Toolkit.objects.bulk_create(created, batch_size=BATCH_SIZE)
    _save_changed(Toolkit, changed, [*TOOLKIT_FIELDS, "last_synced_at"], unchanged, synced_at)
    stats.toolkits_created, stats.toolkits_updated = len(created), len(changed)
    stats.toolkits_unchanged = len(unchanged)
    ids = {toolkit.slug: toolkit.pk for toolkit in _by_slug(Toolkit, [row.slug for row in rows]).values()}
    _link_categories({ids[slug]: category_set for slug, category_set in wanted_categories.items()})
    return ids


def _toolkit_values(row: ToolkitRow) -> dict[str, Any]:
    return {name: getattr(row, name) for name in TOOLKIT_FIELDS}


def _apply(instance: Any, values: dict[str, Any]) -> bool:
    """Set the values that differ on the instance; True when any did."""
    changed = False
    for name, value in values.items():
        if getattr(instance, name) != value:
            setattr(instance, name, value)
            changed = True
    return changed


def _save_changed(model: type, changed: list, fields: list[str], unchanged_ids: list[int], synced_at: datetime) -> None:
    for instance in changed:
        instance.last_synced_at = synced_at
    _update_rows(model, changed, fields)
    for chunk in _chunks(unchanged_ids):
        model.objects.filter(pk__in=chunk).update(last_synced_at=synced_at)


def _update_rows(model: type, instances: list, fields: list[str]) -> None:
    """Save these fields of these rows with one parameterised UPDATE run for all of them (executemany).

    bulk_update builds a CASE WHEN per field whose size grows with the batch: for 10k changed tools it
    takes ~14s on SQLite, against well under a second here. Values go through each field's own
    get_db_prep_save, so JSON is adapted as the ORM would for this database.
    """
    if not instances:
        return
    connection = connections[router.db_for_write(model)]
    columns = [model._meta.get_field(name) for name in fields]
    quote = connection.ops.quote_name
    assignments = ", ".join(f"{quote(column.column)} = %s" for column in columns)
    sql = f"UPDATE {quote(model._meta.db_table)} SET {assignments} WHERE {quote(model._meta.pk.column)} = %s"
    rows = [
        [column.get_db_prep_save(getattr(instance, column.attname), connection) for column in columns] + [instance.pk]
        for instance in instances
    ]
    with connection.cursor() as cursor:
        cursor.executemany(sql, rows)


def _category_links(toolkit_ids: Sequence[int]) -> dict[int, set[int]]:
    links: dict[int, set[int]] = {}
    through = Toolkit.categories.through
    for chunk in _chunks(toolkit_ids):
        for toolkit_id, category_id in through.objects.filter(toolkit_id__in=chunk).values_list(
            "toolkit_id", "toolkitcategory_id"
        ):
            links.setdefault(toolkit_id, set()).add(category_id)
    return links


def _link_categories(wanted: dict[int, set[int]]) -> None:
    """Make each toolkit's categories exactly the wanted ones, with a few bulk statements."""
    through = Toolkit.categories.through
    stale: list[int] = []
    present: set[tuple[int, int]] = set()
    for chunk in _chunks(list(wanted)):
        for link_id, toolkit_id, category_id in through.objects.filter(toolkit_id__in=chunk).values_list(
            "id", "toolkit_id", "toolkitcategory_id"
        ):
            if category_id in wanted[toolkit_id]:
                present.add((toolkit_id, category_id))
            else:
                stale.append(link_id)
    for chunk in _chunks(stale):
        through.objects.filter(id__in=chunk).delete()
    missing = [
        through(toolkit_id=toolkit_id, toolkitcategory_id=category_id)
        for toolkit_id, category_ids in wanted.items()
        for category_id in category_ids
        if (toolkit_id, category_id) not in present
    ]
    through.objects.bulk_create(missing, batch_size=BATCH_SIZE)


def _import_tools(rows: list[ToolRow], synced_at: datetime, stats: ImportStats) -> set[int]:
    """Create or update tools; returns the ids of the toolkits whose tools changed (to recount)."""
    toolkit_ids = _toolkit_ids(sorted({row.toolkit_slug for row in rows}))
    known = [row for row in rows if row.toolkit_slug in toolkit_ids]
    stats.skipped += [
        f"tool {row.slug}: unknown toolkit {row.toolkit_slug!r}" for row in rows if row.toolkit_slug not in toolkit_ids
    ]
    existing = _by_slug(Tool, [row.slug for row in known])
    created, changed, unchanged = [], [], []
    touched = set(toolkit_ids.values())
    for row in known:
        values = _tool_values(row, toolkit_ids[row.toolkit_slug])
        tool = existing.get(row.slug)
        if tool is None:
            created.append(Tool(slug=row.slug, last_synced_at=synced_at, **values))
            continue
        touched.add(tool.toolkit_id)
        was_deprecated = tool.deprecated
        if _apply(tool, values):
            changed.append(tool)
            stats.tools_deprecated_or_removed += int(tool.deprecated and not was_deprecated)
        else:
            unchanged.append(tool.pk)
    Tool.objects.bulk_create(created, batch_size=BATCH_SIZE)
    _save_changed(Tool, changed, [*TOOL_FIELDS, "last_synced_at"], unchanged, synced_at)
    stats.tools_created, stats.tools_updated, stats.tools_unchanged = len(created), len(changed), len(unchanged)
    return touched


def _toolkit_ids(slugs: Sequence[str]) -> dict[str, int]:
    return {
        slug: pk
        for chunk in _chunks(slugs)
        for slug, pk in Toolkit.objects.filter(slug__in=chunk).values_list("slug", "pk")
    }


def _tool_values(row: ToolRow, toolkit_id: int) -> dict[str, Any]:
    return {name: getattr(row, name) for name in TOOL_FIELDS if name != "toolkit_id"} | {"toolkit_id": toolkit_id}


def _prune_tools(*, toolkit_ids: list[int], seen: set[str], stats: ImportStats) -> None:
    """Mark deprecated the live tools of these toolkits that the import did not list."""
    unseen: list[int] = []
    for chunk in _chunks(toolkit_ids):
        tools = Tool.objects.filter(toolkit_id__in=chunk, deprecated=False).values_list("pk", "slug")
        unseen += [pk for pk, slug in tools if slug not in seen]
    for chunk in _chunks(unseen):
        Tool.objects.filter(pk__in=chunk).update(deprecated=True)
    stats.tools_deprecated_or_removed += len(unseen)


def _recount_tools(toolkit_ids: set[int]) -> None:
    """tools_count = the toolkit's tools that are not deprecated."""
    for chunk in _chunks(sorted(toolkit_ids)):
        live = Tool.objects.filter(toolkit_id__in=chunk, deprecated=False).order_by()
        counts = dict(live.values("toolkit_id").annotate(n=Count("id")).values_list("toolkit_id", "n"))
        toolkits = list(Toolkit.objects.filter(pk__in=chunk).only("pk", "tools_count"))
        stale = [toolkit for toolkit in toolkits if toolkit.tools_count != counts.get(toolkit.pk, 0)]
        for toolkit in stale:
            toolkit.tools_count = counts.get(toolkit.pk, 0)
        Toolkit.objects.bulk_update(stale, ["tools_count"], batch_size=BATCH_SIZE)
