"""The tester runs scripts in the real sandbox and compares their output cell by cell."""

from __future__ import annotations

import textwrap

from csvconvert.agents.tables import describe_differences, fenced, parse_csv, sample_rows
from csvconvert.agents.tester import judge_script

INPUT = b"a,b\n1,2\n3,4\n"
EXPECTED = parse_csv(b"a;sum\n1;3\n3;7\n")


def judge(source: str, expected=EXPECTED):
    return judge_script(textwrap.dedent(source), input_csv=INPUT, expected=expected)


def test_a_script_whose_output_matches_passes():
    verdict = judge("""
        import csv
        with open("input.csv", newline="") as f, open("output.csv", "w", newline="") as g:
            rows = list(csv.reader(f))
            out = csv.writer(g, delimiter=";")
            out.writerow(["a", "sum"])
            out.writerows([[a, int(a) + int(b)] for a, b in rows[1:]])
    """)

    assert verdict.passed
    assert (verdict.reason, verdict.differences) == ("", [])


def test_a_wrong_delimiter_shows_as_differing_cells():
    verdict = judge("""
        import csv
        with open("input.csv", newline="") as f, open("output.csv", "w", newline="") as g:
            rows = list(csv.reader(f))
            csv.writer(g).writerows([["a", "sum"]] + [[a, int(a) + int(b)] for a, b in rows[1:]])
    """)

    assert not verdict.passed
    assert verdict.reason == "6 cells differ from the expected output"
    assert verdict.differences[0] == {"example": 1, "row": 1, "column": 1, "expected": "a", "actual": "a,sum"}


def test_missing_rows_are_counted_in_the_reason():
    verdict = judge("""
        open("output.csv", "w").write("a;sum\\n1;3\\n")
    """)

    assert verdict.reason == "2 cells differ from the expected output; the output has 2 rows, the expected file 3"
    assert "row 3, column 1 (\"a\"): expected '3', got (no cell)" in verdict.detail


def test_a_crash_reports_the_error_and_the_end_of_stderr():
    verdict = judge("""
        raise ValueError("no such column: total")
    """)

    assert not verdict.passed
    assert verdict.reason.startswith("the script failed in the sandbox (error)")
    assert "ValueError: no such column: total" in verdict.feedback()


def test_a_script_that_writes_nothing_fails():
    verdict = judge("x = 1")

    assert verdict.reason == "the script ran but wrote no output.csv"


def test_files_are_read_in_their_own_encoding_and_delimiter():
    text = "name;city;note\n" + "Zoë;Göteborg;café crème à côté\n" * 20 + "\n"
    table = parse_csv(text.encode("cp1252"))

    assert (table.delimiter, len(table.rows)) == (";", 21)
    assert table.rows[1] == ["Zoë", "Göteborg", "café crème à côté"]
    assert parse_csv(b"\xef\xbb\xbfa,b\n1,2\n").rows == [["a", "b"], ["1", "2"]]


def test_a_fence_is_longer_than_any_backtick_run_in_the_data():
    assert fenced("a ``` b", "csv") == "````csv\na ``` b\n````"
    assert fenced("plain") == "```\nplain\n```"


def test_differences_are_described_with_column_names_and_a_count_of_the_rest():
    differences = [{"example": 1, "row": r, "column": 2, "expected": "x", "actual": "y"} for r in range(2, 25)]

    text = describe_differences(differences, ["id", "name"], limit=2)

    assert text.splitlines() == [
        "- row 2, column 2 (\"name\"): expected 'x', got 'y'",
        "- row 3, column 2 (\"name\"): expected 'x', got 'y'",
        "- ... and 21 more cells",
    ]


def test_samples_of_wide_files_shrink_to_the_budget_but_keep_two_rows():
    wide = parse_csv(("\n".join(",".join(["x" * 70] * 30) for _ in range(20)) + "\n").encode())

    lines = sample_rows(wide, budget=5000)

    assert len(lines) == 2
    assert len(sample_rows(parse_csv(b"a,b\n1,2\n3,4\n"))) == 3
