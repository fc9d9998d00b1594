"""Import the integrations catalog (toolkits, their categories and tools) from Composio v3 items.

One importer serves both sources: the live API (`catalog_sync`, through catalog.composio) and the
shipped offline file (`catalog_load_file`). Items keep Composio's v3 shapes:

    toolkit: {"slug", "name", "meta": {"description", "logo", "app_url", "categories": [{"slug"|"id", "name"}]},
              "auth_schemes": ["OAUTH2", ...] or [{"mode": "OAUTH2"}, ...], "composio_managed_auth_schemes"?}
    tool:    {"slug", "name", "description", "toolkit": {"slug", "name"}, "input_parameters", "output_parameters",
              "tags", "version", "is_deprecated" | "deprecated": bool or {"is_deprecated"} | "status": "deprecated"}

Rows are matched by slug and written in bulk (one read of the existing rows, bulk_create, bulk_update
of the rows whose content changed, one UPDATE of `last_synced_at` for the rest), so the ~10k tools
of the full Composio catalog import in seconds. A malformed item is skipped and reported, never fatal.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from django.db import connections, router, transaction
from django.db.models import Count
from django.utils import timezone
from django.utils.text import slugify

from catalog.cache import bump_catalog_version
from catalog.models import Tool, Toolkit, ToolkitCategory
from wfplatform.errors import ApplicationError

if TYPE_CHECKING:
    from catalog.composio import ComposioClient

DEFAULT_CATALOG_FILE = Path(__file__).resolve().parent.parent / "data" / "catalog.json"
BATCH_SIZE = 500  # rows per statement, and values per `IN (...)`: well under SQLite's parameter limit
TOOLKIT_SLUG = re.compile(r"^[a-z0-9][a-z0-9_-]{0,99}$")
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


class MalformedItem(ValueError):
    """An item that cannot be imported; its message is the reason reported in `skipped`."""


@dataclass
class ToolkitRow:
    slug: str
    name: str
    description: str
    logo: str
    app_url: str
    auth_schemes: list[str]
    categories: dict[str, str]  # slug -> name


@dataclass
class ToolRow:
    slug: str
    toolkit_slug: str
    name: str
    description: str
    input_schema: dict
    output_schema: dict
    tags: list[str]
    version: str
    deprecated: bool


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
    toolkit_rows = _parse_items(toolkits, "toolkit", _parse_toolkit, stats)
    tool_rows = _parse_items(tools, "tool", _parse_tool, stats)
    category_ids = _import_categories(_category_names(categories, toolkit_rows.values(), stats), stats)
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
    data = _read_catalog_file(path)
    toolkits = _file_section(data, "toolkits", path)
    nested_tools = [_with_toolkit(tool, item.get("slug")) for item in toolkits for tool in _nested_tools(item)]
    return catalog_import(
        categories=_file_section(data, "categories", path, required=False) or None,
        toolkits=toolkits,
        tools=_file_section(data, "tools", path, required=not nested_tools) + nested_tools,
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
    for slug in _slugs_of(toolkits):
        before = len(tools)
        tools.extend(_with_toolkit(tool, slug) for tool in client.iter_tools(toolkit_slug=slug, page_size=page_size))
        if progress is not None:
            progress(f"{slug}: {len(tools) - before} tools")
    return catalog_import(categories=None, toolkits=toolkits, tools=tools, synced_at=timezone.now(), prune=prune)


# --- parsing -----------------------------------------------------------------------------------------


def _parse_items(items: Iterable[Any], kind: str, parse: Callable[[Any], Row], stats: ImportStats) -> dict[str, Row]:
    """Parse items into rows keyed by slug; a malformed item or a repeated slug is skipped with its reason."""
    rows: dict[str, Row] = {}
    for index, item in enumerate(items):
        label = f"{kind} {_label(item, index)}"
        try:
            row = parse(item)
        except MalformedItem as reason:
            stats.skipped.append(f"{label}: {reason}")
            continue
        if row.slug in rows:
            stats.skipped.append(f"{label}: repeats an earlier {kind} with the same slug")
            continue
        rows[row.slug] = row
    return rows


def _label(item: Any, index: int) -> str:
    slug = item.get("slug") if isinstance(item, dict) else None
    return slug[:200] if isinstance(slug, str) and slug.strip() else f"#{index}"


def _parse_toolkit(item: Any) -> ToolkitRow:
    item = _require_object(item)
    slug = _text(item.get("slug")).lower()
    if not slug:
        raise MalformedItem("no slug")
    if not TOOLKIT_SLUG.match(slug):
        raise MalformedItem(f"slug {slug[:120]!r} is not a slug (letters, digits, '-', '_'; at most 100)")
    meta = item.get("meta") or {}
    if not isinstance(meta, dict):
        raise MalformedItem("meta is not an object")
    return ToolkitRow(
        slug=slug,
        name=_text(item.get("name"))[:200] or slug,
        description=_text(meta.get("description") or item.get("description")),
        logo=_url(meta.get("logo") or item.get("logo")),
        app_url=_url(meta.get("app_url")),
        auth_schemes=_auth_schemes(item),
        categories=_categories_of(meta.get("categories")),
    )


def _parse_tool(item: Any) -> ToolRow:
    item = _require_object(item)
    slug = _text(item.get("slug"))
    if not slug:
        raise MalformedItem("no slug")
    if len(slug) > 200:
        raise MalformedItem("slug longer than 200 characters")
    toolkit_slug = _toolkit_slug_of(item)
    if not toolkit_slug:
        raise MalformedItem("no toolkit")
    return ToolRow(
        slug=slug,
        toolkit_slug=toolkit_slug,
        name=_text(item.get("name"))[:300] or slug,
        description=_text(item.get("description")),
        input_schema=_schema(item, "input_parameters", "input_schema"),
        output_schema=_schema(item, "output_parameters", "output_schema"),
        tags=_strings(item.get("tags")),
        version=_text(item.get("version"))[:50],
        deprecated=_is_deprecated(item),
    )


def _require_object(item: Any) -> dict:
    if not isinstance(item, dict):
        raise MalformedItem(f"not an object but {type(item).__name__}")
    return item


def _text(value: Any) -> str:
    return value.strip() if isinstance(value, str) else ""


def _url(value: Any) -> str:
    """A URL that fits the column (500); a longer one would be cut into a broken link, so it is dropped."""
    url = _text(value)
    return url if len(url) <= 500 else ""


def _strings(value: Any) -> list[str]:
    return [entry for entry in value if isinstance(entry, str)] if isinstance(value, list) else []


def _schema(item: dict, *keys: str) -> dict:
    for key in keys:
        value = item.get(key)
        if value is None:
            continue
        if not isinstance(value, dict):
            raise MalformedItem(f"{key} is not an object")
        return value
    return {}


def _toolkit_slug_of(item: dict) -> str:
    toolkit = item.get("toolkit")
    if isinstance(toolkit, dict):
        toolkit = toolkit.get("slug")
    return (_text(toolkit) or _text(item.get("toolkit_slug"))).lower()


def _is_deprecated(item: dict) -> bool:
    """Composio has said it three ways: is_deprecated, deprecated (a flag or {"is_deprecated"}), status."""
    for flag in (item.get("is_deprecated"), item.get("deprecated")):
        if flag is True or (isinstance(flag, dict) and flag.get("is_deprecated") is True):
            return True
    return _text(item.get("status")).lower() == "deprecated"


def _auth_schemes(item: dict) -> list[str]:
    """Scheme names, upper case, each once: from auth_schemes (strings or {"mode"} objects), the managed
    schemes, or a single toolkit's auth_config_details; ["NO_AUTH"] for a toolkit that needs none."""
    entries: list[Any] = []
    for key in ("auth_schemes", "composio_managed_auth_schemes", "auth_config_details"):
        value = item.get(key)
        entries += value if isinstance(value, list) else []
    schemes: list[str] = []
    for entry in entries:
        name = entry.get("mode") or entry.get("auth_scheme") if isinstance(entry, dict) else entry
        name = _text(name).upper()
        if name and name not in schemes:
            schemes.append(name)
    if not schemes and item.get("no_auth") is True:
        schemes.append("NO_AUTH")
    return schemes


