"""A guided answer drawn as a diagram (Graphviz dot or Mermaid) for authors."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass

from guidance_app.core.content.wizard_model import Wizard


@dataclass(frozen=True)
class _GraphSyntax:
    """How one diagram language writes a question, a situation and an answer's arrow."""

    header: str
    footer: str
    node_id: Callable[[str], str]
    question: str  # format with id, text
    situation: str  # format with id, text
    edge: str  # format with source, target, label
    quote: Callable[[str], str]


_GRAPH_SYNTAX = {
    "dot": _GraphSyntax(
        header="digraph {{\n  rankdir=LR;\n  node [shape=box];",
        footer="}}",
        node_id=json.dumps,
        question="  {id} [label={text}];",
        situation="  {id} [shape=note, label={text}];",
        edge="  {source} -> {target} [label={label}];",
        quote=json.dumps,
    ),
    "mermaid": _GraphSyntax(
        header="flowchart LR",
        footer="",
        node_id=lambda name: name.replace("-", "_").replace("/", "__").replace(":", "_"),
        question="  {id}[{text}]",
        situation="  {id}([{text}])",
        edge="  {source} -->|{label}| {target}",
        quote=lambda text: '"' + text.replace('"', "#quot;") + '"',
    ),
}


def graph_text(wizard: Wizard, fmt: str) -> str:
    """The wizard as a Graphviz (dot) or Mermaid diagram an author can render."""
    syntax = _GRAPH_SYNTAX[fmt]
    node, quote = syntax.node_id, syntax.quote
    lines = [syntax.header.format()]
    lines += [
        syntax.question.format(id=node(q.id), text=quote(q.text)) for q in wizard.questions.values()
    ]
    lines += [
        syntax.situation.format(id=node(key), text=quote(title))
        for key, title in wizard.situations.items()
    ]
    lines += [
        syntax.edge.format(
            source=node(q.id), target=node(o.next or o.situation or ""), label=quote(o.label)
        )
        for q in wizard.questions.values()
        for o in q.options
    ]
    if syntax.footer:
        lines.append(syntax.footer.format())
    return "\n".join(lines)
