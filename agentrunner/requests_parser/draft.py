"""The working state of one parse: the text still to read, the parts found so far, and the helpers the rules
share to read columns and values around a position.

Each rule finds its words, records what they mean and *consumes* them: the characters are overwritten with
`|`, which no rule reads as a word, so a later rule cannot read the same words again and phrases never join
across a gap. Positions stay valid because the text keeps its length.
"""

from __future__ import annotations

import json
import keyword
import re
from dataclasses import dataclass, field
from typing import Any

from agentrunner.requests_parser.columns import ColumnMatcher, snake
from agentrunner.requests_parser.text import NUM, STOP_RX, VALUE_STOP_RX, is_stop, parse_number, rx, word_set

Value = str | int | float

_WORD_AFTER = re.compile(r" ?([A-Za-z_]\w*)")
_WORD_BEFORE = re.compile(r"([A-Za-z_]\w*) ?$")
DETERMINERS = frozenset({"the", "a", "an", "its", "their", "his", "her", "my", "our", "your", "all", "each", "every"})
# Words before a column phrase that mark it as the subject of a condition ("with price under 500").
CUES = frozenset({"where", "whose", "with", "having", "has", "have", "had", "and", "or"})
_EXPRESSION_WORDS = frozenset({"and", "or", "not", "in", "is", "if", "else", "true", "false", "null", "none"})


@dataclass(frozen=True)
class ColumnRef:
    name: str
    start: int
    end: int
    phrase: str  # the words as the prompt has them
    placed: bool  # False when the columns are known and none of them matched: `name` is then the phrase


@dataclass(frozen=True)
class Before:
    """What stands before a condition: a column phrase (if any), whether a cue word introduces it, and a concept
    implied by a verb ("priced under 500")."""

    ref: ColumnRef | None
    cued: bool
    concept: str | None
    concept_start: int | None = None  # where the verb implying the concept starts


@dataclass
class Draft:
    text: str
    matcher: ColumnMatcher
    quoted: list[str]
    filters: list[tuple[int, str]] = field(default_factory=list)
    group: dict[str, Any] | None = None
    top: dict[str, Any] | None = None
    sorts: list[dict[str, Any]] = field(default_factory=list)
    select: list[str] = field(default_factory=list)
    dedupe: list[str] | None = None
    renames: dict[str, str] = field(default_factory=dict)
    limit: int | None = None
    unmatched: list[str] = field(default_factory=list)

    def consume(self, start: int, end: int) -> None:
        self.text = self.text[:start] + "|" * (end - start) + self.text[end:]

    def miss(self, phrase: str) -> None:
        if phrase not in self.unmatched:
            self.unmatched.append(phrase)

    def place(self, ref: ColumnRef) -> str:
        if not ref.placed:
            self.miss(ref.phrase)
        return ref.name

    def concept(self, concept: str, word: str) -> str:
        """The column for a concept; its name when the columns are not known, or when none fits (`word`, the
        prompt's word for it, is then reported as unmatched)."""
        if not self.matcher.known:
            return concept
        column = self.matcher.concept(concept)
        if column is None:
            self.miss(word)
        return column or concept

    def add_filter(self, position: int, expression: str) -> None:
        self.filters.append((position, expression))


def words_after(text: str, pos: int, limit: int) -> list[tuple[str, int, int]]:
    found: list[tuple[str, int, int]] = []
    while len(found) < limit and (match := _WORD_AFTER.match(text, pos)) is not None:
        found.append((match.group(1), match.start(1), match.end(1)))
        pos = match.end()
    return found


def words_before(text: str, pos: int, limit: int) -> list[tuple[str, int, int]]:
    """Words ending at `pos`, nearest last."""
    found: list[tuple[str, int, int]] = []
    while len(found) < limit and (match := _WORD_BEFORE.search(text, 0, pos)) is not None:
        found.insert(0, (match.group(1), match.start(1), match.end(1)))
        pos = match.start()
    return found


