"""make_llm against a local server speaking the providers' protocols: the real SDKs and CrewAI run."""

from __future__ import annotations

import asyncio
import logging
import socket

import pytest

from wfplatform.llm import UsageMeter, llm_config, llm_error_from, make_llm, ratelimit, sdk_retries_only
from wfplatform.llm.testing import Reply

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning:crewai")

SECRET = "sk-live-do-not-leak-0123456789abcdef"


def call(llm, prompt: str = "Say hello."):
    with sdk_retries_only():
        return llm.call(prompt)


def failure(llm, config):
    with pytest.raises(Exception) as raised:
        call(llm)
    error = llm_error_from(raised.value, config)
    assert error is not None, f"not recognised as an LLM failure: {raised.value!r}"
    return error


# --- OpenAI protocol -------------------------------------------------------------------------


def test_a_call_goes_through_the_openai_sdk_with_the_configured_model_and_key(fake_llm):
    fake_llm.reply("hello there")

    answer = call(make_llm())

    [request] = fake_llm.requests
    assert answer == "hello there"
    assert request.path == "/v1/chat/completions"
    assert request.headers["authorization"] == "Bearer test-key"
    assert (request.body["model"], request.body["temperature"]) == ("gpt-4o-mini", 0.1)
    assert "Say hello." in request.prompt


def test_groq_runs_through_crewai_s_openai_client_with_its_model_and_usage(fake_llm):
    fake_llm.use("groq", GROQ_MODEL="llama-3.3-70b-versatile")
    fake_llm.reply(Reply("hi from groq", input_tokens=12, output_tokens=4))
    meter = UsageMeter(llm_config())

    answer = call(make_llm(meter=meter))

    [request] = fake_llm.requests
    assert (answer, request.path, request.body["model"]) == (
        "hi from groq",
        "/v1/chat/completions",
        "llama-3.3-70b-versatile",
    )
    assert meter.as_dict()["provider"] == "groq" and meter.cost_usd == round((12 * 0.59 + 4 * 0.79) / 1e6, 8)


def test_a_streamed_call_reads_the_server_sent_events_and_their_usage(fake_llm):
    fake_llm.reply(Reply("a long streamed answer " * 10, input_tokens=70, output_tokens=55))
    meter = UsageMeter(llm_config())

    answer = call(make_llm(meter=meter, stream=True))

    assert answer == "a long streamed answer " * 10
    assert fake_llm.requests[0].streamed
    assert (meter.calls, meter.input_tokens, meter.output_tokens) == (1, 70, 55)


def test_429s_are_retried_with_back_off_until_one_succeeds(fake_llm, settings):
    settings.WFP_LLM_MAX_RETRIES = 3
    fake_llm.fail(429, times=2)
    fake_llm.reply("finally")
    meter = UsageMeter(llm_config())

    answer = call(make_llm(meter=meter))

    assert answer == "finally"
    assert [request.status for request in fake_llm.requests] == [429, 429, 200]
    assert meter.calls == 1


def test_5xx_answers_are_retried_too(fake_llm):
    fake_llm.fail(503, times=1)
    fake_llm.fail(500, times=1)
    fake_llm.reply("up again")

    assert call(make_llm()) == "up again"
    assert len(fake_llm.requests) == 3


def test_past_the_retries_a_server_error_becomes_a_clear_error_without_the_key(fake_llm, settings, caplog):
    fake_llm.use("openai", OPENAI_API_KEY=SECRET, WFP_LLM_MAX_RETRIES=2)
    fake_llm.fail(500, times=5, message=f"internal error while serving key {SECRET}")
    config = llm_config()

    error = failure(make_llm(config), config)

    assert len(fake_llm.requests) == 3  # the first attempt and two retries
    assert str(error) == "the OpenAI API failed with status 500 after 2 retries"
    assert (error.status, error.retryable) == (500, True)
    assert SECRET not in caplog.text  # CrewAI logs the server's answer; the filter blanks the key
    assert "[redacted]" in caplog.text


def test_persistent_429s_end_in_a_rate_limit_error(fake_llm, settings):
    settings.WFP_LLM_MAX_RETRIES = 1
    fake_llm.fail(429, times=5)
    config = llm_config()

    error = failure(make_llm(config), config)

    assert len(fake_llm.requests) == 2
    assert str(error) == "the OpenAI API kept answering 429 (rate limited or out of quota) after 1 retries"


def test_a_refused_key_says_so_without_the_key(fake_llm):
    fake_llm.use("openai", OPENAI_API_KEY=SECRET)
    fake_llm.fail(401, message=f"Incorrect API key provided: {SECRET}")
    config = llm_config()

    error = failure(make_llm(config), config)

    assert str(error) == "the OpenAI API refused the key (401)"
    assert len(fake_llm.requests) == 1  # a 401 is not retried
    assert fake_llm.requests[0].headers["authorization"] == f"Bearer {SECRET}"


def test_a_rejected_request_quotes_the_provider_with_the_key_blanked(fake_llm):
    fake_llm.use("openai", OPENAI_API_KEY=SECRET)
    fake_llm.fail(422, message=f"max_tokens too large for {SECRET}")
    config = llm_config()

    error = failure(make_llm(config), config)

    assert str(error) == "the OpenAI API rejected the request (422): max_tokens too large for [redacted]"


def test_an_unreachable_server_is_named_by_host(fake_llm, settings):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    fake_llm.use("openai", OPENAI_BASE_URL=f"http://127.0.0.1:{port}/v1", WFP_LLM_MAX_RETRIES=0)
    config = llm_config()

    error = failure(make_llm(config), config)

    assert str(error) == f"could not reach the OpenAI API at 127.0.0.1:{port}"


