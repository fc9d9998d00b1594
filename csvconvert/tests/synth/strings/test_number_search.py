"""The number learner's pruning: it skips work, never a rule that would have been learned."""

from __future__ import annotations

import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from csvconvert.synth.strings import learn_column, learner, runtime
from csvconvert.synth.strings.numbers import TRANSFORMS, _near, _numbers_in_output, _within_reach

NUMBERS = st.tuples(st.integers(-(10**7), 10**7), st.integers(-4, 4))


@settings(max_examples=60, deadline=None)
@given(NUMBERS, st.lists(NUMBERS, min_size=1, max_size=4))
def test_the_reach_bound_never_skips_a_transform_that_lands_near_a_target(number, wanted):
    text = " ".join(runtime.format_number(value, "keep", 0, 0, "") for value in wanted)
    targets = _numbers_in_output(text)
    reachable = _within_reach(number, targets)
    for transform in TRANSFORMS:
        if _near(runtime.transform_number(number, *transform), targets):
            assert reachable(transform), (number, text, transform)


CASES = [
    ([["1234.567"], ["89.1"]], ["1,234.57", "89.10"]),
    ([["17"], ["42"]], ["20", "40"]),
    ([["Order 12 of 2024"], ["Order 7 of 2023"]], ["2024-12", "2023-7"]),
    ([["3.5 kg"], ["12 kg"]], ["3500 g", "12000 g"]),
    ([["ab12"], ["cd345"]], ["12", "345"]),
    ([["0.25"], ["0.5"]], ["25%", "50%"]),
]


@pytest.mark.parametrize(("rows", "outputs"), CASES)
def test_the_cost_bound_learns_the_same_rule_as_the_full_pool(rows, outputs, monkeypatch):
    bounded = learn_column(rows, outputs, deadline=time.monotonic() + 10)
    monkeypatch.setattr(learner, "cheapest_path", lambda pool, deadline: None)  # no bound: every number piece
    full = learn_column(rows, outputs, deadline=time.monotonic() + 10)
    assert bounded and full
    assert bounded[0] == full[0]


def test_the_light_learner_keeps_numbers_as_written():
    rows, outputs = [["17"], ["42"]], ["20", "40"]
    assert learn_column(rows, outputs, deadline=time.monotonic() + 10)  # rounding to tens, thoroughly
    assert learn_column(rows, outputs, deadline=time.monotonic() + 10, thorough=False) == []
    reformatted = learn_column([["1234.5"]], ["1,234.50"], deadline=time.monotonic() + 10, thorough=False)
    assert reformatted and reformatted[0].evaluate(["99"]) == "99.00"
