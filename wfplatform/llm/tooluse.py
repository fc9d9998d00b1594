"""Conversations in which the model answers by calling tools: OpenAI function tools, Anthropic tool_use.

CrewAI runs agents; a caller that wants the model to pick one of a few tools and hand back their
arguments (then see what they did) needs the tool calls themselves and the usage block of each
answer, cache reads included. So this talks to the official SDKs directly:

    conversation = ToolConversation(config, system=SYSTEM, tools=[ToolSpec("execute_pipeline", ..., schema)])
    turn = conversation.send("show me the top 10 flights")
    for call in turn.tool_calls:                   # ToolCall(id, name, arguments)
        ...
    turn = conversation.send_results([ToolResult(call, "ok: 10 rows", is_error=False)])

Prompt caching: the system prompt (the long, fixed part: schemas, rules) goes first. Anthropic
caches it when asked, so its block carries `cache_control: ephemeral` (tools come before the system
prompt in Anthropic's cache prefix, so they are cached with it); OpenAI caches long prefixes by
itself. Either way the provider's usage says how many input tokens came from the cache
(`cache_read_input_tokens`; `prompt_tokens_details.cached_tokens`), and `Usage` keeps it.

Retries, timeouts and the rate limit are the same as for CrewAI LLMs (clients.py): the SDKs retry,
WFP_LLM_RPM paces requests, and failures become LLMErrors that name no secret.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from wfplatform.llm.config import LLMConfig
from wfplatform.llm.errors import LLMError, install_log_redaction, llm_error_from
from wfplatform.llm.ratelimit import limiter_for
from wfplatform.llm.usage import UsageMeter

MAX_OUTPUT_TOKENS = 4096


@dataclass(frozen=True)
class ToolSpec:
    name: str
    description: str
    parameters: dict[str, Any]  # JSON Schema of the arguments (an object)


@dataclass(frozen=True)
class ToolCall:
    id: str
    name: str
    arguments: Any  # the decoded JSON arguments; a string when the model sent text that is not JSON


@dataclass(frozen=True)
class ToolResult:
    call: ToolCall
    content: str
    is_error: bool = False


@dataclass
class Usage:
    calls: int = 0
    input_tokens: int = 0  # every input token, cached or not
    output_tokens: int = 0
    cached_tokens: int = 0  # input tokens read from the provider's prompt cache
    cache_write_tokens: int = 0  # Anthropic: input tokens written to the cache

    def add(self, other: Usage) -> None:
        self.calls += other.calls
        self.input_tokens += other.input_tokens
        self.output_tokens += other.output_tokens
        self.cached_tokens += other.cached_tokens
        self.cache_write_tokens += other.cache_write_tokens

    def as_dict(self) -> dict[str, int]:
        return {
            "calls": self.calls,
            "input_tokens": self.input_tokens,
            "output_tokens": self.output_tokens,
            "cached_tokens": self.cached_tokens,
            "cache_write_tokens": self.cache_write_tokens,
        }


@dataclass
class Turn:
    text: str
    tool_calls: list[ToolCall]
    usage: Usage


@dataclass
class ToolConversation:
    """One conversation with the configured provider; `usage` sums every answer's usage block."""

    config: LLMConfig
    system: str
    tools: list[ToolSpec]
    meter: UsageMeter | None = None
    require_tool: bool = True  # the model must answer with a tool call, not prose
    usage: Usage = field(default_factory=Usage)
    _messages: list[dict[str, Any]] = field(default_factory=list)

    def __post_init__(self) -> None:
        install_log_redaction([self.config.api_key])
        wire = _ANTHROPIC if self.config.wire == "anthropic" else _OPENAI
        self._wire = wire
        self._client = wire.client(self.config)

    def send(self, text: str) -> Turn:
        self._messages.append({"role": "user", "content": text})
        return self._exchange()

    def send_results(self, results: list[ToolResult]) -> Turn:
        self._messages.extend(self._wire.results_messages(results))
        return self._exchange()

    def _exchange(self) -> Turn:
        limiter = limiter_for(self.config.provider, self.config.rpm)
        if limiter is not None:
            limiter.acquire()
        try:
            response = self._wire.create(self._client, self)
        except Exception as exc:
            error = llm_error_from(exc, self.config)
            if error is None:
                raise
            raise error from None
        turn, assistant = self._wire.read(response)
        self._messages.append(assistant)
        self.usage.add(turn.usage)
        if self.meter is not None:
            self.meter.add(input_tokens=turn.usage.input_tokens, output_tokens=turn.usage.output_tokens)
        return turn


def _decode_arguments(raw: Any) -> Any:
    if not isinstance(raw, str):
        return raw
    try:
        return json.loads(raw)
    except ValueError:
        return raw


