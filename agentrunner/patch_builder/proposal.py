"""What the patch builder takes and gives: tool descriptions in, a JSON Patch with its explanation out."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class ToolInfo:
    name: str
    description: str = ""
    schema: dict[str, Any] = field(default_factory=dict)  # JSON schema of the inputs: "properties", "required"


@dataclass(frozen=True)
class PatchProposal:
    operations: list[dict[str, Any]]  # RFC 6902 operations on the definition
    explanation: str  # what the change does, in plain words


class PatchNotUnderstood(Exception):
    """The prompt asks for a change the built-in builder cannot express; the message says what it understood
    and what was missing, so the user can rephrase."""
