from __future__ import annotations

import copy
import pickle
from typing import Any

import pytest

from graphs.engine.errors import ExpressionError, GraphError
from graphs.engine.expressions import MAX_NODES, MAX_SOURCE_LENGTH, Expression, check_expression, compile_expression

STATE: dict[str, Any] = {
    "quality_score": 8,
    "iteration": 2,
    "review": {"score": 4, "comments": ["ok", "fix typo"], "author": {"name": "ann"}},
    "items": [10, 20, 30],
    "scores": {"main": 7, "backup": 3},
    "labels": ["bug", "urgent"],
    "missing_value": None,
    "title": "hello",
}


def evaluate(source: str, state: dict[str, Any] | None = None) -> Any:
    return compile_expression(source).evaluate(STATE if state is None else state)


def refusal(source: str) -> str:
    with pytest.raises(ExpressionError) as caught:
        compile_expression(source)
    return str(caught.value)


def evaluation_error(source: str, state: dict[str, Any] | None = None) -> str:
    expression = compile_expression(source)
    with pytest.raises(ExpressionError) as caught:
        expression.evaluate(STATE if state is None else state)
    return str(caught.value)


# The seed conditions.


@pytest.mark.parametrize(("score", "expected"), [(7, True), (9.5, True), (6.9, False), (0, False)])
def test_it_compares_quality_score_with_a_threshold(score, expected):
    condition = compile_expression("quality_score >= 7")

    assert condition({"quality_score": score}) is expected


@pytest.mark.parametrize(
    ("state", "expected"),
    [
        ({"quality_score": 8, "iteration": 1}, True),
        ({"quality_score": 3, "iteration": 5}, True),
        ({"quality_score": 3, "iteration": 4}, False),
    ],
)
def test_it_ends_a_loop_on_quality_or_iteration_count(state, expected):
    assert compile_expression("quality_score >= 7 or iteration >= 5")(state) is expected


def test_it_short_circuits_or_without_reading_the_second_path():
    assert compile_expression("quality_score >= 7 or iteration >= 5")({"quality_score": 9}) is True


def test_it_returns_a_bool_when_called_and_the_value_when_evaluated():
    expression = compile_expression("items")

    assert expression({"items": [1]}) is True
    assert expression({"items": []}) is False
    assert expression.evaluate({"items": [1]}) == [1]


# Paths and subscripts.


def test_it_reads_dotted_paths_as_dict_keys():
    assert evaluate("review.score") == 4
    assert evaluate("review.author.name") == "ann"


def test_it_indexes_lists_and_dicts():
    assert evaluate("items[0]") == 10
    assert evaluate("items[-1]") == 30
    assert evaluate('scores["main"]') == 7
    assert evaluate("review.comments[1]") == "fix typo"
    assert evaluate("items[iteration]") == 30


def test_it_indexes_with_an_expression_and_literals():
    assert evaluate("items[iteration - 1]") == 20
    assert evaluate('{"a": [5, 6]}["a"][1]') == 6
    assert evaluate("title[0]") == "h"


def test_it_never_uses_getattr_on_dotted_paths():
    state = {"review": {"keys": "a key named keys"}}

    assert evaluate("review.keys", state) == "a key named keys"
    assert "has no key 'items'" in evaluation_error("review.items", {"review": {}})


def test_it_reports_a_missing_top_level_key():
    assert evaluation_error("quality_score >= 7", {}) == "state has no key 'quality_score'"


def test_it_reports_a_missing_nested_key_with_its_parent():
    assert evaluation_error("review.score", {"review": {}}) == "'review' has no key 'score'"
    assert evaluation_error("review.author.age") == "'review.author' has no key 'age'"


def test_it_reports_a_missing_dict_key_in_a_subscript():
    assert evaluation_error('scores["other"]') == "'scores' has no key 'other'"


def test_it_reports_a_path_through_a_value_that_is_not_an_object():
    message = evaluation_error("review.score.value")

    assert message == "'review.score' is a number, not an object, so it has no key 'value'"


def test_it_reports_a_list_index_out_of_range():
    assert evaluation_error("items[3]") == "index 3 is out of range for 'items' (length 3)"
    assert evaluation_error("items[-4]") == "index -4 is out of range for 'items' (length 3)"


def test_it_refuses_to_index_a_list_with_a_string_or_a_boolean():
    assert "can only be indexed by a whole number, not by a string" in evaluation_error('items["a"]')
    assert "not by a boolean" in evaluation_error("items[true]")


