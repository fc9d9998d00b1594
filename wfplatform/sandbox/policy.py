"""Which modules a sandboxed script may import.

Scripts read and write fixed file names in their working directory (`input.csv` to
`output.csv`), so they need neither `os` nor `sys`. A refused import raises ImportError in the
script; left uncaught, the run fails with "import of 'os' is not allowed".
"""

from __future__ import annotations

DEFAULT_ALLOWED_IMPORTS: frozenset[str] = frozenset(
    {
        # data
        "pandas",
        "numpy",
        "csv",
        "json",
        "io",
        "codecs",
        "base64",
        "html",
        "unicodedata",
        "string",
        "re",
        "textwrap",
        "difflib",
        # numbers and dates
        "math",
        "cmath",
        "decimal",
        "fractions",
        "statistics",
        "random",
        "datetime",
        "time",
        "calendar",
        "zoneinfo",
        "dateutil",
        "pytz",
        # structures and helpers
        "collections",
        "itertools",
        "functools",
        "operator",
        "heapq",
        "bisect",
        "copy",
        "dataclasses",
        "enum",
        "typing",
        "abc",
        "numbers",
        "hashlib",
        "warnings",
    }
)

# Imported by the child before its guards when the script names them: they load hundreds of
# modules, faster without the guards, and their own imports are trusted anyway.
PRELOAD: tuple[str, ...] = ("numpy", "pandas")
