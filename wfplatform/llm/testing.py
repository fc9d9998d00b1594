"""A local LLM server for tests: the OpenAI and Anthropic wire protocols with scripted replies.

The real SDKs and CrewAI run end to end against it; only the model is scripted.

    def test_something(fake_llm):             # pytest plugin: wfplatform.llm.testing
        fake_llm.reply("first answer", "second answer")   # a queue, consumed in order
        fake_llm.respond_with(lambda request: "...")       # or a function of the request
        fake_llm.fail(429, times=2)                         # the next 2 requests get a 429
        ...                                                 # code under test calls the LLM layer
        assert len(fake_llm.requests) == 3
        assert "diff" in fake_llm.requests[-1].prompt

The fixture points the settings at the server (OpenAI by default; `fake_llm.use("anthropic")`
switches) with the key "test-key", and removes any real provider variables from the environment,
so a test never reaches a real API. Serves `POST /v1/chat/completions` (OpenAI) and
`POST /v1/messages` (Anthropic), both plain JSON and streamed (Server-Sent Events), each answer
with a `usage` block; and Anthropic's `POST /v1/messages/count_tokens`, which CrewAI asks before
a call (recorded in `token_counts`, not in `requests`, and never scripted). A request that finds
no scripted reply gets a 400 (not retried by the SDKs) whose message says so; `unanswered` counts
them.

No Django or CrewAI import at module level: pytest loads this plugin before Django is set up.
"""

from __future__ import annotations

import itertools
import json
import threading
import time
from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler
from typing import Any

import pytest

from wfplatform.loopback import LoopbackServer, send_json

TEST_KEY = "test-key"
OPENAI_PATH = "/v1/chat/completions"
ANTHROPIC_PATH = "/v1/messages"
ANTHROPIC_COUNT_PATH = "/v1/messages/count_tokens"
PROVIDER_ENV = (
    "OPENAI_API_KEY",
    "OPENAI_BASE_URL",
    "OPENAI_API_BASE",
    "OPENAI_MODEL",
    "ANTHROPIC_API_KEY",
    "ANTHROPIC_BASE_URL",
    "ANTHROPIC_MODEL",
    "GROQ_API_KEY",
    "GROQ_BASE_URL",
    "GROQ_MODEL",
)


@dataclass
class Reply:
    """One scripted answer. Token counts default to a rough estimate (4 characters a token)."""

    text: str = ""
    status: int = 200
    input_tokens: int | None = None
    output_tokens: int | None = None
    headers: dict[str, str] = field(default_factory=dict)
    error: str = ""  # the error message of a non-200 reply
    # Tool calls the model makes: [{"name": ..., "arguments": {...}}] (plain JSON answers only, not streams).
    tool_calls: list[dict[str, Any]] = field(default_factory=list)
    cached_tokens: int | None = None  # input tokens reported as read from the cache; None: simulated


@dataclass
class RecordedRequest:
    path: str
    headers: dict[str, str]
    body: dict[str, Any]
    status: int = 0  # what the server answered
    usage: dict[str, int] = field(default_factory=dict)  # the usage it reported, when it answered 200
    at: float = field(default_factory=time.monotonic)  # when it arrived

    @property
    def protocol(self) -> str:
        return "anthropic" if self.path.endswith(ANTHROPIC_PATH) else "openai"

    @property
    def streamed(self) -> bool:
        return bool(self.body.get("stream"))

    @property
    def prompt(self) -> str:
        """Every message's text (the system prompt included), joined: what the model was shown."""
        parts = [_content_text(self.body.get("system"))]
        parts += [_content_text(message.get("content")) for message in self.body.get("messages", [])]
        return "\n".join(part for part in parts if part)


def _content_text(content: Any) -> str:
    if isinstance(content, str):
        return content
    if isinstance(content, list):
        return "\n".join(_block_text(block) for block in content if isinstance(block, dict))
    return ""


def _block_text(block: dict) -> str:
    if block.get("type") == "tool_result":
        return _content_text(block.get("content"))
    if block.get("type") == "tool_use":
        return json.dumps(block.get("input"))
    return str(block.get("text", ""))


Responder = Callable[[RecordedRequest], "str | Reply"]


