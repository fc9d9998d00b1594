"""The expression language: what it allows, what it refuses, and its rules on missing values and numbers as text."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from agentrunner.pipeline import PipelineError, compile_expression


@pytest.fixture
def table() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "a": [1.0, 2.0, np.nan, 4.0],
            "b": ["x", "Y", None, "xyz"],
            "n": ["10", "2", "abc", None],
            "departure time": ["2024-01-05", "2024-02-10", None, "bad"],
            "flag": [True, False, True, False],
        }
    )


def values(source: str, table: pd.DataFrame) -> list:
    result = compile_expression(source).evaluate(table)
    return [None if pd.isna(value) else value for value in result.tolist()]


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("a > 1", [False, True, False, True]),
        ("a >= 2 and a < 4", [False, True, False, False]),
        ("1 < a < 4", [False, True, False, False]),
        ("a == 1 or b == 'xyz'", [True, False, False, True]),
        ("not flag", [False, True, False, True]),
        ("b in ['x', 'xyz']", [True, False, False, True]),
        ("b in ('x',)", [True, False, False, False]),
        ("a is None", [False, False, True, False]),
        ("a is not None", [True, True, False, True]),
        ("a == null", [False, False, True, False]),
        ("flag == true", [True, False, True, False]),
        ("contains(b, 'Y')", [False, True, False, True]),
        ("startswith(b, 'x')", [True, False, False, True]),
        ("endswith(b, 'z')", [False, False, False, True]),
        ("isnull(b)", [False, False, True, False]),
        ("notnull(b)", [True, True, False, True]),
    ],
)
def test_it_evaluates_conditions_on_whole_columns(source: str, expected: list, table: pd.DataFrame) -> None:
    assert values(source, table) == expected


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("a * 2 + 1", [3.0, 5.0, None, 9.0]),
        ("-a", [-1.0, -2.0, None, -4.0]),
        ("a ** 2", [1.0, 4.0, None, 16.0]),
        ("a // 2", [0.0, 1.0, None, 2.0]),
        ("a % 2", [1.0, 0.0, None, 0.0]),
        ("a / 2", [0.5, 1.0, None, 2.0]),
        ("round(a / 3, 2)", [0.33, 0.67, None, 1.33]),
        ("abs(0 - a)", [1.0, 2.0, None, 4.0]),
        ("lower(b)", ["x", "y", None, "xyz"]),
        ("upper(b)", ["X", "Y", None, "XYZ"]),
        ("len(b)", [1.0, 1.0, None, 3.0]),
        ("b + '!'", ["x!", "Y!", None, "xyz!"]),
        ("coalesce(b, 'none')", ["x", "Y", "none", "xyz"]),
        ("coalesce(a, 0)", [1.0, 2.0, 0.0, 4.0]),
        ("'big' if a > 1 else 'small'", ["small", "big", "small", "big"]),
        ("a if flag else 0", [1.0, 0.0, None, 0.0]),
        ("year(`departure time`)", [2024.0, 2024.0, None, None]),
        ("month(`departure time`)", [1.0, 2.0, None, None]),
        ("day(`departure time`)", [5.0, 10.0, None, None]),
    ],
)
def test_it_computes_values(source: str, expected: list, table: pd.DataFrame) -> None:
    assert values(source, table) == expected


def test_a_comparison_with_a_missing_value_is_false_even_for_not_equal(table: pd.DataFrame) -> None:
    assert values("a != 1", table) == [False, True, False, True]
    assert values("b != 'x'", table) == [False, True, False, True]
    assert values("b not in ['x']", table) == [False, True, False, True]
    assert values("a < 100", table) == [True, True, False, True]


def test_not_of_a_comparison_with_a_missing_value_is_true(table: pd.DataFrame) -> None:
    assert values("not (a > 1)", table) == [True, False, True, False]


def test_text_holding_numbers_compares_with_numbers_as_numbers(table: pd.DataFrame) -> None:
    # As text "10" < "2"; as numbers it is not. Text that is no number ("abc") is missing, so false.
    assert values("n > 5", table) == [True, False, False, False]
    assert values("n == 2", table) == [False, True, False, False]
    assert values("n in [10, 2]", table) == [True, True, False, False]
    assert values("n * 2", table) == [20.0, 4.0, None, None]


def test_a_number_column_compares_with_a_number_written_as_text(table: pd.DataFrame) -> None:
    assert values("a > '1.5'", table) == [False, True, False, True]
    assert values("a in ['1', '4']", table) == [True, False, False, True]


def test_a_number_column_cannot_be_ordered_against_plain_text(table: pd.DataFrame) -> None:
    with pytest.raises(PipelineError, match="Cannot compare the column 'a' \\(numbers\\)"):
        compile_expression("a > 'abc'").evaluate(table)
    assert values("a == 'abc'", table) == [False, False, False, False]


def test_backticks_quote_column_names_with_spaces_and_keep_strings_intact() -> None:
    expression = compile_expression("`departure time` == 'a `quoted` text' or `odd-name!` > 1")
    assert expression.columns == ("departure time", "odd-name!")


def test_it_reports_the_columns_it_reads_in_order() -> None:
    assert compile_expression("b == 'x' and a > 1 or a < 0 and contains(c, 'z')").columns == ("b", "a", "c")


def test_json_literals_are_not_columns() -> None:
    assert compile_expression("x == true or y == null or z != false").columns == ("x", "y", "z")


def test_dates_compare_with_iso_strings() -> None:
    table = pd.DataFrame({"d": ["2024-01-05", "2023-12-31", None]})
    assert values("date(d) >= '2024-01-01'", table) == [True, False, False]


def test_dates_in_mixed_formats_are_all_read() -> None:
    table = pd.DataFrame({"d": ["2024-01-05", "Feb 3, 2024", "nonsense"]})
    assert values("month(d)", table) == [1.0, 2.0, None]


def test_a_literal_only_expression_gives_a_scalar(table: pd.DataFrame) -> None:
    assert compile_expression("1 + 2 * 3").evaluate(table) == 7
    assert compile_expression("'a' < 'b' and true").evaluate(table) is True
    assert compile_expression("contains('Hello', 'ELL')").evaluate(table) is True


@pytest.mark.parametrize(
    ("source", "reason"),
    [
        ("__import__('os')", "the function '__import__' is not available"),
        ("a.b", "attribute access"),
        ("a.lower()", "calling methods"),
        ("x[0]", "indexing"),
        ("[y for y in z]", "comprehensions"),
        ("(y for y in z)", "generator expressions"),
        ("lambda: 1", "lambda expressions"),
        ("f'{a}'", "f-strings"),
        ("(a := 1)", "assignment expressions"),
        ("open('x')", "the function 'open' is not available"),
        ("{'a': 1}", "objects"),
        ("[1, 2]", "lists are only allowed on the right of 'in'"),
        ("a in b", "the right side of 'in' must be a list of literals"),
        ("a in [b]", "may hold literals only"),
        ("a is 1", "'is' and 'is not' can only test for None"),
        ("a & b", "use 'and'"),
        ("~a", "use 'not'"),
        ("a << 2", "the operator 'LShift' is not allowed"),
        ("contains(b, c)", "argument 2 of contains() must be a string literal"),
        ("round(a, 1.5)", "argument 2 of round() must be a whole number"),
        ("lower(b, c)", "lower() takes 1 argument(s), not 2"),
        ("lower(s=b)", "plain arguments only"),
        ("b'x' == a", "the literal b'x' is not allowed"),
        ("a ==", "it is not a valid expression"),
        ("", "it is empty"),
        ("`unclosed", "backtick-quoted column name is empty or not closed"),
        ("a + " * 150 + "a", "parts, at most 200 are allowed"),
        ("a or " * 500 + "a", "characters long, at most 2000 are allowed"),
    ],
)
def test_it_refuses_what_is_outside_the_language(source: str, reason: str) -> None:
    with pytest.raises(PipelineError) as caught:
        compile_expression(source)
    assert reason in caught.value.message
    assert caught.value.details["expression"] == source


def test_an_expression_must_be_a_string() -> None:
    with pytest.raises(PipelineError, match="must be a string"):
        compile_expression(42)


def test_huge_exponents_are_refused(table: pd.DataFrame) -> None:
    with pytest.raises(PipelineError, match="exponent 1000 is too large"):
        compile_expression("a ** 1000").evaluate(table)
    with pytest.raises(PipelineError, match="too large"):
        compile_expression("(9 ** 99) ** 99").evaluate(table)


def test_and_or_not_take_conditions_only(table: pd.DataFrame) -> None:
    with pytest.raises(PipelineError, match="Each side of 'and' must be a condition"):
        compile_expression("a and flag").evaluate(table)
    with pytest.raises(PipelineError, match="The operand of 'not' must be a condition"):
        compile_expression("not b").evaluate(table)


def test_text_cannot_be_used_in_arithmetic_other_than_joining(table: pd.DataFrame) -> None:
    with pytest.raises(PipelineError, match="it takes numbers"):
        compile_expression("a * 'abc'").evaluate(table)


def test_scalar_division_by_zero_is_an_error_and_column_division_gives_infinity(table: pd.DataFrame) -> None:
    with pytest.raises(PipelineError, match="Division by zero"):
        compile_expression("1 / 0").evaluate(table)
    assert values("a / 0", table)[0] == float("inf")


def test_evaluating_a_million_rows_takes_no_python_loop() -> None:
    rows = 1_000_000
    table = pd.DataFrame({"price": np.arange(rows, dtype=float), "origin": np.array(["JFK", "LAX"] * (rows // 2))})
    mask = compile_expression("price < 800 and origin != 'JFK' or price > 999998").evaluate(table)
    assert mask.dtype == bool
    assert int(mask.sum()) == 401
