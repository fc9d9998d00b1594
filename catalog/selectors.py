"""Reads of the catalog: toolkits with their categories and tool counts, tools of a toolkit."""

from __future__ import annotations

import threading
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.db.models import Count, Max, Prefetch, Q, QuerySet

from catalog.cache import catalog_version
from catalog.models import Tool, Toolkit, UserPreference
from catalog.retrieval import ToolDoc, ToolIndex
from wfplatform.errors import ApplicationError, NotFoundError


def toolkits(*, category: str = "", search: str = "") -> QuerySet[Toolkit]:
    """Toolkits, optionally in one category (its slug) and matching words of `search` (each word somewhere)."""
    queryset = Toolkit.objects.prefetch_related("categories")
    if category:
        queryset = queryset.filter(categories__slug=category)
    for word in search.split():
        queryset = queryset.filter(Q(name__icontains=word) | Q(slug__icontains=word) | Q(description__icontains=word))
    return queryset.distinct()


def toolkit_with_tools(slug: str) -> Toolkit:
    tools = Prefetch("tools", queryset=Tool.objects.order_by("deprecated", "slug"))
    toolkit = Toolkit.objects.prefetch_related("categories", tools).filter(slug=slug.lower()).first()
    if toolkit is None:
        raise NotFoundError(f"no integration {slug!r}")
    return toolkit


# --- retrieval ---------------------------------------------------------------------------------------
_INDEX: dict[str, Any] = {"key": None, "index": None}
_INDEX_LOCK = threading.Lock()


def tool_index() -> ToolIndex:
    """The retrieval index over the stored catalog, rebuilt (about 0.1 s) only when the catalog changed."""
    stamp = Tool.objects.aggregate(n=Count("pk"), synced=Max("last_synced_at"), newest=Max("pk"))
    key = (catalog_version(), stamp["n"], stamp["synced"], stamp["newest"])
    with _INDEX_LOCK:
        if _INDEX["key"] != key:
            _INDEX["index"], _INDEX["key"] = ToolIndex.build(_tool_docs()), key
        return _INDEX["index"]


def _tool_docs() -> list[ToolDoc]:
    docs = []
    for tool in Tool.objects.select_related("toolkit").prefetch_related("toolkit__categories"):
        categories = ", ".join(category.name for category in tool.toolkit.categories.all())
        docs.append(
            ToolDoc(
                slug=tool.slug,
                name=tool.name or tool.slug,
                description=tool.description,
                toolkit_slug=tool.toolkit.slug,
                toolkit_name=tool.toolkit.name,
                toolkit_description=" ".join(part for part in (tool.toolkit.description, categories) if part),
                tags=tuple(tool.tags or ()),
                deprecated=tool.deprecated,
            )
        )
    return docs


# --- preferences ------------------------------------------------------------------------------------
def user_preference_get(*, user: AbstractBaseUser) -> UserPreference:
    """The user's row, or an unsaved one holding the defaults (reading never creates a row)."""
    return UserPreference.objects.filter(user=user).first() or UserPreference(user=user)


def preference_owner(*, requester: AbstractBaseUser, user_id: str, write: bool) -> AbstractBaseUser:
    """Whose preferences `user_id` names, as far as `requester` may know; 404 for anyone else's."""
    if user_id == "me" or int(user_id) == requester.pk:
        return requester
    owner = get_user_model().objects.filter(pk=int(user_id)).first() if requester.is_staff else None
    if owner is None:
        raise NotFoundError(f"No preferences for user {user_id}.")
    if write:
        raise ApplicationError(
            "Staff may read another user's preferences but not change them.", code="permission_denied", status_code=403
        )
    return owner