class FakeLLMServer(LoopbackServer):
    """A threaded HTTP server on 127.0.0.1 that answers like the OpenAI and Anthropic APIs."""

    def __init__(self) -> None:
        super().__init__(_handler_for(self), name="fake-llm")
        self.requests: list[RecordedRequest] = []
        self.token_counts: list[RecordedRequest] = []
        self.unanswered = 0
        self._queue: deque[Reply] = deque()
        self._failures: deque[Reply] = deque()
        self._responder: Responder | None = None
        self._lock = threading.Lock()
        self._ids = itertools.count(1)
        self._cached_prefixes: set[str] = set()
        self.cache_min_tokens = 1024  # the providers' smallest cacheable prefix

    # --- lifecycle -----------------------------------------------------------------------------
    @property
    def openai_base_url(self) -> str:
        return f"{self.url}/v1"

    @property
    def anthropic_base_url(self) -> str:
        return self.url

    # --- scripting -----------------------------------------------------------------------------
    def reply(self, *replies: str | Reply) -> None:
        """Queue answers, given in order to the next requests (after any scripted failures)."""
        with self._lock:
            self._queue.extend(_as_reply(item) for item in replies)

    def respond_with(self, responder: Responder | None) -> None:
        """Answer with `responder(request)` whenever the queue is empty."""
        self._responder = responder

    def fail(self, status: int, *, times: int = 1, retry_after_ms: int | None = 1, message: str = "") -> None:
        """The next `times` requests get `status`; a short retry-after keeps SDK back-off fast in tests."""
        headers = {"retry-after-ms": str(retry_after_ms)} if retry_after_ms is not None else {}
        error = message or f"scripted failure {status}"
        with self._lock:
            self._failures.extend(Reply(status=status, headers=dict(headers), error=error) for _ in range(times))

    @property
    def pending(self) -> int:
        """Scripted replies not given yet."""
        return len(self._queue)

    def requests_to(self, protocol: str) -> list[RecordedRequest]:
        return [request for request in self.requests if request.protocol == protocol]

    def reported_usage(self) -> dict[str, int]:
        """What the server reported over all its successful answers: calls, input and output tokens."""
        answered = [request for request in self.requests if request.status == 200]
        return {
            "calls": len(answered),
            "input_tokens": sum(request.usage.get("input_tokens", 0) for request in answered),
            "output_tokens": sum(request.usage.get("output_tokens", 0) for request in answered),
        }

    # --- answering (called from the server's threads) -------------------------------------------
    def _next_reply(self, request: RecordedRequest) -> Reply:
        with self._lock:
            self.requests.append(request)
            if self._failures:
                return self._failures.popleft()
            if self._queue:
                return self._queue.popleft()
        if self._responder is not None:
            return _as_reply(self._responder(request))
        with self._lock:
            self.unanswered += 1
        return Reply(status=400, error=f"fake_llm: no scripted reply left for request #{len(self.requests)}")

    def _new_id(self, prefix: str) -> str:
        return f"{prefix}{next(self._ids):06d}"


def _as_reply(item: str | Reply) -> Reply:
    return item if isinstance(item, Reply) else Reply(text=str(item))


def _cache_for(server: FakeLLMServer, request: RecordedRequest, reply: Reply) -> tuple[int, int]:
    """(tokens read from the cache, tokens written to it), the way the providers' prompt caches behave.

    Anthropic caches the prefix up to a block marked `cache_control` (tools, then system); OpenAI caches
    any long prefix by itself, here the tools and the system message. A prefix shorter than
    `cache_min_tokens` is not cached; one seen before is read from the cache.
    """
    if reply.cached_tokens is not None:
        return reply.cached_tokens, 0
    body = request.body
    tools = json.dumps(body.get("tools", []), sort_keys=True)
    if request.protocol == "anthropic":
        system = body.get("system")
        marked = isinstance(system, list) and any(isinstance(b, dict) and b.get("cache_control") for b in system)
        prefix = tools + _content_text(system) if marked else ""
    else:
        messages = body.get("messages") or [{}]
        prefix = tools + _content_text(messages[0].get("content")) if messages[0].get("role") == "system" else ""
    tokens = len(prefix) // 4
    if not prefix or tokens < server.cache_min_tokens:
        return 0, 0
    with server._lock:
        seen = prefix in server._cached_prefixes
        server._cached_prefixes.add(prefix)
    if seen:
        return tokens, 0
    return 0, tokens if request.protocol == "anthropic" else 0


