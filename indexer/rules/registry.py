"""The registry of validation rules: one place where every code is declared.

A rule is a stable code, a level and one sentence (mirrored in docs/contributing/rules.md).
Checks are registered beside the code they implement with ``@check``: a file check takes the
``Document`` of one entry file, a corpus check the whole ``Corpus``; both return problems and
are run guarded (a bug in one becomes a TIP000 problem, never a traceback). Codes reported by
the reader itself (TIP001-TIP008) or by a command (TIP100, TIP101) are declared with
``declare``. Adding a rule is one module edit: declare it, write the check.

A corpus check judges the entries it iterates (``for entry in corpus``) and may look any entry
up in ``corpus.entries``. After an edit the corpus cache re-runs it on the edited entries and
their neighbours only (indexer.corpus.scope), so a corpus check keeps to this contract: its
verdict on an entry depends on that entry's facts, the Plan, the ids and types of all entries
and the unreadable files, and on the entries that share one of its ``keys`` with it (say, a
name or a note); it registers ``keys`` (``@check("corpus", keys=...)``) if it has such
neighbours. tests/test_scope.py checks every rule against a run over the whole corpus.

A file check's verdict is kept by the corpus cache until the file changes. A check whose verdict
can change on its own with the calendar (a date in the future) registers a ``@changes_on`` hook
that names the first day it may change; the cache reads the file again from that day.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from indexer.problems import Problem, relative


@dataclass(frozen=True)
class Rule:
    code: str
    level: str  # "error" fails validation; "warning" never does
    summary: str


RULES: dict[str, Rule] = {}
FILE_CHECKS: list[Callable[[Any], list[Problem]]] = []
CORPUS_CHECKS: list[Callable[[Any], list[Problem]]] = []
CHANGES_ON: list[Callable[[Any], str | None]] = []
CORPUS_KEYS: list[Callable[[Any], Iterable[str]]] = []


def declare(code: str, level: str, summary: str) -> Rule:
    if code in RULES:
        raise ValueError(f"rule {code} is declared twice")
    RULES[code] = Rule(code, level, summary)
    return RULES[code]


def check(scope: str, keys: Callable[[Any], Iterable[str]] | None = None) -> Callable:
    """Register a check: ``@check("file")`` or ``@check("corpus")``. ``keys``, for a corpus
    check: given an entry's facts, the strings under which its verdict on that entry depends
    on other entries (those with one of the same keys), e.g. ``"name:" + a name``."""
    if keys is not None and scope != "corpus":
        raise ValueError("only a corpus check has keys")

    def register(fn: Callable) -> Callable:
        (FILE_CHECKS if scope == "file" else CORPUS_CHECKS).append(fn)
        if keys is not None:
            CORPUS_KEYS.append(keys)
        return fn
    return register


def changes_on(fn: Callable[[Any], str | None]) -> Callable[[Any], str | None]:
    """Register a hook: given a file's ``Document``, the first day (YYYY-MM-DD) on which a file
    check may judge the unchanged file differently, or None."""
    CHANGES_ON.append(fn)
    return fn


def problem(where, line: int, code: str, message: str, tip: str = "", col: int = 1) -> Problem:
    """A problem in the file of ``where`` (a Document or an Entry), at the level of ``code``."""
    return Problem(relative(where.path), line, code, message, RULES[code].level, tip, col)


declare("TIP000", "error", "No internal error while checking a file (report one if you see it: "
                           "the other checks still ran).")