class _OpenAIWire:
    @staticmethod
    def client(config: LLMConfig) -> Any:
        import openai

        return openai.OpenAI(
            api_key=config.api_key, base_url=config.base_url, timeout=config.timeout_s, max_retries=config.max_retries
        )

    @staticmethod
    def create(client: Any, conversation: ToolConversation) -> Any:
        tools = [
            {"type": "function", "function": {"name": t.name, "description": t.description, "parameters": t.parameters}}
            for t in conversation.tools
        ]
        return client.chat.completions.create(
            model=conversation.config.model,
            temperature=conversation.config.temperature,
            max_tokens=MAX_OUTPUT_TOKENS,
            # The fixed part first: OpenAI caches the longest prefix it has seen recently.
            messages=[{"role": "system", "content": conversation.system}, *conversation._messages],
            tools=tools,
            tool_choice="required" if conversation.require_tool else "auto",
        )

    @staticmethod
    def read(response: Any) -> tuple[Turn, dict[str, Any]]:
        message = response.choices[0].message
        calls = [
            ToolCall(id=call.id, name=call.function.name, arguments=_decode_arguments(call.function.arguments))
            for call in message.tool_calls or []
        ]
        usage = response.usage
        details = getattr(usage, "prompt_tokens_details", None)
        turn_usage = Usage(
            calls=1,
            input_tokens=usage.prompt_tokens if usage else 0,
            output_tokens=usage.completion_tokens if usage else 0,
            cached_tokens=(getattr(details, "cached_tokens", 0) or 0) if details else 0,
        )
        assistant: dict[str, Any] = {"role": "assistant", "content": message.content or ""}
        if message.tool_calls:
            assistant["tool_calls"] = [
                {
                    "id": c.id,
                    "type": "function",
                    "function": {"name": c.function.name, "arguments": c.function.arguments},
                }
                for c in message.tool_calls
            ]
        return Turn(text=message.content or "", tool_calls=calls, usage=turn_usage), assistant

    @staticmethod
    def results_messages(results: list[ToolResult]) -> list[dict[str, Any]]:
        return [{"role": "tool", "tool_call_id": r.call.id, "content": r.content} for r in results]


class _AnthropicWire:
    @staticmethod
    def client(config: LLMConfig) -> Any:
        import anthropic

        return anthropic.Anthropic(
            api_key=config.api_key, base_url=config.base_url, timeout=config.timeout_s, max_retries=config.max_retries
        )

    @staticmethod
    def create(client: Any, conversation: ToolConversation) -> Any:
        tools = [
            {"name": t.name, "description": t.description, "input_schema": t.parameters} for t in conversation.tools
        ]
        return client.messages.create(
            model=conversation.config.model,
            temperature=conversation.config.temperature,
            max_tokens=MAX_OUTPUT_TOKENS,
            # The breakpoint on the system block caches tools + system prompt, the part every job shares.
            system=[{"type": "text", "text": conversation.system, "cache_control": {"type": "ephemeral"}}],
            messages=conversation._messages,
            tools=tools,
            tool_choice={"type": "any"} if conversation.require_tool else {"type": "auto"},
        )

    @staticmethod
    def read(response: Any) -> tuple[Turn, dict[str, Any]]:
        texts = [block.text for block in response.content if block.type == "text"]
        calls = [
            ToolCall(id=block.id, name=block.name, arguments=_decode_arguments(block.input))
            for block in response.content
            if block.type == "tool_use"
        ]
        usage = response.usage
        cached = getattr(usage, "cache_read_input_tokens", 0) or 0
        written = getattr(usage, "cache_creation_input_tokens", 0) or 0
        turn_usage = Usage(
            calls=1,
            # Anthropic counts cached and cache-written input apart from input_tokens.
            input_tokens=usage.input_tokens + cached + written,
            output_tokens=usage.output_tokens,
            cached_tokens=cached,
            cache_write_tokens=written,
        )
        assistant = {
            "role": "assistant",
            "content": [block.model_dump(exclude_none=True) for block in response.content],
        }
        return Turn(text="\n".join(texts), tool_calls=calls, usage=turn_usage), assistant

    @staticmethod
    def results_messages(results: list[ToolResult]) -> list[dict[str, Any]]:
        blocks = [
            {"type": "tool_result", "tool_use_id": r.call.id, "content": r.content, "is_error": r.is_error}
            for r in results
        ]
        return [{"role": "user", "content": blocks}]


_OPENAI = _OpenAIWire()
_ANTHROPIC = _AnthropicWire()

__all__ = ["LLMError", "ToolCall", "ToolConversation", "ToolResult", "ToolSpec", "Turn", "Usage"]
