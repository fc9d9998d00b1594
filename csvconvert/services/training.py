"""Training: the engine learns a converter from an example pair; the LLM agents are the fallback."""

from __future__ import annotations

import csv
import io
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import transaction

from csvconvert.models import ConversionJob, Converter, ConverterSource
from csvconvert.services.apply import SANDBOX_INPUT, SANDBOX_OUTPUT
from csvconvert.services.storage import local_copy, read_bytes
from csvconvert.synth import ConversionError, NoProgramFound, cell_differences, diff_tables, learn
from csvconvert.synth.csvio import read_table
from wfplatform.jobs.models import JobStatus
from wfplatform.jobs.services import JobCancelled, JobFailure, job_progress
from wfplatform.sandbox import run_script

Table = list[list[str]]
LEARN_TIMEOUT_S = 60.0
MAX_TRAINING_ROWS = 10_000  # an example, not a data set: the engine checks every cell of it
DEFAULT_AGENT_CYCLES = 5  # when settings has no WFP_AGENT_MAX_CYCLES
REPORT_MAX_DIFFERENCES = 500
MESSAGE_EXAMPLES = 3
LLM_HINT = (
    "Configuring an LLM (an API key; see the README) enables the agent fallback, which writes a "
    "conversion script when the engine cannot."
)


def training_execute(job: ConversionJob) -> None:
    """The worker's part (called by job_run): learn, check, and store the converter."""
    job_progress(job, 5, "reading the example files")
    source, target = _read_example(job)
    examples = [(source, target)]
    job_progress(job, 15, "learning a program from the example (engine)")
    try:
        program = learn(examples, timeout=LEARN_TIMEOUT_S)
    except NoProgramFound as exc:
        report = engine_report(exc, examples)
        _save(job, diff_report=report)
        _fallback(job, report)
        return
    job_progress(job, 85, "checking the program against every example cell")
    check = check_result(cell_differences(program, examples), target)
    if not check["ok"]:  # learn() only returns consistent programs; this guards the guard
        raise JobFailure("The learned program does not reproduce the example.", code="check_failed")
    _create_converter(job, source=ConverterSource.ENGINE, program=program.to_json(), script=program.to_python(),
                      explanation=program.explain(), check=check)  # fmt: skip


def _read_example(job: ConversionJob) -> tuple[Table, Table]:
    tables = []
    for name, what in ((job.input_file, "input file"), (job.expected_file, "expected output file")):
        with local_copy(name) as path:
            try:
                table = read_table(path)
            except ConversionError as exc:
                raise JobFailure(f"The {what} cannot be read as CSV: {exc}", code="invalid_csv") from None
        if not any(any(cell.strip() for cell in row) for row in table):
            raise JobFailure(f"The {what} holds no data.", code="empty_file")
        if len(table) > MAX_TRAINING_ROWS:
            raise JobFailure(
                f"The {what} has {len(table)} rows; a training example may have at most {MAX_TRAINING_ROWS}. "
                "Train on a sample, then run the converter on the whole file.",
                code="example_too_large",
            )
        tables.append(table)
    return tables[0], tables[1]


def check_result(differences: list[dict], target: Table) -> dict[str, Any]:
    checked = sum(len(row) for row in target)
    return {"cells_checked": checked, "cells_matching": max(0, checked - len(differences)), "ok": not differences}


def engine_report(exc: NoProgramFound, examples: list[tuple[Table, Table]]) -> dict[str, Any]:
    """The diff report of the engine's closest attempt: every differing cell, example by example."""
    closest = exc.closest
    differences = cell_differences(closest, examples) if closest is not None else list(exc.differences)
    return {
        "source": "engine",
        "message": str(exc),
        "closest": {
            "explanation": closest.explain() if closest is not None else [],
            "program": closest.to_json() if closest is not None else None,
        },
        **_cells(differences, examples[0][1]),
    }


def _cells(differences: list[dict], target: Table) -> dict[str, Any]:
    kept = differences[:REPORT_MAX_DIFFERENCES]
    numbers = sorted({item["example"] for item in kept})
    return {
        "cells_checked": sum(len(row) for row in target),
        "cells_differing": len(differences),
        "truncated": len(differences) > len(kept),
        "examples": [{"example": n, "differences": [_cell(d) for d in kept if d["example"] == n]} for n in numbers],
    }


def _cell(difference: dict) -> dict:
    return {key: difference.get(key) for key in ("row", "column", "expected", "actual")}


def failure_message(report: dict[str, Any], *, agents: str) -> str:
    """The job's error: what the engine tried, where it differs, and what would help."""
    lines = ["The engine could not express this conversion."]
    explanation = report["closest"]["explanation"]
    if explanation:
        lines.append("Its closest attempt:")
        lines.extend(f"  {line}" for line in explanation)
    cells = [cell for example in report["examples"] for cell in example["differences"]]
    lines.append(f"It differs from the expected output in {report['cells_differing']} of "
                 f"{report['cells_checked']} cells, e.g.:")  # fmt: skip
    lines.extend(f"  {_describe_cell(cell)}" for cell in cells[:MESSAGE_EXAMPLES])
    lines.append("The job's diff_report lists every differing cell.")
    lines.append(agents)
    return "\n".join(lines)


