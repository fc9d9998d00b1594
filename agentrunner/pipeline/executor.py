"""Running a checked pipeline step by step, with a trace and every failure told as a PipelineError."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from agentrunner.pipeline.errors import PipelineError
from agentrunner.pipeline.loading import text_labels
from agentrunner.pipeline.operations import OPERATION_FUNCTIONS, Context, check_columns
from agentrunner.pipeline.sources import Sources
from agentrunner.pipeline.spec import Step, plan_pipeline

# What pandas and numpy raise on data a step cannot handle (mixed types, unhashable cells, bad dates...).
# They become PipelineErrors naming the step; anything else is a bug and is left to surface as it is.
DATA_ERRORS = (KeyError, ValueError, TypeError, IndexError, AttributeError, ArithmeticError, NotImplementedError)


@dataclass
class PipelineResult:
    table: pd.DataFrame
    trace: list[dict[str, Any]] = field(default_factory=list)  # per step: op, rows_in, rows_out, ms


def run_pipeline(
    steps: Any, *, table: pd.DataFrame | None, sources: Sources, max_rows: int = 5_000_000
) -> PipelineResult:
    """Validate the whole pipeline, then run its steps in order on `table` (None: the first step fetches it)."""
    current = _starting_table(table, max_rows)
    plan = plan_pipeline(steps, columns=None if current is None else list(current.columns))
    if current is None and plan[0].op != "http_request":
        raise PipelineError(
            f"Step 1 ({plan[0].op}) needs a table, but the pipeline was given none; start with an http_request.",
            {"step": 1, "op": plan[0].op},
        )
    context = Context(sources=sources, max_rows=max_rows)
    trace = []
    for step in plan:
        rows_in = 0 if current is None else len(current)
        started = time.perf_counter()
        current = run_step(step, current, context)
        elapsed_ms = round((time.perf_counter() - started) * 1000, 2)
        trace.append({"op": step.op, "rows_in": rows_in, "rows_out": len(current), "ms": elapsed_ms})
    return PipelineResult(table=_numbered(current), trace=trace)


def run_step(step: Step, table: pd.DataFrame | None, context: Context) -> pd.DataFrame:
    try:
        if table is not None:
            check_columns(table, step)
        result = OPERATION_FUNCTIONS[step.op](table, step, context)
        if step.op == "http_request":  # a fetched table starts afresh, with the checks of a given one
            result = _starting_table(result, context.max_rows)
    except PipelineError as error:
        raise error.at_step(step.number, step.op) from error
    except MemoryError:
        raise PipelineError(f"Step {step.number} ({step.op}) ran out of memory.", _where(step)) from None
    except DATA_ERRORS as error:
        reason = str(error).strip().rstrip(".") or type(error).__name__
        details = {**_where(step), "error": type(error).__name__}
        raise PipelineError(f"Step {step.number} ({step.op}) failed on the data: {reason}.", details) from error
    if len(result) > context.max_rows:
        raise PipelineError(
            f"Step {step.number} ({step.op}) gave {len(result)} rows, more than the limit of {context.max_rows}.",
            {**_where(step), "rows": len(result), "max_rows": context.max_rows},
        )
    return result


def _where(step: Step) -> dict[str, Any]:
    return {"step": step.number, "op": step.op}


def _starting_table(table: pd.DataFrame | None, max_rows: int) -> pd.DataFrame | None:
    if table is None:
        return None
    if not isinstance(table, pd.DataFrame):
        raise PipelineError(f"The input table must be a DataFrame, not {type(table).__name__}.")
    table = text_labels(table)
    if not table.columns.is_unique:
        repeated = table.columns[table.columns.duplicated()][0]
        raise PipelineError(f"The table has two columns named {repeated!r}.", {"column": repeated})
    if len(table) > max_rows:
        raise PipelineError(
            f"The table has {len(table)} rows, more than the limit of {max_rows}.",
            {"rows": len(table), "max_rows": max_rows},
        )
    return table


def _numbered(table: pd.DataFrame) -> pd.DataFrame:
    """The result with rows numbered 0..n-1, whatever filtering and sorting left of the index (no data copied)."""
    if isinstance(table.index, pd.RangeIndex) and table.index.start == 0 and table.index.step == 1:
        return table
    numbered = table.copy(deep=False)
    numbered.index = pd.RangeIndex(len(table))
    return numbered
