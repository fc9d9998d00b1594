import subprocess
import sys

import pytest

from csvconvert.synth import NoProgramFound, Program, learn
from csvconvert.synth.expr import Column, Const
from csvconvert.synth.mapcolumns import MapColumns

PEOPLE = [["name", "city", "age"], ["Ann", "Oslo", "31"], ["Bo", "Rome", "42"]]
SWAPPED = [["city", "name"], ["Oslo", "Ann"], ["Rome", "Bo"]]


def test_it_learns_a_column_reorder_with_a_header_from_two_rows():
    program = learn([(PEOPLE, SWAPPED)])
    new = [["name", "city", "age"], ["Cy", "Lima", "5"]]
    assert program.apply(new) == [["city", "name"], ["Lima", "Cy"]]


def test_a_learned_program_survives_a_json_round_trip():
    program = learn([(PEOPLE, SWAPPED)])
    again = Program.from_json(program.to_json())
    assert again == program
    assert Program.from_json(__import__("json").dumps(program.to_json())) == program


def test_from_json_rejects_unknown_steps_and_formats():
    with pytest.raises(ValueError, match="unknown step 'teleport'"):
        Program.from_json({"format": 1, "steps": [{"step": "teleport"}]})
    with pytest.raises(ValueError, match="unsupported program format"):
        Program.from_json({"format": 99, "steps": []})


def test_explain_says_what_each_output_column_is():
    renamed = [["Town", "Person"], ["OSLO", "Ann"], ["ROME", "Bo"]]
    program = learn([(PEOPLE, renamed)])
    assert program.apply([["name", "city", "age"], ["Cy", "Lima", "5"]]) == [["Town", "Person"], ["LIMA", "Cy"]]
    text = " ".join(program.explain())
    assert "'Town', 'Person'" in text and "column 2" in text


def test_the_exported_script_gives_the_same_output_as_apply(tmp_path):
    program = Program([MapColumns([Column(1), Const("x"), Column(0)])])
    rows = [["a", "b"], ["c, with comma", "d\nwith newline"]]
    src, dst, script = tmp_path / "in.csv", tmp_path / "out.csv", tmp_path / "converter.py"
    import csv

    with src.open("w", newline="") as handle:
        csv.writer(handle).writerows(rows)
    script.write_text(program.to_python())
    subprocess.run([sys.executable, str(script), str(src), str(dst)], check=True)
    with dst.open(newline="") as handle:
        assert list(csv.reader(handle)) == program.apply(rows)


def test_no_program_found_carries_the_closest_candidate_and_the_differing_cells():
    # The same input cell must become two different outputs: no function of the row does that.
    examples = [([["a"], ["a"], ["a"]], [["1"], ["2"], ["3"]])]
    with pytest.raises(NoProgramFound) as caught:
        learn(examples, timeout=2)
    error = caught.value
    assert error.closest is not None
    assert error.closest.apply([["b"]]) == [["b"]]  # the likeliest column, copied
    assert error.differences == [
        {"example": 1, "row": r, "column": 1, "expected": str(r), "actual": "a"} for r in (1, 2, 3)
    ]


@pytest.mark.parametrize(
    ("examples", "message"),
    [
        ([], "at least one"),
        ([("not a pair",)], "example 1 is not an"),
        ([([["a", 1]], [["a"]])], "example 1 input, row 1: rows must be lists of strings"),
        ([([["a"]], ["a"])], "example 1 output, row 1"),
    ],
)
def test_bad_examples_get_a_clear_error(examples, message):
    with pytest.raises(ValueError, match=message):
        learn(examples)


def test_learning_is_deterministic():
    first = learn([(PEOPLE, SWAPPED)]).to_json()
    assert all(learn([(PEOPLE, SWAPPED)]).to_json() == first for _ in range(3))


def test_a_saved_program_loads_in_a_fresh_process(tmp_path):
    program = learn([([["a b"], ["c d"]], [["B"], ["D"]])])
    saved = tmp_path / "program.json"
    saved.write_text(__import__("json").dumps(program.to_json()))
    code = (
        "import json, sys; from csvconvert.synth import Program; "
        "print(Program.from_json(json.load(open(sys.argv[1]))).apply([['x y']]))"
    )
    done = subprocess.run([sys.executable, "-c", code, str(saved)], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[['Y']]"


def test_ragged_example_rows_read_missing_cells_as_empty():
    examples = [([["a", "b", "c"], ["d", "e"], ["f", "g", "h"]], [["c", "a"], ["", "d"], ["h", "f"]])]
    program = learn(examples, timeout=10)
    assert program.apply([["x", "y", "z"], ["q"]]) == [["z", "x"], ["", "q"]]
    assert program.compiled()["transform"]([["x", "y", "z"], ["q"]]) == [["z", "x"], ["", "q"]]


def test_generated_code_keeps_constants_that_look_like_code():
    program = Program([MapColumns([Const("x in rows]"), Column(0)], header=["a", "b"])])
    rows = [["h"], ["v"]]
    assert program.compiled()["transform"](rows) == program.apply(rows) == [["a", "b"], ["x in rows]", "v"]]
