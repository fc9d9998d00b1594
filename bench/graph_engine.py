"""Graph engine speed and storage: our engine vs LangGraph, same workloads, one process, one run.

    pip install -r requirements-bench.txt
    python bench/graph_engine.py [--steps 30000] [--branches 100] [--rounds 3] [--repeats 30]

(or `make bench`). Two workloads, each run on both engines, first in memory (no checkpointer)
and then durable (a checkpoint committed to SQLite after every step, before the next starts):

- loop: three nodes a -> b -> c -> a ... for `--steps` node runs. Every node adds 1 to a
  `counter` key (a plain replace). The loop condition sits on c's edge and is evaluated by
  each engine's own mechanism: ours is the expression condition `counter >= STEPS`, LangGraph's
  is `add_conditional_edges` with a Python function doing the same comparison. `--rounds`
  runs per engine, taken in turns; the median counts.
- fan-out: a `fan` node, `--branches` branches of a `work` node (each appends 2 * its element
  to `results`) and a `join` node summing `results`. Ours uses a `map` edge with an `append`
  reducer; LangGraph uses `Send` to `work` with an `Annotated[list, operator.add]` reducer.
  Both run the sync branches on threads. `--repeats` runs per engine (a fresh run, or a fresh
  thread id, each time), taken in turns; the median counts.

A step here is one node run (the loop: `--steps`; a fan-out: branches + 2), on both sides.
Each run's final state is checked on both sides.

In memory, ours is Engine(spec).run() and LangGraph's compiled graph .invoke(); both graphs are
built outside the timing. Durable, ours is exactly what a worker does: `graphs.services.
run_execute` (which also parses the definition, inside the timing) on a Run row of a real
Django setup (migrations applied, DEBUG off as in production) on a temporary SQLite file, so
`OrmCheckpointer` commits a RunCheckpoint and the step's RunEvent rows (node started and
finished) per step. LangGraph's durable run uses `SqliteSaver` on its own SQLite file with
`durability="sync"` (each step's checkpoint and writes are saved before the next step starts:
the same guarantee). Both connections use our settings' SQLite pragmas (journal_mode=WAL,
synchronous=NORMAL).

Bytes per step are the row payloads each engine stored for that run (ours: RunCheckpoint.data
and RunEvent kind/node/data; LangGraph: checkpoints.checkpoint/metadata and writes
channel/type/value), divided by steps; "file" is the growth of the database's used pages
(indexes and row headers included). The durable loop also runs at a tenth of `--steps` (its
time is printed but not a target), so a reader sees that bytes per step stay flat as a run
gets ten times longer (only its numbers, the counter and the step counts, gain a digit).

Prints one line per workload and mode with both engines and the ratios ours/LangGraph, and a
last summary line. Targets: time per step at most 0.5x LangGraph's, in memory and durable;
bytes per step that do not grow with the run's length (within 5%).
"""

from __future__ import annotations

import argparse
import gc
import operator
import os
import sqlite3
import statistics
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Annotated, Any, TypedDict

ROOT = Path(__file__).resolve().parents[1]
PRAGMAS = "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"
TARGET_RATIO = 0.5
Sample = tuple[float, dict[str, Any], int, int]  # seconds, final state, payload bytes, file growth (-1: none)
FLAT_TOLERANCE = 0.05  # bytes per step of the long run may differ this much from the short one


# --- the workloads, ours ----------------------------------------------------------------------------
def loop_definition(steps: int) -> dict[str, Any]:
    return {
        "name": "bench-loop",
        "start_node": "a",
        "max_steps": steps + 10,
        "nodes": {
            "a": {"tool": "bench_increment", "next": "b"},
            "b": {"tool": "bench_increment", "next": "c"},
            "c": {
                "tool": "bench_increment",
                "next": {"condition": f"counter >= {steps}", "if_true": "end", "if_false": "a"},
            },
        },
    }


def fan_definition(branches: int) -> dict[str, Any]:
    return {
        "name": "bench-fan",
        "start_node": "fan",
        "reducers": {"results": "append"},
        "max_steps": branches + 10,
        "nodes": {
            "fan": {
                "tool": "bench_noop",
                "next": {"map": {"over": "items", "node": "work", "as": "item", "join": "join"}},
            },
            "work": {"tool": "bench_work", "next": "join"},
            "join": {"tool": "bench_total"},
        },
    }


