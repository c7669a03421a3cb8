"""tipkb validate: check every entry and report every problem in one run."""

from __future__ import annotations

import sys

NAME = "validate"
HELP = "Check the corpus against the schema and the rules; exit 1 on any error."
READS_WHOLE_CORPUS = True  # how it runs and ends: indexer.cli.entry


def add_arguments(parser) -> None:
    parser.add_argument("--format", choices=["text", "json", "github"], default="text",
                        help="text (default), json, or GitHub Actions annotations")
    parser.add_argument("--quiet", action="store_true", help="print nothing when all is well")
    parser.add_argument("--no-cache", action="store_true",
                        help="read and check every file, without the corpus cache "
                             "(.tipkb-cache/ beside the corpus)")


def run(args) -> int:
    from indexer.corpus.loader import check_corpus, no_gc
    from indexer.problems import format_problems, has_errors

    with no_gc(freeze=True):  # the command ends soon: no need to collect what it read
        checked = check_corpus(args.corpus, cache=not args.no_cache)
    problems = checked.problems
    if problems:
        print(format_problems(problems, args.format))
    errors = sum(p.level == "error" for p in problems)
    warnings = len(problems) - errors
    if not args.quiet or errors:
        print(f"{len(checked.facts)} entries, {len(checked.facts.plan.paragraphs)} paragraphs: "
              f"{errors} error(s), {warnings} warning(s)", file=sys.stderr)
    return 1 if has_errors(problems) else 0
