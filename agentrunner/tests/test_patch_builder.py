"""The built-in patch builder: each understood form applied with jsonpatch to realistic definitions, the result
compared whole and checked under the graph rules; and the refusals, whose messages must say what to fix."""

from __future__ import annotations

import copy
from typing import Any

import jsonpatch
import pytest

from agentrunner.patch_builder import PatchNotUnderstood, PatchProposal, ToolInfo, build_patch
from agentrunner.patch_builder.tokens import NUMBER, tokenize
from graphs.engine.definition import parse_graph
from graphs.engine.expressions import compile_expression
from graphs.engine.tools import ToolRegistry


def _schema(required: list[str], **properties: str) -> dict[str, Any]:
    return {"type": "object", "required": required, "properties": {k: {"type": v} for k, v in properties.items()}}


TOOLS = [
    ToolInfo(
        "fetch_prices", "Fetch the latest prices for a symbol", _schema(["symbol"], symbol="string", currency="string")
    ),
    ToolInfo("check_price", "Compare the price with a threshold", _schema(["threshold"], threshold="number")),
    ToolInfo("report", "Write a summary report of the prices", _schema(["prices"], prices="array")),
    ToolInfo(
        "send_email",
        "Send an email message",
        _schema(["to", "subject", "body"], to="string", subject="string", body="string"),
    ),
    ToolInfo(
        "post_slack", "Post a message to a Slack channel", _schema(["channel", "text"], channel="string", text="string")
    ),
    ToolInfo("wait", "Pause the run for a number of seconds", _schema(["seconds"], seconds="integer")),
    ToolInfo("set_values", "Set keys of the state to constant values", _schema(["values"], values="object")),
    ToolInfo("call_webhook", "Call an HTTP webhook with the state", _schema(["url"], url="string")),
]
REGISTRY = ToolRegistry()
for _tool in TOOLS:
    REGISTRY.register(lambda inputs: None, name=_tool.name, schema=_tool.schema, description=_tool.description)

PRICE = {
    "name": "price_tracker",
    "start_node": "fetch_prices",
    "nodes": {
        "fetch_prices": {"tool": "fetch_prices", "args": {"symbol": "ACME"}, "next": "check_price"},
        "check_price": {"tool": "check_price", "args": {"threshold": 300}, "next": "report"},
        "report": {"tool": "report", "next": "end"},
    },
}
# Branches on a condition; the last step leaves out its next.
TRIAGE = {
    "name": "triage",
    "start_node": "fetch_errors",
    "nodes": {
        "fetch_errors": {"tool": "fetch_prices", "next": "classify"},
        "classify": {
            "tool": "check_price",
            "args": {"threshold": 5},
            "next": {"condition": "errors >= threshold", "if_true": "page_oncall", "if_false": "end"},
        },
        "page_oncall": {"tool": "post_slack", "args": {"channel": "#oncall", "text": "Errors!"}, "next": "pause"},
        "pause": {"tool": "wait", "args": {"seconds": 10}},
    },
}
# A polling loop that only ends through a switch case.
POLLER = {
    "name": "poller",
    "start_node": "poll",
    "nodes": {
        "poll": {
            "tool": "fetch_prices",
            "next": {
                "switch": [{"when": "status == 'done'", "to": "end"}, {"when": "status == 'failed'", "to": "alert"}],
                "default": "sleep",
            },
        },
        "sleep": {"tool": "wait", "args": {"seconds": 5}, "next": "poll"},
        "alert": {
            "tool": "send_email",
            "args": {"to": "ops@example.com", "subject": "Failed", "body": "Job failed"},
            "next": "poll",
        },
    },
}
FAN_OUT = {
    "name": "fan_out",
    "start_node": "split",
    "nodes": {
        "split": {"tool": "fetch_prices", "next": {"parallel": ["left", "right"], "join": "merge"}},
        "left": {"tool": "wait", "args": {"seconds": 1}, "next": "merge"},
        "right": {"tool": "wait", "args": {"seconds": 2}, "next": "merge"},
        "merge": {"tool": "report", "next": "end"},
    },
}


