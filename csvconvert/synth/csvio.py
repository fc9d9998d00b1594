"""Reading and writing CSV files of any size: encoding and dialect detection, streaming, atomic output."""

from __future__ import annotations

import codecs
import csv
import os
import sys
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from charset_normalizer import from_bytes

from csvconvert.synth.program import ConversionError

if TYPE_CHECKING:
    from csvconvert.synth.program import Program

SAMPLE_BYTES = 256 * 1024
DELIMITERS = ",;\t|"
_BOMS = [
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
]

# Cells may be large (quoted newlines, long text); the csv module's default cap is 128 KiB.
csv.field_size_limit(min(sys.maxsize, 2**31 - 1))


@dataclass(frozen=True)
class CsvFormat:
    encoding: str
    delimiter: str
    quotechar: str = '"'

    def reader_options(self) -> dict[str, Any]:
        return {"delimiter": self.delimiter, "quotechar": self.quotechar, "doublequote": True, "strict": False}


def detect_encoding(sample: bytes) -> str:
    for bom, encoding in _BOMS:
        if sample.startswith(bom):
            return encoding
    try:
        codecs.getincrementaldecoder("utf-8")().decode(sample, final=False)
        return "utf-8"
    except UnicodeDecodeError:
        pass
    best = from_bytes(sample).best()
    return best.encoding if best is not None else "cp1252"


def sniff_delimiter(text: str) -> str:
    lines = text.splitlines()[:50]
    if not lines:
        return ","
    try:
        return csv.Sniffer().sniff("\n".join(lines), delimiters=DELIMITERS).delimiter
    except csv.Error:
        # One column, or too irregular to sniff: count candidates on the first line.
        counts = {delimiter: lines[0].count(delimiter) for delimiter in DELIMITERS}
        best = max(counts, key=counts.get)
        return best if counts[best] else ","


def detect_format(path: Path, *, encoding: str | None = None, delimiter: str | None = None) -> CsvFormat:
    with path.open("rb") as handle:
        sample = handle.read(SAMPLE_BYTES)
    if not sample.strip():
        raise ConversionError(f"{path.name} is empty")
    encoding = encoding or detect_encoding(sample)
    if delimiter is None:
        text = sample.decode(encoding, errors="ignore")
        delimiter = sniff_delimiter(text.lstrip("\ufeff"))
    return CsvFormat(encoding=encoding, delimiter=delimiter)


def read_table(path: Path, *, encoding: str | None = None, delimiter: str | None = None) -> list[list[str]]:
    """The whole file as rows of strings (for training examples: small files)."""
    fmt = detect_format(path, encoding=encoding, delimiter=delimiter)
    with _open_text(path, fmt) as handle:
        return list(_checked_rows(csv.reader(handle, **fmt.reader_options()), fmt, path))


def _open_text(path: Path, fmt: CsvFormat):
    encoding = "utf-8-sig" if fmt.encoding in {"utf-8", "utf_8"} else fmt.encoding
    return path.open(encoding=encoding, newline="", errors="strict")


def _checked_rows(reader, fmt: CsvFormat, path: Path) -> Iterator[list[str]]:
    try:
        yield from reader
    except UnicodeDecodeError as exc:
        raise ConversionError(
            f"{path.name} is not valid {fmt.encoding} near line {reader.line_num + 1} ({exc.reason}); "
            "give its encoding explicitly"
        ) from None
    except csv.Error as exc:
        raise ConversionError(f"{path.name} line {reader.line_num}: malformed CSV ({exc})") from None


def convert_file(
    program: Program,
    src: Path,
    dst: Path,
    *,
    encoding: str | None = None,
    delimiter: str | None = None,
    output_delimiter: str = ",",
    output_encoding: str = "utf-8",
) -> dict[str, Any]:
    """Run the program over src into dst. Streams when the program is row-local.

    The output is written to a temporary file beside dst and moved into place only when every
    row converted: a failure never leaves a truncated file behind.
    """
    fmt = detect_format(src, encoding=encoding, delimiter=delimiter)
    module = program.compiled()
    dst.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{dst.name}.", suffix=".part", dir=dst.parent)
    try:
        with _open_text(src, fmt) as infile, os.fdopen(fd, "w", newline="", encoding=output_encoding) as outfile:
            reader = csv.reader(infile, **fmt.reader_options())
            rows = _checked_rows(reader, fmt, src)
            writer = csv.writer(outfile, delimiter=output_delimiter, lineterminator="\n")
            _run(module, program.streaming, rows, writer, reader, src)
        os.replace(tmp_name, dst)
    except BaseException:
        Path(tmp_name).unlink(missing_ok=True)
        raise
    return {"encoding": fmt.encoding, "delimiter": fmt.delimiter, "lines_read": reader.line_num}


def _run(module: dict, streaming: bool, rows, writer, reader, src: Path) -> None:
    try:
        if streaming:
            writer.writerows(module["transform_stream"](rows))
        else:
            writer.writerows(module["transform"](list(rows)))
    except ConversionError:
        raise
    except (IndexError, ValueError, KeyError, TypeError, ArithmeticError) as exc:
        where = f"line {reader.line_num}" if streaming else "the table"
        raise ConversionError(
            f"{src.name}, {where}: the converter cannot handle this input ({_describe(exc)})"
        ) from None


def _describe(exc: Exception) -> str:
    if isinstance(exc, IndexError):
        return "the row has fewer columns than the converter reads"
    return f"{type(exc).__name__}: {exc}"
