"""The tester: run a generated script in the sandbox and compare its output with the expected file.

Not an LLM: a verdict must be a fact. The script runs under wfplatform.sandbox (its own process,
empty environment, no network, no processes, its working directory only) on the training input;
its output.csv is read with the expected file's delimiter (so a wrong delimiter shows as wrong
cells) and compared cell by cell with `diff_tables`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from csvconvert.agents.tables import ParsedCsv, describe_differences, fenced, parse_csv
from csvconvert.synth import diff_tables
from wfplatform.sandbox import run_script

INPUT_NAME = "input.csv"
OUTPUT_NAME = "output.csv"
STDERR_TAIL_CHARS = 2000
MAX_DIFFERENCES_SHOWN = 20


@dataclass
class Verdict:
    passed: bool
    reason: str = ""  # one line, empty when passed
    differences: list[dict] = field(default_factory=list)
    detail: str = ""  # what the next cycle should read: the cells that differ, or the error

    def feedback(self) -> str:
        return self.reason + (f"\n{self.detail}" if self.detail else "")


def judge_script(script: str, *, input_csv: bytes, expected: ParsedCsv) -> Verdict:
    result = run_script(script, files={INPUT_NAME: input_csv}, outputs=(OUTPUT_NAME,))
    if not result.ok:
        tail = result.stderr[-STDERR_TAIL_CHARS:].strip()
        detail = f"stderr (last lines):\n{fenced(tail)}" if tail else ""
        return Verdict(False, f"the script failed in the sandbox ({result.violation}): {result.reason}", [], detail)
    output = result.files.get(OUTPUT_NAME)
    if output is None:
        return Verdict(False, f"the script ran but wrote no {OUTPUT_NAME}")
    actual = parse_csv(output, delimiter=expected.delimiter)
    differences = diff_tables(actual.rows, expected.rows)
    if not differences:
        return Verdict(True)
    return Verdict(False, _summary(differences, actual, expected), differences, _detail(differences, expected))


def _summary(differences: list[dict], actual: ParsedCsv, expected: ParsedCsv) -> str:
    cells = "1 cell differs" if len(differences) == 1 else f"{len(differences)} cells differ"
    summary = f"{cells} from the expected output"
    if len(actual.rows) != len(expected.rows):
        summary += f"; the output has {len(actual.rows)} rows, the expected file {len(expected.rows)}"
    return summary


def _detail(differences: list[dict], expected: ParsedCsv) -> str:
    shown = min(len(differences), MAX_DIFFERENCES_SHOWN)
    return f"The first {shown} differences (row 1 is the header):\n" + describe_differences(
        differences, expected.header, MAX_DIFFERENCES_SHOWN
    )
