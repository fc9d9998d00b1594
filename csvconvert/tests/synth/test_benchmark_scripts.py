"""Every benchmark task the engine solves: the exported script's output equals apply's."""

from __future__ import annotations

import csv
import subprocess
import sys
from pathlib import Path

import pytest

from csvconvert.synth import NoProgramFound, learn
from csvconvert.synth.bench import load_tasks

BENCHMARKS = Path(__file__).resolve().parents[4] / "shared" / "benchmarks"
SETS = ["foofah", "prose"]


def _largest_example_per_task(name: str) -> list[dict]:
    return [files[-1] for files in load_tasks(BENCHMARKS / name).values()]


def _run_script(script: str, rows: list[list[str]], tmp_path: Path) -> list[list[str]]:
    src, dst, program = tmp_path / "in.csv", tmp_path / "out.csv", tmp_path / "converter.py"
    with src.open("w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows(rows)
    program.write_text(script)
    subprocess.run([sys.executable, str(program), str(src), str(dst)], check=True, timeout=60)
    with dst.open(newline="", encoding="utf-8") as handle:
        return list(csv.reader(handle))


def _csv_round_trip(rows: list[list[str]]) -> list[list[str]]:
    """What a CSV file can hold: an empty row reads back as no row at all."""
    return [row for row in rows if row]


@pytest.mark.skipif(not BENCHMARKS.is_dir(), reason="../shared/benchmarks is not beside this checkout")
@pytest.mark.parametrize("name", SETS)
def test_exported_scripts_match_apply_on_every_solved_task(name, tmp_path):
    solved = 0
    for data in _largest_example_per_task(name):
        try:
            program = learn([(data["InputTable"], data["OutputTable"])], timeout=30)
            expected = program.apply(data["TestingTable"])
        except (NoProgramFound, IndexError, ValueError, KeyError):
            continue
        if expected != data["TestAnswer"]:
            continue
        solved += 1
        script_output = _run_script(program.to_python(), data["TestingTable"], tmp_path)
        assert script_output == _csv_round_trip(expected), f"task {data['TestName']}: the script disagrees with apply"
    assert solved > 0, f"the engine solved none of the {name} tasks"
