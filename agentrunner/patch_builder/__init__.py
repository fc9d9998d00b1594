"""The built-in patch builder: a prompt asking for a permanent change to a workflow, turned into an RFC 6902
JSON Patch on its graph definition, for when no LLM is configured.

Pure Python: no Django, no I/O. `build_patch(prompt, definition, tools)` reads one of these forms (general
rules over the tokens of the prompt, not a list of sentences):

1. add a step: "add a step that waits 10 seconds after fetch_prices", "insert a wait step before report",
   "add an email notification to ops@example.com at the end", "after fetch_prices, wait 30 seconds";
2. remove a step: "remove/delete/drop/skip/get rid of the slack step", "stop sending slack messages";
3. change an argument: "set the threshold to 500", "change the wait to 2 minutes",
   "set the subject of send_email to 'Price drop'";
4. a standing condition: "always send an email to ops@example.com when the price drops below 300",
   "whenever errors are 5 or more, post to #alerts";
5. rename a step: "rename report to summary".

Anything else raises PatchNotUnderstood, whose message says what was understood and what was missing. The
caller applies the patch (jsonpatch) and validates the result with the graph rules; the ops here apply
cleanly to the definition given and are as small as the change: one node added, one `next` replaced.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from agentrunner.patch_builder.arg_change import change_argument
from agentrunner.patch_builder.edits import remove_step, rename_step
from agentrunner.patch_builder.graph_view import nodes_of
from agentrunner.patch_builder.insertion import add_step, split_condition
from agentrunner.patch_builder.proposal import PatchNotUnderstood, PatchProposal, ToolInfo
from agentrunner.patch_builder.tokens import COMMA, WORD, Token, starts_with, tokenize
from agentrunner.patch_builder.tool_choice import NoToolMatches

__all__ = ["PatchNotUnderstood", "PatchProposal", "ToolInfo", "build_patch"]

SUPPORTED_FORMS = (
    'supported changes: add a step ("add a step that waits 10 seconds after fetch_prices"), '
    'remove a step ("remove the report step"), change an argument ("set the threshold to 500"), '
    'a standing condition ("always send an email to ops@example.com when price drops below 300"), '
    'rename a step ("rename report to summary")'
)
_POLITE = [
    "please", "kindly", "hey", "hi", "ok", "okay", "so", "and", "also", "then", "now", "just", "can you",
    "could you", "would you", "will you", "i want you to", "i would like you to", "i need you to",
    "i would like to", "i would like", "i want to", "i want", "i need to", "i need", "we need to", "we want to",
    "let us", "go ahead and", "make sure to", "make sure that", "make sure we", "make sure it", "make sure you",
    "make sure", "ensure that", "ensure", "from now on", "going forward", "in the workflow", "in this workflow",
]  # fmt: skip
_TRAILING = ["please", "thanks", "thank you", "thx"]
_REMOVE = ["get rid of", "take out", "take away", "remove", "delete", "drop", "skip", "eliminate", "cut out", "stop"]
_SET = ["set", "change", "make", "update", "modify", "adjust", "increase", "raise", "lower", "decrease", "reduce"]
_NOT_SET = ["set up", "make it", "make a", "make an", "make another"]
_ADD = ["add", "insert", "append", "include", "put", "create", "set up"]


def build_patch(prompt: str, definition: dict[str, Any], tools: list[ToolInfo]) -> PatchProposal:
    nodes_of(definition)  # a definition without steps cannot be patched, whatever the prompt
    tokens = _head(tokenize(prompt))
    if not any(token.kind == WORD for token in tokens):
        raise PatchNotUnderstood(f"the prompt asks for no change; {SUPPORTED_FORMS}")
    if starts_with(tokens, "rename"):
        return rename_step(tokens, 1, definition)
    if _is_set(tokens) and starts_with(tokens, "the name of", 1):
        return rename_step(tokens, 4, definition)
    removal = _removal_head(tokens)
    if removal is not None:
        if _has_condition(tokens):
            raise PatchNotUnderstood(
                "understood: remove a step, but only under a condition; a step cannot be skipped conditionally "
                'here. Say "remove the <step> step" to remove it for good'
            )
        return remove_step(_without_tail(tokens), removal, definition)
    if _is_set(tokens) and not _has_condition(tokens):
        return change_argument(tokens[1:], definition, tools)
    try:
        return add_step(tokens, definition, tools)
    except NoToolMatches as exc:
        if any(starts_with(tokens, verb) for verb in _ADD):
            raise
        raise PatchNotUnderstood(f"{exc}; {SUPPORTED_FORMS}") from None


def _head(tokens: Sequence[Token]) -> list[Token]:
    """The request without politeness around it: "please could you ..." and "..., thanks"."""
    tokens = list(tokens)
    while tokens:
        if tokens[0].kind == COMMA:
            tokens = tokens[1:]
            continue
        phrase = next((p for p in _POLITE if starts_with(tokens, p)), None)
        if phrase is None:
            break
        tokens = tokens[len(phrase.split()) :]
    while tokens and (tokens[-1].kind == COMMA or any(_ends_with(tokens, p) for p in _TRAILING)):
        tokens = tokens[:-1]
    return tokens


def _ends_with(tokens: Sequence[Token], phrase: str) -> bool:
    return (
        starts_with(tokens, phrase, len(tokens) - len(phrase.split())) if len(tokens) >= len(phrase.split()) else False
    )


def _is_set(tokens: Sequence[Token]) -> bool:
    return any(starts_with(tokens, verb) for verb in _SET) and not any(starts_with(tokens, p) for p in _NOT_SET)


def _removal_head(tokens: Sequence[Token]) -> int | None:
    verb = next((p for p in _REMOVE if starts_with(tokens, p)), None)
    if verb is not None:
        return len(verb.split())
    if starts_with(tokens, "take") and tokens[-1].text in ("out", "away", "off"):
        return 1  # "take the slack step out"
    return None


def _without_tail(tokens: Sequence[Token]) -> list[Token]:
    while tokens and tokens[-1].text in ("out", "away", "off", "anymore", "altogether", "completely", "entirely"):
        tokens = tokens[:-1]
    return list(tokens)


def _has_condition(tokens: Sequence[Token]) -> bool:
    try:
        return split_condition(tokens, [])[1] is not None
    except PatchNotUnderstood:
        return True  # a condition, even one without a threshold