def _describe_cell(cell: dict) -> str:
    if cell["row"] is None:
        return f"the attempt failed on the example: {cell['actual']}"
    return f"row {cell['row']}, column {cell['column']}: expected {cell['expected']!r}, got {cell['actual']!r}"


# --- the LLM fallback ----------------------------------------------------------------------------
def _agents() -> Any | None:
    """csvconvert.agents when it is installed and an LLM is configured, else None."""
    try:
        from csvconvert import agents
    except ImportError:
        return None
    return agents if agents.agents_available() else None


def _fallback(job: ConversionJob, report: dict[str, Any]) -> None:
    agents = _agents()
    if agents is None:
        raise JobFailure(failure_message(report, agents=LLM_HINT), code="engine_no_program")
    cycles = int(getattr(settings, "WFP_AGENT_MAX_CYCLES", DEFAULT_AGENT_CYCLES))
    job_progress(job, 30, f"agent cycle 1/{cycles}: starting (the engine found no program)")
    outcome = agents.synthesize_script(
        input_csv=read_bytes(job.input_file),
        expected_csv=read_bytes(job.expected_file),
        instructions=job.instructions,
        closest={
            "explanation": report["closest"]["explanation"],
            "differences": [c for e in report["examples"] for c in e["differences"]],
        },  # fmt: skip
        max_cycles=cycles,
        on_cycle=_cycle_reporter(job, cycles),
    )
    _save(job, llm_usage=dict(outcome.usage or {}), agent_cycle=outcome.cycles)
    if not outcome.ok or not outcome.script:
        reason = f"The LLM agents found no script either after {outcome.cycles} cycle(s): {outcome.reason}"
        raise JobFailure(failure_message(report, agents=reason), code="no_converter")
    job_progress(job, 92, "checking the agents' script against the example in the sandbox")
    check, llm_report = _check_script(job, outcome.script)
    if not check["ok"]:
        _save(job, diff_report=llm_report)
        raise JobFailure(f"The agents' script does not reproduce the example in the sandbox: "
                         f"{llm_report['message']}", code="check_failed")  # fmt: skip
    _create_converter(job, source=ConverterSource.LLM, program=None, script=outcome.script,
                      explanation=_script_explanation(outcome), check=check)  # fmt: skip


def _cycle_reporter(job: ConversionJob, cycles: int) -> Callable[[int, str], None]:
    def on_cycle(cycle: int, message: str) -> None:
        percent = 30 + int(60 * min(cycle, cycles) / cycles)
        job_progress(job, percent, f"agent cycle {cycle}/{cycles}: {message}")
        _save(job, agent_cycle=cycle)

    return on_cycle


def _check_script(job: ConversionJob, script: str) -> tuple[dict[str, Any], dict[str, Any]]:
    """Run the script on the example input in the sandbox and compare every cell, as for the engine."""
    with local_copy(job.input_file) as source, local_copy(job.expected_file) as expected:
        target = read_table(expected)
        result = run_script(script, files={SANDBOX_INPUT: source}, outputs=(SANDBOX_OUTPUT,))
    if not result.ok or SANDBOX_OUTPUT not in result.files:
        why = result.reason or f"it wrote no {SANDBOX_OUTPUT}"
        differences = [{"example": 1, "row": None, "column": None, "expected": None, "actual": why}]
    else:
        differences = diff_tables(_table_of(result.files[SANDBOX_OUTPUT]), target)
    report = {"source": "llm", "message": f"{len(differences)} cell(s) differ", **_cells(differences, target)}
    return check_result(differences, target), report


def _table_of(data: bytes) -> Table:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "output.csv"
        path.write_bytes(data)
        try:
            return read_table(path)
        except ConversionError:
            return list(csv.reader(io.StringIO(data.decode("utf-8", errors="replace"))))


def _script_explanation(outcome: Any) -> list[str]:
    lines = ["A Python script written by the LLM agents (it runs in the sandbox)."]
    plan = next((item.get("plan") for item in reversed(outcome.history or []) if isinstance(item, dict)
                 and isinstance(item.get("plan"), str)), None)  # fmt: skip
    if plan:
        lines.extend(line for line in plan.splitlines() if line.strip())
    return lines


# --- writing the result --------------------------------------------------------------------------
def _save(job: ConversionJob, **fields: Any) -> None:
    ConversionJob.objects.filter(pk=job.pk).update(**fields)
    for name, value in fields.items():
        setattr(job, name, value)


def _create_converter(job: ConversionJob, *, source: str, program: dict | None, script: str,
                      explanation: list[str], check: dict) -> Converter:  # fmt: skip
    job_progress(job, 95, "saving the converter")
    with transaction.atomic():
        # Deleted or cancelled meanwhile: no converter pointing at a job that is gone.
        if not ConversionJob.objects.select_for_update().filter(pk=job.pk, status=JobStatus.RUNNING).exists():
            raise JobCancelled(str(job.pk))
        converter = Converter.objects.create(owner_id=job.owner_id, name=job.name, source=source, program=program,
                                             script=script, explanation=explanation, check_result=check,
                                             training_job=job)  # fmt: skip
        _save(job, converter=converter)
    return converter
