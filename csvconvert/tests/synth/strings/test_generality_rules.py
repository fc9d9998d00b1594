"""Blank cells give blank outputs, ordinal dates parse, and constants beat arithmetic that collapses to them."""

from __future__ import annotations

import time

from csvconvert.synth.expr import Expr, expr_from_json, expr_to_json
from csvconvert.synth.strings import learn_column
from csvconvert.synth.strings.blanks import BlankGuard, columns_read
from csvconvert.synth.strings.prose_check import generated_matches
from csvconvert.synth.strings.runtime import parse_datetime


def learn(rows: list[list[str]], outputs: list[str]) -> Expr:
    found = learn_column(rows, outputs, deadline=time.monotonic() + 10)
    assert found, "no expression learned"
    return found[0]


def test_it_leaves_a_blank_cell_blank_when_no_example_says_otherwise():
    expr = learn([["MFM-Robot/5.2 OS 9"], ["MFM-8.8/xPhone-6.5"], ["MFM-1.4/xPhone-6.7"]], ["Robot", "xOS", "xOS"])
    rows = [[""], ["MFM-Robot/1.2 OS 1"], ["MFM-2.8/xPhone-0.6"]]
    assert [expr.evaluate(row) for row in rows] == ["", "Robot", "xOS"]
    assert generated_matches(expr, rows, ["", "Robot", "xOS"])
    assert expr_from_json(expr_to_json(expr)) == expr


def test_it_keeps_the_value_an_example_gives_a_blank_cell():
    expr = learn([[""], ["Ann Lee"], ["Bo Kim"]], ["n/a", "Lee", "Kim"])
    assert expr.evaluate([""]) == "n/a"


def test_it_does_not_guard_a_rule_that_already_leaves_blanks_blank():
    expr = learn([["Ann", "x"], ["Bo", "y"]], ["Ann", "Bo"])
    assert expr.name == "column"
    assert expr.evaluate(["", "x"]) == ""


def test_columns_read_finds_every_source_column():
    expr = learn([["a", "1"], ["b", "2"]], ["a-1", "b-2"])
    assert columns_read(expr) == [0, 1]


def test_it_leaves_a_row_blank_where_every_cell_a_rule_reads_is_blank():
    expr = learn([["Ann Lee", "x1"], ["Bo Kim", "y2"]], ["Lee:1", "Kim:2"])
    assert isinstance(expr, BlankGuard)
    assert expr.evaluate(["", ""]) == ""
    assert expr.evaluate(["Cy Oh", "z3"]) == "Oh:3"
    assert generated_matches(expr, [["", ""], ["Cy Oh", "z3"]], ["", "Oh:3"])


def test_it_reads_an_ordinal_date_as_year_and_day_of_the_year():
    assert parse_datetime("2143 75", "mdy")[:3] == (2143, 3, 16)
    assert parse_datetime("1712 247", "mdy")[:3] == (1712, 9, 3)


def test_it_prefers_a_constant_to_arithmetic_that_turns_every_number_into_it():
    expr = learn([["(525) 949 2246"], ["896-388-9065"], ["014-2967"]], ["425-949-2246", "425-388-9065", "425-014-2967"])
    assert expr.evaluate(["957-1297"]) == "425-957-1297"
    assert expr.evaluate(["(177) 191 4536"]) == "425-191-4536"