def test_the_log_filter_blanks_keys_in_messages_and_tracebacks(fake_llm, caplog):
    fake_llm.use("openai", OPENAI_API_KEY=SECRET)
    make_llm()
    try:
        raise RuntimeError(f"boom {SECRET}")
    except RuntimeError:
        logging.getLogger("crewai.test").exception("failed with %s", SECRET)

    assert "boom [redacted]" in caplog.text
    assert SECRET not in caplog.text


# --- usage and cost ----------------------------------------------------------------------------


def test_the_meter_counts_calls_tokens_and_cost_from_the_usage_blocks(fake_llm):
    fake_llm.reply(
        Reply("one", input_tokens=1000, output_tokens=200), Reply("two", input_tokens=3000, output_tokens=800)
    )
    meter = UsageMeter(llm_config())
    llm = make_llm(meter=meter)

    call(llm)
    call(llm)

    assert meter.as_dict() == {
        "provider": "openai",
        "model": "gpt-4o-mini",
        "calls": 2,
        "input_tokens": 4000,
        "output_tokens": 1000,
        "cost_usd": pytest.approx((4000 * 0.15 + 1000 * 0.60) / 1_000_000),
    }
    assert fake_llm.reported_usage() == {"calls": 2, "input_tokens": 4000, "output_tokens": 1000}


def test_a_meter_counts_only_what_happened_after_it_started_tracking(fake_llm):
    fake_llm.reply(Reply("before", input_tokens=10, output_tokens=10), Reply("after", input_tokens=7, output_tokens=3))
    llm = make_llm()
    call(llm)
    meter = UsageMeter(llm_config())
    meter.track(llm)
    call(llm)
    meter.add(input_tokens=100, output_tokens=50)

    assert (meter.calls, meter.input_tokens, meter.output_tokens) == (2, 107, 53)


# --- Anthropic protocol -------------------------------------------------------------------------


def test_the_anthropic_protocol_works_through_crewai_agents(fake_llm):
    from crewai import Agent, Crew, Task

    fake_llm.use("anthropic")
    fake_llm.reply(Reply("The plan: upper-case the names.", input_tokens=300, output_tokens=40))
    meter = UsageMeter(llm_config())
    agent = Agent(role="Planner", goal="Plan", backstory="Careful.", llm=make_llm(meter=meter), max_retry_limit=0)
    task = Task(description="Plan the conversion.", expected_output="A plan.", agent=agent)

    with sdk_retries_only():
        output = Crew(agents=[agent], tasks=[task], verbose=False).kickoff()

    [request] = fake_llm.requests
    assert output.raw == "The plan: upper-case the names."
    assert request.path == "/v1/messages"
    assert request.headers["x-api-key"] == "test-key"
    assert request.body["model"] == "claude-sonnet-4-5"
    assert "Plan the conversion." in request.prompt
    assert len(fake_llm.token_counts) == 1  # CrewAI asks Anthropic to count a prompt's tokens first
    assert meter.as_dict()["input_tokens"] == 300
    assert meter.as_dict()["cost_usd"] == pytest.approx((300 * 3 + 40 * 15) / 1_000_000)


def test_anthropic_streaming_and_retries(fake_llm):
    fake_llm.use("anthropic")
    fake_llm.fail(529, times=1)  # Anthropic's "overloaded"
    fake_llm.reply(Reply("streamed from claude", input_tokens=12, output_tokens=4))
    meter = UsageMeter(llm_config())

    answer = call(make_llm(meter=meter, stream=True))

    assert answer == "streamed from claude"
    assert [request.status for request in fake_llm.requests] == [529, 200]
    assert fake_llm.requests[-1].streamed
    assert (meter.input_tokens, meter.output_tokens) == (12, 4)


def test_a_refused_anthropic_key_says_so(fake_llm):
    fake_llm.use("anthropic", ANTHROPIC_API_KEY=SECRET)
    fake_llm.fail(401, message="invalid x-api-key")
    config = llm_config()

    error = failure(make_llm(config), config)

    assert str(error) == "the Anthropic API refused the key (401)"


# --- rate limit ------------------------------------------------------------------------------------


@pytest.fixture
def short_window(monkeypatch):
    """A 0.4 s window instead of a minute, and a fresh registry of limiters."""
    monkeypatch.setattr(ratelimit, "WINDOW_S", 0.4)
    monkeypatch.setattr(ratelimit, "_limiters", {})


def test_the_rate_limit_holds_back_requests_past_the_rate(fake_llm, settings, short_window):
    settings.WFP_LLM_RPM = 2
    fake_llm.reply("1", "2", "3")
    llm = make_llm()

    for _ in range(3):
        call(llm)

    first, second, third = (request.at for request in fake_llm.requests)
    assert second - first < 0.3
    assert third - first >= 0.38


def test_the_rate_limit_is_shared_by_every_llm_of_the_process_and_holds_async_calls(fake_llm, settings, short_window):
    settings.WFP_LLM_RPM = 1
    fake_llm.reply("1", "2")

    call(make_llm())
    asyncio.run(make_llm().acall("again"))

    first, second = (request.at for request in fake_llm.requests)
    assert second - first >= 0.38


def test_without_a_rate_there_is_no_limiter(fake_llm, settings):
    settings.WFP_LLM_RPM = 0
    fake_llm.reply(*"12345")
    llm = make_llm()

    for _ in range(5):
        call(llm)

    assert fake_llm.requests[-1].at - fake_llm.requests[0].at < 1.0
