"""The building blocks every learned program is made of.

A Program is a list of Steps. A Step transforms a whole table (`apply`), knows its JSON
parameters, explains itself in plain words, and renders itself as Python source (`code`) that
calls *runtime helpers*: plain, stdlib-only functions that do the actual work. `apply` calls the
same helpers, so the interpreted program and the generated script share one implementation;
the generated script embeds the helpers' source and stays standalone.

A streaming Step also renders `row_code`: a Python expression turning one input row (`row`)
into a list of output rows, so files of any size run in constant memory.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable
from typing import Any, ClassVar

Row = list[str]
Table = list[Row]


def rectangular(rows: Table) -> Table:
    """Rows padded with empty cells to the widest row: a cell a CSV row leaves out is empty."""
    width = max((len(row) for row in rows), default=0)
    return [list(row) + [""] * (width - len(row)) for row in rows]


class SynthError(Exception):
    """Base class of the engine's own errors."""


class Parametrized(ABC):
    """Something rebuilt from JSON parameters: equal when its kind and parameters are equal."""

    name: ClassVar[str]
    # Rules that fit the examples case by case (conditionals, value tables) rather than one way
    # for all: the learner's last resort, which a program computing the output uniformly beats.
    guess: ClassVar[bool] = False

    @abstractmethod
    def params(self) -> dict[str, Any]: ...

    @classmethod
    def from_params(cls, params: dict[str, Any]) -> Parametrized:
        return cls(**params)

    def helpers(self) -> list[Callable]:
        """Runtime helper functions its generated code calls (their source goes into scripts)."""
        return []

    @property
    def cost(self) -> float:
        """Simplicity rank: lower is simpler and preferred among consistent programs."""
        return 1.0

    @property
    def payload(self) -> int:
        """Characters of output text stored in the program rather than computed from the input
        (constants, lookup entries): what the overfitting guard weighs against the output."""
        return sum(part.payload for part in self.nested())

    def guesses(self) -> bool:
        return self.guess or any(part.guesses() for part in self.nested())

    def nested(self) -> list[Parametrized]:
        """The nested expressions or steps held in attributes, directly or in lists."""
        found: list[Parametrized] = []
        for value in vars(self).values():
            if isinstance(value, Parametrized):
                found.append(value)
            elif isinstance(value, list | tuple):
                found += [item for item in value if isinstance(item, Parametrized)]
        return found

    def __eq__(self, other: object) -> bool:
        return type(self) is type(other) and self.params() == other.params()  # type: ignore[attr-defined]

    def __hash__(self) -> int:
        return hash((self.name, repr(self.params())))

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.params()!r})"


def registrar(registry: dict[str, type], kind: str) -> Callable[[type], type]:
    """A class decorator adding classes to `registry` under their `name`, refusing clashes."""

    def register(cls: type) -> type:
        if cls.name in registry and registry[cls.name] is not cls:
            raise ValueError(f"two {kind} are named {cls.name!r}")
        registry[cls.name] = cls
        return cls

    return register


class Step(Parametrized):
    streaming: ClassVar[bool] = False

    @abstractmethod
    def apply(self, rows: Table) -> Table: ...

    @abstractmethod
    def params(self) -> dict[str, Any]:
        """JSON-serializable parameters; `from_params(params())` rebuilds an equal step."""

    @abstractmethod
    def explain(self) -> list[str]: ...

    @abstractmethod
    def code(self) -> str:
        """Python statements that replace the variable `rows` (a list of lists of str)."""

    def row_code(self) -> str:
        """For streaming steps: a Python expression mapping `row` to a list of output rows."""
        raise NotImplementedError(f"{self.name} does not stream")

    def stream_code(self) -> str:
        """For streaming steps: the body of a generator over the iterable `rows`."""
        return f"for row in rows:\n    yield from {self.row_code()}"


STEPS: dict[str, type[Step]] = {}
register_step = registrar(STEPS, "steps")