def test_it_refuses_to_index_a_number_or_null():
    assert evaluation_error("quality_score[0]") == "'quality_score' is a number and cannot be indexed"
    assert evaluation_error("missing_value[0]") == "'missing_value' is null and cannot be indexed"


def test_it_refuses_an_unhashable_dict_key():
    assert evaluation_error("scores[items]") == "a list cannot be a key of 'scores'"


def test_it_refuses_a_state_that_is_not_an_object():
    expression = compile_expression("quality_score >= 7")

    with pytest.raises(ExpressionError, match="the state must be an object, not a list"):
        expression([1, 2])


# Paths read.


def test_it_lists_the_paths_it_reads():
    expression = compile_expression("quality_score >= 7 or review.score > 3 and iteration < 5")

    assert expression.paths == frozenset({"quality_score", "review.score", "iteration"})


def test_it_lists_the_container_and_index_paths_of_a_subscript():
    assert compile_expression("review.comments[position]").paths == frozenset({"review.comments", "position"})


def test_it_lists_no_paths_for_literals():
    assert compile_expression("1 + 2 == 3 and true and null is None").paths == frozenset()


# Literals and displays.


def test_it_reads_json_spellings_of_true_false_and_null():
    assert evaluate("true") is True
    assert evaluate("false") is False
    assert evaluate("null") is None
    assert evaluate('{"on": true, "off": false, "none": null}') == {"on": True, "off": False, "none": None}


def test_it_reads_python_literals():
    assert evaluate("True") is True
    assert evaluate("None") is None
    assert evaluate("1.5") == 1.5
    assert evaluate("'text'") == "text"


def test_it_builds_lists_tuples_sets_and_dicts():
    assert evaluate("[iteration, 1]") == [2, 1]
    assert evaluate("(iteration, 1)") == (2, 1)
    assert evaluate("{iteration, 1}") == {2, 1}
    assert evaluate('{"n": iteration}') == {"n": 2}


def test_it_reports_an_unhashable_set_element():
    assert "cannot build {items}" in evaluation_error("{items}")


@pytest.mark.parametrize(("source", "kind"), [("b'x'", "bytes"), ("1j", "complex"), ("...", "ellipsis")])
def test_it_rejects_literals_outside_json(source, kind):
    assert refusal(source) == f"{kind} literals are not allowed: {source}"


# Operators.


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("0 < iteration <= 5", True),
        ("0 < iteration < 2", False),
        ("1 <= iteration == 2 != 3", True),
        ("5 > iteration > 3", False),
    ],
)
def test_it_evaluates_chained_comparisons(source, expected):
    assert evaluate(source) is expected


def test_it_stops_a_chained_comparison_at_the_first_false_link():
    assert evaluate('3 < iteration < "not compared"') is False


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ('"bug" in labels', True),
        ('"feature" in labels', False),
        ('"feature" not in labels', True),
        ('"main" in scores', True),
        ('"ell" in title', True),
    ],
)
def test_it_tests_membership(source, expected):
    assert evaluate(source) is expected


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("missing_value is None", True),
        ("missing_value is null", True),
        ("None is missing_value", True),
        ("quality_score is not None", True),
        ("quality_score is None", False),
    ],
)
def test_it_compares_identity_with_none(source, expected):
    assert evaluate(source) is expected


def test_it_rejects_is_against_anything_but_none():
    assert refusal("quality_score is 8").startswith("'is' and 'is not' can only compare with None")
    assert refusal("items is not labels").endswith(": items is not labels")


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("quality_score and iteration", 2),
        ("0 and quality_score", 0),
        ("missing_value or 'default'", "default"),
        ("quality_score or nothing_here", 8),
        ("0 or '' or [] or 5", 5),
        ("1 and 2 and 0 and 3", 0),
        ("not missing_value", True),
    ],
)
def test_it_follows_python_and_or_not(source, expected):
    assert evaluate(source) == expected


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("quality_score + 2", 10),
        ("quality_score - 10", -2),
        ("quality_score * 2", 16),
        ("quality_score / 2", 4.0),
        ("quality_score // 3", 2),
        ("quality_score % 3", 2),
        ("2 ** 10", 1024),
        ("2 ** -1", 0.5),
        ("-quality_score", -8),
        ("+quality_score", 8),
        ("'ab' + 'cd'", "abcd"),
        ("[1] * 3", [1, 1, 1]),
        ("items + [40]", [10, 20, 30, 40]),
    ],
)
def test_it_does_arithmetic(source, expected):
    assert evaluate(source) == expected


