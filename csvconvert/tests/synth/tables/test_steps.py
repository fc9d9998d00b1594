"""Each table step: what it does, that it survives JSON, and that its generated code agrees."""

import json

import pytest

from csvconvert.synth.program import Program
from csvconvert.synth.tables import (
    Dedupe,
    DivideColumn,
    DropEdges,
    DropRepeatedHeaders,
    Explode,
    ExtractColumn,
    FillDown,
    FillRight,
    FilterRows,
    Fold,
    GroupBy,
    KeepColumns,
    MergeColumns,
    RenameHeader,
    SortRows,
    SplitColumn,
    SubtitlesToColumns,
    Transpose,
    Unfold,
    WrapBlocks,
    WrapByKey,
    WrapEvery,
)
from csvconvert.synth.tables.predicates import predicate

WIDE = [["name", "math", "art"], ["Ann", "1", "2"], ["Bo", "3", "4"]]
LONG = [["Ann", "math", "1"], ["Ann", "art", "2"], ["Bo", "math", "3"], ["Bo", "art", "4"]]

CASES = [
    (KeepColumns([2, 0]), [["a", "b", "c"], ["d", "e", "f"]], [["c", "a"], ["f", "d"]]),
    (RenameHeader(["x", "y"]), [["a", "b"], ["1", "2"]], [["x", "y"], ["1", "2"]]),
    (SplitColumn(1, ", ", 2), [["a", "b, c"], ["d", "e"]], [["a", "b", "c"], ["d", "e", ""]]),
    (SplitColumn(0, r"\s+", 2, regex=True), [["a   b"]], [["a", "b"]]),
    (SplitColumn(0, r"(?<=\d)(?=[A-Za-z])", 2, regex=True), [["2br"]], [["2", "br"]]),
    (KeepColumns([1, -1]), [["a", "b"]], [["b", ""]]),
    (MergeColumns(0, 2, "-"), [["a", "b", "c"]], [["a-c", "b"]]),
    (ExtractColumn(0, r"\d+", 1), [["$12 / 3br"], ["none"]], [["$12 / 3br", "3"], ["none", ""]]),
    (
        DivideColumn(0, predicate(0, "contains", ",")),
        [["Doe, J", "x"], ["Ann", "y"]],
        [["Doe, J", "", "x"], ["", "Ann", "y"]],
    ),
    (FilterRows(predicate(1, "empty"), keep=False), [["a", ""], ["b", "1"]], [["b", "1"]]),
    (FilterRows(predicate(0, "number")), [["1"], ["x"], ["2.5"]], [["1"], ["2.5"]]),
    (DropEdges(1, 1), [["title"], ["a"], ["b"], ["total"]], [["a"], ["b"]]),
    (DropRepeatedHeaders(), [["h"], ["a"], ["h"], ["b"]], [["h"], ["a"], ["b"]]),
    (Dedupe(), [["a"], ["b"], ["a"]], [["a"], ["b"]]),
    (
        SortRows(1, numeric=True, header=True),
        [["k", "n"], ["a", "10"], ["b", "9"]],
        [["k", "n"], ["b", "9"], ["a", "10"]],
    ),
    (
        GroupBy([0], [[1, "sum"], [1, "count"], [1, "mean"], [1, "min"], [1, "max"]]),
        [["a", "1"], ["b", "5"], ["a", "2"]],
        [["a", "3", "2", "1.5", "1", "2"], ["b", "5", "1", "5", "5", "5"]],
    ),
    (
        Fold(1, header=True, names=True),
        WIDE,
        [["Ann", "math", "1"], ["Ann", "art", "2"], ["Bo", "math", "3"], ["Bo", "art", "4"]],
    ),
    (Fold(1, width=2), [["k", "a", "1", "b", "2"]], [["k", "a", "1"], ["k", "b", "2"]]),
    (Unfold(1, 2), LONG, [["", "math", "art"], ["Ann", "1", "2"], ["Bo", "3", "4"]]),
    (Transpose(), [["a", "b"], ["c"]], [["a", "c"], ["b", ""]]),
    (FillDown(0), [["X", "1"], ["", "2"], ["Y", "3"]], [["X", "1"], ["X", "2"], ["Y", "3"]]),
    (FillRight(), [["2020", "", "2021", ""]], [["2020", "2020", "2021", "2021"]]),
    (Explode(1, ", "), [["k", "a, b"]], [["k", "a"], ["k", "b"]]),
    (WrapEvery(2), [["a"], ["b"], ["c"]], [["a", "b"], ["c", ""]]),
    (WrapEvery(2, keys=1, interleave=True), [["k", "1", "2"], ["", "3", "4"]], [["k", "1", "3", "2", "4"]]),
    (WrapBlocks(predicate(-1, "blank")), [["a"], ["b"], [""], ["c"], [""]], [["a", "b"], ["c", ""]]),
    (WrapBlocks(predicate(0, "startswith", "*"), "start"), [["*a"], ["b"], ["*c"]], [["*a", "b"], ["*c", ""]]),
    (WrapByKey(0), [["k", "a"], ["j", "b"], ["k", "c"]], [["k", "a", "c"], ["j", "b", ""]]),
    (
        SubtitlesToColumns(predicate(1, "empty"), 1),
        [["Team", ""], ["a", "1"], ["b", "2"]],
        [["Team", "a", "1"], ["Team", "b", "2"]],
    ),
]
IDS = [type(step).__name__ + str(number) for number, (step, _, _) in enumerate(CASES)]


