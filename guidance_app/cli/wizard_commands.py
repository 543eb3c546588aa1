"""`guidance-app wizards | paths | graph | coverage`: guided answers from the command line."""

from __future__ import annotations

import argparse

from guidance_app.cli.common import AddCommand, print_json
from guidance_app.core.content.loader import load_library
from guidance_app.core.guidance.coverage import Cover, coverage_matrix, uncited_clauses
from guidance_app.core.guidance.diagram import graph_text
from guidance_app.core.guidance.transcripts import path_records


def cmd_wizards(args: argparse.Namespace) -> int:
    library = load_library(args.content).library
    rows = [{"id": w.id, "title": w.title, "question": w.question} for w in library.wizards]
    if args.json:
        print_json(rows)
    else:
        for row in rows:
            print(f"{row['id']}: {row['question']}")
    return 0


def cmd_paths(args: argparse.Namespace) -> int:
    library = load_library(args.content).library
    records = path_records(library, library.require_wizard(args.wizard), args.school)
    if args.json:
        print_json(records)
        return 0
    for record in records:
        answers = " → ".join(a["answer"] for a in record["answers"])
        print(f"[{record['school']}] {answers}\n    {record['outcome']['title']}")
    return 0


def cmd_graph(args: argparse.Namespace) -> int:
    library = load_library(args.content).library
    print(graph_text(library.require_wizard(args.wizard), args.format))
    return 0


_MARKS = {
    Cover.RULED: "ruled",
    Cover.FALLBACK: "fallback",
    Cover.NOT_COVERED: "NOT COVERED",
    Cover.TO_DO: "TO DO",
    Cover.NEEDS_REVIEW: "NEEDS REVIEW",
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


def add_wizard_commands(command: AddCommand) -> None:
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
        "coverage",
        cmd_coverage,
        "situations x schools: ruled, ruled by fallback, not covered, to do, needs review",
    )
    coverage.add_argument("--json", action="store_true", help="print JSON")
