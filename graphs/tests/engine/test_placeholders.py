"""{{ path }} placeholders in strict tools' args, and the checks of those args when a graph is saved."""

from __future__ import annotations

import pytest

from graphs.engine.errors import InvalidGraph
from graphs.engine.placeholders import MissingValue, fill, has_placeholder
from graphs.engine.runner import Engine
from graphs.engine.tools import Tool, ToolRegistry
from graphs.engine.validation import check_graph

STATE = {"issue": {"title": "Crash", "labels": ["bug", "p1"], "number": 7}, "items": [{"id": 3}]}


def test_a_whole_placeholder_keeps_the_value_s_type():
    assert fill("{{ issue.number }}", STATE) == 7
    assert fill("{{issue.labels}}", STATE) == ["bug", "p1"]
    assert fill("{{ items.0.id }}", STATE) == 3


def test_placeholders_inside_text_are_written_in_and_nested_values_are_filled():
    value = {"text": "#{{ issue.number }}: {{ issue.title }} {{ issue.labels }}", "list": ["{{ issue.title }}", 1]}
    assert fill(value, STATE) == {"text": '#7: Crash ["bug", "p1"]', "list": ["Crash", 1]}


def test_a_missing_path_is_an_error_that_names_it():
    with pytest.raises(MissingValue, match="issue.author"):
        fill("by {{ issue.author }}", STATE)
    with pytest.raises(MissingValue, match="items.5.id"):
        fill("{{ items.5.id }}", STATE)


def test_text_without_placeholders_is_left_alone():
    assert not has_placeholder("{ not one }") and has_placeholder("a {{b}} c")
    assert fill("{ not one } {{", STATE) == "{ not one } {{"


SCHEMA = {
    "type": "object",
    "properties": {"to": {"type": "string"}, "count": {"type": "integer", "minimum": 1}},
    "required": ["to"],
}


def registry(strict: bool) -> ToolRegistry:
    tools = ToolRegistry()
    tools.register(lambda inputs: {"sent": [inputs["to"], inputs.get("count")]}, name="send", schema=SCHEMA)

    class Strict:
        def find(self, name: str) -> Tool | None:
            return Tool("SEND_STRICT", lambda inputs: {"sent": [inputs["to"], inputs.get("count")]}, SCHEMA,
                        strict_args=True) if name == "SEND_STRICT" and strict else None  # fmt: skip

    tools.add_provider(Strict())
    return tools


def graph(args: dict, tool: str = "SEND_STRICT") -> dict:
    return {"name": "g", "start_node": "a", "nodes": {"a": {"tool": tool, "args": args}}}


def test_a_strict_tool_s_args_are_checked_against_its_schema():
    with pytest.raises(InvalidGraph) as caught:
        check_graph(graph({"count": 0, "cc": "x"}), registry=registry(True))
    found = sorted((p.where, p.code) for p in caught.value.problems)
    assert found == [("nodes.a.args.cc", "unknown_parameter"), ("nodes.a.args.count", "invalid_parameter"),
                     ("nodes.a.args.to", "missing_parameter")]  # fmt: skip


def test_placeholders_pass_the_check_and_are_filled_when_the_node_runs():
    tools = registry(True)
    spec = check_graph(graph({"to": "{{ who }}", "count": "{{ n }}"}), registry=tools)
    result = Engine(spec, registry=tools).run({"who": "ops", "n": 2})
    assert result.state["sent"] == ["ops", 2]


def test_registered_tools_keep_taking_their_inputs_from_the_state_unchecked():
    spec = check_graph(graph({"cc": "x"}, tool="send"), registry=registry(True))
    result = Engine(spec, registry=registry(True)).run({"to": "ops"})
    assert result.state["sent"] == ["ops", None]


def test_a_provided_tool_is_unknown_when_the_provider_does_not_find_it():
    with pytest.raises(InvalidGraph) as caught:
        check_graph(graph({"to": "x"}), registry=registry(False))
    assert [p.code for p in caught.value.problems] == ["unknown_tool"]
