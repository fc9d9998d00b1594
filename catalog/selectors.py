"""Reads of the catalog: toolkits with their categories and tool counts, tools of a toolkit."""

from __future__ import annotations

from django.db.models import Prefetch, Q, QuerySet

from catalog.models import Tool, Toolkit
from wfplatform.errors import NotFoundError


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