def test_it_evaluates_a_conditional_expression():
    assert evaluate("'good' if quality_score >= 7 else 'again'") == "good"
    assert evaluate("'good' if quality_score >= 9 else 'again'") == "again"


def test_it_only_evaluates_the_chosen_branch():
    assert evaluate("1 if true else nothing_here") == 1


# Evaluation errors become ExpressionError.


@pytest.mark.parametrize("source", ["quality_score / 0", "quality_score // 0", "quality_score % 0", "0 ** -1"])
def test_it_reports_division_by_zero(source):
    assert evaluation_error(source) == f"division by zero in {source}"


@pytest.mark.parametrize(
    ("source", "message"),
    [
        ('"a" < 3', "cannot apply '<' to a string and a number: \"a\" < 3"),
        ("title + 1", "cannot apply '+' to a string and a number: title + 1"),
        ("-title", "cannot apply '-' to a string: -title"),
        ("1 in quality_score", "cannot apply 'in' to a number and a number: 1 in quality_score"),
        ("items < 3", "cannot apply '<' to a list and a number: items < 3"),
    ],
)
def test_it_turns_type_errors_into_expression_errors(source, message):
    assert evaluation_error(source) == message


def test_it_refuses_string_formatting_with_percent():
    assert evaluation_error("'%s' % title") == "cannot apply '%' to a string and a string: '%s' % title"


def test_it_refuses_a_complex_result():
    assert "not a real number" in evaluation_error("(-8) ** 0.5")


def test_it_reports_a_float_overflow():
    assert evaluation_error("1e300 ** 2") == "the result is too large: 1e300 ** 2"


def test_engine_code_can_catch_expression_errors_as_graph_errors():
    with pytest.raises(GraphError):
        evaluate("nothing_here")


# Safety limits.


@pytest.mark.parametrize("source", ["2 ** 1000", "2 ** -65", "quality_score ** 65.5"])
def test_it_refuses_an_exponent_beyond_64(source):
    assert "exponents must be between -64 and 64" in evaluation_error(source)


def test_it_allows_an_exponent_of_64():
    assert evaluate("2 ** 64") == 18446744073709551616


def test_it_refuses_integers_that_grow_without_bound():
    assert "more than 10,000 bits" in evaluation_error("((2 ** 64) ** 64) ** 64")
    assert "more than 10,000 bits" in evaluation_error("(2 ** 64) ** 64 * (2 ** 64) ** 64 * (2 ** 64) ** 64")


@pytest.mark.parametrize("source", ['"a" * 10**9', "10**9 * 'a'", "[0] * 100001", "[[0] * 1000] * 1000"])
def test_it_refuses_repetition_beyond_the_size_limit(source):
    assert "more than 100,000 characters or elements" in evaluation_error(source)


def test_it_refuses_concatenation_beyond_the_size_limit():
    state = {"text": "a" * 60_000}

    assert "more than 100,000 characters or elements" in evaluation_error("text + text", state)


def test_it_allows_repetition_up_to_the_size_limit():
    assert len(evaluate('"a" * 100000')) == 100_000


def test_it_refuses_a_source_that_is_too_long():
    source = "quality_score + " * 200 + "1"

    assert len(source) > MAX_SOURCE_LENGTH
    assert refusal(source) == f"the expression is too long: {len(source)} characters, at most {MAX_SOURCE_LENGTH}"


def test_it_refuses_an_expression_with_too_many_nodes():
    source = " + ".join(["1"] * 150)

    assert len(source) < MAX_SOURCE_LENGTH
    assert refusal(source) == f"the expression is too complex: 299 parts, at most {MAX_NODES}"


def test_it_refuses_nesting_too_deep_for_the_parser():
    assert refusal("(" * 300 + "1" + ")" * 300).startswith("not a valid expression: too many nested parentheses")


def test_it_refuses_a_deep_chain_of_unary_operators():
    # Whether the parser or the node count stops it depends on the stack depth left; either is a refusal.
    message = refusal("-" * 1500 + "1")

    assert message.startswith(("not a valid expression", "the expression is too complex"))


# Rejected constructs.


@pytest.mark.parametrize("source", ["__import__('os')", "len(items)", "open('f')", "items.count(10)", "(lambda: 1)()"])
def test_it_rejects_a_function_call(source):
    assert refusal(source) == f"function calls are not allowed: {source}"


@pytest.mark.parametrize("source", ["x.__class__", "_x", "review._secret", "__builtins__", "a.__class__.__bases__"])
def test_it_rejects_names_starting_with_an_underscore(source):
    assert refusal(source) == f"names starting with an underscore are not allowed: {source}"


