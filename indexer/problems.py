"""Problems found in the corpus, and the formats they are printed in.

One problem is one line: ``path:line:col CODE level: message``, then an optional tip.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from pathlib import Path


@dataclass(frozen=True, order=True)
class Problem:
    path: str
    line: int
    code: str
    message: str
    level: str = "error"  # "error" fails validation; "warning" never does
    tip: str = ""
    col: int = 1

    def as_text(self) -> str:
        head = f"{self.path}:{self.line}:{self.col}: {self.code} {self.level}: {self.message}"
        return f"{head}\n    tip: {self.tip}" if self.tip else head

    def as_github(self) -> str:
        kind = "error" if self.level == "error" else "warning"
        msg = self.message + (f" (tip: {self.tip})" if self.tip else "")
        msg = msg.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
        return f"::{kind} file={self.path},line={self.line},col={self.col},title={self.code}::{msg}"


def relative(path: Path, base: Path | None = None) -> str:
    """A path as the user typed it, relative to the working directory when possible."""
    path = Path(path)
    try:
        return str(path.resolve().relative_to((base or Path.cwd()).resolve()))
    except ValueError:
        return str(path)


def format_problems(problems: list[Problem], fmt: str = "text") -> str:
    problems = sorted(problems)
    if fmt == "json":
        return json.dumps([asdict(p) for p in problems], ensure_ascii=False, indent=2)
    if fmt == "github":
        return "\n".join(p.as_github() for p in problems)
    return "\n".join(p.as_text() for p in problems)


def has_errors(problems: list[Problem]) -> bool:
    return any(p.level == "error" for p in problems)
