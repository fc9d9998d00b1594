"""Running a graph: steps of ready tasks, updates merged through reducers, a checkpoint per step.

A step runs every ready task (one, or the branches of a fan-out, concurrently), applies their
updates in task order, then follows each task's edge on the new state. Fan-outs open a frame:
the join node runs once, when every branch has reached it (or ended). With a checkpointer the
run is durable: a run started again with the same checkpointer continues after its last saved
step, so completed nodes never run twice.
"""

from __future__ import annotations

import asyncio
import contextvars
import copy
import os
import random
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

from graphs.engine.checkpoint import (
    RESUME,
    START,
    Checkpoint,
    Checkpointer,
    MemoryCheckpointer,
    Task,
    rebuild_state,
    snapshot_due,
)
from graphs.engine.definition import END, Goto, GraphSpec, MapOver, Node, Parallel, Switch
from graphs.engine.errors import (
    ExpressionError,
    GraphError,
    Interrupt,
    LimitExceeded,
    NodeTimeout,
    RunCancelled,
    ToolError,
    ToolInputError,
)
from graphs.engine.placeholders import fill
from graphs.engine.state import StateError, apply_update, check_update
from graphs.engine.tools import ANY_OBJECT, ToolRegistry
from graphs.engine.tools import registry as default_registry

EventSink = Callable[[dict[str, Any]], None]
FINAL = ("succeeded", "failed", "cancelled")
# Errors that another attempt cannot mend (a tool that returns no object returns none again).
NOT_RETRYABLE = (ToolInputError, LimitExceeded, RunCancelled, ExpressionError, StateError)
# Subgraphs within subgraphs: deeper than this is a graph that runs itself, directly or not.
MAX_SUBGRAPH_DEPTH = 8


@dataclass
class RunResult:
    status: str  # succeeded | failed | paused | cancelled
    state: dict[str, Any]
    steps: int
    node_runs: int
    error: dict[str, Any] | None = None
    pause: dict[str, Any] | None = None


@dataclass
class Outcome:
    task: Task
    update: dict[str, Any] = field(default_factory=dict)
    interrupt: Interrupt | None = None


class NodeFailed(GraphError):
    def __init__(self, node: str, error: BaseException, attempts: int):
        self.node, self.error, self.attempts = node, error, attempts
        self.code = getattr(error, "code", "tool_failed")
        super().__init__(f"node {node!r} failed after {attempts} attempt(s): {_describe(error)}")


def _describe(error: BaseException) -> str:
    text = str(error)
    return f"{type(error).__name__}: {text}" if text else type(error).__name__


class Engine:
    def __init__(
        self,
        spec: GraphSpec,
        *,
        registry: ToolRegistry | None = None,
        checkpointer: Checkpointer | None = None,
        on_event: EventSink | None = None,
        subgraphs: Callable[[str], GraphSpec] | None = None,
        cancelled: Callable[[], bool] | None = None,
        max_steps: int | None = None,
        rng: random.Random | None = None,
        depth: int = 0,
    ):
        self.spec = spec
        self.depth = depth
        self.registry = registry or default_registry
        self.checkpointer = checkpointer
        self.on_event = on_event
        self.subgraphs = subgraphs
        self.cancelled = cancelled
        self.max_steps = max_steps or spec.max_steps
        self.rng = rng or random.Random()
        self.held: list[dict[str, Any]] | None = None

    # --- public --------------------------------------------------------------------------------
    def run(self, state: dict[str, Any] | None = None, *, resume: dict[str, Any] | None = None) -> RunResult:
        """Start a run from `state`, or continue the checkpointer's run (with `resume` input if it paused).

        The loop itself is synchronous, so checkpointers and event sinks may block (an ORM, a file);
        steps that need concurrency (fan-outs, async tools, timeouts) run on a private event loop.
        """
        run = _Run(self)
        latest = self.checkpointer.latest() if self.checkpointer is not None else None
        if latest is None:
            run.start(dict(state or {}))
        elif latest.status in FINAL:
            return run.ended(latest)
        else:
            run.restore(latest, resume)
        try:
            return run.loop()
        finally:
            run.close()

    async def arun(self, state: dict[str, Any] | None = None, *, resume: dict[str, Any] | None = None) -> RunResult:
        """run() for async callers, in a thread."""
        return await asyncio.to_thread(self.run, state, resume=resume)

    def emit(self, kind: str, **data: Any) -> None:
        if self.on_event is None:
            return
        event = {"kind": kind, **data}
        if self.held is not None:
            event["held"] = True  # tells sinks this one comes late: shown live, it would say nothing new
            self.held.append(event)  # inside the event loop: delivered when the step is over
        else:
            self.on_event(event)

    def hold(self) -> None:
        self.held = []

    def release(self) -> None:
        held, self.held = self.held or [], None
        for event in held:
            self.on_event(event)


