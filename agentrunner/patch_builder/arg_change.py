"""Changing a step's argument: "set the threshold to 500", "change the wait to 30 seconds", "set the subject of
send_email to 'Price drop'", "make the recipient bob@example.com".

The words before "to" name an argument, a step, or both. Every (step, argument) pair is a candidate, an
argument being one the step sets or one its tool's schema declares; the pair that accounts for the most words
wins, and a tie between steps is refused, asking for the step. A step named without an argument means its
one argument that fits the value (a number for a wait). When no argument matches but a condition compares
the named key with a number ("price < 300"), that number is the threshold changed.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from agentrunner.patch_builder.arguments import (
    EMAIL_WORDS,
    TEXT_WORDS,
    TITLE_WORDS,
    URL_WORDS,
    json_type,
    kind_of,
)
from agentrunner.patch_builder.conditions import names_in
from agentrunner.patch_builder.graph_view import DETERMINERS, STEP_WORDS, conditions_of, nodes_of, pointer, steps_list
from agentrunner.patch_builder.proposal import PatchNotUnderstood, PatchProposal, ToolInfo
from agentrunner.patch_builder.tokens import (
    CHANNEL,
    EMAIL,
    LITERALS,
    NUMBER,
    URL,
    WORD,
    Token,
    concept,
    name_words,
    raw_text,
    stem,
)

_LINKS = frozenset({"to", "="})
_NOISE = DETERMINERS | STEP_WORDS | {"of", "for", "in", "on", "argument", "arg", "parameter", "value", "setting", "its"}
_KIND_WORDS = {"email": EMAIL_WORDS, "url": URL_WORDS, "title": TITLE_WORDS, "text": TEXT_WORDS}
_WAIT_WORDS = frozenset({"wait", "delay", "duration", "pause", "sleep", "time", "interval"})
_ARGUMENT_SYNONYMS = {
    "threshold": ("limit", "cutoff", "level"), "channel": ("room",), "symbol": ("ticker",),
    "timeout": ("deadline",), "retries": ("attempts",), "attempts": ("retries",),
}  # fmt: skip
_THRESHOLD_WORDS = frozenset({"threshold", "limit", "condition", "cutoff", "level", "trigger"})
_TRUE = frozenset({"true", "yes", "on", "enabled"})
_FALSE = frozenset({"false", "no", "off", "disabled"})
_UNITS = {"ms": 0.001, "s": 1, "min": 60, "h": 3600, "d": 86400}
_UNIT_WORDS = {"milliseconds": "ms", "seconds": "s", "second": "s", "minutes": "min", "minute": "min",
               "hours": "h", "hour": "h", "days": "d", "day": "d"}  # fmt: skip


@dataclass(frozen=True)
class _Candidate:
    node: str
    argument: str
    schema: dict[str, Any]
    unexplained: int
    argument_hits: int
    node_hits: int

    def rank(self) -> tuple[int, int, int]:
        return (self.unexplained, -self.argument_hits, -self.node_hits)


def change_argument(tokens: Sequence[Token], definition: dict[str, Any], tools: Sequence[ToolInfo]) -> PatchProposal:
    """`tokens` start after the verb ("set", "change"...)."""
    target, value = _split(tokens)
    words = [t for t in target if t.kind == WORD and t.text not in _NOISE]
    if not words:
        raise PatchNotUnderstood(
            'understood: a change of an argument; missing which one, e.g. "set the threshold to 500"'
        )
    by_name = {tool.name: tool for tool in tools}
    candidates = _candidates(words, value, definition, by_name)
    best = min(candidates, key=_Candidate.rank, default=None)
    if best is None or best.unexplained or _unset_threshold(best, words, definition):
        # A number written into a condition ("price < 300") is the threshold the run actually branches on.
        changed = _threshold_change(words, value, definition)
        if changed is not None:
            return changed
    if best is None or best.unexplained:
        raise _no_argument(words, definition, by_name, best)
    if not best.argument_hits:
        _check_one_step_named(words, definition)
    tied = sorted({c.node for c in candidates if c.rank() == best.rank()})
    if len(tied) > 1:
        raise PatchNotUnderstood(
            f'several steps have "{best.argument}": {", ".join(tied)}; name the step, '
            f'e.g. "set the {best.argument} of {tied[0]} to {raw_text(value)}"'
        )
    return _set(definition, best, _typed(best, value))


def _check_one_step_named(words: Sequence[Token], definition: dict[str, Any]) -> None:
    """A step named without its argument must be the only step the words name: "the prices" may be the step
    fetching them or the one checking them."""
    named = [
        name
        for name, node in nodes_of(definition).items()
        if isinstance(node, dict) and all(t.raw == name or _names_node(t.text, name, node) for t in words)
    ]
    if len(named) > 1:
        said = " ".join(t.text for t in words)
        raise PatchNotUnderstood(f'several steps match "{said}": {", ".join(named)}; name the step and the argument')


def _split(tokens: Sequence[Token]) -> tuple[list[Token], list[Token]]:
    links = [index for index, token in enumerate(tokens) if token.text in _LINKS]
    if links:
        return list(tokens[: links[-1]]), list(tokens[links[-1] + 1 :])
    values = [index for index, token in enumerate(tokens) if token.kind in LITERALS or token.kind == NUMBER]
    if values and values[-1] > 0:  # "make the wait 30 seconds"
        return list(tokens[: values[-1]]), list(tokens[values[-1] :])
    raise PatchNotUnderstood(
        'understood: a change of an argument; missing the new value, e.g. "set the threshold to 500"'
    )


def _candidates(
    words: Sequence[Token], value: Sequence[Token], definition: dict[str, Any], tools: dict[str, ToolInfo]
) -> list[_Candidate]:
    found: list[_Candidate] = []
    for name, node in nodes_of(definition).items():
        if not isinstance(node, dict):
            continue
        properties = _properties(node, tools.get(str(node.get("tool"))))
        node_words = {t.text for t in words if t.raw == name or _names_node(t.text, name, node)}
        fitting = [arg for arg, schema in properties.items() if _fits(arg, schema, value)]
        for argument, schema in properties.items():
            hits = {t.text for t in words if stem(t.text) in _argument_stems(argument, schema)}
            if not hits and not (node_words and len(fitting) == 1 and fitting[0] == argument):
                continue
            unexplained = len({t.text for t in words} - hits - node_words)
            found.append(_Candidate(name, argument, schema, unexplained, len(hits), len(node_words - hits)))
    return found


def _properties(node: dict[str, Any], tool: ToolInfo | None) -> dict[str, dict[str, Any]]:
    declared = tool.schema.get("properties", {}) if tool is not None else {}
    properties = {key: value for key, value in declared.items() if isinstance(value, dict)}
    for key, value in (node.get("args") or {}).items():
        properties.setdefault(key, _schema_of(value))
    return properties


def _schema_of(value: Any) -> dict[str, Any]:
    """A schema guessed from the value a step already sets, for tools that declare none."""
    if isinstance(value, bool):
        return {"type": "boolean"}
    if isinstance(value, int | float):
        return {"type": "number"}
    return {"type": "array"} if isinstance(value, list) else {"type": "object"} if isinstance(value, dict) else {}


def _names_node(word: str, name: str, node: dict[str, Any]) -> bool:
    """Whether a word points at the node: its name, its tool, or a key its condition reads ("the errors
    threshold" is the one of the step that branches on `errors`)."""
    known = name_words(name) + name_words(str(node.get("tool", "")))
    if concept(word) in {concept(part) for part in known}:
        return True
    read = [key for _, source in conditions_of(name, node.get("next")) for key in names_in(source)]
    return stem(word) in {stem(part) for key in read for part in name_words(key)}


def _argument_stems(argument: str, schema: dict[str, Any]) -> set[str]:
    words = set(name_words(argument)) | _KIND_WORDS.get(kind_of(argument, schema), set())
    words |= {synonym for word in list(words) for synonym in _ARGUMENT_SYNONYMS.get(word, ())}
    if kind_of(argument, schema) == "number" and words & {"seconds", "minutes", "ms", "delay", "wait", "timeout"}:
        words |= _WAIT_WORDS
    return {stem(word) for word in words}


def _fits(argument: str, schema: dict[str, Any], value: Sequence[Token]) -> bool:
    kind = kind_of(argument, schema)
    first = value[0] if value else None
    if first is None:
        return False
    expected = {"number": NUMBER, "email": EMAIL, "url": URL, "channel": CHANNEL}.get(kind)
    return first.kind == expected if expected else kind in ("title", "text", "string", "enum", "boolean")


# --- the value --------------------------------------------------------------------------------------------


def _typed(candidate: _Candidate, value: Sequence[Token]) -> Any:
    kind, schema, what = kind_of(candidate.argument, candidate.schema), candidate.schema, raw_text(value)
    literal = next((token for token in value if token.kind in LITERALS), None)
    if kind == "number":
        return _number(candidate, value)
    if kind == "boolean":
        words = {token.text for token in value}
        if words & _TRUE or words & _FALSE:
            return bool(words & _TRUE)
        raise _wrong(candidate, "true or false", what)
    if kind == "enum":
        said = {what.lower(), (literal.text if literal else what).lower()}
        match = [option for option in schema.get("enum", []) if str(option).lower() in said]
        if not match:
            raise _wrong(candidate, "one of " + ", ".join(map(str, schema.get("enum", []))), what)
        return match[0]
    if kind == "email":
        emails = [token.text for token in value if token.kind == EMAIL]
        if not emails:
            raise _wrong(candidate, "an e-mail address", what)
        return emails if json_type(schema) == "array" else emails[0]
    if kind == "data":
        raise PatchNotUnderstood(
            f'"{candidate.argument}" of "{candidate.node}" is a list or object; ask for it in JSON'
        )
    return literal.text if literal is not None and len(value) == 1 else what


def _number(candidate: _Candidate, value: Sequence[Token]) -> int | float:
    index = next((i for i, token in enumerate(value) if token.kind == NUMBER), None)
    if index is None or value[index].number is None:
        raise _wrong(candidate, "a number", raw_text(value))
    number = value[index].number or 0.0
    following = value[index + 1].text if index + 1 < len(value) else ""
    unit = value[index].unit if value[index].unit in _UNITS else _UNIT_WORDS.get(following)
    wanted = next((_UNIT_WORDS[w] for w in name_words(candidate.argument) if w in _UNIT_WORDS), None)
    if unit and wanted and unit != wanted:
        number = number * _UNITS[unit] / _UNITS[wanted]
    integral = json_type(candidate.schema) == "integer" or number == int(number)
    return int(round(number)) if integral else number


def _wrong(candidate: _Candidate, expected: str, given: str) -> PatchNotUnderstood:
    return PatchNotUnderstood(f'"{candidate.argument}" of step "{candidate.node}" takes {expected}, not "{given}"')


def _set(definition: dict[str, Any], candidate: _Candidate, value: Any) -> PatchProposal:
    args = nodes_of(definition)[candidate.node].get("args")
    path = pointer("nodes", candidate.node, "args", candidate.argument)
    was = ""
    if isinstance(args, dict) and candidate.argument in args:
        operation = {"op": "replace", "path": path, "value": value}
        was = f" (was {args[candidate.argument]!r})"
    elif isinstance(args, dict):
        operation = {"op": "add", "path": path, "value": value}
    else:  # no args object yet: a pointer into it would not resolve
        operation = {
            "op": "add",
            "path": pointer("nodes", candidate.node, "args"),
            "value": {candidate.argument: value},
        }
    return PatchProposal([operation], f'Sets "{candidate.argument}" of step "{candidate.node}" to {value!r}{was}.')


# --- a threshold inside a condition -----------------------------------------------------------------------

_NUMBER_LITERAL = re.compile(r"(?<![\w.])-?\d+(?:\.\d+)?(?![\w.])")


def _unset_threshold(candidate: _Candidate, words: Sequence[Token], definition: dict[str, Any]) -> bool:
    """A threshold the tool declares but the step does not set: its condition may hold the number instead."""
    args = nodes_of(definition)[candidate.node].get("args") or {}
    return candidate.argument not in args and any(t.text in _THRESHOLD_WORDS for t in words)


def _threshold_change(
    words: Sequence[Token], value: Sequence[Token], definition: dict[str, Any]
) -> PatchProposal | None:
    """The one condition comparing the named key (any key, if only "the threshold" is named) with one number."""
    wanted = {stem(t.text) for t in words if t.text not in _THRESHOLD_WORDS}
    if not wanted and not any(t.text in _THRESHOLD_WORDS for t in words):
        return None
    found = []
    for path, source in _condition_sources(definition):
        keys = {stem(word) for key in names_in(source) for word in name_words(key)}
        if wanted <= keys and len(_NUMBER_LITERAL.findall(source)) == 1:
            found.append((path, source))
    if len(found) != 1:
        return None
    path, source = found[0]
    number = next((t.number for t in value if t.kind == NUMBER and t.number is not None), None)
    if number is None:
        raise PatchNotUnderstood(f'the condition "{source}" compares with a number; "{raw_text(value)}" is not one')
    changed = _NUMBER_LITERAL.sub(str(int(number)) if number == int(number) else repr(number), source)
    return PatchProposal(
        [{"op": "replace", "path": path, "value": changed}], f'Changes the condition "{source}" to "{changed}".'
    )


def _condition_sources(definition: dict[str, Any]) -> list[tuple[str, str]]:
    nodes = nodes_of(definition)
    return [
        found
        for name, node in nodes.items()
        if isinstance(node, dict)
        for found in conditions_of(name, node.get("next"))
    ]


def _no_argument(
    words: Sequence[Token], definition: dict[str, Any], tools: dict[str, ToolInfo], near: _Candidate | None
) -> PatchNotUnderstood:
    said = " ".join(t.text for t in words)
    if near is not None and near.node_hits:
        node = nodes_of(definition)[near.node]
        known = ", ".join(_properties(node, tools.get(str(node.get("tool"))))) or "(none)"
        return PatchNotUnderstood(f'step "{near.node}" has no argument matching "{said}"; its arguments are: {known}')
    arguments = [
        f"{name}.{arg}" for name, node in nodes_of(definition).items() if isinstance(node, dict)
        for arg in _properties(node, tools.get(str(node.get("tool"))))
    ]  # fmt: skip
    return PatchNotUnderstood(
        f'no step or argument matches "{said}"; steps are: {steps_list(definition)}; '
        f"arguments are: {', '.join(arguments) or '(none)'}"
    )
