"""Reading a raw graph definition (the JSON, not the parsed spec): where each edge points, in what order the
nodes are reached, which routes end the run, and which node a few words of a prompt refer to.

It works on the raw dict because the patch it helps to write addresses the raw dict's JSON Pointer paths.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from agentrunner.patch_builder.proposal import PatchNotUnderstood
from agentrunner.patch_builder.tokens import QUOTED, WORD, Token, concept, is_generic, name_words

END = "end"
DETERMINERS = frozenset({"the", "a", "an", "this", "that", "my", "our", "its", "existing", "current"})
STEP_WORDS = frozenset({"step", "node", "stage", "action"})
_SPAN_STOPS = frozenset({"then", "and", "when", "whenever", "if", "once", "so", "to", "with", "every", "each"})


def pointer(*parts: str | int) -> str:
    return "".join("/" + str(part).replace("~", "~0").replace("/", "~1") for part in parts)


def nodes_of(definition: dict[str, Any]) -> dict[str, Any]:
    nodes = definition.get("nodes")
    if not isinstance(nodes, dict) or not nodes:
        raise PatchNotUnderstood("the workflow has no steps to change")
    return nodes


def steps_list(definition: dict[str, Any]) -> str:
    return ", ".join(nodes_of(definition))


@dataclass(frozen=True)
class Ref:
    """One place that names a node: its JSON Pointer, the name, and whether it is a fan-out slot (a parallel
    branch or join, a map's node or join), which cannot simply be pointed elsewhere."""

    path: str
    target: str
    fanout: bool = False


def edge_refs(name: str, edge: Any) -> list[Ref]:
    base = pointer("nodes", name, "next")
    if isinstance(edge, str):
        return [Ref(base, edge)]
    if not isinstance(edge, dict):
        return []
    if "condition" in edge:
        return [Ref(f"{base}/{key}", edge[key]) for key in ("if_true", "if_false") if isinstance(edge.get(key), str)]
    if "switch" in edge:
        return _switch_refs(base, edge)
    if "parallel" in edge:
        branches = [Ref(f"{base}/parallel/{i}", b, True) for i, b in enumerate(edge.get("parallel") or [])]
        return branches + [Ref(f"{base}/join", edge.get("join", ""), True)]
    spec = edge.get("map") if isinstance(edge.get("map"), dict) else {}
    return [Ref(f"{base}/map/{key}", spec[key], True) for key in ("node", "join") if isinstance(spec.get(key), str)]


def _switch_refs(base: str, edge: dict[str, Any]) -> list[Ref]:
    refs = [
        Ref(f"{base}/switch/{index}/to", case["to"])
        for index, case in enumerate(edge.get("switch") or [])
        if isinstance(case, dict) and isinstance(case.get("to"), str)
    ]
    return refs + ([Ref(f"{base}/default", edge["default"])] if isinstance(edge.get("default"), str) else [])


def conditions_of(name: str, edge: Any) -> list[tuple[str, str]]:
    """(pointer, source) of each condition on a node's edge: the seed condition or each switch case."""
    if not isinstance(edge, dict):
        return []
    if isinstance(edge.get("condition"), str):
        return [(pointer("nodes", name, "next", "condition"), edge["condition"])]
    cases = edge.get("switch") if isinstance(edge.get("switch"), list) else []
    return [
        (pointer("nodes", name, "next", "switch", index, "when"), case["when"])
        for index, case in enumerate(cases)
        if isinstance(case, dict) and isinstance(case.get("when"), str)
    ]


def references(definition: dict[str, Any]) -> list[Ref]:
    refs = [Ref("/start_node", definition["start_node"])] if isinstance(definition.get("start_node"), str) else []
    for name, node in nodes_of(definition).items():
        refs += edge_refs(name, node.get("next") if isinstance(node, dict) else None)
    return refs


def next_of(definition: dict[str, Any], name: str) -> Any:
    node = nodes_of(definition).get(name)
    return node.get("next", END) if isinstance(node, dict) else END


def next_op(definition: dict[str, Any], name: str) -> str:
    """ "replace" when the node spells out its next, "add" when it leaves it out (meaning the end)."""
    node = nodes_of(definition).get(name)
    return "replace" if isinstance(node, dict) and "next" in node else "add"


def bfs_order(definition: dict[str, Any]) -> list[str]:
    nodes = nodes_of(definition)
    start = definition.get("start_node")
    order: list[str] = []
    pending = deque([start] if start in nodes else [])
    while pending:
        name = pending.popleft()
        if name in order:
            continue
        order.append(name)
        refs = edge_refs(name, next_of(definition, name))
        pending.extend(ref.target for ref in refs if ref.target in nodes and ref.target not in order)
    return order


def end_routes(definition: dict[str, Any], name: str) -> list[tuple[str, str]]:
    """(op, path) of each route by which `name` ends the run: its plain next, or the branches to "end"."""
    edge = next_of(definition, name)
    if edge == END:
        return [(next_op(definition, name), pointer("nodes", name, "next"))]
    routes = [("replace", ref.path) for ref in edge_refs(name, edge) if ref.target == END and not ref.fanout]
    if isinstance(edge, dict) and "switch" in edge and "default" not in edge:
        routes.append(("add", pointer("nodes", name, "next", "default")))  # a switch without default ends
    return routes


def last_ending_node(definition: dict[str, Any]) -> str:
    """The node that ends the run reached last from the start: where "at the end" goes."""
    ending = [name for name in bfs_order(definition) if end_routes(definition, name)]
    if not ending:
        raise PatchNotUnderstood("no step of the workflow leads to the end, so there is no end to add a step at")
    return ending[-1]


def unique_name(base: str, taken: Sequence[str] | dict[str, Any]) -> str:
    base = base or "step"
    if base not in taken and base != END:
        return base
    number = 2
    while f"{base}_{number}" in taken:
        number += 1
    return f"{base}_{number}"


# --- which node a prompt means ---------------------------------------------------------------------------


def _concepts(name: str) -> set[str]:
    return {concept(word) for word in name_words(name)}


def match_nodes(definition: dict[str, Any], words: Sequence[str]) -> list[str]:
    """Nodes the words name: the whole name first, then part of it, then part of the name and its tool."""
    meant = [word for word in words if word not in DETERMINERS and word not in STEP_WORDS]
    specific = [word for word in meant if not is_generic(word)]  # "sending slack messages" is about slack
    query = {concept(word) for word in specific or meant}
    if not query:
        return []
    nodes = nodes_of(definition)
    tools = {
        name: _concepts(str(node.get("tool", ""))) if isinstance(node, dict) else set() for name, node in nodes.items()
    }
    levels = [
        lambda name: query == _concepts(name),
        lambda name: query <= _concepts(name),
        lambda name: query <= _concepts(name) | tools[name],
    ]
    for level in levels:
        found = [name for name in nodes if level(name)]
        if found:
            return found
    return []


def node_at(definition: dict[str, Any], tokens: Sequence[Token], start: int) -> tuple[str, int] | None:
    """The node named by the words from `start` ("the fetch prices step", "fetch_prices", "report") and the
    index just past them; the longest run of words that names exactly one node wins."""
    nodes = nodes_of(definition)
    index = start
    while index < len(tokens) and tokens[index].kind == WORD and tokens[index].text in DETERMINERS:
        index += 1
    if index < len(tokens) and tokens[index].kind == QUOTED and tokens[index].text in nodes:
        return tokens[index].text, _past_step_word(tokens, index + 1)  # "after 'fetch prices'"
    if index < len(tokens) and tokens[index].raw in nodes:
        return tokens[index].raw, _past_step_word(tokens, _past_chunk(tokens, index))
    ordinal = _ordinal(definition, tokens, index)
    if ordinal is not None:
        return ordinal, _past_step_word(tokens, index + 1)
    span = _span(tokens, index)
    for length in range(len(span), 0, -1):
        found = match_nodes(definition, [token.text for token in span[:length]])
        if len(found) > 1:
            raise PatchNotUnderstood(
                f'several steps match "{" ".join(t.text for t in span[:length])}": {", ".join(found)}; name one'
            )
        if found:
            return found[0], _past_step_word(tokens, index + length)
    return None


def _ordinal(definition: dict[str, Any], tokens: Sequence[Token], index: int) -> str | None:
    """ "the first step" is the start node, "the last step" the one that ends the run reached last."""
    if index >= len(tokens) or tokens[index].text not in ("first", "last", "final"):
        return None
    following = tokens[index + 1] if index + 1 < len(tokens) else None
    if following is not None and following.kind == WORD and following.text not in STEP_WORDS:
        return None  # "the first pass step" names a node
    start = definition.get("start_node")
    if tokens[index].text == "first":
        return start if isinstance(start, str) and start in nodes_of(definition) else None
    return last_ending_node(definition)


def unknown_node_words(tokens: Sequence[Token], start: int) -> str:
    """The words a failed node reference was made of, for the error message."""
    index = start
    while index < len(tokens) and tokens[index].kind == WORD and tokens[index].text in DETERMINERS:
        index += 1
    span = _span(tokens, index)
    ended = index + len(span)
    closed = ended >= len(tokens) or tokens[ended].kind != WORD or tokens[ended].text in STEP_WORDS
    shown = span if closed else span[:1]
    return " ".join(token.raw if token.raw.isidentifier() else token.text for token in _dedupe(shown))


def _dedupe(tokens: Sequence[Token]) -> list[Token]:
    kept: list[Token] = []
    for token in tokens:
        if not kept or kept[-1].raw != token.raw:
            kept.append(token)
    return kept


def _span(tokens: Sequence[Token], index: int) -> list[Token]:
    span: list[Token] = []
    while index < len(tokens) and tokens[index].kind == WORD and len(span) < 6:
        if tokens[index].text in STEP_WORDS or tokens[index].text in _SPAN_STOPS:
            break
        span.append(tokens[index])
        index += 1
    return span


def _past_chunk(tokens: Sequence[Token], index: int) -> int:
    raw = tokens[index].raw
    while index < len(tokens) and tokens[index].raw == raw:
        index += 1
    return index


def _past_step_word(tokens: Sequence[Token], index: int) -> int:
    if index < len(tokens) and tokens[index].kind == WORD and tokens[index].text in STEP_WORDS:
        return index + 1
    return index
