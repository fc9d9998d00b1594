"""Catalog tools as graph tools: a node may run `GITHUB_CREATE_AN_ISSUE` (any catalog slug) like a registered tool.

The graphs registry asks `CatalogTools` for names it does not hold. A catalog tool is strict: its parameters
are the node's args, checked against its input schema when the graph is saved (unknown, missing, ill-typed),
with `{{ state.path }}` placeholders filled from the run's state when it runs. It answers under the state key
of its slug in lower case (`github_create_an_issue`):

- with COMPOSIO_API_KEY set and a Composio account for the run's owner (their catalog preferences'
  settings `composio_user_id` and/or `composio_connected_account_id`), it calls Composio's execute endpoint;
  Composio's `data` is the answer, and a call that Composio reports as failed fails the node;
- otherwise it runs dry: nothing is sent, and the answer says so (`dry_run: true`), with the exact request
  it would have made and why it was not made. Never a silent success.
"""

from __future__ import annotations

import re
import time
from functools import partial
from typing import Any

from catalog.composio import ComposioClient, ComposioError
from catalog.models import Tool as CatalogTool
from catalog.models import UserPreference
from graphs.context import current_run
from graphs.engine.errors import ToolError
from graphs.engine.tools import Tool

SLUG = re.compile(r"[A-Z][A-Z0-9_]{2,199}")
CACHE_SECONDS = 30.0  # a sync changes tools rarely; a worker re-reads them at most this often


class CatalogTools:
    """The graphs registry's provider of catalog tools (deprecated tools are not offered)."""

    def __init__(self) -> None:
        self._cache: dict[str, tuple[float, Tool | None]] = {}

    def find(self, name: str) -> Tool | None:
        if not SLUG.fullmatch(name):  # registered tools are lower case: no query for them
            return None
        cached = self._cache.get(name)
        if cached is not None and cached[0] > time.monotonic():
            return cached[1]
        row = CatalogTool.objects.select_related("toolkit").filter(slug=name, deprecated=False).first()
        found = None if row is None else _as_graph_tool(row)
        self._cache[name] = (time.monotonic() + CACHE_SECONDS, found)
        return found

    def forget(self) -> None:
        self._cache.clear()


def _as_graph_tool(row: CatalogTool) -> Tool:
    schema = dict(row.input_schema or {"type": "object"})
    # The inputs are the whole state plus args: keys beyond the tool's parameters are expected, not errors.
    schema.pop("additionalProperties", None)
    parameters = tuple((row.input_schema or {}).get("properties", {}))
    description = f"{row.toolkit.name}: {row.description}".strip()
    return Tool(row.slug, partial(run_catalog_tool, row.slug, parameters), schema, description, strict_args=True)


def run_catalog_tool(slug: str, parameters: tuple[str, ...], inputs: dict[str, Any]) -> dict[str, Any]:
    arguments = {name: inputs[name] for name in parameters if name in inputs}
    client = ComposioClient.from_settings()
    account = _composio_account()
    if client is None or not account:
        reason = "COMPOSIO_API_KEY is not set" if client is None else "the run's owner has no Composio account set"
        return {slug.lower(): _dry_run(slug, arguments, account, reason)}
    try:
        with client:
            answer = client.execute_tool(slug, arguments, **account)
    except ComposioError as exc:
        raise ToolError(f"{slug}: {exc}") from None
    if not answer.get("successful", False):
        raise ToolError(f"{slug} failed at Composio: {answer.get('error') or 'no reason given'}")
    return {slug.lower(): {"dry_run": False, "data": answer.get("data"), "log_id": answer.get("log_id")}}


def _composio_account() -> dict[str, str]:
    run = current_run()
    if run is None:
        return {}
    preference = UserPreference.objects.filter(user_id=run.owner_id).first()
    settings = preference.settings if preference else {}
    names = {"composio_connected_account_id": "connected_account_id", "composio_user_id": "user_id"}
    return {ours: str(settings[theirs]) for theirs, ours in names.items() if settings.get(theirs)}


def _dry_run(slug: str, arguments: dict[str, Any], account: dict[str, str], reason: str) -> dict[str, Any]:
    from django.conf import settings

    base = (settings.COMPOSIO_BASE_URL or "").rstrip("/")
    return {
        "dry_run": True,
        "reason": f"not sent: {reason}",
        "request": {
            "method": "POST",
            "url": f"{base}/tools/execute/{slug}",
            "body": {"arguments": arguments, **account},
        },
    }


catalog_tools = CatalogTools()  # one per process: its cache is shared (tests clear it with forget())
