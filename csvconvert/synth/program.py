"""Program: a learned converter. Apply it, save it, explain it, export it as a Python script."""

from __future__ import annotations

import inspect
import json
import textwrap
from collections.abc import Callable
from pathlib import Path
from typing import Any

from csvconvert.synth.core import STEPS, Step, SynthError, Table, rectangular

FORMAT_VERSION = 1


class NoProgramFound(SynthError):
    """No program in the language reproduces every example.

    `closest` is the candidate that came nearest (or None), `differences` the cells where its
    output differs from the expected output: dicts with example, row, column, expected, actual.
    """

    def __init__(self, message: str, *, closest: Program | None = None, differences: list[dict] | None = None):
        super().__init__(message)
        self.closest = closest
        self.differences = differences or []


class ConversionError(SynthError):
    """A program could not convert an input (a row it does not fit, an unreadable file)."""


class Program:
    def __init__(self, steps: list[Step]):
        self.steps = list(steps)

    # --- running ------------------------------------------------------------------------------
    def apply(self, rows: Table) -> Table:
        rows = rectangular(rows)
        for step in self.steps:
            rows = step.apply(rows)
        return rows

    @property
    def streaming(self) -> bool:
        return all(step.streaming for step in self.steps)

    def compiled(self) -> dict[str, Any]:
        """The generated module's namespace: `transform(rows)` and, when streaming, `transform_stream`."""
        namespace: dict[str, Any] = {"__name__": "wfp_converter"}
        exec(compile(self._module_source(), "<learned converter>", "exec"), namespace)  # noqa: S102 - our own generated code
        return namespace

    def apply_csv(self, src: str | Path, dst: str | Path, **options: Any) -> dict[str, Any]:
        from csvconvert.synth.csvio import convert_file

        return convert_file(self, Path(src), Path(dst), **options)

    # --- describing ---------------------------------------------------------------------------
    @property
    def cost(self) -> float:
        return sum(step.cost for step in self.steps)

    @property
    def payload(self) -> int:
        return sum(step.payload for step in self.steps)

    def explain(self) -> list[str]:
        if not self.steps:
            return ["Copy the table unchanged."]
        lines: list[str] = []
        for number, step in enumerate(self.steps, 1):
            first, *rest = step.explain() or [step.name]
            lines.append(f"{number}. {first}")
            lines.extend(f"   {line}" for line in rest)
        return lines

    def to_json(self) -> dict[str, Any]:
        return {"format": FORMAT_VERSION, "steps": [{"step": step.name, **step.params()} for step in self.steps]}

    @classmethod
    def from_json(cls, data: dict[str, Any] | str) -> Program:
        if isinstance(data, str):
            data = json.loads(data)
        if data.get("format") != FORMAT_VERSION:
            raise ValueError(f"unsupported program format {data.get('format')!r} (expected {FORMAT_VERSION})")
        steps = []
        for item in data["steps"]:
            params = dict(item)
            name = params.pop("step")
            if name not in STEPS:
                raise ValueError(f"unknown step {name!r}")
            steps.append(STEPS[name].from_params(params))
        return cls(steps)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Program) and self.steps == other.steps

    def __repr__(self) -> str:
        return f"Program({self.steps!r})"

    # --- code generation ----------------------------------------------------------------------
    def _helpers(self) -> list[Callable]:
        seen: dict[str, Callable] = {}
        pending = [helper for step in self.steps for helper in step.helpers()]
        while pending:
            helper = pending.pop(0)
            if helper.__name__ not in seen:
                seen[helper.__name__] = helper
                pending.extend(getattr(helper, "requires", ()))
        return list(seen.values())

    @staticmethod
    def _helper_source(helper: Callable) -> str:
        return textwrap.dedent(inspect.getsource(helper)).rstrip() + "\n"

    def _module_source(self) -> str:
        parts = ["import csv\nimport datetime\nimport functools\nimport math\nimport re\nimport sys\n"]
        parts += [self._helper_source(helper) for helper in self._helpers()]
        body = "\n".join(step.code() for step in self.steps) or "pass"
        indented = textwrap.indent(body, "    ")
        pad = (  # a cell a CSV row leaves out is empty, as Program.apply reads it
            "    width = max((len(row) for row in rows), default=0)\n"
            '    rows = [list(row) + [""] * (width - len(row)) for row in rows]\n'
        )
        parts.append(f"def transform(rows):\n{pad}{indented}\n    return rows\n")
        if self.streaming:
            parts.append(self._stream_source())
        return "\n\n".join(parts)

    def _stream_source(self) -> str:
        functions = []
        for number, step in enumerate(self.steps, 1):
            functions.append(f"def step_{number}(rows):\n{textwrap.indent(step.stream_code(), '    ')}\n")
        chain = "rows"
        for number in range(1, len(self.steps) + 1):
            chain = f"step_{number}({chain})"
        functions.append(f"def transform_stream(rows):\n    return {chain}\n")
        return "\n\n".join(functions)

    def to_python(self) -> str:
        """A standalone script: `python converter.py input.csv output.csv`."""
        # Explanations quote data (patterns with backslashes, quotes): escape them for the docstring.
        steps = "\n".join(f"  {line}" for line in self.explain()).replace("\\", "\\\\").replace('"""', '\\"\\"\\"')
        header = (
            '#!/usr/bin/env python3\n"""CSV converter learned by wfplatform csvconvert.\n\n'
            f'What it does:\n{steps}\n\nUsage: python converter.py INPUT.csv OUTPUT.csv\n"""\n'
        )
        run = "transform_stream(reader)" if self.streaming else "transform(list(reader))"
        main = f"""
def main(src, dst):
    with open(src, newline="", encoding="utf-8-sig") as infile, open(dst, "w", newline="", encoding="utf-8") as outfile:
        reader = csv.reader(infile)
        csv.writer(outfile, lineterminator="\\n").writerows({run})


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit("usage: python converter.py INPUT.csv OUTPUT.csv")
    main(sys.argv[1], sys.argv[2])
"""
        return header + "\n" + self._module_source() + "\n" + main
