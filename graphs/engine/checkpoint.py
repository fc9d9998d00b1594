"""Checkpoints: what a run needs to continue after its worker dies.

One checkpoint per step (a step runs every task that is ready at once). It stores the
updates the step applied, not the state: replaying every checkpoint's updates through the
graph's reducers rebuilds the state, so storage per step stays the size of what changed.
Step 0 holds the initial state as its one update. Every SNAPSHOT_EVERY steps a checkpoint also
holds the whole state after it (`snapshot`), so a durable checkpointer rebuilds the state from
the latest snapshot and the steps after it: resuming a long run, or reading its state, does not
replay its whole history. The ORM checkpointer keeps only the latest snapshot.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, Protocol

from graphs.engine.state import apply_update

START = "__start__"
RESUME = "__resume__"
SNAPSHOT_EVERY = 50


def snapshot_due(step: int) -> bool:
    """Whether the checkpoint of `step` holds a snapshot of the state."""
    return step > 0 and step % SNAPSHOT_EVERY == 0


def last_snapshot_step(step: int) -> int:
    """The latest step at or before `step` whose checkpoint holds a snapshot; 0 when none does."""
    return step // SNAPSHOT_EVERY * SNAPSHOT_EVERY


@dataclass(frozen=True)
class Task:
    """A node to run, inside the fan-outs it is a branch of (innermost last), with its map element."""

    node: str
    frames: tuple[str, ...] = ()
    scope: tuple[tuple[str, Any], ...] = ()
    approved: bool = False  # an interrupt before this node was already answered

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {"node": self.node}
        if self.frames:
            data["frames"] = list(self.frames)
        if self.scope:
            data["scope"] = dict(self.scope)
        if self.approved:
            data["approved"] = True
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Task:
        scope = tuple(data.get("scope", {}).items())
        return cls(data["node"], tuple(data.get("frames", ())), scope, bool(data.get("approved")))


@dataclass
class Checkpoint:
    step: int
    updates: list[tuple[str, dict[str, Any]]]
    tasks: list[Task]
    frames: dict[str, dict[str, Any]] = field(default_factory=dict)
    visits: dict[str, int] = field(default_factory=dict)
    node_runs: int = 0
    status: str = "running"
    pause: dict[str, Any] | None = None
    error: dict[str, Any] | None = None
    snapshot: dict[str, Any] | None = None  # the whole state after this step, every SNAPSHOT_EVERY steps

    def to_json(self) -> dict[str, Any]:
        data = {
            "step": self.step,
            "updates": [[node, update] for node, update in self.updates],
            "tasks": [task.to_json() for task in self.tasks],
            "frames": self.frames,
            "visits": self.visits,
            "node_runs": self.node_runs,
            "status": self.status,
            "pause": self.pause,
            "error": self.error,
        }
        if self.snapshot is not None:
            data["snapshot"] = self.snapshot
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Checkpoint:
        return cls(
            step=data["step"],
            updates=[(node, update) for node, update in data["updates"]],
            tasks=[Task.from_json(task) for task in data["tasks"]],
            frames=data.get("frames", {}),
            visits=data.get("visits", {}),
            node_runs=data.get("node_runs", 0),
            status=data.get("status", "running"),
            pause=data.get("pause"),
            error=data.get("error"),
            snapshot=data.get("snapshot"),
        )


class Checkpointer(Protocol):
    """Where one run's checkpoints go. `save` must be durable when it returns.

    One whose `history` starts from snapshots says so with a true `wants_snapshots` attribute; the runner
    writes them only for such a checkpointer (copying the state costs the others for nothing)."""

    def save(self, checkpoint: Checkpoint) -> None: ...

    def latest(self) -> Checkpoint | None: ...

    def history(self, until: int | None = None) -> Iterable[list[tuple[str, dict[str, Any]]]]:
        """The updates of every checkpoint in step order (up to step `until`, inclusive); a checkpointer may
        start from a snapshot instead, given as one START update holding the whole state then."""
        ...


class MemoryCheckpointer:
    def __init__(self) -> None:
        self.checkpoints: list[Checkpoint] = []

    def save(self, checkpoint: Checkpoint) -> None:
        self.checkpoints.append(checkpoint)

    def latest(self) -> Checkpoint | None:
        return self.checkpoints[-1] if self.checkpoints else None

    def history(self, until: int | None = None) -> Iterable[list[tuple[str, dict[str, Any]]]]:
        return [cp.updates for cp in self.checkpoints if until is None or cp.step <= until]


def rebuild_state(history: Iterable[list[tuple[str, dict[str, Any]]]], reducers: dict[str, str]) -> dict[str, Any]:
    """The state after replaying every update, step by step, through the reducers."""
    state: dict[str, Any] = {}
    for updates in history:
        for node, update in updates:
            # The initial state and resume input replace keys; node updates go through reducers.
            apply_update(state, update, {} if node in (START, RESUME) else reducers)
    return state
