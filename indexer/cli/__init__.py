"""The `tipkb` command line. Each subcommand is a module of indexer.cli.commands.

A command module defines NAME, HELP, add_arguments(parser) and run(args) -> exit code, and
may set READS_WHOLE_CORPUS (see ``entry``). A run imports only the module of the command it
runs (all of them for --help or an unknown name), and command modules import what they need
inside ``run``: start-up time is part of every command.
"""

from __future__ import annotations

import argparse
import functools
import gc
import importlib
import os
import pkgutil
import sys
from contextvars import ContextVar
from pathlib import Path
from typing import NoReturn

from indexer.cli import commands
from indexer.cli.paths import default_corpus
from indexer.cli.version import VersionAction
from indexer.corpus.loader import CorpusError
from indexer.problems import current_file, format_problems, printable

# The command about to run, if known: build_parser then imports that command's module only.
_only: ContextVar[str | None] = ContextVar("only_command", default=None)


@functools.cache
def _command_names() -> frozenset[str]:
    """The module names of indexer.cli.commands that are commands, listed once a run."""
    return frozenset(info.name for info in pkgutil.iter_modules(commands.__path__)
                     if not info.name.startswith("_"))


def _command_module(name: str):
    """The module of the command ``name``, imported, or None if there is no such command."""
    module = name.replace("-", "_")
    if module not in _command_names():
        return None
    found = importlib.import_module(f"{commands.__name__}.{module}")
    return found if name == found.NAME else None


def command_modules():
    only = _only.get()
    module = _command_module(only) if only is not None else None
    if module is not None:
        yield module
        return
    for name in sorted(_command_names()):
        yield importlib.import_module(f"{commands.__name__}.{name}")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="tipkb",
        description="Knowledge base for the UN Global Plan of Action to Combat Trafficking "
        "in Persons (A/RES/64/293).",
    )
    parser.add_argument("--version", action=VersionAction)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for module in command_modules():
        p = sub.add_parser(module.NAME, help=module.HELP, description=module.HELP)
        p.add_argument("--corpus", type=Path, default=None, metavar="DIR",
                       help="corpus folder (default: ./corpus, else the repository's corpus/)")
        module.add_arguments(p)
        p.set_defaults(_run=module.run)
    return parser


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    token = _only.set(argv[0] if argv and not argv[0].startswith("-") else None)
    try:
        parser = build_parser()
    finally:
        _only.reset(token)
    args = parser.parse_args(argv)
    if args.corpus is None:
        args.corpus = default_corpus()
    try:
        return int(args._run(args) or 0)
    except CorpusError as exc:
        print(format_problems(exc.problems), file=sys.stderr)
        print(f"tipkb: {exc}", file=sys.stderr)
        return 1
    except BrokenPipeError:
        return 0
    except KeyboardInterrupt:
        return 130
    except Exception as exc:  # never a traceback for a user: one line, and how to report it
        if os.environ.get("TIPKB_DEBUG"):
            import traceback

            traceback.print_exc()
        where = current_file.get()
        what = " and that file" if where else ""
        print(printable(f"tipkb {args.command}: internal error ({type(exc).__name__}: {exc})"
                        + (f" while reading {where}" if where else "")
                        + f". Please report it in the project's issue tracker with the command "
                        f"you ran{what}; TIPKB_DEBUG=1 shows the details."), file=sys.stderr)
        return 70


# The young generation's threshold for a command whose module sets READS_WHOLE_CORPUS: Python's
# default (700) runs a collection every 700 new objects, and such a run makes hundreds of
# thousands that live until it ends (`tipkb index` after one edit at 10,000 entries, 20
# alternating pairs: 0.545 s instead of 0.615 s). Collections still run, so cyclic garbage stays
# bounded in a long full build, and in its writer processes, which inherit the setting.
YOUNG_THRESHOLD = 100_000


def entry() -> NoReturn:
    """The `tipkb` program (its console script and `python -m indexer.cli`): ``main``, then
    the exit. A command whose module sets READS_WHOLE_CORPUS (it reads the whole corpus, and
    every file it writes is closed when it returns) collects young objects less often
    (YOUNG_THRESHOLD) and ends the process as soon as its output is flushed, without the
    interpreter freeing its objects one by one (mypy ends the same way): 25 ms of a `tipkb
    index` update at 10,000 entries. Not under a tracer or profiler, which write what they
    gathered when the interpreter exits."""
    argv = sys.argv[1:]
    module = _command_module(argv[0]) if argv and not argv[0].startswith("-") else None
    whole_corpus = getattr(module, "READS_WHOLE_CORPUS", False)
    if whole_corpus:
        gc.set_threshold(YOUNG_THRESHOLD, *gc.get_threshold()[1:])
    code = main(argv)
    watched = sys.gettrace() is not None or sys.getprofile() is not None  # coverage, cProfile
    if whole_corpus and not watched:  # those write their data at exit
        try:
            sys.stdout.flush()
            sys.stderr.flush()
        except (BrokenPipeError, ValueError):  # a reader that went away, a closed stream
            pass
        os._exit(code)
    sys.exit(code)
