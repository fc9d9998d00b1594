"""Which tool a request means: the words of the request against each tool's name (split on "_") and
description, compared by concept (light stem plus synonyms, see tokens.py).

A word found in the tool's name counts more than one found in its description, the exact word more than a
synonym, and generic verbs ("send", "run", "make") count little: "send an sms" must not pick `send_email`
for its "send". A request none of whose specific words fits any tool is refused, naming the tools there are.
"""

from __future__ import annotations

from collections.abc import Sequence

from agentrunner.patch_builder.arguments import kind_of
from agentrunner.patch_builder.proposal import PatchNotUnderstood, ToolInfo
from agentrunner.patch_builder.tokens import (
    CHANNEL,
    EMAIL,
    URL,
    WORD,
    Token,
    concept,
    is_generic,
    name_words,
    stem,
    word_set,
)

STOPWORDS = word_set(
    "a an the to of for in on at and or with by from into onto that this it is are be me my us our we you "
    "i its as which who will should would can just them their there when if then some any also always "
    "please new another extra one more every each all"
)
# Words that frame a request to add a step rather than say what the step does.
FRAMING = word_set("add insert append include put step node stage action task")
_GENERIC_WEIGHT = 0.25
_LITERAL_WEIGHT = 1.5


class NoToolMatches(PatchNotUnderstood):
    """No tool fits the request: perhaps it was not a request to add a step at all."""


def content_words(tokens: Sequence[Token]) -> list[str]:
    return [t.text for t in tokens if t.kind == WORD and t.text not in STOPWORDS and t.text not in FRAMING]


def choose_tool(tokens: Sequence[Token], tools: Sequence[ToolInfo]) -> ToolInfo:
    named = _named_tool(tokens, tools)
    if named is not None:
        return named
    words = content_words(tokens)
    if not words:
        raise NoToolMatches(f"the prompt does not say what the new step does; tools are: {_names(tools)}")
    literals = {token.kind for token in tokens if token.kind in (EMAIL, URL, CHANNEL)}
    scored = [(_score(tool, words, literals), tool.name, tool) for tool in tools]
    ranked = sorted(scored, key=lambda item: (item[0][0] > 0, item[0][1]), reverse=True)
    if not ranked or ranked[0][0][0] == 0:
        shown = " ".join(word for word in words if not is_generic(word)) or " ".join(words)
        raise NoToolMatches(f'no tool matches "{shown}"; tools are: {_names(tools)}')
    best = ranked[0]
    tied = [item[1] for item in ranked if item[0][1] == best[0][1] and item[0][0] > 0]
    if len(tied) > 1:
        raise PatchNotUnderstood(f'several tools fit "{" ".join(words)}": {", ".join(tied)}; name the tool')
    return best[2]


def _named_tool(tokens: Sequence[Token], tools: Sequence[ToolInfo]) -> ToolInfo | None:
    by_name = {tool.name: tool for tool in tools}
    return next((by_name[token.raw] for token in tokens if token.raw in by_name), None)


def _names(tools: Sequence[ToolInfo]) -> str:
    return ", ".join(sorted(tool.name for tool in tools)) or "(none)"


def _score(tool: ToolInfo, words: Sequence[str], literals: set[str]) -> tuple[float, float]:
    """(specific score, total score): the specific part must be above zero for the tool to fit at all. A
    literal the tool has an input for (a #channel, an address) adds to the total only: it breaks a tie
    between tools that fit, but "send an sms to bob@example.com" must not pick the e-mail tool for it."""
    name = name_words(tool.name)
    described = [word for word in name_words(tool.description) if word not in STOPWORDS]
    name_stems, name_concepts = {stem(w) for w in name}, {concept(w) for w in name}
    text_stems, text_concepts = {stem(w) for w in described}, {concept(w) for w in described}
    specific = total = 0.0
    for word in dict.fromkeys(words):  # a word said twice is not twice the evidence
        points = _points(stem(word), concept(word), name_stems, name_concepts, text_stems, text_concepts)
        if is_generic(word):
            total += points * _GENERIC_WEIGHT
        else:
            specific += points
            total += points
    properties = tool.schema.get("properties") if isinstance(tool.schema.get("properties"), dict) else {}
    kinds = {kind_of(name, schema) for name, schema in properties.items() if isinstance(schema, dict)}
    return specific, total + _LITERAL_WEIGHT * len(literals & kinds)


def _points(
    stemmed: str, meaning: str, name_stems: set[str], name_concepts: set[str], text_stems: set[str],
    text_concepts: set[str],
) -> float:  # fmt: skip
    if stemmed in name_stems:
        return 3.0
    if meaning in name_concepts:
        return 2.0
    if stemmed in text_stems:
        return 1.5
    return 1.0 if meaning in text_concepts else 0.0
