"""Apply speed: a learned row-local converter vs a hand-written pandas script, same data, one run.

    python bench/csv_apply.py [--rows 1000000 4000000]

Generates a 10-column CSV per size, learns a converter from a 4-row example (reorder and drop
columns, join first and last name, reformat a date, upper-case a city), then times
`Program.apply_csv` and a pandas script doing the same thing, each in its own process so that
peak memory (max RSS) is measured separately. Prints one line per size and tool, the ratio
ours/pandas, and a last summary line.
"""

from __future__ import annotations

import argparse
import csv
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
HEADER = ["id", "first", "last", "email", "signup", "amount", "city", "country", "phone", "status"]
EXAMPLE_IN = [
    HEADER,
    ["1", "Ann", "Lee", "ann@example.com", "2021-03-04", "12.50", "oslo", "NO", "555-0101", "active"],
    ["2", "Bob", "Stone", "bob@example.com", "2019-11-23", "7.00", "rome", "IT", "555-0102", "closed"],
    ["3", "Cy", "Park", "cy@example.com", "2020-01-15", "99.99", "lima", "PE", "555-0103", "active"],
]
OUT_HEADER = ["id", "name", "signup", "city", "amount"]


def expected_row(row: list[str]) -> list[str]:
    year, month, day = row[4].split("-")
    return [row[0], f"{row[1]} {row[2]}", f"{day}/{month}/{year}", row[6].upper(), row[5]]


PANDAS_SCRIPT = """
import sys
import pandas as pd
df = pd.read_csv(sys.argv[1], dtype=str, keep_default_na=False)
out = pd.DataFrame({
    "id": df["id"],
    "name": df["first"] + " " + df["last"],
    "signup": pd.to_datetime(df["signup"], format="%Y-%m-%d").dt.strftime("%d/%m/%Y"),
    "city": df["city"].str.upper(),
    "amount": df["amount"],
})
out.to_csv(sys.argv[2], index=False)
"""

OURS_SCRIPT = """
import json, sys
from csvconvert.synth import Program
Program.from_json(json.load(open(sys.argv[3]))).apply_csv(sys.argv[1], sys.argv[2])
"""


def generate(path: Path, rows: int) -> None:
    rng = random.Random(7)
    cities = ["oslo", "rome", "lima", "kyiv", "pune", "nice", "bern", "graz"]
    names = ["Ann", "Bob", "Cy", "Dee", "Eve", "Fox", "Gus", "Hal"]
    with path.open("w", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(HEADER)
        for i in range(rows):
            first, last = rng.choice(names), rng.choice(names) + "son"
            writer.writerow(
                [
                    str(i),
                    first,
                    last,
                    f"{first.lower()}{i}@example.com",
                    f"{rng.randint(2000, 2024)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
                    f"{rng.randint(0, 99999) / 100:.2f}",
                    rng.choice(cities),
                    "NO",
                    f"555-{i % 10000:04d}",
                    "active",
                ]
            )


REPORT_PEAK = "\nimport resource\nprint(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)\n"


def timed(script: str, *args: str) -> tuple[float, float]:
    """Wall seconds and the child's own peak RSS (MiB)."""
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", script + REPORT_PEAK, *args], check=True, cwd=ROOT, capture_output=True, text=True
    )
    elapsed = time.perf_counter() - started
    return elapsed, int(done.stdout.split()[-1]) / 1024


def learn_program(workdir: Path) -> Path:
    sys.path.insert(0, str(ROOT))
    from csvconvert.synth import learn

    program = learn([(EXAMPLE_IN, [OUT_HEADER, *(expected_row(row) for row in EXAMPLE_IN[1:])])])
    print("learned program:", *program.explain(), sep="\n  ")
    path = workdir / "program.json"
    import json

    path.write_text(json.dumps(program.to_json()))
    return path


def check_same_output(ours: Path, theirs: Path) -> None:
    with ours.open(newline="") as a, theirs.open(newline="") as b:
        for line, (row_a, row_b) in enumerate(zip(csv.reader(a), csv.reader(b), strict=True), 1):
            if row_a != row_b:
                raise SystemExit(f"outputs differ at line {line}: {row_a} != {row_b}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, nargs="+", default=[1_000_000, 4_000_000])
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        workdir = Path(tmp)
        program_path = learn_program(workdir)
        ratios = []
        for rows in sorted(args.rows):
            data = workdir / f"in-{rows}.csv"
            generate(data, rows)
            ours_out, pandas_out = workdir / "ours.csv", workdir / "pandas.csv"
            ours_s, ours_mb = timed(OURS_SCRIPT, str(data), str(ours_out), str(program_path))
            pandas_s, pandas_mb = timed(PANDAS_SCRIPT, str(data), str(pandas_out))
            check_same_output(ours_out, pandas_out)
            ratio = ours_s / pandas_s
            ratios.append(ratio)
            print(
                f"rows {rows}: ours {ours_s:.2f}s peak {ours_mb:.0f} MiB | pandas {pandas_s:.2f}s peak "
                f"{pandas_mb:.0f} MiB | ratio ours/pandas {ratio:.2f}",
                flush=True,
            )
            data.unlink()
        print(f"apply ratio_max {max(ratios):.2f} (target <= 1.5)")


if __name__ == "__main__":
    main()
