from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from wfplatform.errors import NotFoundError


def scope_to_user(queryset: QuerySet, user, owner_field: str = "owner") -> QuerySet:
    """Staff see every row; everyone else sees only their own (so others' rows answer 404)."""
    if user.is_staff:
        return queryset
    return queryset.filter(**{owner_field: user})


def owned_or_not_found(queryset: QuerySet, user, pk: Any, what: str):
    """The row `pk` of `queryset` if the user may see it (see scope_to_user), else NotFoundError."""
    row = scope_to_user(queryset, user).filter(pk=pk).first()
    if row is None:
        raise NotFoundError(f"no {what} {pk}")
    return row


class OwnerScopedViewSetMixin:
    """get_queryset() scoped to request.user; set `owner_field` when it is not `owner`."""

    owner_field = "owner"

    def get_queryset(self) -> QuerySet:
        return scope_to_user(super().get_queryset(), self.request.user, self.owner_field)