def register_our_tools() -> None:
    from graphs.engine.tools import registry

    registry.register(lambda inputs: {"counter": inputs["counter"] + 1}, name="bench_increment", replace=True)
    registry.register(lambda inputs: None, name="bench_noop", replace=True)
    registry.register(lambda inputs: {"results": [inputs["item"] * 2]}, name="bench_work", replace=True)
    registry.register(lambda inputs: {"total": sum(inputs["results"])}, name="bench_total", replace=True)


# --- the workloads, LangGraph -----------------------------------------------------------------------
class LoopState(TypedDict):
    counter: int


class FanState(TypedDict, total=False):
    items: list[int]
    results: Annotated[list[int], operator.add]
    total: int


def langgraph_loop(steps: int, checkpointer: Any = None) -> Any:
    from langgraph.graph import END, START, StateGraph

    def increment(state: LoopState) -> dict[str, int]:
        return {"counter": state["counter"] + 1}

    builder = StateGraph(LoopState)
    for name in "abc":
        builder.add_node(name, increment)
    builder.add_edge(START, "a")
    builder.add_edge("a", "b")
    builder.add_edge("b", "c")
    builder.add_conditional_edges("c", lambda state: END if state["counter"] >= steps else "a", ["a", END])
    return builder.compile(checkpointer=checkpointer)


def langgraph_fan(checkpointer: Any = None) -> Any:
    from langgraph.graph import END, START, StateGraph
    from langgraph.types import Send

    builder = StateGraph(FanState)
    builder.add_node("fan", lambda state: {})
    builder.add_node("work", lambda arg: {"results": [arg["item"] * 2]})
    builder.add_node("join", lambda state: {"total": sum(state["results"])})
    builder.add_edge(START, "fan")
    builder.add_conditional_edges("fan", lambda state: [Send("work", {"item": item}) for item in state["items"]])
    builder.add_edge("work", "join")
    builder.add_edge("join", END)
    return builder.compile(checkpointer=checkpointer)


# --- measuring --------------------------------------------------------------------------------------
def timed(work: Callable[[], Any]) -> tuple[float, Any]:
    gc.collect()
    started = time.perf_counter()
    result = work()
    return time.perf_counter() - started, result


def used_bytes(conn: Any) -> int:
    cursor = conn.cursor()
    cursor.execute("PRAGMA page_count")
    pages = cursor.fetchone()[0]
    cursor.execute("PRAGMA freelist_count")
    pages -= cursor.fetchone()[0]
    cursor.execute("PRAGMA page_size")
    return pages * cursor.fetchone()[0]


class Ours:
    """Our engine: in memory on the spec, durable through run_execute on Run rows."""

    def __init__(self, workdir: Path):
        os.environ["DATABASE_URL"] = f"sqlite:///{workdir / 'ours.sqlite3'}"
        os.environ["WFP_VAR_DIR"] = str(workdir / "var")
        # As on a production worker: DEBUG off (no SQL logging), and no developer .env in the way.
        os.environ.update(DEBUG="0", SECRET_KEY=uuid.uuid4().hex * 2, WFP_ENV_FILE=str(workdir / "none.env"))
        os.environ["DJANGO_SETTINGS_MODULE"] = "wfplatform.settings"
        sys.path.insert(0, str(ROOT))
        import django

        django.setup()
        from django.contrib.auth import get_user_model
        from django.core.management import call_command

        call_command("migrate", verbosity=0)
        register_our_tools()
        self.user = get_user_model().objects.create(username="bench")

    def memory(self, definition: dict[str, Any], state: dict[str, Any]) -> Sample:
        from graphs.engine.runner import Engine
        from graphs.services import graph_spec

        spec = graph_spec(definition)
        seconds, result = timed(lambda: Engine(spec).run(state))
        assert result.status == "succeeded", result.error
        return seconds, result.state, -1, -1

    def durable(self, definition: dict[str, Any], state: dict[str, Any]) -> Sample:
        """Seconds, final state, payload bytes and used-file growth of one worker run."""
        from django.db import connection

        from graphs.models import Graph, GraphVersion, Run
        from graphs.services import run_execute

        graph = Graph.objects.create(owner=self.user, name=definition["name"], latest_version=1)
        version = GraphVersion.objects.create(graph=graph, number=1, definition=definition, created_by=self.user)
        run = Run.objects.create(owner=self.user, version=version, initial_state=state)
        before = used_bytes(connection)
        seconds, _ = timed(lambda: run_execute(run))
        grown = used_bytes(connection) - before
        run.refresh_from_db()
        return seconds, run.state, self.payload(run.pk), grown

    def payload(self, run_id: uuid.UUID) -> int:
        from django.db import connection

        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT (SELECT COALESCE(SUM(LENGTH(data)), 0) FROM graphs_runcheckpoint WHERE run_id = %s)"
                " + (SELECT COALESCE(SUM(LENGTH(kind) + LENGTH(node) + LENGTH(data)), 0)"
                "    FROM graphs_runevent WHERE run_id = %s)",
                [run_id.hex, run_id.hex],
            )
            return cursor.fetchone()[0]


