"""Token usage and cost of one job's LLM calls.

Each LLM object made for a job is tracked by the job's meter; CrewAI counts every call's `usage`
block (from plain and streamed answers of both providers) on the LLM object, and the meter sums
those counters. Code that calls an SDK directly adds its own with `add`.

    meter = UsageMeter(config)
    llm = make_llm(config, meter=meter)
    ...
    job.llm_usage = meter.as_dict()
    # {"provider": "openai", "model": "gpt-4o-mini", "calls": 4, "input_tokens": 5210,
    #  "output_tokens": 830, "cost_usd": 0.001280}
"""

from __future__ import annotations

import threading
from typing import Any

from wfplatform.llm.config import LLMConfig


class UsageMeter:
    def __init__(self, config: LLMConfig) -> None:
        self.config = config
        self._llms: list[Any] = []
        self._calls = 0
        self._input_tokens = 0
        self._output_tokens = 0
        self._lock = threading.Lock()

    def track(self, llm: Any) -> Any:
        """Count this CrewAI LLM's calls from now on (its counters are read when totals are asked for)."""
        baseline = llm.get_token_usage_summary()
        with self._lock:
            self._llms.append((llm, baseline))
        return llm

    def add(self, *, input_tokens: int, output_tokens: int, calls: int = 1) -> None:
        with self._lock:
            self._calls += calls
            self._input_tokens += input_tokens
            self._output_tokens += output_tokens

    @property
    def calls(self) -> int:
        return self._totals()[0]

    @property
    def input_tokens(self) -> int:
        return self._totals()[1]

    @property
    def output_tokens(self) -> int:
        return self._totals()[2]

    @property
    def cost_usd(self) -> float | None:
        _, input_tokens, output_tokens = self._totals()
        return self.config.cost_usd(input_tokens, output_tokens)

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready totals; cost_usd is None when the model's price is unknown."""
        calls, input_tokens, output_tokens = self._totals()
        return {
            "provider": self.config.provider,
            "model": self.config.model,
            "calls": calls,
            "input_tokens": input_tokens,
            "output_tokens": output_tokens,
            "cost_usd": self.config.cost_usd(input_tokens, output_tokens),
        }

    def _totals(self) -> tuple[int, int, int]:
        with self._lock:
            calls, input_tokens, output_tokens = self._calls, self._input_tokens, self._output_tokens
            tracked = list(self._llms)
        for llm, baseline in tracked:
            now = llm.get_token_usage_summary()
            calls += now.successful_requests - baseline.successful_requests
            input_tokens += now.prompt_tokens - baseline.prompt_tokens
            output_tokens += now.completion_tokens - baseline.completion_tokens
        return calls, input_tokens, output_tokens
