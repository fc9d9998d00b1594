"""Numeric range buckets, tests on punctuation standing apart, and the run of non-space
characters holding a punctuation mark."""

from __future__ import annotations

import time

from csvconvert.synth.expr import Expr, expr_from_json, expr_to_json
from csvconvert.synth.strings import learn_column, runtime
from csvconvert.synth.strings.conditional import candidate_tests, describe_test
from csvconvert.synth.strings.prose_check import generated_matches
from csvconvert.synth.strings.ranges import learn_ranges
from csvconvert.synth.strings.tokens import describe_token, token_patterns


def learn(rows: list[list[str]], outputs: list[str]) -> Expr:
    found = learn_column(rows, outputs, deadline=time.monotonic() + 10.0)
    assert found, "no expression learned"
    return found[0]


def test_number_range_runtime_buckets_with_a_phase() -> None:
    assert runtime.number_range((42, 0), 25, 1, ["", "-", ""]) == "26-50"
    assert runtime.number_range((100, 0), 25, 1, ["", "-", ""]) == "76-100"
    assert runtime.number_range((495, -1), 10, 0, ["[", ", ", ")"]) == "[40, 49)"


def test_ranges_learned_when_no_single_rule_fits() -> None:
    rows, outputs = [["100"], ["51"], ["86"]], ["76-100", "51-75", "76-100"]
    expr = learn(rows, outputs)
    assert "number_range" in repr(expr_to_json(expr))
    tests = [["42"], ["5"], ["30"]]
    assert [expr.evaluate(row) for row in tests] == ["26-50", "1-25", "26-50"]
    assert generated_matches(expr, tests, ["26-50", "1-25", "26-50"])
    assert expr_from_json(expr_to_json(expr)) == expr


def test_ranges_keep_surrounding_text() -> None:
    found = learn_ranges([["age 34"], ["age 71"]], ["30 to 39 yrs", "70 to 79 yrs"])
    assert found and found[0].evaluate(["age 5"]) == "0 to 9 yrs"


def test_ranges_rejected_when_widths_differ_or_number_outside() -> None:
    assert learn_ranges([["12"], ["30"]], ["10-19", "30-49"]) == []
    assert learn_ranges([["25"]], ["10-19"]) == []


def test_single_rule_still_preferred_over_ranges() -> None:
    expr = learn([["3-5"], ["10-12"]], ["3-5", "10-12"])
    assert "number_range" not in repr(expr_to_json(expr))


def test_spaced_punctuation_tests_are_offered_and_described() -> None:
    patterns = [test["pattern"] for test in candidate_tests([["a @ b"], ["c@d"]])]
    assert "\\s+@" in patterns and "@\\s+" in patterns
    assert describe_test({"column": 0, "kind": "search", "pattern": "\\s+@"}) == "column 1 contains a space then '@'"


def test_run_around_punctuation_token() -> None:
    assert "\\S*@\\S*" in token_patterns(["x a@b.c y"])
    assert describe_token("\\S*@\\S*") == "run of non-space characters holding '@'"


def test_conditional_tells_detached_from_attached_mark() -> None:
    rows = [
        ["assumenda iste quia natus et @ humongousinsurance.com ad nostrum totam harum totam"],
        ["eos @ woodgrovebank.com ipsam illum pariatur doloribus"],
        ["non recusandae est unde l@humongousinsurance.com doloribus facilis"],
    ]
    expr = learn(rows, ["", "", "l@humongousinsurance.com"])
    tests = [["vel @ firstupconsultants.com quas porro"], ["consectetur ut tempore zyxv6@fabrikam.com nam sit quis"]]
    assert [expr.evaluate(row) for row in tests] == ["", "zyxv6@fabrikam.com"]