class _Run:
    """The mutable side of one run: state, ready tasks, open fan-out frames, counters."""

    def __init__(self, engine: Engine):
        self.engine = engine
        self.spec = engine.spec
        self.state: dict[str, Any] = {}
        self.tasks: list[Task] = []
        self.frames: dict[str, dict[str, Any]] = {}
        self.visits: dict[str, int] = {}
        self.step = 0
        self.node_runs = 0
        self.event_loop: asyncio.AbstractEventLoop | None = None

    def close(self) -> None:
        if self.event_loop is not None:
            self.event_loop.close()

    def start(self, state: dict[str, Any]) -> None:
        self.state = state
        self.tasks = [Task(self.spec.start)]
        self.engine.emit("run_started", step=0)
        self.save([(START, dict(state))], "running")

    def restore(self, latest: Checkpoint, resume: dict[str, Any] | None) -> None:
        self.state = rebuild_state(self.engine.checkpointer.history(), self.spec.reducers)
        self.tasks, self.frames, self.visits = list(latest.tasks), copy.deepcopy(latest.frames), dict(latest.visits)
        self.step, self.node_runs = latest.step, latest.node_runs
        if latest.status == "paused":
            self.answer(latest.pause or {}, resume or {})
        self.engine.emit("run_resumed", step=self.step, paused=latest.status == "paused")

    def ended(self, latest: Checkpoint) -> RunResult:
        """A run that already ended: its outcome again, nothing re-run."""
        state = rebuild_state(self.engine.checkpointer.history(), self.spec.reducers)
        return RunResult(latest.status, state, latest.step, latest.node_runs, error=latest.error)

    def answer(self, pause: dict[str, Any], resume: dict[str, Any]) -> None:
        """Apply the person's input and let the paused node through."""
        apply_update(self.state, resume, {})
        if pause.get("when") == "before":
            self.tasks = [
                Task(task.node, task.frames, task.scope, True) if task.node == pause.get("node") else task
                for task in self.tasks
            ]
        self.step += 1
        self.save([(RESUME, dict(resume))], "running")

    # --- the loop ------------------------------------------------------------------------------
    def loop(self) -> RunResult:
        engine = self.engine
        while self.tasks:
            if engine.cancelled is not None and engine.cancelled():
                return self.finish("cancelled", RunCancelled("the run was cancelled"))
            paused = next((task for task in self.tasks if self.interrupts_before(task)), None)
            if paused is not None:
                return self.pause({"node": paused.node, "when": "before", "reason": "approval before the node"})
            try:
                self.count(self.tasks)
                outcomes = self.execute(self.tasks)
                result = self.advance(outcomes)
            except GraphError as exc:
                return self.finish("failed", exc)
            if result is not None:
                return result
        return self.finish("succeeded", None)

    def interrupts_before(self, task: Task) -> bool:
        return self.spec.nodes[task.node].interrupt == "before" and not task.approved

    def count(self, tasks: list[Task]) -> None:
        if self.node_runs + len(tasks) > self.engine.max_steps:
            raise LimitExceeded(f"the run would take more than its step limit ({self.engine.max_steps} node runs)")
        for task in tasks:
            node = self.spec.nodes[task.node]
            visits = self.visits.get(task.node, 0) + 1
            if node.max_visits is not None and visits > node.max_visits:
                raise LimitExceeded(f"node {task.node!r} would run more than its max_visits ({node.max_visits})")
            self.visits[task.node] = visits
        self.node_runs += len(tasks)

    def execute(self, tasks: list[Task]) -> list[Outcome]:
        if len(tasks) == 1 and self.inline(self.spec.nodes[tasks[0].node]):
            return [self.attempt_inline(tasks[0])]
        if self.event_loop is None:
            self.event_loop = asyncio.new_event_loop()
        engine = self.engine
        engine.hold()
        try:
            return self.event_loop.run_until_complete(self.attempt_all(tasks))
        finally:
            engine.release()

    async def attempt_all(self, tasks: list[Task]) -> list[Outcome]:
        # gather() is called inside the running loop: called outside, it binds to another loop.
        concurrent = len(tasks) > 1
        running = [asyncio.ensure_future(self.attempt(task, concurrent=concurrent)) for task in tasks]
        try:
            return list(await asyncio.gather(*running))
        finally:
            # A failed task fails the step: stop its siblings rather than leave them pending on the loop.
            for future in running:
                future.cancel()
            await asyncio.gather(*running, return_exceptions=True)

    def inline(self, node: Node) -> bool:
        """A plain tool without a timeout runs right here: no event loop, no thread."""
        if node.timeout is not None:
            return False
        return node.subgraph is not None or not self.engine.registry.get(node.tool or "").is_async

    def attempt_inline(self, task: Task) -> Outcome:
        node = self.spec.nodes[task.node]
        engine, attempt = self.engine, 0
        while True:
            attempt += 1
            engine.emit("node_started", node=node.name, step=self.step + 1, attempt=attempt)
            began = time.perf_counter()
            try:
                run = self.run_subgraph if node.subgraph is not None else self.call_tool
                update = run(node, self.node_inputs(node, task))
            except Interrupt as asked:
                return Outcome(task, interrupt=asked)
            except Exception as exc:  # a tool may raise anything: it fails (or retries) its node
                time.sleep(self.retry_delay(node, attempt, exc))
                continue
            engine.emit("node_finished", node=node.name, step=self.step + 1,
                        duration=time.perf_counter() - began, update=update)  # fmt: skip
            return Outcome(task, update)

    def retry_delay(self, node: Node, attempt: int, exc: Exception) -> float:
        """The pause before the next attempt, or NodeFailed when there is none."""
        policy, engine = node.retry, self.engine
        if attempt < policy.attempts and _retryable(policy.on, exc):
            delay = policy.delay(attempt, engine.rng.random())
            engine.emit("node_retried", node=node.name, attempt=attempt, error=_describe(exc), delay=delay)
            return delay
        engine.emit("node_failed", node=node.name, step=self.step + 1, error=_describe(exc))
        raise NodeFailed(node.name, exc, attempt) from exc

    def node_inputs(self, node: Node, task: Task) -> dict[str, Any]:
        """The state (and the task's scope) with the node's args on top; a strict tool's args get their {{ }}
        placeholders filled from that state first (a missing value fails the node, naming it)."""
        base = {**self.state, **dict(task.scope)}
        if node.args and node.tool is not None and self.engine.registry.get(node.tool).strict_args:
            return {**base, **fill(node.args, base)}
        return {**base, **node.args}

    def call_tool(self, node: Node, inputs: dict[str, Any]) -> dict[str, Any]:
        tool = self.engine.registry.get(node.tool or "")
        if tool.schema != ANY_OBJECT:
            tool.check_inputs(inputs)
        return check_update(tool.func(inputs), f"tool {tool.name!r}")

    def advance(self, outcomes: list[Outcome]) -> RunResult | None:
        """Apply the step's updates, follow the edges, save; a pause or the end returns a result."""
        self.step += 1
        updates: list[tuple[str, dict[str, Any]]] = []
        for outcome in outcomes:
            if outcome.interrupt is None:
                apply_update(self.state, outcome.update, self.spec.reducers)
                updates.append((outcome.task.node, outcome.update))
        following: list[Task] = []
        for outcome in outcomes:
            if outcome.interrupt is None:
                self.follow(outcome.task, following)
            else:
                following.append(outcome.task)
        # No de-duplication: branches that meet before their join are separate arrivals at it.
        self.tasks = following
        asked = next((outcome for outcome in outcomes if outcome.interrupt is not None), None)
        if asked is not None:
            reason, payload = asked.interrupt.reason, asked.interrupt.payload
            return self.pause({"node": asked.task.node, "when": "tool", "reason": reason, "payload": payload}, updates)
        after = next((o.task for o in outcomes if self.spec.nodes[o.task.node].interrupt == "after"), None)
        if after is not None:
            return self.pause({"node": after.node, "when": "after", "reason": "approval after the node"}, updates)
        self.save(updates, "running")
        return None

    # --- one task ------------------------------------------------------------------------------
    async def attempt(self, task: Task, *, concurrent: bool) -> Outcome:
        node = self.spec.nodes[task.node]
        engine, attempt = self.engine, 0
        while True:
            attempt += 1
            engine.emit("node_started", node=node.name, step=self.step + 1, attempt=attempt)
            began = time.perf_counter()
            try:
                update = await self.call(node, self.node_inputs(node, task), concurrent)
            except Interrupt as asked:
                return Outcome(task, interrupt=asked)
            except Exception as exc:  # a tool may raise anything: it fails (or retries) its node
                await asyncio.sleep(self.retry_delay(node, attempt, exc))
                continue
            duration = time.perf_counter() - began
            engine.emit("node_finished", node=node.name, step=self.step + 1, duration=duration, update=update)
            return Outcome(task, update)

    async def call(self, node: Node, inputs: dict[str, Any], concurrent: bool) -> dict[str, Any]:
        if node.subgraph is not None:
            return await asyncio.to_thread(self.run_subgraph, node, inputs)
        tool = self.engine.registry.get(node.tool or "")
        if tool.schema != ANY_OBJECT:
            tool.check_inputs(inputs)
        if tool.is_async:
            work = tool.func(inputs)
        elif node.timeout is not None:
            # A thread of this run's own, so a slow tool does not outlive its timeout unseen (the
            # thread itself cannot be stopped; its result is dropped, and the thread must not be a
            # shared one).
            work = asyncio.to_thread(tool.func, inputs)
        elif concurrent:
            work = _in_branch_thread(tool.func, inputs)  # so a slow tool does not block its sibling branches
        else:
            return check_update(tool.func(inputs), f"tool {tool.name!r}")
        if node.timeout is not None:
            try:
                result = await asyncio.wait_for(work, node.timeout)
            except TimeoutError:
                raise NodeTimeout(f"node {node.name!r} took longer than {node.timeout:g}s") from None
        else:
            result = await work
        return check_update(result, f"tool {tool.name!r}")

    def run_subgraph(self, node: Node, inputs: dict[str, Any]) -> dict[str, Any]:
        if self.engine.subgraphs is None:
            raise ToolError(f"node {node.name!r} runs a subgraph, but this engine has no way to load graphs")
        parent = self.engine
        if parent.depth >= MAX_SUBGRAPH_DEPTH:
            raise LimitExceeded(f"subgraphs nested more than {MAX_SUBGRAPH_DEPTH} deep: does a graph run itself?")
        spec = parent.subgraphs(node.subgraph or "")

        def forward(event: dict[str, Any]) -> None:
            parent.emit("subgraph_event", node=node.name, event=event)

        steps = MemoryCheckpointer()
        child = Engine(
            spec,
            registry=parent.registry,
            checkpointer=steps,
            on_event=forward if parent.on_event else None,
            subgraphs=parent.subgraphs,
            cancelled=parent.cancelled,
            rng=parent.rng,
            depth=parent.depth + 1,
        )
        result = child.run(inputs)
        if result.status == "paused":
            where = (result.pause or {}).get("node")
            raise ToolError(f"subgraph {node.subgraph!r} paused at its node {where!r}, and a subgraph cannot wait "
                            "for a person: put the interrupt on this graph's node instead")  # fmt: skip
        if result.status != "succeeded":
            error = result.error or {}
            if error.get("code") == LimitExceeded.code:
                raise LimitExceeded(error.get("cause") or error.get("message") or "a limit was reached in a subgraph")
            raise ToolError(f"subgraph {node.subgraph!r} did not finish: {error.get('message') or result.status}")
        # Hand back what the child's nodes changed, combined by this graph's reducers, not its final
        # state: that already holds the parent's values, which an append or add key would count twice.
        made = [[(name, update) for name, update in updates if name != START] for updates in steps.history()]
        changes = rebuild_state(made, self.spec.reducers)
        keys = node.outputs if node.outputs is not None else changes.keys()
        return {key: changes[key] for key in keys if key in changes}

    # --- edges ---------------------------------------------------------------------------------
    def follow(self, task: Task, out: list[Task]) -> None:
        edge = self.spec.nodes[task.node].next
        if edge is None:
            self.go(task, END, out)
        elif isinstance(edge, Goto):
            self.go(task, edge.target, out)
        elif isinstance(edge, Switch):
            scope = {**self.state, **dict(task.scope)} if task.scope else self.state
            target = next((name for condition, name in edge.cases if condition(scope)), edge.default)
            self.go(task, target, out)
        elif isinstance(edge, Parallel):
            frame = self.open_frame(task, edge.join, len(edge.branches))
            out += [Task(branch, (*task.frames, frame), task.scope) for branch in edge.branches]
        elif isinstance(edge, MapOver):
            self.fan_out_map(task, edge, out)

    def fan_out_map(self, task: Task, edge: MapOver, out: list[Task]) -> None:
        items = edge.over.evaluate({**self.state, **dict(task.scope)})
        if not isinstance(items, list):
            raise ExpressionError(f"map over {edge.over.source!r}: expected a list, got {type(items).__name__}")
        if not items:
            self.go(task, edge.join, out)
            return
        frame = self.open_frame(task, edge.join, len(items))
        base = dict(task.scope)
        for index, item in enumerate(items):
            scope = tuple({**base, edge.item: item, f"{edge.item}_index": index}.items())
            out.append(Task(edge.node, (*task.frames, frame), scope))

    def open_frame(self, task: Task, join: str, expected: int) -> str:
        name = f"{self.step}.{len(self.frames)}.{task.node}"
        while name in self.frames:
            name += "'"
        self.frames[name] = {"join": join, "expected": expected, "arrived": 0, "parent": list(task.frames),
                             "scope": dict(task.scope)}  # fmt: skip
        return name

    def go(self, task: Task, target: str, out: list[Task]) -> None:
        frame = self.frames.get(task.frames[-1]) if task.frames else None
        if frame is not None and target in (frame["join"], END):
            frame["arrived"] += 1
            if frame["arrived"] == frame["expected"]:
                del self.frames[task.frames[-1]]
                parent_scope = tuple(frame["scope"].items())
                out.append(Task(frame["join"], tuple(frame["parent"]), parent_scope))
        elif target != END:
            out.append(Task(target, task.frames, task.scope))

    # --- ends ----------------------------------------------------------------------------------
    def save(self, updates: list[tuple[str, dict[str, Any]]], status: str, **extra: Any) -> None:
        checkpointer = self.engine.checkpointer
        if checkpointer is None:
            return
        # Copies: the run goes on changing its frames and visits, and the checkpoint must not change with them.
        frames, visits = copy.deepcopy(self.frames), dict(self.visits)
        wanted = getattr(checkpointer, "wants_snapshots", False) and snapshot_due(self.step)
        snapshot = copy.deepcopy(self.state) if wanted else None
        checkpoint = Checkpoint(self.step, updates, list(self.tasks), frames, visits, self.node_runs,
                                status, extra.get("pause"), extra.get("error"), snapshot)  # fmt: skip
        checkpointer.save(checkpoint)

    def pause(self, pause: dict[str, Any], updates: list | None = None) -> RunResult:
        if updates is None:
            self.step += 1
        self.save(updates or [], "paused", pause=pause)
        self.engine.emit("run_paused", step=self.step, **pause)
        return RunResult("paused", self.state, self.step, self.node_runs, pause=pause)

    def finish(self, status: str, error: GraphError | None) -> RunResult:
        info = None
        if error is not None:
            info = {"code": error.code, "message": str(error), "node": getattr(error, "node", None)}
            if isinstance(error, NodeFailed) and str(error.error):
                info["cause"] = str(error.error)  # the tool's own words, without the node's wrapping
        self.step += 1
        self.save([], status, error=info)
        self.engine.emit("run_finished", status=status, step=self.step, error=info)
        return RunResult(status, self.state, self.step, self.node_runs, error=info)


