"""CrewAI LLM objects for the configured provider, with retries, the rate limit and usage metering.

CrewAI (1.x) talks to OpenAI and Anthropic through their official SDKs ("native providers"),
not LiteLLM, so the SDKs' own machinery does the retrying: `max_retries` (WFP_LLM_MAX_RETRIES)
attempts more on connection errors, 408, 409, 429 and 5xx, with exponential back-off
(0.5 s doubling to 8 s, jittered) that yields to the server's Retry-After. CrewAI agents are made
with `max_retry_limit=0` by their callers so that a failed call is not repeated a second time
over, and `sdk_retries_only()` turns off the three attempts CrewAI itself makes on a 429 around
each call (which would otherwise multiply the SDK's: 3 x (retries + 1) requests and 3 s of extra
sleep before a rate-limit error surfaces).

The object returned is a `crewai.LLM`: give it to an Agent, or call it directly
(`llm.call("prompt")` or a list of {"role", "content"} messages) for a plain completion.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from wfplatform.llm.config import LLMConfig, llm_config
from wfplatform.llm.errors import LLMNotConfigured, install_log_redaction
from wfplatform.llm.ratelimit import RateLimiter, limiter_for
from wfplatform.llm.usage import UsageMeter

if TYPE_CHECKING:
    import httpx
    from crewai.llms.base_llm import BaseLLM


def make_llm(
    config: LLMConfig | None = None, *, meter: UsageMeter | None = None, stream: bool = False, **options: Any
) -> BaseLLM:
    """A CrewAI LLM on the configured provider; raises LLMNotConfigured when there is none.

    `options` go to CrewAI's provider class (max_tokens, stop, response_format, ...).
    """
    config = config or llm_config()
    if config is None:
        raise LLMNotConfigured()
    install_log_redaction([config.api_key])
    _quiet_console()
    from crewai import LLM

    kwargs: dict[str, Any] = {
        "model": config.model,
        "provider": config.wire,  # Groq through CrewAI's OpenAI client, at Groq's base URL
        "api_key": config.api_key,
        "temperature": config.temperature,
        "timeout": config.timeout_s,
        "max_retries": config.max_retries,
        "stream": stream,
    }
    if config.base_url:
        kwargs["base_url"] = config.base_url
    limiter = limiter_for(config.provider, config.rpm)
    if limiter is not None:
        kwargs["interceptor"] = rate_limit_interceptor(limiter)
    llm = LLM(**{**kwargs, **options})
    if meter is not None:
        meter.track(llm)
    return llm


def _quiet_console() -> None:
    """CrewAI prints rich panels to stdout (answers, raw provider errors) unless told not to; logs are our channel."""
    from crewai.events.event_listener import event_listener

    event_listener.verbose = False
    event_listener.formatter.verbose = False


def rate_limit_interceptor(limiter: RateLimiter) -> Any:
    """A CrewAI transport interceptor that waits for a slot before each HTTP attempt."""
    from crewai.llms.hooks.base import BaseInterceptor

    class RateLimitInterceptor(BaseInterceptor["httpx.Request", "httpx.Response"]):
        def on_outbound(self, message: httpx.Request) -> httpx.Request:
            limiter.acquire()
            return message

        def on_inbound(self, message: httpx.Response) -> httpx.Response:
            return message

        async def aon_outbound(self, message: httpx.Request) -> httpx.Request:
            wait = limiter.reserve()
            if wait > 0:
                await asyncio.sleep(wait)
            return message

        async def aon_inbound(self, message: httpx.Response) -> httpx.Response:
            return message

    return RateLimitInterceptor()


@contextlib.contextmanager
def sdk_retries_only() -> Iterator[None]:
    """Within this block, CrewAI calls are retried by the SDK alone (WFP_LLM_MAX_RETRIES times).

    CrewAI 1.x wraps every LLM call in its own rate-limit retry (3 attempts, 1-8 s apart) on top of
    the SDK's; its context flag for "a retry loop is already running" switches that layer off.
    A CrewAI without the flag keeps its layer: more attempts, nothing broken.
    """
    try:
        from crewai.llms.retry import _active_llm_rate_limit_retry as already_retrying
    except ImportError:  # pragma: no cover - another CrewAI version
        yield
        return
    token = already_retrying.set(True)
    try:
        yield
    finally:
        already_retrying.reset(token)