class Theirs:
    """LangGraph: no checkpointer in memory; SqliteSaver with durability="sync" when durable."""

    def __init__(self, workdir: Path):
        from langgraph.checkpoint.sqlite import SqliteSaver

        self.conn = sqlite3.connect(workdir / "langgraph.sqlite3", check_same_thread=False)
        self.conn.executescript(PRAGMAS)
        self.saver = SqliteSaver(self.conn)
        self.saver.setup()

    def memory(self, graph: Any, state: dict[str, Any], limit: int) -> Sample:
        seconds, final = timed(lambda: graph.invoke(state, {"recursion_limit": limit}))
        return seconds, final, -1, -1

    def durable(self, graph: Any, state: dict[str, Any], limit: int) -> Sample:
        thread = uuid.uuid4().hex
        config = {"configurable": {"thread_id": thread}, "recursion_limit": limit}
        before = used_bytes(self.conn)
        seconds, final = timed(lambda: graph.invoke(state, config, durability="sync"))
        grown = used_bytes(self.conn) - before
        return seconds, final, self.payload(thread), grown

    def payload(self, thread: str) -> int:
        row = self.conn.execute(
            "SELECT (SELECT COALESCE(SUM(LENGTH(checkpoint) + LENGTH(metadata)), 0) FROM checkpoints"
            "        WHERE thread_id = ?)"
            " + (SELECT COALESCE(SUM(LENGTH(channel) + LENGTH(type) + LENGTH(value)), 0) FROM writes"
            "    WHERE thread_id = ?)",
            (thread, thread),
        ).fetchone()
        return row[0]


# --- the cases --------------------------------------------------------------------------------------
def compare(
    ours: Callable[[], Sample], theirs: Callable[[], Sample], rounds: int, steps: int, check: Callable[[dict], bool]
) -> tuple[dict[str, float], dict[str, float]]:
    """Per step, the median of `rounds` runs of each engine, taken in turns so that both see the same machine."""
    samples: dict[str, list[Sample]] = {"ours": [], "theirs": []}
    for _ in range(rounds):
        for side, run in (("ours", ours), ("theirs", theirs)):
            sample = run()
            if not check(sample[1]):
                raise SystemExit(f"{side}: wrong final state {sample[1]}")
            samples[side].append(sample)
    return per_step(samples["ours"], steps), per_step(samples["theirs"], steps)


def per_step(samples: list[Sample], steps: int) -> dict[str, float]:
    result = {"us": statistics.median(sample[0] for sample in samples) / steps * 1e6}
    if samples[0][2] >= 0:
        result.update(bytes=samples[0][2] / steps, file=samples[0][3] / steps)
    return result


def loop_case(ours: Ours, theirs: Theirs, steps: int, durable: bool, rounds: int) -> tuple[dict, dict]:
    definition, graph = loop_definition(steps), langgraph_loop(steps, theirs.saver if durable else None)
    state = {"counter": 0}
    if durable:
        mine, other = partial(ours.durable, definition, state), partial(theirs.durable, graph, state, steps + 10)
    else:
        mine, other = partial(ours.memory, definition, state), partial(theirs.memory, graph, state, steps + 10)
    return compare(mine, other, rounds, steps, lambda final: final["counter"] == steps)