def patched(prompt: str, definition: dict[str, Any]) -> tuple[dict[str, Any], PatchProposal]:
    """The definition with the proposal applied; the result must pass the graph rules."""
    before = copy.deepcopy(definition)
    proposal = build_patch(prompt, definition, TOOLS)
    assert definition == before, "build_patch must not change the definition it is given"
    result = jsonpatch.apply_patch(definition, proposal.operations)
    parse_graph(result, registry=REGISTRY)
    assert proposal.explanation
    return result, proposal


def with_nodes(definition: dict[str, Any], start: str | None = None, **nodes: Any) -> dict[str, Any]:
    """A copy of the definition with nodes replaced (a value of None removes the node)."""
    expected = copy.deepcopy(definition)
    for name, node in nodes.items():
        if node is None:
            expected["nodes"].pop(name)
        else:
            expected["nodes"][name] = node
    if start is not None:
        expected["start_node"] = start
    return expected


def refused(prompt: str, definition: dict[str, Any]) -> str:
    with pytest.raises(PatchNotUnderstood) as caught:
        build_patch(prompt, definition, TOOLS)
    return str(caught.value)


# --- adding a step ----------------------------------------------------------------------------------------


def test_it_adds_a_step_after_a_named_step_taking_over_its_next():
    result, proposal = patched("add a step that waits 10 seconds after fetch", PRICE)
    assert result == with_nodes(
        PRICE,
        fetch_prices={"tool": "fetch_prices", "args": {"symbol": "ACME"}, "next": "wait"},
        wait={"tool": "wait", "args": {"seconds": 10}, "next": "check_price"},
    )
    assert proposal.operations == [
        {"op": "add", "path": "/nodes/wait", "value": {"tool": "wait", "args": {"seconds": 10}, "next": "check_price"}},
        {"op": "replace", "path": "/nodes/fetch_prices/next", "value": "wait"},
    ]


def test_it_reads_the_position_first_and_the_action_after_a_comma():
    result, _ = patched("After fetch_prices, wait 30 seconds.", PRICE)
    assert result["nodes"]["wait"] == {"tool": "wait", "args": {"seconds": 30}, "next": "check_price"}
    assert result["nodes"]["fetch_prices"]["next"] == "wait"


def test_it_inserts_before_a_step():
    result, _ = patched("please insert a 5 second wait step before report", PRICE)
    assert result == with_nodes(
        PRICE,
        check_price={"tool": "check_price", "args": {"threshold": 300}, "next": "wait"},
        wait={"tool": "wait", "args": {"seconds": 5}, "next": "report"},
    )


def test_inserting_before_a_step_redirects_every_route_to_it_including_the_start():
    result, _ = patched("wait 3 seconds before poll", POLLER)
    assert result["start_node"] == "wait"
    assert result["nodes"]["wait"] == {"tool": "wait", "args": {"seconds": 3}, "next": "poll"}
    assert result["nodes"]["sleep"]["next"] == "wait"
    assert result["nodes"]["alert"]["next"] == "wait"


def test_it_adds_at_the_end_after_the_last_step_when_no_position_is_given():
    result, _ = patched("send a slack message to #alerts after the report step", PRICE)
    assert result == with_nodes(
        PRICE,
        report={"tool": "report", "next": "post_slack"},
        post_slack={
            "tool": "post_slack",
            "args": {"channel": "#alerts", "text": "Price tracker update."},
            "next": "end",
        },
    )
    at_end, _ = patched("send a slack message to #alerts", PRICE)
    assert at_end == result


def test_it_adds_an_email_notification_at_the_end_with_the_address_given():
    result, _ = patched("add an email notification to ops@example.com at the end of the workflow", PRICE)
    assert result["nodes"]["report"]["next"] == "send_email"
    assert result["nodes"]["send_email"] == {
        "tool": "send_email",
        "args": {"to": "ops@example.com", "subject": "Price tracker update", "body": "Price tracker update."},
        "next": "end",
    }


def test_a_step_without_a_next_gets_one_added():
    result, proposal = patched("add an email to oncall@example.com at the end", TRIAGE)
    assert {"op": "add", "path": "/nodes/pause/next", "value": "send_email"} in proposal.operations
    assert result["nodes"]["pause"] == {"tool": "wait", "args": {"seconds": 10}, "next": "send_email"}


