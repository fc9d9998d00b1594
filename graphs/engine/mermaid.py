"""A graph as a Mermaid flowchart, for the API and the admin."""

from __future__ import annotations

from graphs.engine.definition import END, GraphSpec, MapOver, Parallel


def _label(text: str) -> str:
    return '"' + text.replace("&", "#amp;").replace('"', "#quot;").replace("<", "#lt;").replace(">", "#gt;") + '"'


def _flow_order(spec: GraphSpec) -> list[str]:
    """Nodes from the start along the edges (breadth first), so the chart reads the same whatever
    order the definition's keys came in (a JSON object has none; PostgreSQL's jsonb reorders them)."""
    following: dict[str, list[str]] = {}
    for source, target, _ in spec.edges():  # each node's own edges come in its definition's order
        following.setdefault(source, []).append(target)
    order, queue = [], [spec.start]
    while queue:
        name = queue.pop(0)
        if name == END or name in order:
            continue
        order.append(name)
        queue.extend(following.get(name, []))
    return order + sorted(set(spec.nodes) - set(order))


def to_mermaid(spec: GraphSpec) -> str:
    order = _flow_order(spec)
    ids = {name: f"n{index}" for index, name in enumerate(order)}
    ids[END] = "end_"
    lines = ["flowchart TD", "  start_([start])", "  end_([end])"]
    for name in order:
        node = spec.nodes[name]
        runs = node.tool if node.tool is not None else f"subgraph {node.subgraph}"
        lines.append(f"  {ids[name]}[{_label(f'{name}: {runs}')}]")
    lines.append(f"  start_ --> {ids[spec.start]}")
    position = {name: index for index, name in enumerate(order)}
    edges = sorted(spec.edges(), key=lambda edge: position[edge[0]])  # stable: a switch keeps its case order
    for source, target, label in edges:
        arrow = f"-- {_label(label)} -->" if label else "-->"
        lines.append(f"  {ids[source]} {arrow} {ids[target]}")
    for name in order:
        node = spec.nodes[name]
        if isinstance(node.next, Parallel | MapOver):
            lines.append(f"  {ids[name]} -. join .-> {ids[node.next.join]}")
    return "\n".join(lines) + "\n"