def plain_words(words: list[tuple[str, int, int]], limit: int = 3) -> list[tuple[str, int, int]]:
    taken: list[tuple[str, int, int]] = []
    for word in words:
        if is_stop(word[0]) or len(taken) == limit:
            break
        taken.append(word)
    return taken


def column_after(draft: Draft, pos: int, max_words: int = 4) -> ColumnRef | None:
    """The column named by the words from `pos` on (after a determiner), or None when no word could name one."""
    words = words_after(draft.text, pos, max_words + 2)
    while words and words[0][0].lower() in DETERMINERS:
        words.pop(0)
    if draft.matcher.known:
        for size in range(min(len(words), max_words), 0, -1):
            column = draft.matcher.match([word for word, _, _ in words[:size]])
            if column is not None:
                return _ref(column, words[:size], placed=True)
    plain = plain_words(words)
    return _ref(snake([word for word, _, _ in plain]), plain, placed=not draft.matcher.known) if plain else None


def _ref(name: str, words: list[tuple[str, int, int]], placed: bool) -> ColumnRef:
    phrase = " ".join(word for word, _, _ in words)
    return ColumnRef(name=name, start=words[0][1], end=words[-1][2], phrase=phrase, placed=placed)


_FILLERS = frozenset({"is", "are", "was", "were", "be", "been", "being", "of", "at", "to"})
_VERB_CONCEPTS = {
    "priced": "price", "costing": "price", "costs": "price", "cost": "price", "paid": "price", "selling": "price",
    "rated": "rating", "scored": "rating", "lasting": "duration", "taking": "duration", "weighing": "weight",
    "aged": "age",
}  # fmt: skip


def column_before(draft: Draft, pos: int) -> Before:
    """The column phrase ending at `pos`, past fillers ("is", "of") and verbs that imply a concept ("priced")."""
    words = words_before(draft.text, pos, 8)
    concept, concept_start = None, None
    while words and (words[-1][0].lower() in _FILLERS or words[-1][0].lower() in _VERB_CONCEPTS):
        word, start, _ = words.pop()
        if concept is None and word.lower() in _VERB_CONCEPTS:
            concept, concept_start = _VERB_CONCEPTS[word.lower()], start
    ref = _known_column_before(draft, words)
    if ref is None:
        plain = list(reversed(plain_words(list(reversed(words)))))
        ref = _ref(snake([word for word, _, _ in plain]), plain, placed=not draft.matcher.known) if plain else None
    cued = ref is not None and _is_cued(draft.text, ref)
    return Before(ref=ref, cued=cued, concept=concept, concept_start=concept_start)


def _known_column_before(draft: Draft, words: list[tuple[str, int, int]]) -> ColumnRef | None:
    if not draft.matcher.known:
        return None
    for size in range(min(len(words), 3), 0, -1):
        column = draft.matcher.match([word for word, _, _ in words[-size:]])
        if column is not None:
            return _ref(column, words[-size:], placed=True)
    return None


def _is_cued(text: str, ref: ColumnRef) -> bool:
    """A cue word introduces the phrase, or it opens the request and reads as a field ("price below 500")."""
    words = words_before(text, ref.start, 3)
    while words and words[-1][0].lower() in DETERMINERS:
        words.pop()
    if not words:
        return not text[: ref.start].strip() and looks_singular(ref.phrase)
    return words[-1][0].lower() in CUES


_CLAUSE_BOUNDARIES = word_set(
    "and or but then sorted sort ordered order ranked grouped group that which who where whose with without from "
    "to by per for limit only please top first show list"
)


def clause_ends(text: str, pos: int) -> bool:
    """Only a separator or the next clause follows: "with no email, sorted by name", not "with a score above 80"."""
    following = words_after(text, pos, 1)
    return not following or following[0][1] > pos + 1 or following[0][0].lower() in _CLAUSE_BOUNDARIES