def test_at_the_end_only_the_branch_to_end_moves_when_the_last_step_branches():
    result, proposal = patched("send a slack message to #ops at the end", POLLER)
    assert proposal.operations[1] == {"op": "replace", "path": "/nodes/poll/next/switch/0/to", "value": "post_slack"}
    assert result["nodes"]["poll"]["next"]["switch"][0] == {"when": "status == 'done'", "to": "post_slack"}
    assert result["nodes"]["post_slack"]["next"] == "end"


def test_at_the_end_means_after_the_ending_step_reached_last_from_the_start():
    definition = {
        "name": "forked",
        "start_node": "check",
        "nodes": {
            "check": {
                "tool": "check_price",
                "next": {"condition": "price < 10", "if_true": "cheap", "if_false": "dear"},
            },
            "cheap": {"tool": "report", "next": "end"},
            "dear": {"tool": "report", "next": "end"},
        },
    }
    result, _ = patched("wait 1 second at the end", definition)
    assert result["nodes"]["dear"]["next"] == "wait"
    assert result["nodes"]["cheap"]["next"] == "end"


def test_it_converts_minutes_into_an_input_in_seconds():
    result, _ = patched("wait 2 minutes after check_price", PRICE)
    assert result["nodes"]["wait"]["args"] == {"seconds": 120}


def test_a_missing_argument_is_taken_from_a_step_running_the_same_tool():
    result, _ = patched("add a wait at the start", POLLER)
    assert result == with_nodes(POLLER, start="wait", wait={"tool": "wait", "args": {"seconds": 5}, "next": "poll"})


def test_quoted_texts_go_to_the_inputs_their_cue_words_name():
    result, _ = patched("email bob@example.com with subject 'Drop!' saying 'Price fell' after check_price", PRICE)
    assert result["nodes"]["send_email"]["args"] == {"to": "bob@example.com", "subject": "Drop!", "body": "Price fell"}


def test_new_step_names_are_made_unique():
    once, _ = patched("add a 5 second wait after fetch_prices", PRICE)
    twice, _ = patched("add a 7 second wait after fetch_prices", once)
    assert twice["nodes"]["fetch_prices"]["next"] == "wait_2"
    assert twice["nodes"]["wait_2"] == {"tool": "wait", "args": {"seconds": 7}, "next": "wait"}


def test_a_url_literal_fills_the_url_input():
    result, _ = patched("call the webhook https://hooks.example.com/price after report", PRICE)
    assert result["nodes"]["call_webhook"] == {
        "tool": "call_webhook",
        "args": {"url": "https://hooks.example.com/price"},
        "next": "end",
    }


def test_node_names_with_slash_and_tilde_are_escaped_in_paths():
    definition = {
        "name": "odd",
        "start_node": "fetch/prices",
        "nodes": {"fetch/prices": {"tool": "fetch_prices", "next": "re~port"}, "re~port": {"tool": "report"}},
    }
    result, proposal = patched("wait 5 seconds after fetch/prices", definition)
    assert proposal.operations[1] == {"op": "replace", "path": "/nodes/fetch~1prices/next", "value": "wait"}
    assert result["nodes"]["wait"]["next"] == "re~port"


def test_steps_can_be_named_by_position_or_in_quotes():
    result, _ = patched("add a 5 second wait before the first step", PRICE)
    assert result["start_node"] == "wait"
    result, _ = patched("wait 5 seconds after 'check_price'", PRICE)
    assert result["nodes"]["check_price"]["next"] == "wait"
    result, _ = patched("wait 5 seconds before the end", TRIAGE)
    assert result["nodes"]["pause"]["next"] == "wait"


def test_it_refuses_a_tool_it_cannot_find_listing_the_tools():
    message = refused("send an sms after report", PRICE)
    assert 'no tool matches "sms"' in message
    assert (
        "tools are: call_webhook, check_price, fetch_prices, post_slack, report, send_email, set_values, wait"
        in message
    )


def test_it_refuses_an_unknown_anchor_listing_the_steps():
    message = refused("add a 5 second wait after the slack step", PRICE)
    assert message == 'no step named "slack"; steps are: fetch_prices, check_price, report'


