"""CSV bytes to rows, and rows to short text the agents can read."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass

from csvconvert.synth.csvio import SAMPLE_BYTES, detect_encoding, sniff_delimiter

SAMPLE_ROWS = 20
CELL_CHARS = 80
SAMPLE_CHARS = 12_000  # wide files show fewer rows, so a prompt stays far inside any context window


@dataclass(frozen=True)
class ParsedCsv:
    rows: list[list[str]]
    encoding: str
    delimiter: str

    @property
    def header(self) -> list[str]:
        return self.rows[0] if self.rows else []


def parse_csv(data: bytes, *, delimiter: str | None = None) -> ParsedCsv:
    """All rows of a CSV file given as bytes; trailing blank lines dropped.

    Encoding and delimiter are detected as the engine detects them (csvio); a given `delimiter`
    wins, so a script's output can be read the way the expected file is written.
    """
    encoding = detect_encoding(data[:SAMPLE_BYTES]) if data else "utf-8"
    codec = "utf-8-sig" if encoding in {"utf-8", "utf_8"} else encoding
    text = data.decode(codec, errors="replace")
    delimiter = delimiter or sniff_delimiter(text[:SAMPLE_BYTES])
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, doublequote=True, strict=False)
    rows = list(reader)
    while rows and not any(cell.strip() for cell in rows[-1]):
        rows.pop()
    return ParsedCsv(rows=rows, encoding=encoding, delimiter=delimiter)


def clip(value: str | None, limit: int = CELL_CHARS) -> str:
    if value is None:
        return "(missing)"
    return value if len(value) <= limit else value[: limit - 1] + "…"


def sample_rows(table: ParsedCsv, limit: int = SAMPLE_ROWS, budget: int = SAMPLE_CHARS) -> list[str]:
    """The first rows as CSV lines, long cells clipped; at least two, then as many as fit the budget."""
    lines: list[str] = []
    for row in table.rows[:limit]:
        out = io.StringIO()
        csv.writer(out, delimiter=table.delimiter, lineterminator="\n").writerow([clip(cell) for cell in row])
        if len(lines) >= 2 and sum(map(len, lines)) + len(out.getvalue()) > budget:
            break
        lines.append(out.getvalue())
    return lines


def fenced(text: str, language: str = "") -> str:
    """`text` in a Markdown fence longer than any backtick run inside it, so data cannot close it."""
    longest, run = 0, 0
    for char in text:
        run = run + 1 if char == "`" else 0
        longest = max(longest, run)
    fence = "`" * max(3, longest + 1)
    return f"{fence}{language}\n{text.rstrip()}\n{fence}"


def describe_differences(differences: list[dict], header: list[str], limit: int = 20) -> str:
    """One line a cell: where it is, what was expected and what came out."""
    lines = []
    for diff in differences[:limit]:
        row, column = diff.get("row"), diff.get("column")
        if row is None:
            lines.append(f"- the program failed: {clip(str(diff.get('actual')), 200)}")
            continue
        name = header[column - 1] if column and column <= len(header) else ""
        where = f"row {row}, column {column}" + (f' ("{clip(name, 40)}")' if name else "")
        lines.append(f"- {where}: expected {_quoted(diff.get('expected'))}, got {_quoted(diff.get('actual'))}")
    if len(differences) > limit:
        lines.append(f"- ... and {len(differences) - limit} more cells")
    return "\n".join(lines)


def _quoted(value: str | None) -> str:
    return "(no cell)" if value is None else repr(clip(value))