def _usage_for(request: RecordedRequest, reply: Reply) -> tuple[int, int]:
    tools = len(json.dumps(request.body["tools"], sort_keys=True)) if request.body.get("tools") else 0
    input_tokens = reply.input_tokens if reply.input_tokens is not None else max(1, (len(request.prompt) + tools) // 4)
    output_tokens = reply.output_tokens if reply.output_tokens is not None else max(1, len(reply.text) // 4)
    return input_tokens, output_tokens


# --- wire formats ----------------------------------------------------------------------------------


def _openai_error(reply: Reply) -> dict:
    kinds = {400: "invalid_request_error", 401: "invalid_request_error", 429: "rate_limit_exceeded"}
    return {"error": {"message": reply.error, "type": kinds.get(reply.status, "server_error"), "code": None}}


def _anthropic_error(reply: Reply) -> dict:
    kinds = {400: "invalid_request_error", 401: "authentication_error", 429: "rate_limit_error"}
    return {"type": "error", "error": {"type": kinds.get(reply.status, "api_error"), "message": reply.error}}


def _openai_completion(server: FakeLLMServer, request: RecordedRequest, reply: Reply) -> dict:
    input_tokens, output_tokens = _usage_for(request, reply)
    message: dict[str, Any] = {"role": "assistant", "content": reply.text or None}
    if reply.tool_calls:
        message["tool_calls"] = [
            {
                "id": server._new_id("call_fake"),
                "type": "function",
                "function": {"name": call["name"], "arguments": _arguments_text(call.get("arguments", {}))},
            }
            for call in reply.tool_calls
        ]
    return {
        "id": server._new_id("chatcmpl-fake"),
        "object": "chat.completion",
        "created": int(time.time()),
        "model": request.body.get("model", "fake"),
        "choices": [
            {
                "index": 0,
                "message": message,
                "finish_reason": "tool_calls" if reply.tool_calls else "stop",
                "logprobs": None,
            }
        ],
        "usage": {
            "prompt_tokens": input_tokens,
            "completion_tokens": output_tokens,
            "total_tokens": input_tokens + output_tokens,
            "prompt_tokens_details": {"cached_tokens": request.usage.get("cached_tokens", 0)},
        },
    }


def _arguments_text(arguments: Any) -> str:
    """OpenAI sends arguments as JSON text; a script may give the text itself (even broken JSON)."""
    return arguments if isinstance(arguments, str) else json.dumps(arguments)


def _openai_stream(server: FakeLLMServer, request: RecordedRequest, reply: Reply) -> Iterator[dict | str]:
    input_tokens, output_tokens = _usage_for(request, reply)
    base = {
        "id": server._new_id("chatcmpl-fake"),
        "object": "chat.completion.chunk",
        "created": int(time.time()),
        "model": request.body.get("model", "fake"),
    }
    yield {**base, "choices": [{"index": 0, "delta": {"role": "assistant", "content": ""}, "finish_reason": None}]}
    for piece in _pieces(reply.text):
        yield {**base, "choices": [{"index": 0, "delta": {"content": piece}, "finish_reason": None}]}
    yield {**base, "choices": [{"index": 0, "delta": {}, "finish_reason": "stop"}]}
    if (request.body.get("stream_options") or {}).get("include_usage"):
        usage = {"prompt_tokens": input_tokens, "completion_tokens": output_tokens}
        yield {**base, "choices": [], "usage": {**usage, "total_tokens": input_tokens + output_tokens}}
    yield "[DONE]"


def _anthropic_message(server: FakeLLMServer, request: RecordedRequest, reply: Reply) -> dict:
    input_tokens, output_tokens = _usage_for(request, reply)
    cached, written = request.usage.get("cached_tokens", 0), request.usage.get("cache_write_tokens", 0)
    content: list[dict[str, Any]] = [{"type": "text", "text": reply.text}] if reply.text or not reply.tool_calls else []
    for call in reply.tool_calls:
        arguments = call.get("arguments", {})
        content.append(
            {"type": "tool_use", "id": server._new_id("toolu_fake"), "name": call["name"], "input": arguments}
        )
    return {
        "id": server._new_id("msg_fake"),
        "type": "message",
        "role": "assistant",
        "model": request.body.get("model", "fake"),
        "content": content,
        "stop_reason": "tool_use" if reply.tool_calls else "end_turn",
        "stop_sequence": None,
        # Anthropic's input_tokens leaves out what was read from or written to the cache.
        "usage": {
            "input_tokens": max(0, input_tokens - cached - written),
            "output_tokens": output_tokens,
            "cache_read_input_tokens": cached,
            "cache_creation_input_tokens": written,
        },
    }


def _anthropic_stream(server: FakeLLMServer, request: RecordedRequest, reply: Reply) -> Iterator[dict]:
    input_tokens, output_tokens = _usage_for(request, reply)
    message = _anthropic_message(server, request, reply)
    message.update(content=[], stop_reason=None, usage={"input_tokens": input_tokens, "output_tokens": 1})
    yield {"type": "message_start", "message": message}
    yield {"type": "content_block_start", "index": 0, "content_block": {"type": "text", "text": ""}}
    for piece in _pieces(reply.text):
        yield {"type": "content_block_delta", "index": 0, "delta": {"type": "text_delta", "text": piece}}
    yield {"type": "content_block_stop", "index": 0}
    yield {
        "type": "message_delta",
        "delta": {"stop_reason": "end_turn", "stop_sequence": None},
        "usage": {"output_tokens": output_tokens},
    }
    yield {"type": "message_stop"}


def _pieces(text: str, size: int = 40) -> list[str]:
    return [text[i : i + size] for i in range(0, len(text), size)] or [""]


def _handler_for(server: FakeLLMServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        # HTTP/1.0: the server closes each connection after its answer, which ends a stream cleanly.
        protocol_version = "HTTP/1.0"

        def log_message(self, format: str, *args: Any) -> None:  # quiet: tests read `requests`
            pass

        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            try:
                body = json.loads(self.rfile.read(length) or b"{}")
            except ValueError:
                body = {}
            path = self.path.split("?", 1)[0]
            request = RecordedRequest(path=path, headers={k.lower(): v for k, v in self.headers.items()}, body=body)
            if path.endswith(ANTHROPIC_COUNT_PATH):
                server.token_counts.append(request)
                request.status = 200
                self._send_json(200, {"input_tokens": max(1, len(request.prompt) // 4)})
                return
            if not path.endswith((OPENAI_PATH, ANTHROPIC_PATH)):
                server.requests.append(request)
                request.status = 404
                self._send_json(404, {"error": {"message": f"fake_llm does not serve {path}"}})
                return
            self._answer(request, server._next_reply(request))

        def _answer(self, request: RecordedRequest, reply: Reply) -> None:
            anthropic = request.protocol == "anthropic"
            request.status = reply.status
            if reply.status != 200:
                body = _anthropic_error(reply) if anthropic else _openai_error(reply)
                self._send_json(reply.status, body, reply.headers)
                return
            input_tokens, output_tokens = _usage_for(request, reply)
            cached, written = _cache_for(server, request, reply)
            request.usage = {
                "input_tokens": input_tokens,
                "output_tokens": output_tokens,
                "cached_tokens": cached,
                "cache_write_tokens": written,
            }
            if request.streamed:
                events = _anthropic_stream if anthropic else _openai_stream
                self._send_events(events(server, request, reply), named=anthropic)
            else:
                make = _anthropic_message if anthropic else _openai_completion
                self._send_json(200, make(server, request, reply), reply.headers)

        def _send_json(self, status: int, body: dict, headers: dict[str, str] | None = None) -> None:
            send_json(self, status, body, headers)

        def _send_events(self, events: Iterator[dict | str], *, named: bool) -> None:
            self.send_response(200)
            self.send_header("Content-Type", "text/event-stream")
            self.send_header("Cache-Control", "no-cache")
            self.end_headers()
            for event in events:
                data = event if isinstance(event, str) else json.dumps(event)
                prefix = f"event: {event['type']}\n" if named and isinstance(event, dict) else ""
                self.wfile.write(f"{prefix}data: {data}\n\n".encode())
                self.wfile.flush()

    return Handler


# --- pytest plugin -----------------------------------------------------------------------------------


class FakeLLM(FakeLLMServer):
    """The server plus the settings that point the LLM layer at it."""

    def __init__(self, settings: Any) -> None:
        super().__init__()
        self._settings = settings

    def use(self, provider: str, **overrides: Any) -> FakeLLM:
        """Configure the LLM layer for `provider` ("openai", "anthropic" or "groq") on this server, alone."""
        base_urls = {"openai": self.openai_base_url, "anthropic": self.anthropic_base_url, "groq": self.openai_base_url}
        if provider not in base_urls:
            raise ValueError(f"unknown provider {provider!r}")
        values: dict[str, Any] = {f"{name.upper()}_API_KEY": None for name in base_urls}
        values.update({f"{provider.upper()}_API_KEY": TEST_KEY, f"{provider.upper()}_BASE_URL": base_urls[provider]})
        values.update({"WFP_LLM_PROVIDER": None, "WFP_SUGGESTIONS_LLM_PROVIDER": None})
        values.update({"WFP_LLM_RPM": 0, "WFP_LLM_TIMEOUT": 30, **overrides})
        for name, value in values.items():
            setattr(self._settings, name, value)
        return self


@pytest.fixture
def fake_llm(settings, monkeypatch) -> Iterator[FakeLLM]:
    """A running FakeLLM, with the LLM layer configured for OpenAI on it (see the module docstring)."""
    for name in PROVIDER_ENV:
        monkeypatch.delenv(name, raising=False)
    server = FakeLLM(settings)
    server.start()
    server.use("openai")
    try:
        yield server
    finally:
        server.stop()
