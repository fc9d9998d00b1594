"""Rules that read the shape of the answer: the columns to show ("only name and price", "the name and price
columns", "list the emails"), distinct values ("unique cities"), duplicates, renames and a row limit.

A list of columns is taken when "columns"/"fields" follows it, and after "only", "just", "select" or "columns"
when its words are known columns, or it names two or more, or one field that ends the clause ("only price";
not "just the orders from Canada", which names the rows). After the request verb ("show the name and price of
...") or after "with" at the end of a request, it is taken when its words are known columns or, columns
unknown, it names two or more singular nouns ("name and price"): a lone or plural noun after "show" is the
rows asked for ("show the weather forecast", "show orders, hotels"), not a column.
"""

from __future__ import annotations

from agentrunner.requests_parser.draft import ColumnRef, Draft, clause_ends, column_after, looks_singular
from agentrunner.requests_parser.text import NUM, REQUEST_VERBS, TIME_UNITS, is_stop, parse_number, rx

_HEAD = rx(rf"^(?P<verb>{REQUEST_VERBS}\s+)?(?:all\s+)?(?:of\s+)?(?:the\s+)?")
_OF = rx(r"\s+of\b")
_ONLY = rx(r"\b(?:only|just)\s+(?:show\s+|keep\s+|include\s+|return\s+|give\s+me\s+)?(?:the\s+)?")
_SELECT = rx(r"\b(?:select|columns?|fields?)\s+(?:named\s+|called\s+)?(?:the\s+)?")
_WITH = rx(r"\b(?:with|including|showing|plus)\s+(?:the\s+|their\s+|its\s+|just\s+)?")
_LIST_SEPARATOR = rx(r"\s*,\s*(?:and\s+)?(?:the\s+)?|\s+(?:and|plus)\s+(?:the\s+)?")
_FIELD_WORDS = rx(r"\s+(?:columns?|fields?|only)\b")
_DISTINCT = rx(r"\b(?:distinct|unique|different)\s+(?:the\s+)?")
_DEDUPE = rx(
    r"\b(?:dedupe|de\s+dupe|deduplicate|deduplicated|(?:remove|drop|without|no|excluding)\s+(?:the\s+|any\s+)?"
    r"duplicates?|duplicates?\s+removed)\b(?P<by>\s+(?:by|on|of|in|based\s+on)\s+)?"
)
_RENAME = rx(r"\brenam(?:e|ing)\s+(?:the\s+)?(?:column\s+)?")
_RENAME_TO = rx(r"\s+(?:column\s+)?(?:to|as|into)\s+(?:«(?P<quoted>\d+)»|(?P<word>[A-Za-z_]\w*))")
_ROW_WORDS = r"(?:rows|results|records|entries|lines)"
_LIMIT = rx(
    r"\blimit(?:ed)?(?:\s+(?:it|them|that|results?|the\s+(?:results?|output|rows)))?(?:\s+to)?"
    rf"(?:\s+(?:the\s+)?(?:first|top))?\s+(?P<n>{NUM})(?:\s+{_ROW_WORDS})?"
)
_N_ROWS = rx(rf"\b(?:only\s+|just\s+|at\s+most\s+)?(?P<n>{NUM})\s+{_ROW_WORDS}\b")
TIME_UNIT = rx(TIME_UNITS)
_HEAD_COUNT = rx(rf"^{REQUEST_VERBS}\s+(?:the\s+|any\s+|only\s+|just\s+)?(?P<n>{NUM})\s+(?P<noun>[A-Za-z]\w*)")


def _column_list(draft: Draft, pos: int) -> list[ColumnRef]:
    refs: list[ColumnRef] = []
    while (ref := column_after(draft, pos, max_words=3)) is not None:
        refs.append(ref)
        separator = _LIST_SEPARATOR.match(draft.text, ref.end)
        if separator is None:
            break
        pos = separator.end()
    return refs


def _accept(draft: Draft, refs: list[ColumnRef], context: str) -> int | None:
    """The end of the accepted list (with a trailing "columns"), or None when it is not a list of columns."""
    if not refs:
        return None
    end = refs[-1].end
    fields = _FIELD_WORDS.match(draft.text, end)
    if fields is not None:
        return fields.end()
    ends = clause_ends(draft.text, end)
    all_known = draft.matcher.known and all(ref.placed for ref in refs)
    if context == "named":
        # "only price" names a column; "just the orders from Canada" names the rows, "just asked me" neither.
        lone_field = len(refs) == 1 and looks_singular(refs[0].phrase) and ends
        return end if all_known or len(refs) > 1 or lone_field else None
    if context == "with" and not ends:
        return None
    if context == "bare" and len(refs) == 1 and _OF.match(draft.text, end) is None:
        return None  # "customers without an email": the rows, even where a column is called customer
    # Columns unknown, plural nouns after "show" are more often the rows ("show orders, hotels") than fields.
    fields_only = draft.matcher.known or all(looks_singular(ref.phrase) for ref in refs)
    return end if all_known or (len(refs) > 1 and fields_only) else None


def columns(draft: Draft) -> None:
    for pattern, context in ((_ONLY, "named"), (_SELECT, "named"), (_WITH, "with"), (_HEAD, "head")):
        for match in pattern.finditer(draft.text):
            refs = _column_list(draft, match.end())
            end = _accept(draft, refs, "bare" if context == "head" and not match.group("verb") else context)
            if end is None:
                continue
            draft.select.extend(name for name in (draft.place(ref) for ref in refs) if name not in draft.select)
            draft.consume(match.start(), end)


def distinct(draft: Draft) -> None:
    for match in _DISTINCT.finditer(draft.text):
        refs = _column_list(draft, match.end())
        if not refs:
            continue
        names = [draft.place(ref) for ref in refs]
        draft.select.extend(name for name in names if name not in draft.select)
        draft.dedupe = [*(draft.dedupe or []), *names]
        draft.consume(match.start(), refs[-1].end)


def duplicates(draft: Draft) -> None:
    for match in _DEDUPE.finditer(draft.text):
        refs = _column_list(draft, match.end()) if match.group("by") else []
        draft.dedupe = [*(draft.dedupe or []), *(draft.place(ref) for ref in refs)]
        draft.consume(match.start(), refs[-1].end if refs else match.end() - len(match.group("by") or ""))


def renames(draft: Draft) -> None:
    for match in _RENAME.finditer(draft.text):
        ref = column_after(draft, match.end(), max_words=3)
        target = _RENAME_TO.match(draft.text, ref.end) if ref else None
        if ref is None or target is None:
            continue
        new = draft.quoted[int(target.group("quoted"))] if target.group("quoted") else target.group("word")
        draft.renames[draft.place(ref)] = new
        draft.consume(match.start(), target.end())


def limits(draft: Draft) -> None:
    for pattern in (_LIMIT, _N_ROWS, _HEAD_COUNT):
        match = pattern.search(draft.text)
        noun = match.groupdict().get("noun") if match else None
        if match is None or (noun is not None and (is_stop(noun) or TIME_UNIT.fullmatch(noun))):
            continue
        draft.limit = int(parse_number(match.group("n")))
        draft.consume(match.start("n"), match.end("n"))
        return
