"""The CrewAI side: a planner and a coder agent, and one crew kickoff per cycle.

Each cycle is a fresh sequential Crew of two Tasks (plan, then code with the plan as context) on
the same two agents and LLM. The tester runs between kickoffs in plain Python, and its verdict
goes into the next cycle's task descriptions: a loop we control, rather than a tool the agents
may or may not call, so every script is tested and the cycle count is exact.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from csvconvert.agents import prompts


@dataclass
class CycleReplies:
    plan: str
    coder_reply: str


class ConversionCrew:
    def __init__(self, llm: Any) -> None:
        from crewai import Agent

        common = {"llm": llm, "allow_delegation": False, "verbose": False, "max_retry_limit": 0, "max_iter": 3}
        # max_retry_limit=0: the SDK already retried the HTTP call; a second layer would multiply requests.
        self.planner = Agent(
            role=prompts.PLANNER_ROLE, goal=prompts.PLANNER_GOAL, backstory=prompts.PLANNER_BACKSTORY, **common
        )
        self.coder = Agent(
            role=prompts.CODER_ROLE, goal=prompts.CODER_GOAL, backstory=prompts.CODER_BACKSTORY, **common
        )

    def run_cycle(
        self, *, plan_description: str, code_description: str, on_planned: Callable[[], None]
    ) -> CycleReplies:
        from crewai import Crew, Process, Task

        with warnings.catch_warnings():
            # CrewAI warns that a closure callback cannot be checkpointed; we never checkpoint.
            warnings.filterwarnings("ignore", message="function callbacks cannot be serialized")
            plan = Task(
                description=plan_description,
                expected_output=prompts.PLANNER_EXPECTED_OUTPUT,
                agent=self.planner,
                callback=lambda _output: on_planned(),
            )
            code = Task(
                description=code_description,
                expected_output=prompts.CODER_EXPECTED_OUTPUT,
                agent=self.coder,
                context=[plan],
            )
        crew = Crew(agents=[self.planner, self.coder], tasks=[plan, code], process=Process.sequential, verbose=False)
        output = crew.kickoff()
        plan_output, code_output = output.tasks_output
        return CycleReplies(plan=plan_output.raw or "", coder_reply=code_output.raw or "")
