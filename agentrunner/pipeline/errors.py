"""The one exception of the pipeline engine. The Django adapter turns it into the platform's error body."""

from __future__ import annotations

import difflib
from collections.abc import Sequence
from typing import Any

# One wording for JSON value types across the platform's messages; re-exported for the pipeline modules.
from graphs.engine.expressions import kind_of as describe  # noqa: F401

MAX_LISTED = 50  # columns named in a message; details always hold all of them


class PipelineError(Exception):
    """Something a user can fix: `message` is a full sentence, `details` a JSON-able dict saying where and what."""

    def __init__(self, message: str, details: dict[str, Any] | None = None):
        super().__init__(message)
        self.message = message
        self.details: dict[str, Any] = dict(details or {})

    def at_step(self, number: int, op: str) -> PipelineError:
        """The same error told from a step's point of view ("Step 2 (filter): ..."), unless it already is."""
        if "step" in self.details:
            return self
        located = PipelineError(f"Step {number} ({op}): {_lower_first(self.message)}", {"step": number, "op": op})
        located.details.update(self.details)
        return located

    def __str__(self) -> str:
        return self.message


def unknown_column(column: str, valid: Sequence[str], *, where: str = "the table") -> PipelineError:
    """The error for a column that is not there, naming the columns that are (an acceptance point)."""
    valid = [str(name) for name in valid]
    close = difflib.get_close_matches(column, valid, n=1)
    hint = f" Did you mean '{close[0]}'?" if close else ""
    more = len(valid) - MAX_LISTED
    listed = ", ".join(valid[:MAX_LISTED]) + (f" (and {more} more)" if more > 0 else "")
    return PipelineError(
        f"There is no column '{column}' in {where}.{hint} The columns are: {listed or '(none)'}.",
        {"column": column, "valid_columns": valid},
    )


def _lower_first(message: str) -> str:
    # "There is no column" reads on after "Step 2 (filter): " in lower case; "URL ..." and "JSON ..." keep theirs.
    if len(message) > 1 and message[0].isupper() and not message[1].isupper():
        return message[0].lower() + message[1:]
    return message
