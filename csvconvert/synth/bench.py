"""Score the engine on benchmark sets: python -m csvconvert.synth.bench DIR... [--timeout S].

Protocol (../shared/benchmarks/README.md): per task, try its files in ascending NumSamples;
learn from InputTable -> OutputTable only, apply to TestingTable, compare with TestAnswer
exactly. Solved at the smallest k where they are equal. Times are learning times at that k
(or the total spent on an unsolved task).
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from collections import defaultdict
from pathlib import Path

from csvconvert.synth import NoProgramFound, learn


def cells(table: list[list[str | None]]) -> list[list[str]]:
    """A null cell in the JSON is an empty CSV cell."""
    return [["" if cell is None else cell for cell in row] for row in table]


def load_tasks(directory: Path) -> dict[str, list[dict]]:
    tasks: dict[str, list[dict]] = defaultdict(list)
    for path in sorted(directory.glob("*.json")):
        data = json.loads(path.read_text())
        for key in ("InputTable", "OutputTable", "TestingTable", "TestAnswer"):
            data[key] = cells(data[key])
        tasks[str(data["TestName"])].append(data)
    return {name: sorted(files, key=lambda d: d["NumSamples"]) for name, files in sorted(tasks.items())}


def run_task(files: list[dict], timeout: float) -> tuple[int | None, float, str]:
    """(k solved at or None, seconds, note)."""
    spent, note = 0.0, "no example size worked"
    for data in files:
        started = time.perf_counter()
        try:
            program = learn([(data["InputTable"], data["OutputTable"])], timeout=timeout)
        except NoProgramFound:
            spent += time.perf_counter() - started
            note = f"k={data['NumSamples']}: no program found"
            continue
        elapsed = time.perf_counter() - started
        spent += elapsed
        try:
            result = program.apply(data["TestingTable"])
        except Exception as exc:  # a program that does not fit the test table is a miss
            note = f"k={data['NumSamples']}: program failed on the test table ({type(exc).__name__})"
            continue
        if result == data["TestAnswer"]:
            return data["NumSamples"], elapsed, ""
        note = f"k={data['NumSamples']}: wrong output on the test table"
    return None, spent, note


def summary(results: list[tuple[int | None, float]]) -> str:
    solved = [seconds for k, seconds in results if k is not None]
    total = len(results)
    times = sorted(seconds for _, seconds in results)
    median = statistics.median(times) if times else 0.0
    p95 = times[min(len(times) - 1, int(round(0.95 * (len(times) - 1))))] if times else 0.0
    percent = 100.0 * len(solved) / total if total else 0.0
    return f"solved {len(solved)}/{total} ({percent:.1f}%) median_s {median:.3f} p95_s {p95:.3f}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("directories", nargs="+", type=Path)
    parser.add_argument("--timeout", type=float, default=30.0, help="learning time budget per example size")
    args = parser.parse_args(argv)
    everything: list[tuple[int | None, float]] = []
    for directory in args.directories:
        results = []
        for name, files in load_tasks(directory).items():
            k, seconds, note = run_task(files, args.timeout)
            status = f"solved k={k}" if k is not None else f"UNSOLVED ({note})"
            print(f"{directory.name}/{name}\t{status}\t{seconds:.3f}s", flush=True)
            results.append((k, seconds))
        print(f"{directory.name}: {summary(results)}", flush=True)
        everything += results
    print(summary(everything))
    return 0


if __name__ == "__main__":
    sys.exit(main())
