"""Table restructuring steps (Foofah / Potter's Wheel family) and the search over them.

    from csvconvert.synth.tables import search_tables
    steps = search_tables([(input_rows, output_rows)], deadline=time.monotonic() + 5)

Importing this package registers every step, so Program.from_json can rebuild them.
"""

from csvconvert.synth.tables.columns import (
    DivideColumn,
    ExtractColumn,
    KeepColumns,
    MergeColumns,
    RenameHeader,
    SplitColumn,
)
from csvconvert.synth.tables.reshape import (
    Explode,
    FillDown,
    FillRight,
    Fold,
    SubtitlesToColumns,
    Transpose,
    Unfold,
    WrapBlocks,
    WrapByKey,
    WrapEvery,
)
from csvconvert.synth.tables.rows import Dedupe, DropEdges, DropRepeatedHeaders, FilterRows, GroupBy, SortRows
from csvconvert.synth.tables.search import search_tables

__all__ = [
    "Dedupe",
    "DivideColumn",
    "DropEdges",
    "DropRepeatedHeaders",
    "Explode",
    "ExtractColumn",
    "FillDown",
    "FillRight",
    "FilterRows",
    "Fold",
    "GroupBy",
    "KeepColumns",
    "MergeColumns",
    "RenameHeader",
    "SortRows",
    "SplitColumn",
    "SubtitlesToColumns",
    "Transpose",
    "Unfold",
    "WrapBlocks",
    "WrapByKey",
    "WrapEvery",
    "search_tables",
]