_branch_pool: tuple[int, ThreadPoolExecutor] | None = None
_branch_pool_lock = threading.Lock()


def _in_branch_thread(func: Callable[[dict[str, Any]], Any], inputs: dict[str, Any]) -> asyncio.Future:
    """`func(inputs)` on a thread kept for the sync tools of concurrent branches, across steps and runs:
    starting a thread costs more than most tools, and a fan-out would start several per run."""
    global _branch_pool
    with _branch_pool_lock:
        if _branch_pool is None or _branch_pool[0] != os.getpid():  # a forked worker has none of its parent's threads
            workers = min(32, (os.cpu_count() or 1) + 4)  # asyncio's default executor's size
            _branch_pool = (os.getpid(), ThreadPoolExecutor(workers, thread_name_prefix="graph-branch"))
        pool = _branch_pool[1]
    context = contextvars.copy_context()  # as asyncio.to_thread does
    return asyncio.get_running_loop().run_in_executor(pool, context.run, func, inputs)


def _retryable(on: tuple[str, ...], error: BaseException) -> bool:
    if isinstance(error, NOT_RETRYABLE):
        return False
    if not on:
        return True
    names = {cls.__name__ for cls in type(error).__mro__} | {getattr(error, "code", "")}
    return bool(names & set(on))
