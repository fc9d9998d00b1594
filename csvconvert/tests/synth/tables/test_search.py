"""search_tables: finds restructuring programs from one example pair, cheaply and predictably."""

import time

from csvconvert.synth.expr import Column, Const
from csvconvert.synth.mapcolumns import MapColumns
from csvconvert.synth.program import Program
from csvconvert.synth.tables import Explode, Fold, KeepColumns, Transpose, Unfold, WrapByKey, search_tables


def learn(source, target, seconds=10.0, **options):
    return search_tables([(source, target)], deadline=time.monotonic() + seconds, **options)


def test_it_finds_a_fold_for_a_wide_table():
    wide = [["", "Boys", "Girls"], ["Oslo", "1", "2"], ["Rome", "3", "4"]]
    long = [["Oslo", "Boys", "1"], ["Oslo", "Girls", "2"], ["Rome", "Boys", "3"], ["Rome", "Girls", "4"]]
    steps = learn(wide, long)
    assert steps == [Fold(1, header=True, names=True)]
    unseen = [["", "Boys", "Girls"], ["Lima", "5", "6"]]
    assert Program(steps).apply(unseen) == [["Lima", "Boys", "5"], ["Lima", "Girls", "6"]]


def test_it_finds_an_unfold_for_a_long_table():
    long = [["Ann", "math", "1"], ["Ann", "art", "2"], ["Bo", "math", "3"], ["Bo", "art", "4"]]
    wide = [["", "math", "art"], ["Ann", "1", "2"], ["Bo", "3", "4"]]
    assert learn(long, wide) == [Unfold(1, 2)]


def test_it_chains_steps_and_finishes_with_a_column_pick():
    source = [["George", "Math:65", "Art:42"], ["Anna", "Math:43", "Art:78"]]
    target = [["", "Math", "Art"], ["George", "65", "42"], ["Anna", "43", "78"]]
    steps = learn(source, target)
    assert steps is not None and len(steps) == 3
    assert Program(steps).apply([["Tom", "Math:1", "Art:2"]]) == [["", "Math", "Art"], ["Tom", "1", "2"]]


def test_it_explodes_multi_valued_cells():
    source = [["Latimer", "George, Anna"], ["Smith", "Joan"]]
    target = [["Latimer", "George"], ["Latimer", "Anna"], ["Smith", "Joan"]]
    assert learn(source, target) == [Explode(1, ", ")]


def test_it_prefers_the_cheaper_program_among_consistent_ones():
    # Wrapping first then picking columns also fits, but its pick depends on the group sizes.
    source = [["k", "1", "", "x"], ["k", "2", "", "y"]]
    target = [["k", "x", "y"]]
    steps = learn(source, target)
    assert steps == [KeepColumns([0, 3]), WrapByKey(0)]
    assert Program(steps).cost <= Program([WrapByKey(0), KeepColumns([0, 3, 6])]).cost


def test_it_returns_an_empty_program_when_input_already_matches():
    assert learn([["a"]], [["a"]]) == []


def test_it_returns_none_when_an_output_value_cannot_be_made():
    assert learn([["a", "b"]], [["zzz"]], seconds=2.0) is None


def test_it_honours_the_deadline():
    source = [[f"{row}-{col}" for col in range(12)] for row in range(40)]
    target = [["nothing", "like", "the", "input"]]
    started = time.monotonic()
    assert learn(source, target, seconds=0.3) is None
    assert time.monotonic() - started < 1.5


def test_it_is_deterministic():
    source = [["1", "abc", "x"], ["1", "def", "y"], ["2", "ghi", "z"]]
    target = [["1", "abc", "x", "def", "y"], ["2", "ghi", "z", "", ""]]
    first = learn(source, target)
    assert first is not None
    assert all(learn(source, target) == first for _ in range(3))


def test_it_learns_from_several_examples_at_once():
    examples = [([["a"], ["b"]], [["a", "b"]]), ([["c"], ["d"], ["e"]], [["c", "d", "e"]])]
    assert search_tables(examples, deadline=time.monotonic() + 5) == [Transpose()]


def test_it_can_finish_with_a_cell_level_step_from_the_map_learner():
    source = [["k", "*a", "*b"]]
    target = [["k", "A"], ["k", "B"]]
    calls = []

    def map_learner(pairs):
        calls.append(pairs)
        table, output = pairs[0]
        if len(table) == 2 and all(len(row) == 2 for row in table):
            return MapColumns([Column(0), Const("A")])  # any Step will do for the search's purposes
        return None

    steps = learn(source, target, map_learner=map_learner)
    assert calls
    assert steps is not None and isinstance(steps[-1], MapColumns)
