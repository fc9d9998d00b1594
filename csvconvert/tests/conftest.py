"""Fixtures for csvconvert's job, API, admin and command tests: files, storage, a stand-in for the agents."""

from __future__ import annotations

import base64
import sys
import time
import types
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pytest

import csvconvert

# The engine learns this one (id copied, names joined, city upper-cased) in well under a second.
TRAIN_IN = b"id,first,last,city\n1,Ann,Lee,oslo\n2,Bob,Stone,rome\n3,Cy,Park,lima\n"
TRAIN_OUT = b"id,name,city\n1,Ann Lee,OSLO\n2,Bob Stone,ROME\n3,Cy Park,LIMA\n"
NEW_IN = b"id,first,last,city\n7,Dee,Fox,kyiv\n8,Eve,Moss,pune\n"
NEW_OUT = b"id,name,city\n7,Dee Fox,KYIV\n8,Eve Moss,PUNE\n"

# Numbering each key's occurrences: identical input rows become different output rows, which no
# program of the engine's language does; a script does it in a loop.
COUNT_IN = b"key,n\na,10\na,10\nb,10\na,20\nb,20\n"
COUNT_OUT = b"tag,n\na-1,10\na-2,10\nb-1,10\na-3,20\nb-2,20\n"
COUNT_NEW_IN = b"key,n\nz,1\nz,2\ny,3\n"
COUNT_NEW_OUT = b"tag,n\nz-1,1\nz-2,2\ny-1,3\n"
COUNT_SCRIPT = """
import csv

seen = {}
with open("input.csv", newline="") as source, open("output.csv", "w", newline="") as target:
    rows = csv.reader(source)
    out = csv.writer(target, lineterminator="\\n")
    next(rows)
    out.writerow(["tag", "n"])
    for key, n in rows:
        seen[key] = seen.get(key, 0) + 1
        out.writerow([f"{key}-{seen[key]}", n])
"""


def b64(data: bytes, name: str | None = None) -> str:
    encoded = base64.b64encode(data).decode()
    return f"data:text/csv;name={name};base64,{encoded}" if name else f"base64:{encoded}"


def stored_files(root: Path) -> list[str]:
    return sorted(str(path.relative_to(root)) for path in root.rglob("*") if path.is_file())


@dataclass
class AgentOutcome:
    ok: bool
    script: str | None
    cycles: int
    history: list[dict] = field(default_factory=list)
    usage: dict = field(default_factory=dict)
    reason: str = ""


@dataclass
class FakeAgents:
    """Stands in for csvconvert.agents (the LLM loop): records its calls, reports cycles, returns `outcome`."""

    available: bool = True
    outcome: AgentOutcome | None = None
    calls: list[dict] = field(default_factory=list)
    on_each_cycle: Callable[[int], None] | None = None

    def module(self) -> types.ModuleType:
        stub = types.ModuleType("csvconvert.agents")
        stub.agents_available = lambda: self.available
        stub.synthesize_script = self.synthesize_script
        stub.AgentOutcome = AgentOutcome
        return stub

    def synthesize_script(self, **kwargs) -> AgentOutcome:
        self.calls.append(kwargs)
        for cycle in range(1, self.outcome.cycles + 1):
            kwargs["on_cycle"](cycle, "coder writing the script")
            if self.on_each_cycle:
                self.on_each_cycle(cycle)
        return self.outcome


@pytest.fixture
def fake_agents(monkeypatch) -> FakeAgents:
    agents = FakeAgents(
        outcome=AgentOutcome(ok=True, script=COUNT_SCRIPT, cycles=2, history=[{"plan": "Number each key's rows."}],
                             usage={"input_tokens": 1200, "output_tokens": 300, "cost_usd": 0.004}))  # fmt: skip
    stub = agents.module()
    monkeypatch.setitem(sys.modules, "csvconvert.agents", stub)
    monkeypatch.setattr(csvconvert, "agents", stub, raising=False)
    return agents


@pytest.fixture
def no_agents(monkeypatch) -> None:
    """No LLM configured, whether or not the agents package is installed."""
    agents = FakeAgents(available=False)
    stub = agents.module()
    monkeypatch.setitem(sys.modules, "csvconvert.agents", stub)
    monkeypatch.setattr(csvconvert, "agents", stub, raising=False)


@pytest.fixture
def slow_disk(monkeypatch):
    """The engine reads its input as from a slow disk (and copies it), so the progress monitor, which
    samples every 10 ms, sees the file open and its offset move whatever the machine's load."""
    from csvconvert.synth import Program

    def read_slowly(self, src, dst, **options):
        with open(src, "rb") as source, open(dst, "wb") as target:
            while chunk := source.read(512 * 1024):
                target.write(chunk)
                time.sleep(0.05)
        return {}

    monkeypatch.setattr(Program, "apply_csv", read_slowly)
    monkeypatch.setattr("csvconvert.services.apply.PROGRESS_INTERVAL_S", 0.01)


@pytest.fixture
def converter(user):
    """An engine converter trained on TRAIN_IN -> TRAIN_OUT by the training task."""
    from csvconvert.services import training_start
    from csvconvert.tasks import train

    job = training_start(owner=user, input_file=b64(TRAIN_IN), expected_output_file=b64(TRAIN_OUT))
    train(str(job.pk))
    job.refresh_from_db()
    return job.converter
