"""The tool registry: Python callables with a JSON Schema for their inputs.

A tool takes one dict, its inputs (the run's state, with the node's `args` on top), and
returns a dict of state updates (or None). Tools may be plain or async functions. Apps
register theirs with the `tool` decorator of the process-wide registry:

    @tool(schema={"type": "object", "required": ["code"], "properties": {"code": {"type": "string"}}})
    def extract_functions(inputs): ...
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any, Protocol

import jsonschema

from graphs.engine.errors import ToolInputError, UnknownTool

ANY_OBJECT: dict[str, Any] = {"type": "object"}


@dataclass(frozen=True)
class Tool:
    name: str
    func: Callable[[dict[str, Any]], Any]
    schema: dict[str, Any] = field(default_factory=lambda: dict(ANY_OBJECT))
    description: str = ""
    # Strict tools take their parameters from the node's args only (with {{ }} placeholders for state
    # values), so validation checks the args against the schema: unknown, missing and ill-typed ones.
    strict_args: bool = False

    @property
    def is_async(self) -> bool:
        return inspect.iscoroutinefunction(self.func)

    def check_inputs(self, inputs: Mapping[str, Any]) -> None:
        """Raise ToolInputError naming every input that does not fit the schema."""
        validator = jsonschema.Draft202012Validator(self.schema)
        errors = sorted(validator.iter_errors(dict(inputs)), key=lambda error: list(error.path))
        if errors:
            described = "; ".join(_describe(error) for error in errors)
            raise ToolInputError(f"inputs of tool {self.name!r} do not fit its schema: {described}")

    def describe(self) -> dict[str, Any]:
        return {"name": self.name, "description": self.description, "schema": self.schema, "async": self.is_async}


def _describe(error: jsonschema.ValidationError) -> str:
    where = ".".join(str(part) for part in error.path)
    return f"{where}: {error.message}" if where else error.message


class ToolProvider(Protocol):
    """Tools found by name outside the registry (a catalog of thousands that is not imported up front)."""

    def find(self, name: str) -> Tool | None: ...


class ToolRegistry:
    def __init__(self) -> None:
        self._tools: dict[str, Tool] = {}
        self._providers: list[ToolProvider] = []

    def add_provider(self, provider: ToolProvider) -> None:
        """Ask `provider` for names the registry does not hold (registered tools always win)."""
        if provider not in self._providers:
            self._providers.append(provider)

    def _provided(self, name: str) -> Tool | None:
        for provider in self._providers:
            found = provider.find(name)
            if found is not None:
                return found
        return None

    def register(
        self,
        func: Callable | None = None,
        *,
        name: str | None = None,
        schema: dict[str, Any] | None = None,
        description: str | None = None,
        replace: bool = False,
    ) -> Any:
        """Decorator (bare or with arguments) adding a tool; a second tool under one name is refused."""

        def add(target: Callable) -> Callable:
            tool_name = name or target.__name__
            if tool_name in self._tools and not replace and self._tools[tool_name].func is not target:
                raise ValueError(f"a tool named {tool_name!r} is already registered")
            jsonschema.Draft202012Validator.check_schema(schema or ANY_OBJECT)
            text = description if description is not None else inspect.getdoc(target) or ""
            self._tools[tool_name] = Tool(tool_name, target, dict(schema or ANY_OBJECT), text.strip())
            return target

        return add(func) if func is not None else add

    def get(self, name: str) -> Tool:
        found = self._tools.get(name) or (self._provided(name) if isinstance(name, str) else None)
        if found is None:
            raise UnknownTool(f"no tool named {name!r} is registered")
        return found

    def __contains__(self, name: object) -> bool:
        return name in self._tools or (isinstance(name, str) and self._provided(name) is not None)

    def __iter__(self) -> Iterator[Tool]:
        return iter(sorted(self._tools.values(), key=lambda tool: tool.name))

    def names(self) -> list[str]:
        return sorted(self._tools)


registry = ToolRegistry()
tool = registry.register
