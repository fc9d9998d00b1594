"""compose(): the prompt and its candidate tools in, a linear workflow of 1-4 catalog-tool nodes out."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from .facts import read_facts
from .model import SENDING, WEBHOOK_CALL, CatalogToolInfo, Composition, action_key, node_name, reads
from .params import ArgContext, build_args
from .schedule import Schedule, parse_schedule
from .steps import Step, assign_tools, plan_steps

POLL_CRON = "*/5 * * * *"  # the platform has no event sources yet: an event is polled for
TIMEZONE = "UTC"
TITLE_CHARS = 70
_DANGLING = frozenset({"a", "an", "the", "to", "in", "on", "of", "and", "then", "for", "with", "from", "it"})
_EVENT = re.compile(r"\b(?:when|whenever|every\s+time|each\s+time|any\s*time|as\s+soon\s+as)\b", re.IGNORECASE)
# A run started by a call from outside: "when a webhook is received", "whenever Stripe hits our webhook",
# "on an incoming HTTP request". "Post to the Discord webhook" is an action, not a trigger: no arrival here.
_CLAUSE_MARKS = ".,;:"
_HOOK = r"(?:web\s?hook|http\s+(?:post|request|call))"
_WEBHOOK_EVENT = re.compile(
    rf"\b{_HOOK}s?\s+(?:is\s+|gets\s+)?(?:received|called|hit|triggered|fired|fires|arrives|comes\s+in)\b"
    rf"|\b(?:receiv\w*|gets?|call(?:s|ed)?|hits?|pings?|triggers?)\s+(?:(?:a|an|the|our|my|this|its)\s+)?"
    rf"(?:incoming\s+|inbound\s+)?{_HOOK}s?\b"
    rf"|\b(?:incoming|inbound)\s+{_HOOK}s?\b",
    re.IGNORECASE,
)


def compose(prompt: str, tools: list[CatalogToolInfo]) -> Composition:
    """The workflow `prompt` describes, built from `tools` (the retrieved candidates, best of each step first).

    Raises ValueError for an empty prompt or no candidates."""
    if not prompt or not prompt.strip():
        raise ValueError("the prompt is empty: describe the workflow in a sentence")
    if not tools:
        raise ValueError(f"no candidate tools for the prompt {prompt.strip()!r}: there is nothing to compose with")
    unique: dict[str, CatalogToolInfo] = {}
    for tool in tools:
        unique.setdefault(tool.slug, tool)
    tools = list(unique.values())
    schedule = parse_schedule(prompt)
    text = schedule.strip(prompt) if schedule is not None else prompt
    hooked = None if schedule is not None else without_webhook_clause(text)
    text = hooked or text
    chosen = assign_tools(plan_steps(text, tools), tools)
    polls = any(step.polls for step, _ in chosen) or bool(_EVENT.search(text))
    if hooked is not None:
        trigger, trigger_line = (
            {"type": "webhook"},
            (
                "Trigger: a webhook, since the prompt waits for a call from outside; accepting the suggestion gives "
                "its URL, and each call's body is in the run's state as webhook.body."
            ),
        )
    else:
        trigger, trigger_line = _trigger(schedule, polls=polls and any(reads(tool) for _, tool in chosen))
    title = _title(text)
    nodes, inputs, lines = _nodes(chosen, text, title, webhook=hooked is not None)
    workflow = {
        "name": title,
        "description": prompt.strip(),
        "start_node": next(iter(nodes)),
        "nodes": nodes,
        "triggers": [trigger],
    }
    return Composition(workflow=workflow, inputs=inputs, explanation=[trigger_line, *lines])


def _trigger(schedule: Schedule | None, *, polls: bool) -> tuple[dict[str, Any], str]:
    if schedule is not None:
        trigger = {"type": "cron", "cron": schedule.cron, "timezone": schedule.timezone}
        return trigger, f"Trigger: on the schedule the prompt gives (cron {schedule.cron!r}, {schedule.timezone})."
    if polls:
        trigger = {"type": "cron", "cron": POLL_CRON, "timezone": TIMEZONE}
        return trigger, (
            f"Trigger: every 5 minutes (cron {POLL_CRON!r}), looking for what the prompt waits for; "
            "the platform has no event sources yet, so the first step reads the latest items."
        )
    return {"type": "manual"}, "Trigger: manual; the prompt names no schedule and no event."


def without_webhook_clause(text: str) -> str | None:
    """The prompt without the clause that waits for a webhook call; None when it waits for none.

    What is left says what to do, and is what to look for tools with."""
    match = _WEBHOOK_EVENT.search(text)
    if match is None:
        return None
    start = max(text.rfind(mark, 0, match.start()) for mark in _CLAUSE_MARKS) + 1
    ends = [index for index in (text.find(mark, match.end()) for mark in _CLAUSE_MARKS) if index >= 0]
    end = min(ends) + 1 if ends else len(text)
    rest = (text[:start] + " " + text[end:]).strip(" ,.;:")
    if not rest:  # the trigger is inside the only clause: "post incoming webhook payloads to #alerts"
        rest = (text[: match.start()] + " " + text[match.end() :]).strip(" ,.;:")
    return " ".join(rest.split()) or None


def _title(text: str) -> str:
    """A short title: the prompt's first words (at most TITLE_CHARS), schedule words left out."""
    words = re.sub(r"\s+", " ", text).strip(" ,.;:!?-").split(" ")
    kept: list[str] = []
    for word in words:
        if kept and len(" ".join([*kept, word])) > TITLE_CHARS:
            break
        kept.append(word)
    while len(kept) > 1 and kept[-1].lower().strip(",;:") in _DANGLING:
        kept.pop()
    title = " ".join(kept).strip(" ,.;:!?-")
    return (title[:1].upper() + title[1:]) if title else "Workflow"


