"""Conditions in words turned into the graph's expression language: "<state key words> <comparison> <value>".

    the price drops below 300      -> price < 300
    price is above 90%             -> price > 90
    at least 5 errors              -> errors >= 5
    errors are 5 or more           -> errors >= 5
    status is failed               -> status == "failed"
    price is above 100 and below 500 -> price > 100 and price < 500

Only comparisons with a value are understood: "when the price drops" has no threshold, and guessing one
would write a rule the user did not ask for, so it is refused with an example of what to say. The state key
is the snake_case of the noun phrase, unless the definition already uses a key that matches it (a condition
on `current_price`, an argument `threshold`), which is then preferred.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from agentrunner.patch_builder.graph_view import conditions_of
from agentrunner.patch_builder.proposal import PatchNotUnderstood
from agentrunner.patch_builder.tokens import (
    COMMA,
    NUMBER,
    OPERATOR,
    QUOTED,
    WORD,
    Token,
    name_words,
    raw_text,
    snake_case,
    stem,
    word_set,
)

# (words, operator); the longest phrase at a position wins, so "greater than or equal to" beats "greater than".
_COMPARATORS: list[tuple[str, str]] = [
    *((phrase, ">") for phrase in (">", "more than", "greater than", "higher than", "larger than", "bigger than",
                                    "over", "above", "exceeds", "exceed", "exceeding", "tops", "crosses",
                                    "surpasses", "goes up past")),
    *((phrase, "<") for phrase in ("<", "less than", "fewer than", "lower than", "smaller than", "cheaper than",
                                    "below", "under", "beneath")),
    *((phrase, ">=") for phrase in (">=", "at least", "no less than", "no fewer than", "not less than",
                                     "greater than or equal to", "more than or equal to", "higher than or equal to",
                                     "reaches", "reach", "hits", "hit", "rises to", "rise to", "climbs to",
                                     "goes up to", "increases to", "jumps to")),
    *((phrase, "<=") for phrase in ("<=", "at most", "no more than", "not more than", "less than or equal to",
                                     "lower than or equal to", "drops to", "drop to", "falls to", "fall to",
                                     "dips to", "goes down to", "decreases to")),
    *((phrase, "==") for phrase in ("==", "= ", "equals", "equal to", "is equal to", "is exactly")),
    *((phrase, "!=") for phrase in ("!=", "is not", "are not", "does not equal", "not equal to",
                                     "is not equal to")),
]  # fmt: skip
# "is", "are": an equality only when no stronger comparison follows ("is above 300").
_WEAK_EQUALS = ("is", "are", "was", "were", "becomes", "turns", "gets")
_ADVERBS = frozenset({"now", "still", "ever", "currently", "already", "again"})
# Verbs that read as a comparison alone but are only a verb before another one: "crosses below 300".
_VERB_COMPARATORS = frozenset({"exceeds", "exceed", "crosses", "tops", "reaches", "reach", "hits", "hit", "equals"})
_SUFFIXES = {
    "or more": ">=", "or higher": ">=", "or above": ">=", "or greater": ">=", "or over": ">=", "and above": ">=",
    "and up": ">=", "or less": "<=", "or fewer": "<=", "or lower": "<=", "or below": "<=", "or under": "<=",
    "and below": "<=",
}  # fmt: skip
_NUMBER_WORDS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "twenty": 20, "fifty": 50, "hundred": 100,
}  # fmt: skip
_UNIT_WORDS = word_set(
    "percent pct dollars dollar usd eur euros euro gbp pounds bucks points pts degrees items times "
    "seconds minutes hours days ms"
)
_VERBS = word_set(
    "is are was were be been gets get goes go drops drop falls fall dips dip rises rise climbs climb "
    "jumps jump increases increase decreases decrease moves move becomes become stays stay remains remain "
    "has have had changes change turns turn ever"
)
_FILLER = frozenset({"the", "a", "an", "our", "my", "its", "their", "any", "of", "there", "some"})
# Where a subject written after its number ("at least 5 errors") stops: the action that follows.
_ACTION_VERBS = word_set(
    "send post email mail notify alert message ping call wait pause delay add create run trigger log tell "
    "let page text write save store set update remove delete sms slack then"
)
_LITERALS = {"true": "true", "false": "false", "null": "null", "none": "null"}
_KEYWORDS = frozenset({"and", "or", "not", "in", "is", "if", "else", "true", "false", "null", "None", "True", "False"})


@dataclass(frozen=True)
class Condition:
    expression: str
    key: str  # the first state key it reads, for default texts such as "Price alert"
    clause: str  # the condition as the user wrote it
    end: int  # index of the first token after the condition

    def describe(self) -> str:
        text = self.clause.strip(" ,")
        return text[:1].upper() + text[1:] if text else self.expression


@dataclass(frozen=True)
class _Comparison:
    key: str
    operator: str
    value: str
    end: int


def parse_condition(tokens: Sequence[Token], start: int, known_keys: Sequence[str]) -> Condition:
    """The condition starting at `start`, joined with "and"/"or" to further comparisons when they parse."""
    first = _comparison(tokens, start, known_keys, None)
    parts, end = [f"{first.key} {first.operator} {first.value}"], first.end
    while end < len(tokens) and tokens[end].kind == WORD and tokens[end].text in ("and", "or"):
        try:
            more = _comparison(tokens, end + 1, known_keys, first.key)
        except PatchNotUnderstood:
            break  # "and post to slack": the action, not another comparison
        parts.append(f"{tokens[end].text} {more.key} {more.operator} {more.value}")
        end = more.end
    return Condition(" ".join(parts), first.key, raw_text(tokens[start:end]), end)


def _comparison(tokens: Sequence[Token], start: int, known_keys: Sequence[str], previous: str | None) -> _Comparison:
    found = _find_comparator(tokens, start)
    if found is None:
        raise _no_threshold(tokens, start, known_keys)
    index, length, operator = found
    value_at = index + length
    value = _value(tokens, value_at, operator, known_keys)
    if value is None:
        raise _no_threshold(tokens, start, known_keys)
    end = value_at + 1
    suffix = _suffix(tokens, end)
    if suffix is not None:
        operator, end = suffix[0], end + suffix[1]
    subject = _subject(tokens[start:index])
    if subject:
        end = _past_units(tokens, end)
    else:
        subject, end = _trailing_subject(tokens, end)
    key = _state_key(subject, known_keys) if subject else previous
    if key is None:
        raise PatchNotUnderstood(
            f'the condition "{raw_text(tokens[start:end])}" does not say what to compare; '
            f'say e.g. "when price drops below {value}"'
        )
    return _Comparison(key, operator, value, end)


def _find_comparator(tokens: Sequence[Token], start: int) -> tuple[int, int, str] | None:
    """The first comparison in the clause. "is"/"are" compare for equality only when no stronger comparison
    follows them at once ("is above 300"); a later "over" belongs to the action ("... send it over slack")."""
    for index in range(start, len(tokens)):
        if tokens[index].kind == COMMA:
            return None
        match = _comparator_at(tokens, index)
        if match is not None and not (
            _is_verb_comparator(tokens, index, match[0]) and _comparator_at(tokens, index + 1)
        ):
            return index, match[0], match[1]
        if tokens[index].kind == WORD and tokens[index].text in _WEAK_EQUALS:
            following = index + 1
            while following < len(tokens) and tokens[following].text in _ADVERBS:
                following += 1
            stronger = _comparator_at(tokens, following)
            return (following, *stronger) if stronger else (index, 1, "==")
    return None


def _is_verb_comparator(tokens: Sequence[Token], index: int, length: int) -> bool:
    return length == 1 and tokens[index].text in _VERB_COMPARATORS


def _comparator_at(tokens: Sequence[Token], index: int) -> tuple[int, str] | None:
    best: tuple[int, str] | None = None
    for phrase, operator in _COMPARATORS:
        words = phrase.split()
        if _spells(tokens, index, words) and (best is None or len(words) > best[0]):
            best = (len(words), operator)
    return best


def _spells(tokens: Sequence[Token], index: int, words: list[str]) -> bool:
    if index + len(words) > len(tokens):
        return False
    return all(
        tokens[index + offset].kind in (WORD, OPERATOR) and tokens[index + offset].text == word
        for offset, word in enumerate(words)
    )


def _value(tokens: Sequence[Token], index: int, operator: str, known_keys: Sequence[str]) -> str | None:
    if index >= len(tokens):
        return None
    token = tokens[index]
    if token.kind == NUMBER and token.number is not None:
        return _format_number(token.number)
    if token.kind == WORD and token.text in _NUMBER_WORDS:
        return str(_NUMBER_WORDS[token.text])
    if token.kind == WORD and token.raw in known_keys:
        return token.raw  # "price is above threshold": compare two keys of the state
    if operator not in ("==", "!="):
        return None
    if token.kind == QUOTED:
        return json.dumps(token.text)
    if token.kind == WORD and token.text in _LITERALS:
        return _LITERALS[token.text]
    if token.kind == WORD and token.text not in _ACTION_VERBS and token.text not in _FILLER:
        return json.dumps(token.text)
    return None


def _format_number(number: float) -> str:
    return str(int(number)) if number == int(number) else repr(number)


def _suffix(tokens: Sequence[Token], index: int) -> tuple[str, int] | None:
    for phrase, operator in _SUFFIXES.items():
        length = len(phrase.split())
        compound = index + length < len(tokens) and tokens[index + length].kind == NUMBER  # "100 and below 500"
        if _spells(tokens, index, phrase.split()) and not compound:
            return operator, length
    return None


def _past_units(tokens: Sequence[Token], index: int) -> int:
    if index < len(tokens) and tokens[index].kind == WORD and tokens[index].text in _UNIT_WORDS:
        return index + 1
    return index


def _subject(tokens: Sequence[Token]) -> list[str]:
    words = [token.text for token in tokens if token.kind == WORD]
    while words and (words[0] in _FILLER or words[0] in _VERBS):
        words = words[1:]
    while words and (words[-1] in _VERBS or words[-1] in _FILLER):
        words = words[:-1]
    if words[:2] == ["number", "of"] or words[:2] == ["count", "of"] or words[:2] == ["amount", "of"]:
        words = words[2:]
    return [word for word in words if word not in _FILLER]


def _trailing_subject(tokens: Sequence[Token], index: int) -> tuple[list[str], int]:
    """The noun after the number in "at least 5 errors": up to two words, stopping at the action."""
    words: list[str] = []
    while index < len(tokens) and len(words) < 2 and tokens[index].kind == WORD:
        if tokens[index].text in _ACTION_VERBS or tokens[index].text in _VERBS or tokens[index].text in _FILLER:
            break
        words.append(tokens[index].text)
        index += 1
    return words, index


def _state_key(words: Sequence[str], known_keys: Sequence[str]) -> str:
    """A known key that shares at least half its words with the phrase, else the phrase in snake_case."""
    wanted = {stem(word) for word in words}
    best, best_score = "", 0.0
    for key in known_keys:
        parts = {stem(word) for word in name_words(key)}
        score = len(wanted & parts) / len(wanted | parts) if parts else 0.0
        if score > best_score:
            best, best_score = key, score
    if best_score >= 0.5:
        return best
    key = snake_case(words)
    if not key.isidentifier() or key in _KEYWORDS:
        raise PatchNotUnderstood(f'"{" ".join(words)}" cannot be a state key in a condition')
    return key


def _no_threshold(tokens: Sequence[Token], start: int, known_keys: Sequence[str]) -> PatchNotUnderstood:
    clause = _clause_only(tokens, start)
    words = [token.text for token in clause if token.kind == WORD]
    subject = [word for word in words if word not in _VERBS and word not in _FILLER]
    key = _state_key(subject[:1], known_keys) if subject else "price"
    stems = {stem(word) for word in words}
    if stems & {"drop", "fall", "dip", "decreas", "declin", "lower", "down", "sink"}:
        example = f"when {key} drops below 300"
    elif stems & {"ris", "climb", "jump", "increas", "spik", "grow", "exceed", "soar"}:
        example = f"when {key} rises above 300"
    else:
        example = f"when {key} is above 300"
    return PatchNotUnderstood(
        f'the condition "{raw_text(clause)}" has no threshold to compare with; say e.g. "{example}"'
    )


def _clause_only(tokens: Sequence[Token], start: int) -> Sequence[Token]:
    """The condition without the action a prompt may run on into: "the price drops [send an email]"."""
    end = start
    while end < len(tokens) and tokens[end].kind != COMMA and tokens[end].text not in _ACTION_VERBS:
        end += 1
    return tokens[start:end]


def known_state_keys(definition: dict[str, Any]) -> list[str]:
    """Keys the definition already reads: names in its conditions first, then the names of node arguments."""
    keys: list[str] = []
    nodes = definition.get("nodes") if isinstance(definition.get("nodes"), dict) else {}
    for name, node in nodes.items():
        edge = node.get("next") if isinstance(node, dict) else None
        sources = [source for _, source in conditions_of(name, edge)]
        mapped = edge.get("map") if isinstance(edge, dict) else None
        sources += [mapped["over"]] if isinstance(mapped, dict) and isinstance(mapped.get("over"), str) else []
        keys += [key for source in sources for key in names_in(source) if key not in keys]
    for node in nodes.values():
        args = node.get("args") if isinstance(node, dict) else None
        keys += [key for key in (args if isinstance(args, dict) else {}) if key not in keys]
    return keys


def names_in(source: str) -> list[str]:
    without_strings = re.sub(r"\"[^\"]*\"|'[^']*'", " ", source)
    names = re.findall(r"(?<![\w.])[A-Za-z_]\w*(?:\.[A-Za-z_]\w*)*", without_strings)
    return [name for name in names if name not in _KEYWORDS]