@pytest.mark.parametrize(("step", "rows", "expected"), CASES, ids=IDS)
def test_each_step_transforms_the_table_as_documented(step, rows, expected):
    assert step.apply(rows) == expected


@pytest.mark.parametrize(("step", "rows", "expected"), CASES, ids=IDS)
def test_each_step_survives_a_json_round_trip(step, rows, expected):
    program = Program([step])
    again = Program.from_json(json.dumps(program.to_json()))
    assert again == program
    assert again.apply(rows) == expected


@pytest.mark.parametrize(("step", "rows", "expected"), CASES, ids=IDS)
def test_generated_code_agrees_with_apply(step, rows, expected):
    namespace = Program([step]).compiled()
    assert namespace["transform"](rows) == expected
    if step.streaming:
        assert [list(row) for row in namespace["transform_stream"](iter(rows))] == expected


@pytest.mark.parametrize(("step", "rows", "expected"), CASES, ids=IDS)
def test_each_step_explains_itself_in_words(step, rows, expected):
    lines = step.explain()
    assert lines and all(isinstance(line, str) and line for line in lines)


def test_row_local_steps_stream_and_whole_table_steps_do_not():
    assert KeepColumns([0]).streaming and Explode(0, ",").streaming and FilterRows(predicate(0, "empty")).streaming
    assert not Fold(1).streaming and not Transpose().streaming and not WrapEvery(2).streaming


def test_split_keeps_the_rest_in_the_last_part_when_a_cell_has_more_delimiters():
    assert SplitColumn(0, "/", 2).apply([["a/b/c"]]) == [["a", "b/c"]]


def test_fold_pads_a_short_last_group():
    assert Fold(0, width=2).apply([["a", "1", "b"]]) == [["a", "1"], ["b", ""]]


def test_an_exported_script_runs_a_multi_step_program():
    program = Program([FillDown(0), Unfold(1, 2)])
    rows = [["X", "0", "5"], ["", "1", "6"], ["Y", "0", "7"], ["", "1", "8"]]
    assert program.compiled()["transform"](rows) == [["", "0", "1"], ["X", "5", "6"], ["Y", "7", "8"]]


def test_an_exported_script_with_patterns_compiles_without_warnings():
    import warnings

    program = Program([ExtractColumn(0, r"\d+", -1), FilterRows(predicate(0, "shape", r"[A-Za-z]+\-\d+"))])
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        compile(program.to_python(), "converter.py", "exec")


def test_learned_predicates_separate_kept_from_deleted_rows():
    from csvconvert.synth.tables.predicates import learn_predicate

    kept, deleted = [["a", "1"], ["b", "2"]], [["Total", ""], ["", ""]]
    pred = learn_predicate(kept, deleted)
    assert pred == predicate(1, "empty", negate=True)