def looks_singular(phrase: str) -> bool:
    """Without known columns, "price under 500" names a column but "flights under 500" names the rows."""
    last = phrase.split()[-1].lower()
    return not last.endswith("s") or last.endswith(("ss", "us", "is"))


# After these a word is a value ("to LAX") or a verb ("that dropped"), not a field.
_NOT_BEFORE_A_FIELD = frozenset({"from", "to", "in", "at", "for", "on", "of", "than", "that", "which", "who"})


def reads_as_field(text: str, ref: ColumnRef) -> bool:
    """Columns unknown: a singular, lower-case word not after "from"/"to" ("price") may name a field; "flights"
    names the rows, "LAX" in "to LAX under 300" is a value and "dropped" in "that dropped 5%" a verb."""
    previous = words_before(text, ref.start, 1)
    after_preposition = bool(previous) and previous[0][0].lower() in _NOT_BEFORE_A_FIELD
    return looks_singular(ref.phrase) and ref.phrase.islower() and not after_preposition


def ident(column: str) -> str:
    """A column as the expression language writes it: bare when it is an identifier, else in backticks."""
    bare = column.isidentifier() and not keyword.iskeyword(column) and column.lower() not in _EXPRESSION_WORDS
    return column if bare else f"`{column}`"


def literal(value: Value) -> str:
    return json.dumps(value) if isinstance(value, str) else repr(value)


def equals(column: str, values: list[Value], negated: bool = False) -> str:
    if len(values) == 1:
        return f"{ident(column)} {'!=' if negated else '=='} {literal(values[0])}"
    options = ", ".join(literal(value) for value in values)
    return f"{ident(column)} {'not in' if negated else 'in'} [{options}]"


_VALUE = rx(
    rf"«(?P<quoted>\d+)»|(?P<number>{NUM})(?!\s+(?:dollars|percent))|"
    rf"(?P<proper>(?-i:(?!(?i:{STOP_RX})\b)[A-Z][\w\-]*(?: (?!(?i:{STOP_RX})\b)[A-Z][\w\-]*)*))|"
    rf"(?P<word>(?!(?:{VALUE_STOP_RX})\b)[A-Za-z][\w\-.]*)"
)
_OR = rx(r"(?:\s*,)?\s+or\s+|\s*,\s*")


def value_at(draft: Draft, pos: int) -> tuple[Value, int, str] | None:
    """A value at `pos`: a quoted string, a number, a capitalised name or a word; with its end and its kind."""
    match = _VALUE.match(draft.text, pos)
    if match is None:
        return None
    kind = match.lastgroup or "word"
    if kind == "quoted":
        return draft.quoted[int(match.group("quoted"))], match.end(), kind
    if kind == "number":
        return parse_number(match.group("number")), match.end(), kind
    return match.group(kind), match.end(), kind


def values_at(draft: Draft, pos: int, phrase: str = "") -> tuple[list[Value], int, str] | None:
    """One value, or several joined by "or" ("'failed' or 'cancelled'", "NYC, BOS or CHI"), the column's
    `phrase` allowed again after "or" ("level = 'ERROR' or level = 'WARN'")."""
    first = value_at(draft, pos)
    if first is None:
        return None
    values, end, kind = [first[0]], first[1], first[2]
    pending: list[Value] = []
    cursor = end
    repeated = rx(rf"{re.escape(phrase)}\s+(?:==|=|is)\s+") if phrase else None
    while (separator := _OR.match(draft.text, cursor)) is not None:
        start = separator.end()
        if repeated is not None and (again := repeated.match(draft.text, start)) is not None:
            start = again.end()
        following = value_at(draft, start)
        if following is None:
            break
        pending.append(following[0])
        cursor = following[1]
        if "or" in separator.group(0).lower():
            values, end, pending = values + pending, cursor, []
    return values, end, kind
