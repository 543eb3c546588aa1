"""`guidance-app search`: search the policies and guided answers from the command line."""

from __future__ import annotations

import argparse
import contextlib
import sys
from typing import Any

from guidance_app.cli.common import AddCommand, print_json
from guidance_app.core.content.loader import load_library
from guidance_app.core.content.model import Library
from guidance_app.core.errors import GuidanceError


def cmd_search(args: argparse.Namespace) -> int:
    """Print the hits for QUERY, best first: JSON with --json, else a readable listing.

    JSON records: {"kind": "section"|"wizard", "school", "policy", "section", "heading", "text",
    "snippet", "score"}. For a clause, `section` is the clause id and `heading` its section's
    heading; for a guided answer (wizard), school and policy are null, `section` is the wizard
    id, `heading` its title and `text` its question. Snippets are HTML (matches in <b>).
    """
    from guidance_app.core.search import SearchEngine  # Whoosh is imported only when needed

    library = load_library(args.content).library
    if args.school is not None:
        library.require_school(args.school)
    if args.policy is not None:
        schools = [library.school(args.school)] if args.school else library.schools
        if not any(s is not None and s.policy(args.policy) for s in schools):
            raise GuidanceError(f"There is no policy called '{args.policy}'.")
    with SearchEngine.open(library) as engine:
        results = engine.search(" ".join(args.query), args.school, args.policy, args.limit)
    with contextlib.suppress(AttributeError, ValueError):
        sys.stdout.reconfigure(errors="replace")  # type: ignore[union-attr]
    print_results(results, args.json, library)
    return 0


def print_results(results: Any, as_json: bool, library: Library) -> None:
    """The hits on stdout, as JSON or a listing; in JSON mode notes go to stderr, so that the
    JSON stays the plain list other tools read. The listing names clauses as their policy does
    ("Westhaven: ..., 4.1.4"); the JSON keeps the clause ids other tools look up."""
    if not as_json:
        _print_listing(results, library)
        return
    print_json([hit.as_json() for hit in results.hits])
    if not results.hits and results.did_you_mean:
        print(f"Did you mean: {results.did_you_mean}?", file=sys.stderr)
    if results.cut_short:
        print(CUT_SHORT, file=sys.stderr)


CUT_SHORT = "The search took too long and stopped early: try fewer or more specific words."


def _print_listing(results: Any, library: Library) -> None:
    from guidance_app.core.render.results import hit_citation  # imports Whoosh, as search does

    if not results.hits:
        print("No matches found in time." if results.cut_short else "No matches.")
        if results.did_you_mean:
            print(f"Did you mean: {results.did_you_mean}?")
        if results.cut_short:
            print(CUT_SHORT)
        return
    if results.did_you_mean:
        print(f"Showing results for: {results.did_you_mean}")
    for number, hit in enumerate(results.hits, 1):
        if hit.kind == "wizard":
            print(f"{number}. Guided answer '{hit.wizard_id}': {hit.heading}")
            print(f"     {hit.text}")
        else:
            school = library.school(hit.school_id or "")
            name = school.short_name if school else hit.school_id
            print(f"{number}. {name}: {hit_citation(hit, library)}")
            print(f"     {_plain(hit.snippet_html)}")
    if results.cut_short:
        print(f"Showing the best matches found so far. {CUT_SHORT}")


def _plain(snippet: str) -> str:
    """A snippet for the terminal: matches in [brackets], HTML entities decoded."""
    import html

    return html.unescape(snippet.replace("<b>", "[").replace("</b>", "]"))


def _positive(value: str) -> int:
    number = int(value)
    if number < 1:
        raise argparse.ArgumentTypeError("must be 1 or more")
    return number


def add_search_command(command: AddCommand) -> None:
    """Register `search QUERY [--school ID] [--policy ID] [--limit N] [--json]`."""
    parser = command(
        "search", cmd_search, 'search the policies and guided answers (words, "phrases")'
    )
    parser.add_argument("query", nargs="+", metavar="QUERY", help="what to look for")
    parser.add_argument("--school", metavar="ID", help="only this school's policies")
    parser.add_argument("--policy", metavar="ID", help="only this policy")
    parser.add_argument(
        "--limit", type=_positive, default=10, metavar="N", help="at most N results (default 10)"
    )
    parser.add_argument("--json", action="store_true", help="print JSON")