def test_it_names_a_required_argument_the_prompt_does_not_give():
    message = refused("add an email notification at the end", PRICE)
    assert 'missing its required argument "to"' in message
    assert "ops@example.com" in message


def test_it_refuses_to_add_after_a_fan_out_or_before_a_join():
    assert "branches (parallel)" in refused("email a@example.com after split", FAN_OUT)
    assert "join of a parallel" in refused("wait 3s before merge", FAN_OUT)


def test_it_refuses_a_schedule_which_is_not_part_of_the_graph():
    assert "schedule" in refused("every 5 minutes post to #ops", PRICE)


def test_it_refuses_a_prompt_that_asks_for_nothing_it_knows_listing_the_forms():
    message = refused("hello there", PRICE)
    assert "supported changes" in message and "rename a step" in message


# --- standing conditions ----------------------------------------------------------------------------------


def test_a_standing_condition_branches_to_the_new_step_at_the_end():
    result, proposal = patched("always send an email to ops@example.com when the price drops below 300", PRICE)
    assert result == with_nodes(
        PRICE,
        report={"tool": "report", "next": {"condition": "price < 300", "if_true": "send_email", "if_false": "end"}},
        send_email={
            "tool": "send_email",
            "args": {"to": "ops@example.com", "subject": "Price alert", "body": "The price drops below 300."},
            "next": "end",
        },
    )
    assert "price < 300" in proposal.explanation


def test_a_condition_after_a_named_step_falls_back_to_its_old_next():
    result, _ = patched("after fetch_prices, if the price falls under $250 post to #deals", PRICE)
    assert result["nodes"]["fetch_prices"]["next"] == {
        "condition": "price < 250",
        "if_true": "post_slack",
        "if_false": "check_price",
    }
    assert result["nodes"]["post_slack"]["next"] == "check_price"


@pytest.mark.parametrize(
    ("prompt", "expression"),
    [
        ("whenever errors are 5 or more, post to #alerts", "errors >= 5"),
        ("when there are at least 5 errors, post to #alerts", "errors >= 5"),
        ("if the price is above 90%, post to #alerts", "price > 90"),
        ("every time the price goes over 1,000 post to #alerts", "price > 1000"),
        ("post to #alerts as soon as the price rises to 500", "price >= 500"),
        ("if status is failed then post to #alerts", 'status == "failed"'),
        ("post to #alerts when status is not ok", 'status != "ok"'),
        ("when price is above 100 and below 500, post to #alerts", "price > 100 and price < 500"),
        ("if price > 400 or errors >= 3, post to #alerts", "price > 400 or errors >= 3"),
        ('when status != "done", post to #alerts', 'status != "done"'),
        ("if the balance goes below -50, post to #alerts", "balance < -50"),
        ("when there are more than 3 failed jobs, post to #alerts", "failed_jobs > 3"),
    ],
)
def test_conditions_in_words_become_expressions(prompt, expression):
    result, _ = patched(prompt, PRICE)
    edge = result["nodes"]["report"]["next"]
    assert edge == {"condition": expression, "if_true": "post_slack", "if_false": "end"}
    compile_expression(edge["condition"])


def test_a_condition_prefers_a_state_key_the_workflow_already_reads():
    definition = with_nodes(
        PRICE,
        check_price={
            "tool": "check_price",
            "args": {"threshold": 300},
            "next": {"condition": "current_price < threshold", "if_true": "report", "if_false": "end"},
        },
    )
    result, _ = patched("email ops@example.com whenever the price drops below 250", definition)
    assert result["nodes"]["report"]["next"]["condition"] == "current_price < 250"
    assert result["nodes"]["send_email"]["args"]["subject"] == "Current price alert"


def test_a_condition_where_the_run_ends_through_a_switch_adds_guarded_cases():
    result, _ = patched("when retries reach 3, email ops@example.com", POLLER)
    assert result["nodes"]["poll"]["next"] == {
        "switch": [
            {"when": "(status == 'done') and (retries >= 3)", "to": "send_email"},
            {"when": "status == 'done'", "to": "end"},
            {"when": "status == 'failed'", "to": "alert"},
        ],
        "default": "sleep",
    }
    assert result["nodes"]["send_email"]["next"] == "end"


