"""synthesize_script: plan, code, test, and again with the tester's verdict, up to max_cycles times."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field

from django.conf import settings

from csvconvert.agents import prompts
from csvconvert.agents.crew import ConversionCrew
from csvconvert.agents.scripts import extract_script
from csvconvert.agents.tables import parse_csv
from csvconvert.agents.tester import MAX_DIFFERENCES_SHOWN, Verdict, judge_script
from wfplatform.llm import (
    LLMError,
    LLMNotConfigured,
    UsageMeter,
    llm_available,
    llm_config,
    llm_error_from,
    make_llm,
    sdk_retries_only,
)

logger = logging.getLogger(__name__)

OnCycle = Callable[[int, str], None]


@dataclass
class AgentOutcome:
    ok: bool
    script: str | None  # the passing script (reads input.csv, writes output.csv in its cwd)
    cycles: int
    history: list[dict] = field(default_factory=list)  # per cycle: cycle, plan, script, passed, reason, differences
    usage: dict = field(default_factory=dict)  # calls, input_tokens, output_tokens, cost_usd, model, provider
    reason: str = ""  # when not ok: why


def agents_available() -> bool:
    """Whether an LLM is configured, so synthesize_script can run."""
    return llm_available()


def synthesize_script(
    *,
    input_csv: bytes,
    expected_csv: bytes,
    instructions: str = "",
    closest: dict | None = None,
    max_cycles: int | None = None,
    on_cycle: OnCycle | None = None,
) -> AgentOutcome:
    """Have the planner and coder agents write a script that turns input_csv into expected_csv.

    `closest` is the engine's nearest miss ({"explanation": [...], "differences": [...]}).
    `on_cycle(cycle, message)` hears each phase (an exception it raises stops the loop and
    propagates: a cancelled job can stop here). Never raises for a model or script failure: the
    outcome says why; raises LLMNotConfigured when no LLM is configured.
    """
    config = llm_config()
    if config is None:
        raise LLMNotConfigured()
    max_cycles = max_cycles or settings.WFP_AGENT_MAX_CYCLES
    meter = UsageMeter(config)
    examples = prompts.Examples(
        input=parse_csv(input_csv), expected=parse_csv(expected_csv), instructions=instructions, closest=closest
    )
    notify = on_cycle or (lambda cycle, message: None)
    with sdk_retries_only():
        crew = ConversionCrew(make_llm(config, meter=meter))
        history: list[dict] = []
        for cycle in range(1, max_cycles + 1):
            try:
                entry = _cycle(crew, examples, input_csv, cycle, max_cycles, history, notify)
            except Exception as exc:
                error = llm_error_from(exc, config)
                if error is None:
                    raise
                return _failed(history, meter, cycle, f"cycle {cycle}: {error}")
            history.append(entry)
            if entry["passed"]:
                notify(cycle, f"cycle {cycle}/{max_cycles}: the script passed")
                return AgentOutcome(True, entry["script"], cycle, history, meter.as_dict())
            notify(cycle, f"cycle {cycle}/{max_cycles}: {entry['reason']}")
    last = history[-1]["reason"] if history else "no cycle ran"
    return _failed(history, meter, max_cycles, f"no script passed after {max_cycles} cycles; last: {last}")


def _cycle(
    crew: ConversionCrew,
    examples: prompts.Examples,
    input_csv: bytes,
    cycle: int,
    max_cycles: int,
    history: list[dict],
    notify: OnCycle,
) -> dict:
    label = f"cycle {cycle}/{max_cycles}"
    previous = history[-1] if history else None
    context = {
        "cycle": cycle,
        "previous_script": previous["script"] if previous else None,
        "feedback": previous["feedback"] if previous else None,
    }
    notify(cycle, f"{label}: the planner is reading the files")
    replies = crew.run_cycle(
        plan_description=prompts.planner_task(examples, **context),
        code_description=prompts.coder_task(examples, **context),
        on_planned=lambda: notify(cycle, f"{label}: the coder is writing the script"),
    )
    script = extract_script(replies.coder_reply)
    if script is None:
        verdict = Verdict(False, "the coder's reply held no Python script", detail="Reply with one ```python block.")
    else:
        notify(cycle, f"{label}: testing the script in the sandbox")
        verdict = judge_script(script, input_csv=input_csv, expected=examples.expected)
    logger.info("csvconvert agents %s: %s", label, "passed" if verdict.passed else verdict.reason)
    return {
        "cycle": cycle,
        "plan": replies.plan,
        "script": script,
        "passed": verdict.passed,
        "reason": verdict.reason,
        "differences": verdict.differences[:MAX_DIFFERENCES_SHOWN],
        "feedback": verdict.feedback(),
    }


def _failed(history: list[dict], meter: UsageMeter, cycles: int, reason: str) -> AgentOutcome:
    return AgentOutcome(False, None, cycles, history, meter.as_dict(), reason)


__all__ = ["AgentOutcome", "LLMError", "agents_available", "synthesize_script"]
