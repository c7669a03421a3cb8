"""Dates are real, not in the future, and in order (TIP040, TIP041)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from typing import TYPE_CHECKING

from indexer.problems import Problem
from indexer.rules.registry import changes_on, check, declare, problem

if TYPE_CHECKING:
    from indexer.corpus.frontmatter import Document

declare("TIP040", "error", "Dates are real calendar dates, not in the future.")
declare("TIP041", "error", "Dates are in order: adopted <= opened for signature <= in force.")

DATE_FIELDS = ("adopted", "opened_for_signature", "in_force", "status_since", "last_reviewed")
ORDER = ("adopted", "opened_for_signature", "in_force")
_ISO = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def date_fields(data: dict) -> Iterable[tuple[tuple, object]]:
    """(path, value) of every date the schema knows: top-level, case.decided, sources' accessed."""
    for name in DATE_FIELDS:
        if name in data:
            yield (name,), data[name]
    if isinstance(data.get("case"), dict) and "decided" in data["case"]:
        yield ("case", "decided"), data["case"]["decided"]
    sources = data.get("sources")
    for i, src in enumerate(sources if isinstance(sources, list) else []):
        if isinstance(src, dict) and "accessed" in src:
            yield ("sources", i, "accessed"), src["accessed"]


@check("file")
def check_dates(doc: Document) -> list[Problem]:
    out, dates = [], {}
    today = dt.date.today()
    for path, value in date_fields(doc.data):
        name = ".".join(map(str, path))
        if not isinstance(value, str) or not _ISO.match(value):
            continue  # the schema reports the form
        try:
            date = dt.date.fromisoformat(value)
        except ValueError:
            out.append(problem(doc, doc.line_of(*path), "TIP040", f"{name}: {value} is not a real date"))
            continue
        if date > today:
            out.append(problem(doc, doc.line_of(*path), "TIP040", f"{name}: {value} is in the future"))
        elif len(path) == 1:
            dates[name] = date
    for i, a in enumerate(ORDER):
        for b in ORDER[i + 1 :]:
            if a in dates and b in dates and dates[a] > dates[b]:
                out.append(problem(doc, doc.line_of(b), "TIP041",
                                   f"{b} ({dates[b]}) is before {a} ({dates[a]})",
                                   "check both dates against the source"))
    return out


@changes_on
def first_future_date(doc: Document) -> str | None:
    """A date in the future is an error until its day comes: the first such day, or None."""
    today = dt.date.today().isoformat()
    future = [value for _, value in date_fields(doc.data)
              if isinstance(value, str) and _ISO.match(value) and value > today]
    return min(future) if future else None
