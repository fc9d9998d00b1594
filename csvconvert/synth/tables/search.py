"""Best-first search over sequences of table steps (Foofah-style, with more pruning).

States are the current tables of all examples at once, so every candidate step is checked on
every example. The frontier is ordered by cost so far plus a heuristic distance (row counts,
widths, cells still buried inside longer cells). Each popped state is first offered to the
finishers (learned last moves); finished programs go back on the frontier with their exact
cost, so a cheaper program found a little later still wins. Children are pruned when too
large or when a needed output value no longer appears anywhere in their text.
"""

from __future__ import annotations

import heapq
import itertools
import time
from collections.abc import Sequence
from dataclasses import dataclass, field

from csvconvert.synth.core import Step, Table
from csvconvert.synth.tables.candidates import candidate_steps
from csvconvert.synth.tables.finishers import MapLearner, finishes
from csvconvert.synth.tables.goal import Goal

MAX_STEPS = 4
# The estimate is not a lower bound, so the first program found may not be the cheapest: keep
# expanding (at most EXTRA_EXPANSIONS more) states whose cost can still undercut it.
MIN_STEP_COST = 0.5
EXTRA_EXPANSIONS = 60
# The node budget, in states generated: the search is deterministic as long as it runs out of
# states before the caller's deadline, which is only a safety net.
MAX_STATES = 20_000
Key = tuple


@dataclass(order=True)
class Node:
    priority: float
    order: int
    cost: float = field(compare=False)
    steps: tuple[Step, ...] = field(compare=False)
    state: list[Table] = field(compare=False)


@dataclass
class Found:
    cost: float
    steps: list[Step]


def state_key(state: Sequence[Table]) -> Key:
    return tuple(tuple(map(tuple, table)) for table in state)


def apply_step(step: Step, state: Sequence[Table]) -> list[Table] | None:
    try:
        return [step.apply([list(row) for row in table]) for table in state]
    except (IndexError, ValueError, KeyError, TypeError, ZeroDivisionError):
        return None


class Search:
    def __init__(
        self,
        examples: list[tuple[Table, Table]],
        deadline: float,
        map_learner: MapLearner | None,
        max_states: int = MAX_STATES,
    ):
        inputs = [[list(row) for row in source] for source, _ in examples]
        self.goal = Goal(inputs, [[list(row) for row in target] for _, target in examples])
        self.deadline = deadline
        self.max_states = max_states
        self.generated = 0
        self.map_learner = map_learner
        self.counter = itertools.count()
        self.frontier: list[Node] = []
        self.best_cost: dict[Key, float] = {}
        self.target_key = state_key(self.goal.targets)
        self.best: Found | None = None
        self.expansions = 0
        self.allowance = 0
        self.push([], 0.0, inputs)

    def push(self, steps: list[Step], cost: float, state: list[Table]) -> None:
        priority = cost + self.goal.estimate(state)
        heapq.heappush(self.frontier, Node(priority, next(self.counter), cost, tuple(steps), state))

    def record(self, steps: list[Step], cost: float) -> None:
        """A complete program: keep the cheapest; the first one starts the countdown."""
        if self.best is None:
            self.allowance = self.expansions + EXTRA_EXPANSIONS
        if self.best is None or cost < self.best.cost:
            self.best = Found(cost, steps)

    def run(self) -> list[Step] | None:
        """Pop by estimate; once a program is known, look a little further for a cheaper one."""
        while self.frontier and self.generated < self.max_states and time.monotonic() < self.deadline:
            node = heapq.heappop(self.frontier)
            if self.best is not None:
                if node.cost + MIN_STEP_COST >= self.best.cost:
                    continue
                if self.expansions >= self.allowance:
                    break
            self.expand(node)
            self.expansions += 1
        return self.best.steps if self.best is not None else None

    def expand(self, node: Node) -> None:
        for tail in finishes(node.state, self.goal, self.map_learner):
            self.record([*node.steps, *tail], node.cost + sum(step.cost for step in tail))
        if len(node.steps) >= MAX_STEPS:
            return
        for step in candidate_steps(node.state, self.goal):
            if self.generated >= self.max_states or time.monotonic() >= self.deadline:
                return
            self.generated += 1
            self.visit(node, step)

    def visit(self, node: Node, step: Step) -> None:
        child = apply_step(step, node.state)
        if child is None:
            return
        key = state_key(child)
        cost = node.cost + step.cost
        if self.best_cost.get(key, float("inf")) <= cost:
            return
        self.best_cost[key] = cost
        if key == self.target_key:
            self.record([*node.steps, step], cost)
        elif self.goal.feasible(child):
            self.push([*node.steps, step], cost, child)


def search_tables(
    examples: list[tuple[list[list[str]], list[list[str]]]],
    *,
    deadline: float,
    map_learner: MapLearner | None = None,
    max_states: int = MAX_STATES,
) -> list[Step] | None:
    """The cheapest step sequence found that maps every example input exactly onto its output.

    At most `max_states` states are generated; `deadline` (a time.monotonic() value) stops
    the search earlier on a slow machine. `map_learner(pairs)`, when given, may finish a
    program with a cell-level step learned from (intermediate table, output) pairs.
    """
    if not examples:
        return None
    if all([list(row) for row in source] == [list(row) for row in target] for source, target in examples):
        return []
    return Search(examples, deadline, map_learner, max_states).run()
