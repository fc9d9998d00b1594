"""Tool-calling conversations over the real SDKs against the local OpenAI/Anthropic server."""

from __future__ import annotations

import pytest

from wfplatform.llm import LLMError, UsageMeter, llm_config
from wfplatform.llm.testing import Reply
from wfplatform.llm.tooluse import ToolConversation, ToolResult, ToolSpec

PICK = ToolSpec(
    name="pick",
    description="Pick a colour.",
    parameters={"type": "object", "required": ["colour"], "properties": {"colour": {"type": "string"}}},
)
LONG_SYSTEM = "You pick colours. " + "Rules of the colour game, repeated to make a long prefix. " * 120


@pytest.fixture(params=["openai", "anthropic"])
def provider(request, fake_llm):
    fake_llm.use(request.param)
    return request.param


def conversation(system: str = LONG_SYSTEM, meter: UsageMeter | None = None) -> ToolConversation:
    return ToolConversation(llm_config(), system=system, tools=[PICK], meter=meter)


def test_the_model_s_tool_call_comes_back_with_decoded_arguments(fake_llm, provider):
    fake_llm.reply(Reply(tool_calls=[{"name": "pick", "arguments": {"colour": "teal"}}]))
    turn = conversation().send("which colour?")
    assert [(call.name, call.arguments) for call in turn.tool_calls] == [("pick", {"colour": "teal"})]
    body = fake_llm.requests[0].body
    if provider == "openai":
        assert body["tool_choice"] == "required"
        assert body["tools"][0]["function"]["name"] == "pick"
        assert body["messages"][0] == {"role": "system", "content": LONG_SYSTEM}
    else:
        assert body["tool_choice"] == {"type": "any"}
        assert body["tools"][0]["input_schema"] == PICK.parameters
        assert body["system"][0]["cache_control"] == {"type": "ephemeral"}


def test_tool_results_go_back_to_the_model_in_the_provider_s_shape(fake_llm, provider):
    fake_llm.reply(
        Reply(tool_calls=[{"name": "pick", "arguments": {"colour": "mauve"}}]),
        Reply(tool_calls=[{"name": "pick", "arguments": {"colour": "teal"}}]),
    )
    talk = conversation()
    first = talk.send("which colour?")
    second = talk.send_results([ToolResult(first.tool_calls[0], "error: mauve is not allowed", is_error=True)])
    assert second.tool_calls[0].arguments == {"colour": "teal"}
    messages = fake_llm.requests[1].body["messages"]
    if provider == "openai":
        assert messages[-2]["tool_calls"][0]["function"]["name"] == "pick"
        assert messages[-1] == {
            "role": "tool",
            "tool_call_id": first.tool_calls[0].id,
            "content": "error: mauve is not allowed",
        }
    else:
        assert messages[-2]["content"][0]["type"] == "tool_use"
        result = messages[-1]["content"][0]
        assert (result["type"], result["tool_use_id"], result["is_error"]) == (
            "tool_result",
            first.tool_calls[0].id,
            True,
        )
    assert "mauve is not allowed" in fake_llm.requests[1].prompt


def test_the_second_call_reads_the_cached_system_prompt(fake_llm, provider):
    fake_llm.reply(*[Reply(tool_calls=[{"name": "pick", "arguments": {"colour": "red"}}]) for _ in range(2)])
    first = conversation().send("one")
    second = conversation().send("two")
    assert first.usage.cached_tokens == 0
    assert second.usage.cached_tokens > 1000
    assert second.usage.input_tokens >= second.usage.cached_tokens
    if provider == "anthropic":
        assert first.usage.cache_write_tokens > 1000


def test_a_short_system_prompt_is_not_cached(fake_llm, provider):
    fake_llm.reply(*[Reply(tool_calls=[{"name": "pick", "arguments": {}}]) for _ in range(2)])
    conversation(system="short").send("one")
    assert conversation(system="short").send("two").usage.cached_tokens == 0


def test_usage_is_summed_and_metered(fake_llm, provider):
    fake_llm.reply(
        Reply(tool_calls=[{"name": "pick", "arguments": {}}], input_tokens=2000, output_tokens=30),
        Reply(tool_calls=[{"name": "pick", "arguments": {}}], input_tokens=2100, output_tokens=20),
    )
    meter = UsageMeter(llm_config())
    talk = conversation(meter=meter)
    turn = talk.send("one")
    talk.send_results([ToolResult(turn.tool_calls[0], "ok")])
    assert (talk.usage.calls, talk.usage.input_tokens, talk.usage.output_tokens) == (2, 4100, 50)
    assert (meter.calls, meter.input_tokens, meter.output_tokens) == (2, 4100, 50)


def test_arguments_that_are_not_json_are_kept_as_text(fake_llm):
    fake_llm.reply(Reply(tool_calls=[{"name": "pick", "arguments": "{colour: teal"}]))
    assert conversation().send("x").tool_calls[0].arguments == "{colour: teal"


def test_a_provider_error_becomes_an_llm_error_without_the_key(fake_llm, provider, settings):
    settings.WFP_LLM_MAX_RETRIES = 0
    fake_llm.fail(401, times=1, message="bad key test-key")
    with pytest.raises(LLMError) as caught:
        conversation().send("x")
    assert "401" in str(caught.value) and "test-key" not in str(caught.value)
