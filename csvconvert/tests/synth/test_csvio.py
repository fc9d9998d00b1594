import csv

import pytest

from csvconvert.synth import ConversionError, Program
from csvconvert.synth.expr import Column
from csvconvert.synth.mapcolumns import MapColumns

SWAP = Program([MapColumns([Column(1), Column(0)])])


def read(path):
    with path.open(newline="", encoding="utf-8") as handle:
        return list(csv.reader(handle))


def test_it_converts_a_utf8_file_with_a_bom(tmp_path):
    src, dst = tmp_path / "in.csv", tmp_path / "out.csv"
    src.write_bytes("\ufeffa,b\nc,d\n".encode())
    stats = SWAP.apply_csv(src, dst)
    assert read(dst) == [["b", "a"], ["d", "c"]]
    assert stats["encoding"] == "utf-8-sig"


@pytest.mark.parametrize("encoding", ["cp1252", "utf-16", "latin-1"])
def test_it_detects_non_utf8_encodings(tmp_path, encoding):
    src, dst = tmp_path / "in.csv", tmp_path / "out.csv"
    src.write_bytes("name,city\nJosé,Zürich\nRenée,Bâle\n".encode(encoding))
    SWAP.apply_csv(src, dst)
    assert read(dst) == [["city", "name"], ["Zürich", "José"], ["Bâle", "Renée"]]


@pytest.mark.parametrize("delimiter", [";", "\t", "|"])
def test_it_sniffs_odd_delimiters(tmp_path, delimiter):
    src, dst = tmp_path / "in.csv", tmp_path / "out.csv"
    src.write_text(f"a{delimiter}b\n1{delimiter}2\n3{delimiter}4\n")
    assert SWAP.apply_csv(src, dst)["delimiter"] == delimiter
    assert read(dst) == [["b", "a"], ["2", "1"], ["4", "3"]]


def test_quoted_newlines_and_delimiters_survive(tmp_path):
    src, dst = tmp_path / "in.csv", tmp_path / "out.csv"
    src.write_text('a,b\n"line one\nline two","x, y"\n')
    SWAP.apply_csv(src, dst)
    assert read(dst) == [["b", "a"], ["x, y", "line one\nline two"]]


def test_an_empty_file_is_a_clear_error(tmp_path):
    src = tmp_path / "in.csv"
    src.write_text("")
    with pytest.raises(ConversionError, match="in.csv is empty"):
        SWAP.apply_csv(src, tmp_path / "out.csv")


def test_a_ragged_row_fails_clearly_and_leaves_no_partial_output(tmp_path):
    src, dst = tmp_path / "in.csv", tmp_path / "out.csv"
    src.write_text("a,b\nc,d\nonly-one\ne,f\n")
    with pytest.raises(ConversionError, match="line 3: .*fewer columns"):
        SWAP.apply_csv(src, dst)
    assert not dst.exists()
    assert list(tmp_path.iterdir()) == [src]


def test_a_failed_conversion_keeps_an_earlier_output_intact(tmp_path):
    src, dst = tmp_path / "in.csv", tmp_path / "out.csv"
    dst.write_text("previous result\n")
    src.write_text("a,b\nbroken\n")
    with pytest.raises(ConversionError):
        SWAP.apply_csv(src, dst)
    assert dst.read_text() == "previous result\n"


def test_invalid_bytes_in_a_declared_encoding_are_reported_with_the_line(tmp_path):
    src = tmp_path / "in.csv"
    src.write_bytes(b"a,b\n" + b"c,d\n" * 10 + b"\xff\xfe,x\n")
    with pytest.raises(ConversionError, match="not valid utf-8 near line"):
        SWAP.apply_csv(src, tmp_path / "out.csv", encoding="utf-8")


def test_large_files_stream_row_by_row(tmp_path):
    src, dst = tmp_path / "in.csv", tmp_path / "out.csv"
    with src.open("w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerows([str(i), f"v{i}"] for i in range(200_000))
    stats = SWAP.apply_csv(src, dst)
    assert stats["lines_read"] == 200_000
    rows = read(dst)
    assert len(rows) == 200_000 and rows[-1] == ["v199999", "199999"]
