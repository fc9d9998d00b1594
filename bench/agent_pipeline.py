"""The agent's pipeline executor vs the same work written by hand in pandas: same data, one process, one run.

    python bench/agent_pipeline.py [--rows 1000000] [--repeat 5]

Generates a flights table with numpy (fixed seed; id, origin of 20 airports, dest, carrier of 10, price,
duration in minutes, date) and a small carriers table (carrier, name, alliance), then answers two questions
both ways:

- report: flights under $800 not leaving JFK, joined with their carrier, sorted by price, grouped by origin
  into the number of flights, the mean price, the longest duration and the cheapest flight's airline (the
  first name after the sort, so the sort matters);
- top: the ten most expensive of those flights, with their carrier's name and alliance.

The executor runs them as two JSON pipelines through `run_pipeline` (validation included in its time; the
carriers come inline as {"rows": [...]} records, as an agent would write them). The anchor is what a
competent pandas user writes (`anchor_report`, `anchor_top` below: a boolean mask, merge, sort_values,
groupby().agg(), nlargest). The sort is stable on both sides so that ties between equal prices, and with
them each origin's cheapest airline, are the same. Outputs are checked equal (pandas.testing).

Each side runs --repeat times, alternating; the best time of each counts. The last line is the summary,
with the ratio executor/pandas and its target (<= 1.3).
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from agentrunner.pipeline import PipelineResult, run_pipeline  # noqa: E402

TARGET_RATIO = 1.3
SEED = 20240611
AIRPORTS = ["ATL", "LAX", "ORD", "DFW", "DEN", "JFK", "SFO", "SEA", "LAS", "MCO",
            "EWR", "CLT", "PHX", "IAH", "MIA", "BOS", "MSP", "DTW", "FLL", "PHL"]  # fmt: skip
CARRIERS = [
    ("AA", "American Airlines", "oneworld"),
    ("DL", "Delta Air Lines", "SkyTeam"),
    ("UA", "United Airlines", "Star Alliance"),
    ("WN", "Southwest Airlines", "none"),
    ("B6", "JetBlue", "none"),
    ("AS", "Alaska Airlines", "oneworld"),
    ("NK", "Spirit Airlines", "none"),
    ("F9", "Frontier Airlines", "none"),
    ("HA", "Hawaiian Airlines", "none"),
    ("AF", "Air France", "SkyTeam"),
]
CARRIER_ROWS = [{"carrier": code, "name": name, "alliance": alliance} for code, name, alliance in CARRIERS]
WHERE = 'price < 800 and origin != "JFK"'

REPORT = [
    {"op": "filter", "where": WHERE},
    {"op": "join", "right": {"rows": CARRIER_ROWS}, "on": "carrier"},
    {"op": "sort", "by": "price"},
    {
        "op": "group_by",
        "by": "origin",
        "aggregates": {
            "flights": {"fn": "count"},
            "avg_price": {"fn": "mean", "column": "price"},
            "max_duration": {"fn": "max", "column": "duration"},
            "cheapest_airline": {"fn": "first", "column": "name"},
        },
    },
]
TOP = [
    {"op": "filter", "where": WHERE},
    {"op": "top_k", "k": 10, "by": "price"},
    {"op": "join", "right": {"rows": CARRIER_ROWS}, "on": "carrier"},
]


def generate(rows: int) -> pd.DataFrame:
    rng = np.random.default_rng(SEED)
    airports = np.array(AIRPORTS, dtype=object)
    codes = np.array([code for code, _, _ in CARRIERS], dtype=object)
    return pd.DataFrame(
        {
            "id": np.arange(rows),
            "origin": airports[rng.integers(0, len(airports), rows)],
            "dest": airports[rng.integers(0, len(airports), rows)],
            "carrier": codes[rng.integers(0, len(codes), rows)],
            "price": np.round(rng.gamma(4.0, 120.0, rows), 2),
            "duration": rng.integers(45, 900, rows),
            "date": np.datetime64("2024-01-01") + rng.integers(0, 366, rows).astype("timedelta64[D]"),
        }
    )


# --- the anchor: the same questions, written by hand -------------------------------------------------
def anchor_report(flights: pd.DataFrame, carriers: pd.DataFrame) -> pd.DataFrame:
    kept = flights[(flights["price"] < 800) & (flights["origin"] != "JFK")]
    joined = kept.merge(carriers, on="carrier")
    ordered = joined.sort_values("price", kind="stable")
    report = ordered.groupby("origin").agg(
        flights=("origin", "size"),
        avg_price=("price", "mean"),
        max_duration=("duration", "max"),
        cheapest_airline=("name", "first"),
    )
    return report.reset_index()


def anchor_top(flights: pd.DataFrame, carriers: pd.DataFrame) -> pd.DataFrame:
    kept = flights[(flights["price"] < 800) & (flights["origin"] != "JFK")]
    return kept.nlargest(10, "price").merge(carriers, on="carrier")


# --- measuring ---------------------------------------------------------------------------------------
class NoSources:
    """Both pipelines bring their own data; nothing may be fetched."""

    previous_results: list[Any] = []

    def fetch(self, request: Any) -> Any:
        raise AssertionError("the bench fetches nothing")

    def artifact(self, ref: str) -> pd.DataFrame:
        raise AssertionError("the bench loads no artifact")


def timed(work: Callable[[], Any]) -> tuple[float, Any]:
    started = time.perf_counter()
    result = work()
    return time.perf_counter() - started, result


def run_executor(flights: pd.DataFrame) -> tuple[PipelineResult, PipelineResult]:
    sources = NoSources()
    return run_pipeline(REPORT, table=flights, sources=sources), run_pipeline(TOP, table=flights, sources=sources)


def run_anchor(flights: pd.DataFrame, carriers: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    return anchor_report(flights, carriers), anchor_top(flights, carriers)


def check_equal(ours: tuple[PipelineResult, PipelineResult], theirs: tuple[pd.DataFrame, pd.DataFrame]) -> None:
    for name, result, expected in zip(("report", "top"), ours, theirs, strict=True):
        try:
            pd.testing.assert_frame_equal(result.table.reset_index(drop=True), expected.reset_index(drop=True))
        except AssertionError as error:
            raise SystemExit(f"{name}: the executor's output differs from pandas':\n{error}") from None


def describe_trace(result: PipelineResult) -> str:
    return ", ".join(f"{entry['op']} {entry['ms']:.0f}ms" for entry in result.trace)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=5, help="runs per side, alternating (the best counts)")
    args = parser.parse_args()
    flights, carriers = generate(args.rows), pd.DataFrame(CARRIER_ROWS)
    print(
        f"flights: {len(flights)} rows, {flights.memory_usage(deep=True).sum() / 2**20:.0f} MiB; "
        f"carriers: {len(carriers)} rows"
    )
    run_executor(flights), run_anchor(flights, carriers)  # warm-up: imports, caches, first allocations
    executor, anchor = [], []
    for attempt in range(1, args.repeat + 1):
        executor_s, ours = timed(lambda: run_executor(flights))
        anchor_s, theirs = timed(lambda: run_anchor(flights, carriers))
        check_equal(ours, theirs)
        executor.append(executor_s)
        anchor.append(anchor_s)
        print(
            f"run {attempt}: executor {executor_s * 1000:.0f}ms | pandas {anchor_s * 1000:.0f}ms | "
            f"report: {describe_trace(ours[0])} | top: {describe_trace(ours[1])}",
            flush=True,
        )
    best_executor, best_anchor = min(executor), min(anchor)
    ratio = best_executor / best_anchor
    print(
        f"agent pipeline rows {args.rows}: executor {best_executor * 1000:.0f}ms pandas {best_anchor * 1000:.0f}ms "
        f"ratio executor/pandas {ratio:.2f} (target <= {TARGET_RATIO}): {'met' if ratio <= TARGET_RATIO else 'MISSED'}"
    )


if __name__ == "__main__":
    main()