def _nodes(
    chosen: list[tuple[Step, CatalogToolInfo]], text: str, title: str, *, webhook: bool = False
) -> tuple[dict[str, dict[str, Any]], list[str], list[str]]:
    names = _unique_names([node_name(tool) for _, tool in chosen])
    facts, used_numbers = read_facts(text), set[int]()
    nodes: dict[str, dict[str, Any]] = {}
    inputs: list[str] = []
    lines: list[str] = []
    owners: dict[str, str] = {}
    # What later text is made of: the webhook call's body, then what a reading step read.
    source: tuple[CatalogToolInfo, str] | None = (WEBHOOK_CALL, "the webhook call") if webhook else None
    for index, ((step, tool), name) in enumerate(zip(chosen, names, strict=True)):
        context = ArgContext(facts, title, *(source or (None, "")), clause=step.text, used_numbers=used_numbers)
        built = build_args(tool, context, _input_namer(tool, name, owners))
        following = names[index + 1] if index + 1 < len(names) else "end"
        nodes[name] = {"tool": tool.slug, "args": built.args, "next": following}
        inputs += [path for path in built.needed if path not in inputs]
        lines.append(_explain(name, step, tool, built.notes))
        if source is None or action_key(tool)[0] != SENDING:
            source = (tool, name)  # what a message says after a send is what that send said
    return nodes, inputs, lines


def _unique_names(names: list[str]) -> list[str]:
    unique: list[str] = []
    for name in names:
        candidate, number = name, 2
        while candidate in unique or candidate == "end":
            candidate, number = f"{name}_{number}", number + 1
        unique.append(candidate)
    return unique


def _input_namer(tool: CatalogToolInfo, node: str, owners: dict[str, str]) -> Callable[[str], str]:
    """`inputs.<param>`, shared by the nodes of one toolkit (one repository, one channel); a parameter of the
    same name in another toolkit's node gets `inputs.<node>_<param>`."""

    def name(param: str) -> str:
        safe = re.sub(r"[^\w-]", "_", param)
        safe = safe if re.match(r"[A-Za-z_]", safe) else f"p_{safe}"
        path = f"inputs.{safe}"
        if owners.get(path, tool.toolkit_slug) != tool.toolkit_slug:
            path = f"inputs.{node}_{safe}"
        owners.setdefault(path, tool.toolkit_slug)
        return path

    return name


def _explain(name: str, step: Step, tool: CatalogToolInfo, notes: list[str]) -> str:
    where = tool.toolkit_name or tool.toolkit_slug
    if step.reads and step.polls:
        does = f"reads the latest items in {where} that the workflow starts from (\u201c{step.text}\u201d)"
    elif step.reads:
        does = f"reads from {where} what the next steps use (\u201c{step.text}\u201d)"
    else:
        does = f"does \u201c{step.text}\u201d in {where}"
    why = [f"of {where}, the toolkit the step names"] if step.toolkit else []
    why.append("a reading tool" if reads(tool) else "an acting tool")
    args = "; ".join(notes) if notes else "no parameters needed"
    return (
        f"{name}: {does}, with {tool.name!r} ({tool.slug}), the best-ranked candidate that fits the step "
        f"({', '.join(why)}). Args: {args}."
    )
