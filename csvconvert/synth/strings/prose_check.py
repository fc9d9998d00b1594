"""Score learn_column on a PROSE-format benchmark folder.

    python -m csvconvert.synth.strings.prose_check /work/shared/benchmarks/prose [-v] [NAME_SUBSTRING]

Per task, for k = 1, 2, 3 ascending: learn from the k examples, apply the first candidate to
the held-out rows and compare exactly (an expression that raises counts as wrong); the task
is solved at the smallest k that matches. For solved tasks the generated code is also run and
must equal `evaluate`. Empty JSON cells (null) are read as empty strings, as in a CSV file.
Times are per task: learning time summed over the k tried.
"""

from __future__ import annotations

import json
import statistics
import sys
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

from csvconvert.synth.bench import cells
from csvconvert.synth.expr import Expr
from csvconvert.synth.strings.learner import learn_column

LEARN_SECONDS = 10.0


def load_tasks(folder: Path) -> dict[str, dict[int, dict[str, Any]]]:
    tasks: dict[str, dict[int, dict[str, Any]]] = defaultdict(dict)
    for path in sorted(folder.glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        tasks[data["TestName"]][data["NumSamples"]] = data
    return dict(tasks)


def helper_namespace(expr: Expr) -> dict[str, Any]:
    """The namespace of the generated module, helpers embedded as a script embeds them."""
    from csvconvert.synth.mapcolumns import MapColumns
    from csvconvert.synth.program import Program

    return Program([MapColumns([expr])]).compiled()


def apply(expr: Expr, rows: list[list[str]]) -> list[str] | None:
    try:
        return [expr.evaluate(row) for row in rows]
    except Exception:  # noqa: BLE001 - a raising expression simply scores as wrong
        return None


def generated_matches(expr: Expr, rows: list[list[str]], expected: list[str]) -> bool:
    namespace = helper_namespace(expr)
    code = compile(expr.code(), "<expr>", "eval")
    return [eval(code, namespace, {"row": row}) for row in rows] == expected  # noqa: S307


def run_task(versions: dict[int, dict[str, Any]], verbose: bool) -> tuple[int | None, float, str]:
    spent, note = 0.0, ""
    for k in sorted(versions):
        data = versions[k]
        rows, outputs = cells(data["InputTable"]), [row[0] for row in cells(data["OutputTable"])]
        began = time.monotonic()
        found = learn_column(rows, outputs, deadline=began + LEARN_SECONDS)
        spent += time.monotonic() - began
        tests, answers = cells(data["TestingTable"]), [row[0] for row in cells(data["TestAnswer"])]
        got = apply(found[0], tests) if found else None
        if got == answers:
            if not generated_matches(found[0], tests, answers):
                return None, spent, "generated code differs from evaluate"
            return k, spent, found[0].explain() if verbose else ""
        note = _difference(found, tests, answers, got) if verbose else ""
    return None, spent, note


def _difference(found: list[Expr], tests: list[list[str]], answers: list[str], got: list[str] | None) -> str:
    if not found:
        return "no program"
    if got is None:
        return f"raises; {found[0]!r}"
    wrong = next(i for i, (a, b) in enumerate(zip(got, answers, strict=True)) if a != b)
    return f"{tests[wrong]} -> {got[wrong]!r} want {answers[wrong]!r}; {found[0].explain()}"


def main(argv: list[str]) -> int:
    verbose = "-v" in argv
    args = [arg for arg in argv if arg != "-v"]
    tasks = load_tasks(Path(args[0]))
    if len(args) > 1:
        tasks = {name: versions for name, versions in tasks.items() if args[1] in name}
    solved, times = 0, []
    for name, versions in sorted(tasks.items()):
        k, spent, note = run_task(versions, verbose)
        solved += k is not None
        times.append(spent)
        print(f"{name:24} {'k=' + str(k) if k else 'FAIL':6} {spent:7.3f}s  {note}"[:400], flush=True)
    times.sort()
    p95 = times[min(len(times) - 1, int(0.95 * len(times)))]
    print(f"solved {solved}/{len(tasks)} ({100 * solved / len(tasks):.1f}%) "
          f"median_s {statistics.median(times):.3f} p95_s {p95:.3f}")  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