def fan_case(ours: Ours, theirs: Theirs, branches: int, durable: bool, repeats: int) -> tuple[dict, dict]:
    definition, graph = fan_definition(branches), langgraph_fan(theirs.saver if durable else None)
    steps, state, total = branches + 2, {"items": list(range(branches))}, sum(2 * item for item in range(branches))
    if durable:
        mine, other = partial(ours.durable, definition, state), partial(theirs.durable, graph, state, steps + 10)
    else:
        mine, other = partial(ours.memory, definition, state), partial(theirs.memory, graph, state, steps + 10)
    return compare(mine, other, repeats, steps, lambda final: final["total"] == total)


def line(case: str, ours: dict[str, float], theirs: dict[str, float]) -> float:
    ratio = ours["us"] / theirs["us"]
    text = f"{case}: ours {describe(ours)} | langgraph {describe(theirs)} | time ratio ours/langgraph {ratio:.2f}"
    if "bytes" in ours:
        text += f" | bytes ratio {ours['bytes'] / theirs['bytes']:.2f}"
    print(text, flush=True)
    return ratio


def describe(result: dict[str, float]) -> str:
    text = f"{result['us']:.1f} us/step"
    if "bytes" in result:
        text += f", {result['bytes']:.0f} B/step (file {result['file']:.0f} B/step)"
    return text


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--steps", type=int, default=30_000, help="node runs of the loop (a multiple of 3)")
    parser.add_argument("--branches", type=int, default=100)
    parser.add_argument("--rounds", type=int, default=3, help="loop runs per engine and mode (the median counts)")
    parser.add_argument("--repeats", type=int, default=30, help="fan-out runs per engine and mode (the median counts)")
    args = parser.parse_args()
    steps, branches = args.steps - args.steps % 3, args.branches
    short = max(3, steps // 10 - steps // 10 % 3)
    with tempfile.TemporaryDirectory() as tmp:
        workdir = Path(tmp)
        ours, theirs = Ours(workdir), Theirs(workdir)
        print(f"SQLite on both sides: {PRAGMAS} (our settings); LangGraph durability='sync'", flush=True)
        for durable in (False, True):  # warm-up: imports, first queries, caches
            loop_case(ours, theirs, 30, durable, 1)
            fan_case(ours, theirs, branches, durable, 1)
        memory = [
            line(f"loop {steps} steps, in memory", *loop_case(ours, theirs, steps, False, args.rounds)),
            line(f"fan-out {branches}, in memory", *fan_case(ours, theirs, branches, False, args.repeats)),
        ]
        short_ours, short_theirs = loop_case(ours, theirs, short, True, args.rounds)
        line(f"loop {short} steps, durable (for bytes/step only)", short_ours, short_theirs)
        long_ours, long_theirs = loop_case(ours, theirs, steps, True, args.rounds)
        durable = [
            line(f"loop {steps} steps, durable", long_ours, long_theirs),
            line(f"fan-out {branches}, durable", *fan_case(ours, theirs, branches, True, args.repeats)),
        ]
        growth = {}
        for name, (a, b) in {"ours": (short_ours, long_ours), "langgraph": (short_theirs, long_theirs)}.items():
            growth[name] = b["bytes"] / a["bytes"]
            print(f"storage {name}: {a['bytes']:.1f} B/step at {short} steps, {b['bytes']:.1f} B/step at {steps} "
                  f"steps (x{growth[name]:.3f})")  # fmt: skip
    summarize(max(memory), max(durable), growth["ours"])


def summarize(memory: float, durable: float, growth: float) -> None:
    flat = abs(growth - 1) <= FLAT_TOLERANCE
    met = memory <= TARGET_RATIO and durable <= TARGET_RATIO and flat
    print(
        f"graph engine: in-memory ratio_max {memory:.2f} (target <= {TARGET_RATIO}), durable ratio_max {durable:.2f}"
        f" (target <= {TARGET_RATIO}), bytes/step long/short {growth:.3f} (target flat, within "
        f"{FLAT_TOLERANCE:.0%}): {'all targets met' if met else 'TARGETS MISSED'}"
    )


if __name__ == "__main__":
    main()
