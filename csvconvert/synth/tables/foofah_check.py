"""Score search_tables on a Foofah-format benchmark directory.

    python -m csvconvert.synth.tables.foofah_check /work/shared/benchmarks/foofah [--budget 30]

Per task, for k = 1..5: learn from (InputTable, OutputTable), apply to TestingTable, compare
with TestAnswer exactly; the task is solved at the first k that matches. Also checks that the
generated code (transform, and transform_stream when streaming) agrees with the interpreter.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

from csvconvert.synth.program import Program
from csvconvert.synth.tables import search_tables


def load_tasks(directory: Path) -> dict[str, list[dict[str, Any]]]:
    tasks: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for path in sorted(directory.glob("*.json")):
        data = json.loads(path.read_text())
        tasks[str(data["TestName"])].append(data)
    return {name: sorted(files, key=lambda item: item["NumSamples"]) for name, files in sorted(tasks.items())}


def generated_agrees(program: Program, rows: list[list[str]]) -> bool:
    namespace = program.compiled()
    expected = program.apply(rows)
    if namespace["transform"](rows) != expected:
        return False
    return not program.streaming or [list(row) for row in namespace["transform_stream"](iter(rows))] == expected


def attempt(data: dict[str, Any], budget: float) -> tuple[str, float, Program | None]:
    started = time.monotonic()
    steps = search_tables([(data["InputTable"], data["OutputTable"])], deadline=started + budget)
    elapsed = time.monotonic() - started
    if steps is None:
        return "no program", elapsed, None
    program = Program(steps)
    try:
        result = program.apply(data["TestingTable"])
    except Exception as error:  # noqa: BLE001 - any crash on unseen data counts as wrong
        return f"crashed: {error!r}", elapsed, program
    if result != data["TestAnswer"]:
        return "wrong on test", elapsed, program
    if not generated_agrees(program, data["TestingTable"]):
        return "generated code disagrees", elapsed, program
    return "solved", elapsed, program


def check_task(name: str, files: list[dict[str, Any]], budget: float, verbose: bool) -> float | None:
    reasons = []
    for data in files:
        status, elapsed, program = attempt(data, budget)
        if status == "solved":
            print(f"{name:30} solved k={data['NumSamples']} {elapsed:6.2f}s  {_summary(program)}")
            return elapsed
        reasons.append(f"k={data['NumSamples']}:{status}({elapsed:.1f}s)")
        if verbose and program is not None:
            print(f"    k={data['NumSamples']} {status}: {_summary(program)}")
    print(f"{name:30} FAILED {' '.join(reasons)}")
    return None


def _summary(program: Program | None) -> str:
    return " | ".join(repr(step) for step in program.steps) if program else ""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("directory", type=Path)
    parser.add_argument("--budget", type=float, default=30.0)
    parser.add_argument("--only", default=None, help="run one task")
    parser.add_argument("--verbose", action="store_true")
    args = parser.parse_args(argv)
    tasks = load_tasks(args.directory)
    if args.only:
        tasks = {args.only: tasks[args.only]}
    times = [check_task(name, files, args.budget, args.verbose) for name, files in tasks.items()]
    solved = sorted(t for t in times if t is not None)
    median = statistics.median(solved) if solved else 0.0
    p95 = solved[min(len(solved) - 1, int(0.95 * len(solved)))] if solved else 0.0
    share = 100.0 * len(solved) / max(len(tasks), 1)
    print(f"solved {len(solved)}/{len(tasks)} ({share:.0f}%) median_s {median:.2f} p95_s {p95:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
