"""Adding a step: where it goes ("after X", "before X", "at the start", "at the end" or nowhere said), under
what condition if any ("whenever the price drops below 300, ..."), and the JSON Patch that wires it in.

- after X: the new step takes X's plain next; X now goes to the new step (or, under a condition, to
  `{"condition": C, "if_true": new, "if_false": old next}`).
- before X: whatever pointed at X (plain nexts, condition and switch branches, start_node) points at the new
  step, which goes on to X.
- at the end (the default): after the node that ends the run reached last from the start; when it ends
  through a branch, only the branches to "end" move. Under a condition such a node's edge becomes a switch
  whose extra cases send the run through the new step when the condition holds.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from agentrunner.patch_builder.arguments import ArgContext, fill_args
from agentrunner.patch_builder.conditions import Condition, known_state_keys, parse_condition
from agentrunner.patch_builder.graph_view import (
    END,
    end_routes,
    last_ending_node,
    next_of,
    next_op,
    node_at,
    nodes_of,
    pointer,
    references,
    steps_list,
    unique_name,
    unknown_node_words,
)
from agentrunner.patch_builder.proposal import PatchNotUnderstood, PatchProposal, ToolInfo
from agentrunner.patch_builder.tokens import COMMA, NUMBER, QUOTED, WORD, Token, snake_case, starts_with, word_set
from agentrunner.patch_builder.tool_choice import choose_tool, content_words

AFTER, BEFORE, START, AT_END = "after", "before", "start", "end"
_END_PHRASES = [
    "at the very end", "at the end", "to the end", "in the end", "as the last step", "as the final step",
    "as a final step", "as the last", "at the bottom", "before the end", "before end", "after the end",
]  # fmt: skip
_START_PHRASES = ["at the very beginning", "at the beginning", "at the start", "as the first step", "at the top"]
_WORKFLOW_TAIL = ["of the workflow", "of the flow", "of the graph", "of the pipeline", "of the run", "of it"]
_AFTER = ["right after", "just after", "immediately after", "after", "following"]
_BEFORE = ["right before", "just before", "immediately before", "before", "ahead of", "prior to"]
_CONJUNCTIONS = [
    "as soon as", "every time", "each time", "any time", "whenever", "in case", "when", "if", "once",
]  # fmt: skip
# Words that make "every time it runs" no condition at all: the step simply always runs.
_TRIVIAL = word_set(
    "it the workflow flow graph pipeline job this runs run finishes completes ends is done one executes"
)
_RUNS = frozenset({"runs", "run", "finishes", "completes", "ends", "done", "executes"})
_LEAD_WORDS = frozenset({"always", "only", "also", "and", "so", "then", "automatically"})
_PERIOD = (
    r"(?:second|minute|hour|day|week|month|year|morning|evening|night|weekday|"
    r"monday|tuesday|wednesday|thursday|friday|saturday|sunday)s?"
)
_SCHEDULE = re.compile(
    rf" (?:(?:every|each) (?:other |\d+ )?{_PERIOD}|once (?:a|per|an) \w+|(?:twice|three times) a \w+|"
    r"daily|weekly|hourly|monthly|nightly|on weekdays|on weekends) "
)


@dataclass(frozen=True)
class Position:
    kind: str  # AFTER, BEFORE, START or AT_END
    node: str | None = None


def add_step(tokens: Sequence[Token], definition: dict[str, Any], tools: Sequence[ToolInfo]) -> PatchProposal:
    _refuse_schedule(tokens)
    position, rest = find_position(tokens, definition)
    keys = known_state_keys(definition)
    action, condition = split_condition(rest, keys)
    tool = choose_tool(action, tools)
    args = fill_args(tool, ArgContext(action, tokens, definition, keys, condition))
    name = unique_name(snake_case([tool.name]), nodes_of(definition))
    return wire_step(definition, name, tool, args, position, condition)


# --- reading the prompt -----------------------------------------------------------------------------------


def _refuse_schedule(tokens: Sequence[Token]) -> None:
    """A step added "every morning" would run on every run instead; when a workflow runs is not in its graph."""
    text = " " + " ".join(token.text for token in tokens if token.kind in (WORD, NUMBER)) + " "  # not quotes
    found = _SCHEDULE.search(text)
    if found:
        raise PatchNotUnderstood(
            f'understood: a step on a schedule ("{found.group(0).strip()}"), but when the workflow runs is not part '
            f"of its graph; set the schedule on the workflow, and ask for the step without it"
        )


def find_position(tokens: Sequence[Token], definition: dict[str, Any]) -> tuple[Position, list[Token]]:
    """Where the prompt puts the new step, and the prompt without those words."""
    for index in range(len(tokens)):
        for phrases, kind in ((_END_PHRASES, AT_END), (_START_PHRASES, START)):
            phrase = next((p for p in phrases if starts_with(tokens, p, index)), None)
            if phrase is not None:
                end = _past_tail(tokens, index + len(phrase.split()))
                return Position(kind), [*tokens[:index], *tokens[end:]]
        for phrases, kind in ((_AFTER, AFTER), (_BEFORE, BEFORE)):
            phrase = next((p for p in phrases if starts_with(tokens, p, index)), None)
            found = _anchored(tokens, definition, index, phrase) if phrase else None
            if found is not None:
                return Position(kind, found[0]), [*tokens[:index], *tokens[found[1] :]]
    return Position(AT_END), list(tokens)


def _anchored(tokens: Sequence[Token], definition: dict[str, Any], index: int, phrase: str) -> tuple[str, int] | None:
    start = index + len(phrase.split())
    if start >= len(tokens) or tokens[start].kind == NUMBER or tokens[start].text in ("that", "it", "this"):
        return None  # "after 10 seconds", "after that": not a step
    if tokens[start].kind not in (WORD, QUOTED):
        return None
    found = node_at(definition, tokens, start)
    if found is None:
        raise PatchNotUnderstood(
            f'no step named "{unknown_node_words(tokens, start)}"; steps are: {steps_list(definition)}'
        )
    return found


def _past_tail(tokens: Sequence[Token], index: int) -> int:
    tail = next((phrase for phrase in _WORKFLOW_TAIL if starts_with(tokens, phrase, index)), None)
    return index + len(tail.split()) if tail else index


def split_condition(tokens: Sequence[Token], keys: Sequence[str]) -> tuple[list[Token], Condition | None]:
    """The action and its condition: "<action> when <condition>" or "when <condition>[,] [then] <action>"."""
    found = _conjunction(tokens)
    if found is None:
        return list(tokens), None
    index, length = found
    before, after = list(tokens[:index]), list(tokens[index + length :])
    if _trivial(after):
        return before + _after_clause(after), None
    condition = parse_condition(after, 0, keys)
    remainder = _skip_separators(after[condition.end :])
    if content_words([t for t in before if t.text not in _LEAD_WORDS]):
        return before + remainder, condition
    return remainder, condition


def _conjunction(tokens: Sequence[Token]) -> tuple[int, int] | None:
    for index, token in enumerate(tokens):
        if token.kind != WORD:
            continue
        for phrase in _CONJUNCTIONS:
            if starts_with(tokens, phrase, index) and not _not_a_condition(tokens, index, phrase):
                return index, len(phrase.split())
    return None


def _not_a_condition(tokens: Sequence[Token], index: int, phrase: str) -> bool:
    following = tokens[index + len(phrase.split())].text if index + len(phrase.split()) < len(tokens) else ""
    if phrase == "once":
        return following in ("a", "an", "per", "every", "each", "more", "")  # "once a day" is a schedule
    if phrase == "if":
        return following in ("possible", "needed", "necessary", "you", "any", "")
    return following == ""


def _trivial(clause: Sequence[Token]) -> bool:
    words = {token.text for token in _clause(clause)}
    return bool(words & _RUNS)


def _clause(tokens: Sequence[Token]) -> list[Token]:
    clause: list[Token] = []
    for token in tokens:
        if token.kind != WORD or token.text not in _TRIVIAL:
            break
        clause.append(token)
    return clause


def _after_clause(tokens: Sequence[Token]) -> list[Token]:
    return _skip_separators(tokens[len(_clause(tokens)) :])


def _skip_separators(tokens: Sequence[Token]) -> list[Token]:
    index = 0
    while index < len(tokens) and (tokens[index].kind == COMMA or tokens[index].text == "then"):
        index += 1
    return list(tokens[index:])


# --- wiring it in -----------------------------------------------------------------------------------------


def wire_step(
    definition: dict[str, Any], name: str, tool: ToolInfo, args: dict[str, Any], position: Position,
    condition: Condition | None,
) -> PatchProposal:  # fmt: skip
    if position.kind == BEFORE and position.node is not None:
        if condition is not None:
            return _after(definition, name, tool, args, _only_predecessor(definition, position.node), condition)
        return _before(definition, name, tool, args, position.node)
    if position.kind == START:
        if condition is not None:
            raise PatchNotUnderstood("a condition needs a step before it to branch from; say after which step")
        return _before_start(definition, name, tool, args)
    anchor = position.node if position.kind == AFTER and position.node else last_ending_node(definition)
    if isinstance(next_of(definition, anchor), str) or position.kind == AFTER:
        return _after(definition, name, tool, args, anchor, condition)
    return _at_branch_end(definition, name, tool, args, anchor, condition)


def _step(name: str, tool: ToolInfo) -> str:
    return f'a new "{name}" step' + (f" (tool {tool.name})" if name != tool.name else "")


def _node(tool: ToolInfo, args: dict[str, Any], next_step: Any) -> dict[str, Any]:
    return {"tool": tool.name, **({"args": args} if args else {}), "next": next_step}


def _add_node(name: str, tool: ToolInfo, args: dict[str, Any], next_step: Any) -> dict[str, Any]:
    return {"op": "add", "path": pointer("nodes", name), "value": _node(tool, args, next_step)}


def _after(
    definition: dict[str, Any], name: str, tool: ToolInfo, args: dict[str, Any], anchor: str,
    condition: Condition | None,
) -> PatchProposal:  # fmt: skip
    old = next_of(definition, anchor)
    if not isinstance(old, str):
        raise PatchNotUnderstood(
            f'step "{anchor}" branches ({_edge_kind(old)}), so a step "after" it has no single place; '
            f'say "before <step>" instead'
        )
    edge: Any = name if condition is None else {"condition": condition.expression, "if_true": name, "if_false": old}
    operations = [
        _add_node(name, tool, args, old),
        {"op": next_op(definition, anchor), "path": pointer("nodes", anchor, "next"), "value": edge},
    ]
    then = "the run ends" if old == END else f'the run goes on to "{old}"'
    if condition is None:
        return PatchProposal(operations, f'Adds {_step(name, tool)} after "{anchor}"; then {then}.')
    return PatchProposal(
        operations,
        f'After "{anchor}", when {condition.expression}, runs {_step(name, tool)}; either way {then}.',
    )


def _before(definition: dict[str, Any], name: str, tool: ToolInfo, args: dict[str, Any], target: str) -> PatchProposal:
    refs = [ref for ref in references(definition) if ref.target == target]
    blocked = [ref.path for ref in refs if ref.fanout]
    if blocked:
        raise PatchNotUnderstood(
            f'"{target}" is a branch or join of a parallel or map step ({", ".join(blocked)}); '
            f'say "after <step>" instead'
        )
    operations = [_add_node(name, tool, args, target)]
    operations += [{"op": "replace", "path": ref.path, "value": name} for ref in refs]
    return PatchProposal(operations, f'Adds {_step(name, tool)} just before "{target}".')


def _before_start(definition: dict[str, Any], name: str, tool: ToolInfo, args: dict[str, Any]) -> PatchProposal:
    start = definition.get("start_node")
    operations = [_add_node(name, tool, args, start), {"op": "replace", "path": "/start_node", "value": name}]
    return PatchProposal(operations, f'Adds {_step(name, tool)} as the first step, before "{start}".')


def _only_predecessor(definition: dict[str, Any], target: str) -> str:
    """The one step leading plainly to `target`: a condition "before X" branches from there."""
    refs = [ref for ref in references(definition) if ref.target == target]
    if len(refs) == 1 and refs[0].path.startswith("/nodes/") and refs[0].path.endswith("/next"):
        return refs[0].path.split("/")[2].replace("~1", "/").replace("~0", "~")
    raise PatchNotUnderstood(
        f'a condition goes after one step, and "{target}" has no single step before it; say "after <step>" instead'
    )


def _at_branch_end(
    definition: dict[str, Any], name: str, tool: ToolInfo, args: dict[str, Any], anchor: str,
    condition: Condition | None,
) -> PatchProposal:  # fmt: skip
    if condition is None:
        routes = end_routes(definition, anchor)
        operations = [_add_node(name, tool, args, END)]
        operations += [{"op": op, "path": path, "value": name} for op, path in routes]
        return PatchProposal(operations, f'Adds {_step(name, tool)} at the end, where "{anchor}" used to end the run.')
    edge = _guarded(next_of(definition, anchor), condition.expression, name)
    operations = [
        _add_node(name, tool, args, END),
        {"op": "replace", "path": pointer("nodes", anchor, "next"), "value": edge},
    ]
    return PatchProposal(
        operations,
        f'Where "{anchor}" used to end the run, when {condition.expression} it now runs {_step(name, tool)} first.',
    )


def _guarded(edge: dict[str, Any], expression: str, name: str) -> dict[str, Any]:
    """The edge with its routes to "end" passing through `name` when `expression` holds: a case
    "(guard) and (expression)" before each case that ends, and a last case for the default."""
    if "condition" in edge:
        cases = [{"when": edge["condition"], "to": edge["if_true"]}]
        default = edge["if_false"]
    else:
        cases, default = list(edge["switch"]), edge.get("default", END)
    guarded: list[dict[str, Any]] = []
    for case in cases:
        if case.get("to") == END:
            guarded.append({"when": f"({case['when']}) and ({expression})", "to": name})
        guarded.append(case)
    if default == END:
        guarded.append({"when": expression, "to": name})
    return {"switch": guarded, "default": default}


def _edge_kind(edge: Any) -> str:
    if isinstance(edge, dict):
        return next((kind for kind in ("condition", "switch", "parallel", "map") if kind in edge), "object")
    return "unknown"
