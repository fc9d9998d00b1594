"""Removing and renaming a step, with every reference to it rewritten.

A removed step's predecessors go straight to its own next, which must therefore be one plain step (or the
end): a step that branches cannot be removed without deciding which branch survives, and a parallel branch
or map step cannot be pointed elsewhere without changing what runs concurrently, so both are refused.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from agentrunner.patch_builder.graph_view import (
    END,
    STEP_WORDS,
    node_at,
    nodes_of,
    pointer,
    references,
    steps_list,
    unknown_node_words,
)
from agentrunner.patch_builder.proposal import PatchNotUnderstood, PatchProposal
from agentrunner.patch_builder.tokens import QUOTED, WORD, Token, concept, is_generic, name_words, snake_case
from agentrunner.patch_builder.tool_choice import content_words

_NAME_LINKS = frozenset({"to", "as", "into"})
_TAIL_WORDS = frozenset({"out", "away", "off", "anymore", "altogether", "entirely", "completely"})


def find_step(tokens: Sequence[Token], start: int, definition: dict[str, Any]) -> tuple[str, int]:
    """The step the words from `start` name, by its name or its tool; failing that, the one step whose name
    and tool share the most words with the request ("stop sending slack messages")."""
    _check_named(tokens, start, definition, "remove the report step")
    found = node_at(definition, tokens, start)
    if found is not None:
        return found
    words = [word for word in content_words(tokens[start:]) if not is_generic(word) and word not in _TAIL_WORDS]
    scores = {name: _overlap(name, node, words) for name, node in nodes_of(definition).items()}
    best = max(scores.values(), default=0)
    winners = [name for name, score in scores.items() if score == best]
    if best > 0 and len(winners) == 1:
        return winners[0], len(tokens)
    shown = unknown_node_words(tokens, start) or " ".join(words)
    raise PatchNotUnderstood(f'no step named "{shown}"; steps are: {steps_list(definition)}')


def _check_named(tokens: Sequence[Token], start: int, definition: dict[str, Any], example: str) -> None:
    if not any(token.kind in (WORD, QUOTED) for token in tokens[start:]):
        raise PatchNotUnderstood(
            f'understood: {example.split()[0]} a step; missing which one, e.g. "{example}"; '
            f"steps are: {steps_list(definition)}"
        )


def _overlap(name: str, node: Any, words: Sequence[str]) -> int:
    tool = str(node.get("tool", "")) if isinstance(node, dict) else ""
    known = {concept(word) for word in name_words(name) + name_words(tool)}
    return len({concept(word) for word in words} & known)


def remove_step(tokens: Sequence[Token], start: int, definition: dict[str, Any]) -> PatchProposal:
    name, _ = find_step(tokens, start, definition)
    nodes = nodes_of(definition)
    following = nodes[name].get("next", END) if isinstance(nodes[name], dict) else END
    if not isinstance(following, str):
        raise PatchNotUnderstood(
            f'step "{name}" branches to several steps, so removing it would have to choose one; '
            f"change its branches first, or ask for the branch step to be rewired"
        )
    own = pointer("nodes", name) + "/"
    refs = [ref for ref in references(definition) if ref.target == name and not ref.path.startswith(own)]
    _check_removable(name, following, refs, len(nodes))
    operations: list[dict[str, Any]] = [{"op": "replace", "path": ref.path, "value": following} for ref in refs]
    operations.append({"op": "remove", "path": pointer("nodes", name)})
    then = "the end" if following == END else f'"{following}"'
    return PatchProposal(operations, f'Removes the "{name}" step; what led to it now goes straight to {then}.')


def _check_removable(name: str, following: str, refs: Sequence[Any], count: int) -> None:
    if count == 1:
        raise PatchNotUnderstood(f'"{name}" is the only step; a workflow needs at least one')
    if following == name:
        raise PatchNotUnderstood(f'step "{name}" leads to itself, so nothing could take its place')
    blocked = [ref.path for ref in refs if ref.fanout]
    if blocked:
        raise PatchNotUnderstood(
            f'"{name}" is a branch or join of a parallel or map step ({", ".join(blocked)}); '
            f"removing it would change what runs concurrently, so change that step instead"
        )
    if following == END and any(ref.path == "/start_node" for ref in refs):
        raise PatchNotUnderstood(f'"{name}" is the first step and goes straight to the end; nothing would be left')


def rename_step(tokens: Sequence[Token], start: int, definition: dict[str, Any]) -> PatchProposal:
    _check_named(tokens, start, definition, "rename report to summary")
    found = node_at(definition, tokens, start)
    if found is None:
        raise PatchNotUnderstood(
            f'no step named "{unknown_node_words(tokens, start)}"; steps are: {steps_list(definition)}'
        )
    old, index = found
    if index < len(tokens) and tokens[index].text in _NAME_LINKS:
        index += 1
    new = _new_name(tokens[index:])
    _check_new_name(old, new, definition)
    refs = [ref for ref in references(definition) if ref.target == old]
    operations: list[dict[str, Any]] = [{"op": "replace", "path": ref.path, "value": new} for ref in refs]
    # The references inside the step itself are rewritten before it moves, while their paths still hold.
    operations.append({"op": "move", "from": pointer("nodes", old), "path": pointer("nodes", new)})
    return PatchProposal(
        operations,
        f'Renames the step "{old}" to "{new}" and points the {len(refs)} reference(s) to it at the new name.',
    )


def _new_name(tokens: Sequence[Token]) -> str:
    tokens = list(tokens)
    while tokens and tokens[-1].kind == WORD and tokens[-1].text in STEP_WORDS | {"please"}:
        tokens.pop()
    if len(tokens) == 1 and tokens[0].kind == QUOTED:
        return tokens[0].text.strip()
    if tokens and all(token.raw == tokens[0].raw for token in tokens) and tokens[0].kind == WORD:
        return tokens[0].raw  # one word as typed: "get_prices", "GetPrices"
    return snake_case(token.text for token in tokens if token.kind in (WORD, QUOTED))


def _check_new_name(old: str, new: str, definition: dict[str, Any]) -> None:
    if not new:
        raise PatchNotUnderstood(f'understood: rename "{old}"; missing the new name, e.g. "rename {old} to summary"')
    if new == END:
        raise PatchNotUnderstood(f'"{END}" is reserved: it ends the run; pick another name')
    if new != old and new in nodes_of(definition):
        raise PatchNotUnderstood(f'there is already a step named "{new}"; steps are: {steps_list(definition)}')
    if new == old:
        raise PatchNotUnderstood(f'the step is already named "{old}"')
