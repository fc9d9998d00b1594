"""A graph as a Mermaid flowchart, for the API and the admin."""

from __future__ import annotations

from graphs.engine.definition import END, GraphSpec, MapOver, Parallel


def _label(text: str) -> str:
    return '"' + text.replace("&", "#amp;").replace('"', "#quot;").replace("<", "#lt;").replace(">", "#gt;") + '"'


def to_mermaid(spec: GraphSpec) -> str:
    ids = {name: f"n{index}" for index, name in enumerate(spec.nodes)}
    ids[END] = "end_"
    lines = ["flowchart TD", "  start_([start])", "  end_([end])"]
    for name, node in spec.nodes.items():
        runs = node.tool if node.tool is not None else f"subgraph {node.subgraph}"
        lines.append(f"  {ids[name]}[{_label(f'{name}: {runs}')}]")
    lines.append(f"  start_ --> {ids[spec.start]}")
    for source, target, label in spec.edges():
        arrow = f"-- {_label(label)} -->" if label else "-->"
        lines.append(f"  {ids[source]} {arrow} {ids[target]}")
    for node in spec.nodes.values():
        if isinstance(node.next, Parallel | MapOver):
            lines.append(f"  {ids[node.name]} -. join .-> {ids[node.next.join]}")
    return "\n".join(lines) + "\n"
