"""Run state: a JSON object, changed only by updates merged through per-key reducers.

A tool returns an update (a dict); each key is merged into the state by its reducer:
`replace` (the default), `append` (extend a list; a single value is appended), `merge`
(shallow dict merge) or `add` (numbers). Updates, not states, are what checkpoints store, so
replaying a run's updates through the same reducers rebuilds its state exactly.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from graphs.engine.errors import GraphError


class StateError(GraphError):
    code = "bad_update"


def _replace(_old: Any, new: Any) -> Any:
    return new


def _append(old: Any, new: Any) -> Any:
    items = list(old) if isinstance(old, list) else ([] if old is None else [old])
    items.extend(new) if isinstance(new, list) else items.append(new)
    return items


def _merge(old: Any, new: Any) -> Any:
    if not isinstance(new, dict):
        raise StateError(f"a 'merge' key takes an object, not {type(new).__name__}")
    return {**(old if isinstance(old, dict) else {}), **new}


def _add(old: Any, new: Any) -> Any:
    if isinstance(new, bool) or not isinstance(new, int | float):
        raise StateError(f"an 'add' key takes a number, not {type(new).__name__}")
    if old is None:
        return new
    if isinstance(old, bool) or not isinstance(old, int | float):
        raise StateError(f"an 'add' key holds {type(old).__name__}, which cannot be added to")
    return old + new


REDUCERS: dict[str, Callable[[Any, Any], Any]] = {
    "replace": _replace,
    "append": _append,
    "merge": _merge,
    "add": _add,
}


def apply_update(state: dict[str, Any], update: Mapping[str, Any], reducers: Mapping[str, str]) -> None:
    """Merge `update` into `state` in place, key by key."""
    for key, value in update.items():
        name = reducers.get(key)
        if name is None or name == "replace":
            state[key] = value
            continue
        try:
            state[key] = REDUCERS[name](state.get(key), value)
        except StateError as exc:
            raise StateError(f"state key {key!r}: {exc}") from None


def check_update(update: Any, where: str) -> dict[str, Any]:
    """A tool's return value as an update: None is no change; anything but an object is an error."""
    if update is None:
        return {}
    if not isinstance(update, dict) or not all(isinstance(key, str) for key in update):
        raise StateError(f"{where} returned {type(update).__name__}; a tool returns an object of state updates")
    return update
