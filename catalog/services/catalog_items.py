"""Composio v3 catalog items (toolkits, tools, categories) read into plain rows, and the offline catalog file.

Items keep Composio's v3 shapes:

    toolkit: {"slug", "name", "meta": {"description", "logo", "app_url", "categories": [{"slug"|"id", "name"}]},
              "auth_schemes": ["OAUTH2", ...] or [{"mode": "OAUTH2"}, ...], "composio_managed_auth_schemes"?}
    tool:    {"slug", "name", "description", "toolkit": {"slug", "name"}, "input_parameters", "output_parameters",
              "tags", "version", "is_deprecated" | "deprecated": bool or {"is_deprecated"} | "status": "deprecated"}

A malformed item raises MalformedItem, whose message is the reason the importer reports; nothing here
touches the database (catalog.services.importing writes the rows).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from django.utils.text import slugify

from wfplatform.errors import ApplicationError

TOOLKIT_SLUG = re.compile(r"^[a-z0-9][a-z0-9_-]{0,99}$")

Row = TypeVar("Row")


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


# --- parsing -----------------------------------------------------------------------------------------


def parse_items(items: Iterable[Any], kind: str, parse: Callable[[Any], Row], skipped: list[str]) -> dict[str, Row]:
    """Parse items into rows keyed by slug; a malformed item or a repeated slug is skipped with its reason."""
    rows: dict[str, Row] = {}
    for index, item in enumerate(items):
        label = f"{kind} {_label(item, index)}"
        try:
            row = parse(item)
        except MalformedItem as reason:
            skipped.append(f"{label}: {reason}")
            continue
        if row.slug in rows:
            skipped.append(f"{label}: repeats an earlier {kind} with the same slug")
            continue
        rows[row.slug] = row
    return rows


def _label(item: Any, index: int) -> str:
    slug = item.get("slug") if isinstance(item, dict) else None
    return slug[:200] if isinstance(slug, str) and slug.strip() else f"#{index}"


def parse_toolkit(item: Any) -> ToolkitRow:
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


def parse_tool(item: Any) -> ToolRow:
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


def category_names(categories: list[dict] | None, toolkits: Iterable[ToolkitRow], skipped: list[str]) -> dict[str, str]:
    names: dict[str, str] = {}
    for index, entry in enumerate(categories or []):
        pair = _category(entry)
        if pair is None:
            skipped.append(f"category #{index}: neither a slug, an id nor a name")
        else:
            names.setdefault(*pair)
    for toolkit in toolkits:
        for slug, name in toolkit.categories.items():
            names.setdefault(slug, name)
    return names


# --- sources -----------------------------------------------------------------------------------------


def read_catalog_file(path: Path) -> dict:
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ApplicationError(f"no catalog file at {path}", code="invalid_catalog_file") from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise ApplicationError(f"cannot read the catalog file {path}: {error}", code="invalid_catalog_file") from None
    if not isinstance(data, dict):
        raise ApplicationError(f"the catalog file {path} is not a JSON object", code="invalid_catalog_file")
    return data


def file_section(data: dict, key: str, path: Path, *, required: bool = True) -> list:
    value = data.get(key)
    if isinstance(value, dict) and isinstance(value.get("items"), list):
        value = value["items"]
    if isinstance(value, list):
        return value
    if value is None and not required:
        return []
    raise ApplicationError(f"the catalog file {path} has no {key!r} list", code="invalid_catalog_file")


def nested_tools_of(toolkit: Any) -> list:
    tools = toolkit.get("tools") if isinstance(toolkit, dict) else None
    return tools if isinstance(tools, list) else []


def with_toolkit(tool: Any, toolkit_slug: Any) -> Any:
    """The tool, naming its toolkit when it does not (a toolkit's own listing may leave it out)."""
    if isinstance(tool, dict) and not tool.get("toolkit") and not tool.get("toolkit_slug"):
        return {**tool, "toolkit": {"slug": toolkit_slug}}
    return tool


def slugs_of(toolkits: list[Any]) -> list[str]:
    """Slugs of the toolkits that will import; a malformed toolkit is reported by the importer instead."""
    slugs = []
    for toolkit in toolkits:
        try:
            slugs.append(parse_toolkit(toolkit).slug)
        except MalformedItem:
            continue
    return slugs
