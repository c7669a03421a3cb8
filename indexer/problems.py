"""Problems found in the corpus, and the formats they are printed in.

One problem is one line: ``path:line:col CODE level: message``, then an optional tip.
"""

from __future__ import annotations

import json
import os
import unicodedata
from contextvars import ContextVar
from dataclasses import asdict, dataclass
from pathlib import Path


def printable(text: str) -> str:
    """``text`` safe to print on a terminal: control, format and separator characters (escapes,
    bidi overrides, zero-width marks, line breaks) are shown as \\xXX or \\uXXXX instead of
    acting on the screen. Ordinary spaces stay."""
    if text.isprintable():
        return text
    out = []
    for c in text:
        if c == " " or c.isprintable() or unicodedata.category(c)[0] not in "CZ":
            out.append(c)
        else:
            out.append(f"\\x{ord(c):02x}" if ord(c) < 0x100 else f"\\u{ord(c):04x}")
    return "".join(out)


# The file being read, for the one-line report of an unexpected error (see indexer.cli).
current_file: ContextVar[str | None] = ContextVar("current_file", default=None)


@dataclass(frozen=True, order=True)
class Problem:
    path: str
    line: int
    code: str
    message: str
    level: str = "error"  # "error" fails validation; "warning" never does
    tip: str = ""
    col: int = 1

    def sort_key(self) -> tuple:
        """File, then position in it, then code: the order people read problems in."""
        return (self.path, self.line, self.col, self.code, self.message)

    def as_text(self) -> str:
        head = (f"{printable(self.path)}:{self.line}:{self.col}: {self.code} {self.level}: "
                f"{printable(self.message)}")
        return f"{head}\n    tip: {printable(self.tip)}" if self.tip else head

    def as_github(self) -> str:
        kind = "error" if self.level == "error" else "warning"
        msg = printable(self.message + (f" (tip: {self.tip})" if self.tip else ""))
        msg = msg.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
        path = printable(self.path).replace("%", "%25").replace(",", "%2C").replace(":", "%3A")
        return f"::{kind} file={path},line={self.line},col={self.col},title={self.code}::{msg}"


def relative(path: Path, base: Path | None = None) -> str:
    """A path as the user typed it, relative to the working directory when it is below it.

    abspath, not resolve: a symbolic link (or a loop of them) is named, never followed.
    """
    absolute = os.path.abspath(path)
    shown = os.path.relpath(absolute, os.path.abspath(base or Path.cwd()))
    return absolute if shown.startswith("..") else shown


def format_problems(problems: list[Problem], fmt: str = "text") -> str:
    problems = sorted(problems, key=Problem.sort_key)
    if fmt == "json":
        return json.dumps([asdict(p) for p in problems], ensure_ascii=False, indent=2)
    if fmt == "github":
        return "\n".join(p.as_github() for p in problems)
    return "\n".join(p.as_text() for p in problems)


def has_errors(problems: list[Problem]) -> bool:
    return any(p.level == "error" for p in problems)
