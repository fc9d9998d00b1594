"""`{{ path }}` placeholders in a node's args, filled from the run's state when the tool runs.

    {"title": "{{ issue.title }}", "body": "Opened by {{ issue.user.login }} at {{ issue.url }}"}

A value that is one placeholder and nothing else takes the state's value as it is (a number stays a
number, a list a list); placeholders inside longer text are written into it as text. A path names state
keys separated by dots, with list indexes as numbers (`items.0.id`). A missing path is an error naming it:
a tool must not receive a half-filled request.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from typing import Any

PLACEHOLDER = re.compile(r"\{\{\s*([A-Za-z_][\w-]*(?:\.[\w-]+)*)\s*\}\}")


class MissingValue(LookupError):
    def __init__(self, path: str):
        super().__init__(f"the state has no value at {path!r} for the placeholder {{{{ {path} }}}}")
        self.path = path


def has_placeholder(value: Any) -> bool:
    return isinstance(value, str) and PLACEHOLDER.search(value) is not None


def fill(value: Any, state: Mapping[str, Any]) -> Any:
    """`value` with every placeholder in it (also inside lists and objects) replaced from `state`."""
    if isinstance(value, str):
        return _fill_text(value, state)
    if isinstance(value, list):
        return [fill(item, state) for item in value]
    if isinstance(value, dict):
        return {key: fill(item, state) for key, item in value.items()}
    return value


def _fill_text(text: str, state: Mapping[str, Any]) -> Any:
    whole = PLACEHOLDER.fullmatch(text.strip())
    if whole is not None:
        return lookup(state, whole.group(1))
    return PLACEHOLDER.sub(lambda match: _as_text(lookup(state, match.group(1))), text)


def _as_text(value: Any) -> str:
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)


def lookup(state: Mapping[str, Any], path: str) -> Any:
    current: Any = state
    for part in path.split("."):
        if isinstance(current, Mapping) and part in current:
            current = current[part]
        elif isinstance(current, list) and part.isdigit() and int(part) < len(current):
            current = current[int(part)]
        else:
            raise MissingValue(path)
    return current
