"""Which run a tool is working for: tools that touch a user's data check its owner here.

The engine is pure and hands tools only the state; the worker sets the run around the engine,
and the context reaches tools on every thread the engine uses (asyncio.to_thread and the
branch pool copy context variables).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from graphs.models import Run

_current: ContextVar[Run | None] = ContextVar("graphs_current_run", default=None)


def current_run() -> Run | None:
    """The run whose tools are being called, or None outside a worker's run."""
    return _current.get()


@contextmanager
def running(run: Run) -> Iterator[None]:
    token = _current.set(run)
    try:
        yield
    finally:
        _current.reset(token)