def test_a_condition_before_a_step_branches_from_its_only_predecessor():
    result, _ = patched("if the price is below 100, post to #deals before report", PRICE)
    assert result["nodes"]["check_price"]["next"] == {
        "condition": "price < 100",
        "if_true": "post_slack",
        "if_false": "report",
    }


def test_every_time_it_runs_is_no_condition():
    result, _ = patched("every time it runs, wait 5 seconds", PRICE)
    assert result["nodes"]["report"]["next"] == "wait"


def test_a_condition_without_a_threshold_is_refused_with_an_example():
    message = refused("when the price drops, send an email to ops@example.com", PRICE)
    assert message == (
        'the condition "the price drops" has no threshold to compare with; say e.g. "when price drops below 300"'
    )


# --- removing a step --------------------------------------------------------------------------------------


def test_it_removes_a_step_and_points_its_predecessor_at_its_next():
    result, proposal = patched("remove the report step", PRICE)
    assert result == with_nodes(
        PRICE, report=None, check_price={"tool": "check_price", "args": {"threshold": 300}, "next": "end"}
    )
    assert proposal.operations == [
        {"op": "replace", "path": "/nodes/check_price/next", "value": "end"},
        {"op": "remove", "path": "/nodes/report"},
    ]


def test_removing_the_first_step_moves_the_start():
    result, _ = patched("delete fetch_prices", PRICE)
    assert result == with_nodes(PRICE, start="check_price", fetch_prices=None)


def test_a_step_is_found_by_its_tool_and_condition_branches_are_rewired():
    result, _ = patched("get rid of the slack step", TRIAGE)
    assert "page_oncall" not in result["nodes"]
    assert result["nodes"]["classify"]["next"] == {
        "condition": "errors >= threshold",
        "if_true": "pause",
        "if_false": "end",
    }


def test_stop_doing_something_removes_the_step_that_does_it():
    result, _ = patched("stop sending slack messages", TRIAGE)
    assert "page_oncall" not in result["nodes"]


def test_a_switch_case_to_a_removed_step_goes_to_its_next():
    result, _ = patched("drop the alert step", POLLER)
    assert result["nodes"]["poll"]["next"]["switch"][1] == {"when": "status == 'failed'", "to": "poll"}


def test_it_refuses_to_remove_a_branching_step_or_a_parallel_branch():
    assert "branches to several steps" in refused("remove classify", TRIAGE)
    assert "branch or join of a parallel" in refused("remove the left step", FAN_OUT)


def test_removing_the_last_step_ends_the_run_where_it_did():
    result, _ = patched("remove the last step", TRIAGE)
    assert result == with_nodes(
        TRIAGE,
        pause=None,
        page_oncall={"tool": "post_slack", "args": {"channel": "#oncall", "text": "Errors!"}, "next": "end"},
    )


def test_it_asks_which_step_when_none_is_named():
    assert refused("remove", PRICE) == (
        'understood: remove a step; missing which one, e.g. "remove the report step"; '
        "steps are: fetch_prices, check_price, report"
    )


def test_it_refuses_to_remove_an_unknown_step_listing_the_steps():
    assert (
        refused("remove the slack step", PRICE) == 'no step named "slack"; steps are: fetch_prices, check_price, report'
    )


def test_it_refuses_a_conditional_removal():
    assert "only under a condition" in refused("skip the slack step when errors are below 3", TRIAGE)


# --- changing an argument ---------------------------------------------------------------------------------


def test_it_sets_an_argument_found_across_steps():
    result, proposal = patched("set the threshold to 500", PRICE)
    assert proposal.operations == [{"op": "replace", "path": "/nodes/check_price/args/threshold", "value": 500}]
    assert result["nodes"]["check_price"]["args"] == {"threshold": 500}


def test_a_step_named_alone_means_its_argument_that_fits_the_value():
    result, _ = patched("change the wait to 2 minutes", TRIAGE)
    assert result["nodes"]["pause"]["args"] == {"seconds": 120}


def test_an_argument_can_be_named_by_a_synonym_and_its_step():
    result, _ = patched("set the recipient of the alert step to dev@example.com", POLLER)
    assert result["nodes"]["alert"]["args"]["to"] == "dev@example.com"
    result, _ = patched("set the subject of alert to 'Job failed twice'", POLLER)
    assert result["nodes"]["alert"]["args"]["subject"] == "Job failed twice"