def _category(entry: Any) -> tuple[str, str] | None:
    """(slug, name) of a category given as {"slug"|"id", "name"} or as a bare name; None when unusable."""
    if isinstance(entry, str):
        entry = {"name": entry}
    if not isinstance(entry, dict):
        return None
    name = _text(entry.get("name"))
    raw_slug = _text(entry.get("slug")) or _text(entry.get("id")) or name
    slug = slugify(raw_slug)[:100]
    return (slug, name[:200] or slug) if slug else None


def _categories_of(entries: Any) -> dict[str, str]:
    pairs = (_category(entry) for entry in entries) if isinstance(entries, list) else ()
    return dict(pair for pair in pairs if pair is not None)


def _category_names(
    categories: list[dict] | None, toolkits: Iterable[ToolkitRow], stats: ImportStats
) -> dict[str, str]:
    names: dict[str, str] = {}
    for index, entry in enumerate(categories or []):
        pair = _category(entry)
        if pair is None:
            stats.skipped.append(f"category #{index}: neither a slug, an id nor a name")
        else:
            names.setdefault(*pair)
    for toolkit in toolkits:
        for slug, name in toolkit.categories.items():
            names.setdefault(slug, name)
    return names


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


# --- sources -----------------------------------------------------------------------------------------


def _read_catalog_file(path: Path) -> dict:
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ApplicationError(f"no catalog file at {path}", code="invalid_catalog_file") from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise ApplicationError(f"cannot read the catalog file {path}: {error}", code="invalid_catalog_file") from None
    if not isinstance(data, dict):
        raise ApplicationError(f"the catalog file {path} is not a JSON object", code="invalid_catalog_file")
    return data


def _file_section(data: dict, key: str, path: Path, *, required: bool = True) -> list:
    value = data.get(key)
    if isinstance(value, dict) and isinstance(value.get("items"), list):
        value = value["items"]
    if isinstance(value, list):
        return value
    if value is None and not required:
        return []
    raise ApplicationError(f"the catalog file {path} has no {key!r} list", code="invalid_catalog_file")


def _nested_tools(toolkit: Any) -> list:
    tools = toolkit.get("tools") if isinstance(toolkit, dict) else None
    return tools if isinstance(tools, list) else []


def _with_toolkit(tool: Any, toolkit_slug: Any) -> Any:
    """The tool, naming its toolkit when it does not (a toolkit's own listing may leave it out)."""
    if isinstance(tool, dict) and not tool.get("toolkit") and not tool.get("toolkit_slug"):
        return {**tool, "toolkit": {"slug": toolkit_slug}}
    return tool


def _slugs_of(toolkits: list[Any]) -> list[str]:
    """Slugs of the toolkits that will import; a malformed toolkit is reported by the importer instead."""
    slugs = []
    for toolkit in toolkits:
        try:
            slugs.append(_parse_toolkit(toolkit).slug)
        except MalformedItem:
            continue
    return slugs
