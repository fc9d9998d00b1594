"""The LLM layer every app shares: provider configuration, CrewAI LLM objects, usage, errors.

    from wfplatform.llm import llm_available, llm_config, make_llm, UsageMeter, LLMError

    if llm_available():
        config = llm_config()                  # provider, model, temperature, base_url, ...
        meter = UsageMeter(config)
        llm = make_llm(config, meter=meter)   # a crewai.LLM: give it to Agents, or llm.call(...)
        ...
        job.llm_usage = meter.as_dict()       # calls, input/output tokens, cost_usd, model, provider

Provider: OpenAI when OPENAI_API_KEY is set, else Anthropic when ANTHROPIC_API_KEY is set, else Groq
(GROQ_API_KEY; it speaks the OpenAI protocol). WFP_LLM_PROVIDER decides when several are; a feature may
prefer another order (`llm_config(prefer=...)`) or have its own setting (`llm_config(choice=...)`).
Retries: the SDKs' own, WFP_LLM_MAX_RETRIES times on 429, 5xx and connection errors, with back-off
honouring Retry-After. Rate limit: WFP_LLM_RPM
requests a minute per worker process (wfplatform.llm.ratelimit). Failures: `llm_error_from(exc,
config)` turns an SDK exception into an LLMError whose message names no key.

Tests use `wfplatform.llm.testing` (the `fake_llm` fixture): a local server that speaks the
OpenAI and Anthropic protocols (Groq's is OpenAI's) with scripted replies, so the real SDKs and CrewAI run end to end.
"""

from wfplatform.llm.clients import make_llm, sdk_retries_only
from wfplatform.llm.config import LLMConfig, llm_available, llm_config
from wfplatform.llm.errors import LLMError, LLMNotConfigured, llm_error_from, redact
from wfplatform.llm.usage import UsageMeter

__all__ = [
    "LLMConfig",
    "LLMError",
    "LLMNotConfigured",
    "UsageMeter",
    "llm_available",
    "llm_config",
    "llm_error_from",
    "make_llm",
    "redact",
    "sdk_retries_only",
]
