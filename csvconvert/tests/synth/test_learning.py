"""learn() as a whole: the overfitting guard, determinism and odd input."""

import itertools
import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from csvconvert.synth import NoProgramFound, Program, learn
from csvconvert.synth import learning as learning_module
from csvconvert.synth.expr import Column, Const
from csvconvert.synth.learning import memorises
from csvconvert.synth.mapcolumns import MapColumns
from csvconvert.synth.strings.conditional import Conditional
from csvconvert.synth.strings.mapping import Lookup
from csvconvert.synth.tables import search as search_module

# A cross-tab with a blank spacer row: one product, three week columns.
WIDE = [["", "week 1", "week 2", "week 3"], ["", "", "", ""], ["Pears", "4", "7", "12"]]
LONG = [["week 1", "Pears", "4"], ["week 2", "Pears", "7"], ["week 3", "Pears", "12"]]


def test_payload_counts_stored_text_not_computed_text():
    assert Const("abc").payload == 3
    assert Column(0).payload == 0
    assert Lookup(0, {"M": "male", "F": "female"}, default="?").payload == 1 + 4 + 1 + 6 + 1
    nested = Conditional({"column": 0, "kind": "empty", "pattern": ""}, Const("n/a"), Column(1))
    assert nested.payload == 3
    assert Program([MapColumns([nested, Const("x")], header=["A", "B"])]).payload == 4  # header names are not payload


def test_a_program_that_stores_its_output_memorises_it():
    examples = [(WIDE, LONG)]
    weeks = Lookup(1, {"week 1": "week 1", "": "week 2", "4": "week 3"})
    remembered = Program([MapColumns([weeks, Const("Pears"), Column(3)])])
    assert memorises(remembered, examples)
    assert not memorises(Program([MapColumns([Column(1), Column(0), Column(2)])]), examples)


def test_a_restructuring_beats_a_memorised_map_from_one_example():
    # Rows line up 3 to 3, so a map exists: a lookup from the blank cells to the week names
    # plus constants. It stores most of the output; the fold computes it, so the fold wins.
    program = learn([(WIDE, LONG)])
    assert not memorises(program, [(WIDE, LONG)])
    test = [["", "week 1", "week 2", "week 3"], ["", "", "", ""], ["Figs", "1", "2", "3"], ["Kiwis", "5", "6", "7"]]
    assert program.apply(test) == [
        ["week 1", "Figs", "1"],
        ["week 2", "Figs", "2"],
        ["week 3", "Figs", "3"],
        ["week 1", "Kiwis", "5"],
        ["week 2", "Kiwis", "6"],
        ["week 3", "Kiwis", "7"],
    ]


def test_a_value_mapping_is_still_learned_when_nothing_computes_the_output():
    rows = [["code"], ["M"], ["F"]]
    program = learn([(rows, [["code"], ["male"], ["female"]])])
    assert program.apply([["code"], ["F"], ["M"]]) == [["code"], ["female"], ["male"]]


def test_row_numbers_are_not_invented_from_identical_rows():
    # Nothing in the input tells the rows apart: a restructuring that manufactures positions
    # and a conditional that memorises '1', '2', '3' on them must not be offered as a program.
    with pytest.raises(NoProgramFound):
        learn([([["k", "a"]] * 3, [["k", "1"], ["k", "2"], ["k", "3"]])])


def test_the_search_stops_at_its_state_budget():
    examples = [([["a", "b", "c", "d"]], [["no", "such", "thing"]])]
    search = search_module.Search(examples, time.monotonic() + 60, None, max_states=50)
    assert search.run() is None
    assert search.generated == 50


class SlowClock:
    """time.monotonic for a machine a thousand times slower: each reading is 10 ms later."""

    def __init__(self):
        self.now = 0.0

    def __call__(self):
        self.now += 0.01
        return self.now


@pytest.mark.parametrize(
    "examples",
    [
        [(WIDE, LONG)],
        [([["name", "amount"], ["Ann", "1,200.50"], ["Bo", "3"]], [["who", "amount"], ["ANN", "1200.5"], ["BO", "3"]])],
        [([["a b", "1"], ["c d", ""], ["e f", "2"]], [["a", "1"], ["c", "0"], ["e", "2"]])],
    ],
)
def test_the_program_does_not_depend_on_the_speed_of_the_machine(examples, monkeypatch):
    fast = learn(examples)
    clock = SlowClock()
    for module in (learning_module, search_module):
        monkeypatch.setattr(module.time, "monotonic", clock)
    slow = learn(examples, timeout=1e9)
    assert clock.now > 1.0  # the fake clock was read: budgets measured in time would have differed
    assert slow.to_json() == fast.to_json()


def test_the_timeout_is_honoured_on_a_search_that_finds_nothing():
    wide = [[f"x{i}" for i in range(40)]]
    target = [[f"x{i}", f"x{i + 1}!"] for i in range(12)]
    started = time.monotonic()
    with pytest.raises(NoProgramFound):
        learn([(wide, target)], timeout=1.0)
    assert time.monotonic() - started < 10


# --- fuzzing: odd tables never raise anything but NoProgramFound or ValueError ---------------------

CELL = st.one_of(
    st.sampled_from(["", " ", "0", "-1.5", "1,000", "N/A", "é", "a,b", '"q"', "\n", "2024-01-31", "x" * 50]),
    st.text(max_size=6),
    st.none(),
)
ROW = st.lists(CELL, min_size=0, max_size=5)
TABLE = st.lists(ROW, min_size=0, max_size=5)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(TABLE, TABLE), min_size=1, max_size=2))
def test_learn_on_odd_tables_returns_a_consistent_program_or_a_clear_error(examples):
    try:
        program = learn(examples, timeout=0.5)
    except (NoProgramFound, ValueError):
        return
    for source, target in examples:
        width = max((len(row) for row in source), default=0)
        padded = [["" if cell is None else cell for cell in row] + [""] * (width - len(row)) for row in source]
        assert program.apply(padded) == [["" if cell is None else cell for cell in row] for row in target]


@settings(max_examples=40, deadline=None)
@given(st.lists(st.lists(st.text(max_size=3), min_size=1, max_size=3), min_size=1, max_size=4))
def test_an_identity_example_learns_the_identity(rows):
    width = max(len(row) for row in rows)
    table = [row + [""] * (width - len(row)) for row in rows]
    program = learn([(table, [list(row) for row in table])], timeout=5.0)
    assert program.apply(table) == table


@pytest.mark.parametrize(
    "examples",
    [
        [("not a table", [["a"]])],
        [([["a"]],)],
        [([[1, 2]], [["1", "2"]])],
        [([["a"]], [["b"], "row"])],
        [],
    ],
)
def test_malformed_examples_raise_value_error_naming_the_problem(examples):
    with pytest.raises(ValueError) as error:
        learn(examples)
    assert str(error.value)


def test_every_pair_of_small_tables_is_handled():
    """Exhaustive over tiny tables: every outcome is a consistent program or NoProgramFound."""
    cells = ["", "a", "1"]
    tables = [[list(row)] for row in itertools.product(cells, repeat=2)]
    for source, target in itertools.product(tables, repeat=2):
        try:
            program = learn([(source, target)], timeout=2.0)
        except NoProgramFound:
            continue
        assert program.apply(source) == target