@pytest.mark.parametrize(
    ("source", "owner"),
    [('"a".upper', '"a"'), ("(1).real", "1"), ("[1].count", "[1]"), ("true.x", "true"), ("null.x", "null")],
)
def test_it_rejects_attributes_of_anything_but_a_state_path(source, owner):
    assert refusal(source) == f"attributes can only be read from state paths, not from {owner}: {source}"


def test_it_suggests_indexing_for_an_attribute_of_a_subscript():
    message = refusal("items[0].name")

    assert message.startswith("attributes can only be read from state paths, not from items[0]")
    assert "(write items[0]['name'] instead)" in message


@pytest.mark.parametrize(
    ("source", "message"),
    [
        ("lambda: 1", "lambda expressions are not allowed: lambda: 1"),
        ("[i for i in items]", "comprehensions are not allowed: [i for i in items]"),
        ("{i for i in items}", "comprehensions are not allowed: {i for i in items}"),
        ("{i: 1 for i in items}", "comprehensions are not allowed: {i: 1 for i in items}"),
        ("any(i for i in items)", "function calls are not allowed: any(i for i in items)"),
        ("(i for i in items)", "generator expressions are not allowed: (i for i in items)"),
        ("f'{title}'", "f-strings are not allowed: f'{title}'"),
        ("(x := 1)", "assignment expressions (:=) are not allowed: x := 1"),
        ("[*items]", "starred expressions (*x) are not allowed: *items"),
        ("{**scores}", "dict unpacking (**) is not allowed: {**scores}"),
        ("await items", "await is not allowed: await items"),
        ("(yield items)", "yield is not allowed: yield items"),
        ("items[1:2]", "slices are not allowed: items[1:2]"),
        ("items[::-1]", "slices are not allowed: items[::-1]"),
    ],
)
def test_it_rejects_constructs_outside_the_language(source, message):
    assert refusal(source) == message


@pytest.mark.parametrize(
    ("source", "symbol"),
    [("a & b", "&"), ("a | b", "|"), ("a ^ b", "^"), ("a << 2", "<<"), ("a >> 2", ">>"), ("a @ b", "@")],
)
def test_it_rejects_bitwise_operators_and_matrix_multiplication(source, symbol):
    assert refusal(source) == f"operator '{symbol}' is not allowed: {source}"


def test_it_rejects_bitwise_inversion():
    assert refusal("~quality_score") == "bitwise operator '~' is not allowed: ~quality_score"


@pytest.mark.parametrize("source", ["quality_score >=", "a b", "x = 1", "import os"])
def test_it_rejects_invalid_syntax(source):
    assert refusal(source).startswith("not a valid expression: ")


def test_it_rejects_an_empty_expression():
    assert refusal("   ") == "the expression is empty"


def test_it_rejects_a_source_that_is_not_a_string():
    assert refusal(7) == "an expression must be a string, not a number"  # type: ignore[arg-type]


# The public helpers.


def test_check_expression_returns_none_for_a_valid_expression():
    assert check_expression("quality_score >= 7 or iteration >= 5") is None


def test_check_expression_returns_the_error_message_for_an_invalid_one():
    assert check_expression("len(items) > 2") == "function calls are not allowed: len(items)"
    assert check_expression(["not", "a", "string"]) == "an expression must be a string, not a list"  # type: ignore[arg-type]


def test_check_expression_does_not_evaluate_so_missing_keys_are_fine():
    assert check_expression("some_key_no_state_has_yet > 1") is None


def test_it_returns_the_cached_expression_for_the_same_source():
    first = compile_expression("review.score > 3 and iteration < 99")

    assert isinstance(first, Expression)
    assert compile_expression("review.score > 3 and iteration < 99") is first
    assert compile_expression("review.score > 3 and iteration < 98") is not first


def test_it_keeps_the_source_as_given():
    expression = compile_expression("  quality_score >= 7 ")

    assert expression.source == "  quality_score >= 7 "
    assert expression({"quality_score": 7}) is True


def test_it_evaluates_the_same_expression_on_many_states():
    condition = compile_expression("quality_score >= 7 or iteration >= 5")
    results = [condition({"quality_score": step % 10, "iteration": step // 10}) for step in range(100)]

    assert results.count(True) == 100 - 35


def test_it_survives_pickling_and_copying():
    expression = compile_expression("review.score > 3")

    restored = pickle.loads(pickle.dumps(expression))

    assert restored.source == expression.source
    assert restored(STATE) is True
    assert copy.deepcopy(expression) is expression
