"""`guidance-app wizards | paths | graph | coverage`: guided answers from the command line."""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from guidance_app.cli import print_json, require_school
from guidance_app.core.coverage import Cover, coverage_matrix, uncited_clauses
from guidance_app.core.errors import GuidanceError
from guidance_app.core.loader import load_library
from guidance_app.core.model import Library
from guidance_app.core.outcome import outcome_for
from guidance_app.core.wizard_engine import all_paths
from guidance_app.core.wizard_model import Wizard


def _wizard(library: Library, wizard_id: str) -> Wizard:
    wizard = library.wizard(wizard_id)
    if wizard is None:
        known = ", ".join(w.id for w in library.wizards) or "none"
        raise GuidanceError(f"There is no guided answer called '{wizard_id}' (there are: {known}).")
    return wizard


def _school_ids(library: Library, school_id: str | None) -> list[str]:
    if school_id is None:
        return [s.id for s in library.schools]
    return [require_school(library, school_id)]


def cmd_wizards(args: argparse.Namespace) -> int:
    library = load_library(args.content).library
    rows = [
        {"id": w.id, "title": w.title, "question": w.question}
        for w in sorted(library.wizards, key=lambda w: (w.order, w.id))
    ]
    if args.json:
        print_json(rows)
    else:
        for row in rows:
            print(f"{row['id']}: {row['question']}")
    return 0


def path_records(library: Library, wizard: Wizard, school_id: str | None) -> list[dict[str, Any]]:
    """Every path of a wizard with each school's outcome (the golden transcript's shape)."""
    records = []
    for school in _school_ids(library, school_id):
        for answers, situation in all_paths(wizard):
            outcome = outcome_for(library, school, situation)
            records.append(
                {
                    "school": school,
                    "answers": [{"question": q.text, "answer": o.label} for q, o in answers],
                    "situation": situation,
                    "outcome": outcome.as_dict(),
                }
            )
    return records


def cmd_paths(args: argparse.Namespace) -> int:
    library = load_library(args.content).library
    records = path_records(library, _wizard(library, args.wizard), args.school)
    if args.json:
        print_json(records)
        return 0
    for record in records:
        answers = " → ".join(a["answer"] for a in record["answers"])
        print(f"[{record['school']}] {answers}\n    {record['outcome']['title']}")
    return 0


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


def cmd_graph(args: argparse.Namespace) -> int:
    library = load_library(args.content).library
    print(graph_text(_wizard(library, args.wizard), args.format))
    return 0


_MARKS = {
    Cover.RULED: "ruled",
    Cover.FALLBACK: "fallback",
    Cover.NOT_COVERED: "NOT COVERED",
    Cover.MISSING: "MISSING",
}


def cmd_coverage(args: argparse.Namespace) -> int:
    library = load_library(args.content).library
    matrix = coverage_matrix(library)
    schools = [s.id for s in library.schools]
    if args.json:
        print_json(
            {
                "situations": {
                    sit: {
                        sch: {"cover": cell.cover.value, "ruling": cell.key}
                        for sch, cell in row.items()
                    }
                    for sit, row in matrix.items()
                },
                "uncited": [f"{sch}/{p.id}#{c.id}" for sch, p, c in uncited_clauses(library)],
            },
        )
        return 0
    width = max((len(s) for s in matrix), default=10)
    short = {s.id: s.short_name[:12] for s in library.schools}
    print("situation".ljust(width) + "  " + "  ".join(short[s].ljust(12) for s in schools))
    for situation, row in matrix.items():
        print(
            situation.ljust(width)
            + "  "
            + "  ".join(_MARKS[row[s].cover].ljust(12) for s in schools)
        )
    totals = {
        cover: sum(1 for row in matrix.values() for c in row.values() if c.cover == cover)
        for cover in Cover
    }
    print("\n" + ", ".join(f"{_MARKS[c].lower()}: {n}" for c, n in totals.items()))
    uncited = uncited_clauses(library)
    print(f"\nClauses no ruling cites ({len(uncited)}):")
    for school, policy, clause in uncited:
        print(f"  {school}/{policy.id}#{clause.id}")
    return 0


def add_wizard_commands(command: Any) -> None:
    wizards = command("wizards", cmd_wizards, "list the guided answers")
    wizards.add_argument("--json", action="store_true", help="print JSON")
    paths = command("paths", cmd_paths, "every path through a guided answer, with outcomes")
    paths.add_argument("wizard", help="the guided answer's id, e.g. friend-request")
    paths.add_argument("--school", metavar="ID", help="only this school's outcomes")
    paths.add_argument("--json", action="store_true", help="print JSON")
    graph = command("graph", cmd_graph, "a diagram of a guided answer, for authors")
    graph.add_argument("wizard", help="the guided answer's id")
    graph.add_argument("--format", choices=["dot", "mermaid"], default="mermaid")
    coverage = command(
        "coverage", cmd_coverage, "situations x schools: ruled, ruled by fallback, not covered"
    )
    coverage.add_argument("--json", action="store_true", help="print JSON")