def test_an_argument_the_step_does_not_set_yet_is_added():
    result, proposal = patched("set the currency of fetch_prices to EUR", PRICE)
    assert proposal.operations == [{"op": "add", "path": "/nodes/fetch_prices/args/currency", "value": "EUR"}]
    result, proposal = patched("set the symbol of fetch_errors to ACME", TRIAGE)
    assert proposal.operations == [{"op": "add", "path": "/nodes/fetch_errors/args", "value": {"symbol": "ACME"}}]


def test_a_key_the_steps_condition_reads_names_the_step():
    result, _ = patched("set the errors limit to 7", TRIAGE)
    assert result["nodes"]["classify"]["args"] == {"threshold": 7}


def test_a_threshold_written_in_a_condition_is_changed_there():
    definition = with_nodes(
        PRICE,
        check_price={
            "tool": "check_price",
            "next": {"condition": "price < 300", "if_true": "report", "if_false": "end"},
        },
    )
    result, proposal = patched("change the price threshold to 250", definition)
    assert proposal.operations == [
        {"op": "replace", "path": "/nodes/check_price/next/condition", "value": "price < 250"}
    ]
    assert result["nodes"]["check_price"]["next"]["condition"] == "price < 250"


def test_an_argument_on_several_steps_needs_the_step_named():
    definition = with_nodes(PRICE, report={"tool": "check_price", "args": {"threshold": 9}, "next": "end"})
    message = refused("set the threshold to 500", definition)
    assert message.startswith('several steps have "threshold": check_price, report; name the step')


def test_a_step_named_alone_must_be_the_only_step_the_words_name():
    message = refused("set the prices to 5", TRIAGE)
    assert message == 'several steps match "prices": fetch_errors, classify; name the step and the argument'


def test_it_refuses_a_value_of_the_wrong_type_and_an_unknown_argument():
    assert (
        refused("set the threshold to cheap", PRICE) == '"threshold" of step "check_price" takes a number, not "cheap"'
    )
    assert refused("set the colour to red", PRICE).startswith(
        'no step or argument matches "colour"; steps are: fetch_prices, check_price, report'
    )


# --- renaming a step --------------------------------------------------------------------------------------


def test_it_renames_a_step_and_every_reference_to_it():
    result, proposal = patched("rename report to summary", PRICE)
    assert result == {
        "name": "price_tracker",
        "start_node": "fetch_prices",
        "nodes": {
            "fetch_prices": {"tool": "fetch_prices", "args": {"symbol": "ACME"}, "next": "check_price"},
            "check_price": {"tool": "check_price", "args": {"threshold": 300}, "next": "summary"},
            "summary": {"tool": "report", "next": "end"},
        },
    }
    assert proposal.operations[-1] == {"op": "move", "from": "/nodes/report", "path": "/nodes/summary"}


def test_renaming_rewrites_branches_the_start_and_fan_out_slots():
    result, _ = patched("rename poll to check_status", POLLER)
    assert result["start_node"] == "check_status"
    assert result["nodes"]["sleep"]["next"] == "check_status"
    result, _ = patched("rename the left step to 'first_half'", FAN_OUT)
    assert result["nodes"]["split"]["next"] == {"parallel": ["first_half", "right"], "join": "merge"}


def test_it_refuses_a_name_already_taken_or_reserved():
    assert refused("rename pause to classify", TRIAGE).startswith('there is already a step named "classify"')
    assert "reserved" in refused("rename pause to end", TRIAGE)


# --- reading the prompt -----------------------------------------------------------------------------------


def test_numbers_keep_their_units_and_literals_stay_whole():
    tokens = tokenize("Wait 30s, then email Bob@Example.com about $1,000 at https://x.io/a?b=1 in #ops-team")
    numbers = [(t.number, t.unit) for t in tokens if t.kind == NUMBER]
    assert numbers == [(30.0, "s"), (1000.0, "")]
    assert [t.text for t in tokens if t.kind in ("email", "url", "channel")] == [
        "Bob@Example.com",
        "https://x.io/a?b=1",
        "#ops-team",
    ]
