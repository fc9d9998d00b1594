"""Behaviour of the cell-value learner, family by family, plus its contracts (codegen, JSON, time)."""

from __future__ import annotations

import time

import pytest

from csvconvert.synth.expr import Expr, expr_from_json, expr_to_json
from csvconvert.synth.strings import learn_column
from csvconvert.synth.strings.prose_check import generated_matches


def learn(rows: list[list[str]], outputs: list[str], seconds: float = 10.0) -> Expr:
    found = learn_column(rows, outputs, deadline=time.monotonic() + seconds)
    assert found, "no expression learned"
    return found[0]


def outputs_on(expr: Expr, rows: list[list[str]]) -> list[str]:
    return [expr.evaluate(row) for row in rows]


FAMILIES = {
    "token": ([["Hone Albert"], ["Aysu Polat"]], ["Albert", "Polat"], [["Artem Kuznetsov"]], ["Kuznetsov"]),
    "between_commas": (
        [["One Madeup Way, Modesto, AZ 17293"], ["45 1ST WAY SE, Mandalay, MT 58712"]],
        ["Modesto", "Mandalay"],
        [["2345 SW 5th Road, Eugene, CA 38891"]],
        ["Eugene"],
    ),
    "case": ([["Hone Albert"], ["Aysu Polat"]], ["hone@", "aysu@"], [["Lisandro Zujovic"]], ["lisandro@"]),
    "concatenation": (
        [["Caribbean", "359"], ["India", "550"]],
        ["case 359: return Caribbean;", "case 550: return India;"],
        [["Botswana", "713"]],
        ["case 713: return Botswana;"],
    ),
    "date": (
        [["06-Oct-2143"], ["Mar 30 2002"], ["01311846"]],
        ["Sunday, October 6, 2143", "Saturday, March 30, 2002", "Saturday, January 31, 1846"],
        [["22 Apr 1953"], ["03302241"]],
        ["Wednesday, April 22, 1953", "Tuesday, March 30, 2241"],
    ),
    "time_bucket": (
        [["18:25:57"], ["21:44:40"], ["07:00:20"]],
        ["Between 6PM and 8PM", "Between 8PM and 10PM", "Between 6AM and 8AM"],
        [["23:34:17"], ["16:15:08"]],
        ["Between 10PM and 12AM", "Between 4PM and 6PM"],
    ),
    "number_cleaning": (
        [["$2,488.51"], ["$1,762.85"]],
        ["2488.51", "1762.85"],
        [["$1,438.10"], ["$966.37"]],
        ["1438.10", "966.37"],
    ),
    "number_rounding": (
        [["542"], ["954"], ["234"]],
        ["500", "1000", "200"],
        [["1321"], ["8330"]],
        ["1300", "8300"],
    ),
    "thousands": ([["1652"], ["1160"]], ["1,652", "1,160"], [["25940"]], ["25,940"]),
    "phone": (
        [["(525) 949 2246"], ["896-388-9065"]],
        ["525-949-2246", "896-388-9065"],
        [["(129) 734 1247"], ["887-866-2880"]],
        ["129-734-1247", "887-866-2880"],
    ),
    "arithmetic": ([["3", "4"], ["10", "5"], ["7", "1"]], ["7", "15", "8"], [["20", "22"]], ["42"]),
}


@pytest.mark.parametrize("family", sorted(FAMILIES))
def test_it_learns_a_rule_that_generalizes(family: str) -> None:
    rows, outputs, new_rows, expected = FAMILIES[family]
    expr = learn(rows, outputs)
    assert outputs_on(expr, rows) == outputs
    assert outputs_on(expr, new_rows) == expected


def test_it_learns_a_mapping_only_when_nothing_general_fits() -> None:
    expr = learn([["Male"], ["Female"], ["Unknown"]], ["0", "1", "2"])
    assert outputs_on(expr, [["Female"], ["Unknown"]]) == ["1", "2"]
    general = learn([["Hone Albert"], ["Aysu Polat"]], ["Albert", "Polat"])
    assert general.name != "lookup"


def test_it_learns_a_conditional_per_input_shape() -> None:
    rows = [["( \t No Rating)"], ["(6)"], ["(10)"]]
    expr = learn(rows, ["0", "6", "10"])
    assert expr.name == "conditional"
    assert outputs_on(expr, [["(7)"], ["(No Rating)"]]) == ["7", "0"]


def test_it_signs_a_debit_or_credit_amount_by_which_column_is_filled() -> None:
    rows = [["12.50", ""], ["", "30.00"], ["7.25", ""]]
    expr = learn(rows, ["-12.50", "30.00", "-7.25"])
    assert outputs_on(expr, [["", "4.10"], ["99.99", ""]]) == ["4.10", "-99.99"]


def test_it_returns_nothing_when_no_rule_fits() -> None:
    assert learn_column([["a"], ["a"]], ["x", "y"], deadline=time.monotonic() + 5) == []


@pytest.mark.parametrize("family", sorted(FAMILIES))
def test_generated_code_computes_what_evaluate_computes(family: str) -> None:
    rows, outputs, new_rows, expected = FAMILIES[family]
    expr = learn(rows, outputs)
    assert generated_matches(expr, rows + new_rows, outputs + expected)


@pytest.mark.parametrize("family", sorted(FAMILIES))
def test_every_candidate_survives_a_json_round_trip(family: str) -> None:
    rows, outputs, _, _ = FAMILIES[family]
    for expr in learn_column(rows, outputs, deadline=time.monotonic() + 10):
        assert expr_from_json(expr_to_json(expr)) == expr


def test_it_is_deterministic() -> None:
    rows, outputs, _, _ = FAMILIES["date"]
    first = learn_column(rows, outputs, deadline=time.monotonic() + 10)
    second = learn_column(rows, outputs, deadline=time.monotonic() + 10)
    assert [expr_to_json(expr) for expr in first] == [expr_to_json(expr) for expr in second]


def test_every_candidate_explains_itself_and_fits_every_example() -> None:
    rows, outputs, _, _ = FAMILIES["time_bucket"]
    for expr in learn_column(rows, outputs, deadline=time.monotonic() + 10):
        assert expr.explain()
        assert outputs_on(expr, rows) == outputs


def test_it_stops_by_the_deadline() -> None:
    rows = [[f"{n} Word {n * 7}.5 x{n}", f"{n}/{n}/2001 1{n}:2{n}"] for n in range(1, 8)]
    outputs = [f"row {n}" for n in range(1, 8)]
    began = time.monotonic()
    learn_column(rows, outputs, deadline=began + 0.2)
    assert time.monotonic() - began < 1.5
