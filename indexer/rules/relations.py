"""Links between entries lead somewhere (TIP030-TIP032) and names lead to one entry (TIP013)."""

from __future__ import annotations

import difflib
from operator import attrgetter

from indexer.corpus.facts import CorpusFacts, EntryFacts
from indexer.problems import Problem
from indexer.rules.registry import check, declare, problem

declare("TIP013", "error", "A short title or alias names one entry only (official titles may "
                           "repeat).")
declare("TIP030", "error", "Every `related` id names an existing entry.")
declare("TIP031", "error", "An entry does not relate to itself, nor twice to the same entry.")
declare("TIP032", "error", "A `succeeded` status names its successor with `succeeded-by`.")


@check("corpus")
def check_related(corpus: CorpusFacts) -> list[Problem]:
    out = []
    for entry in corpus:
        seen: set[str] = set()
        for rel in entry.related:
            line = rel.line
            if rel.id == entry.id or rel.id in seen:
                what = "itself" if rel.id == entry.id else f"'{rel.id}' twice"
                out.append(problem(entry, line, "TIP031", f"related: links to {what}"))
            elif rel.id not in corpus.entries and rel.id not in corpus.unreadable:
                close = difflib.get_close_matches(rel.id, list(corpus.entries), n=3, cutoff=0.75)
                out.append(problem(entry, line, "TIP030", f"related: no entry '{rel.id}'",
                                   ("did you mean: " + ", ".join(close)) if close else
                                   "create the entry first (tipkb new) or fix the id"))
            seen.add(rel.id)
        if entry.status == "succeeded" and not any(r.relation == "succeeded-by"
                                                   for r in entry.related):
            out.append(problem(entry, entry.status_line, "TIP032",
                               "status is 'succeeded' but no related link is 'succeeded-by'",
                               "add {id: <successor>, relation: succeeded-by} to related"))
    return out


def _names(entry: EntryFacts) -> list[str]:
    own = [entry.short_title] if entry.short_title else []
    return ["name:" + value.casefold() for value in (*own, *entry.aliases)]


@check("corpus", keys=_names)
def check_unique_names(corpus: CorpusFacts) -> list[Problem]:
    """Short titles and aliases lead to one entry. Official titles may repeat, and may equal
    another entry's name (a resolution is often titled after the mandate it creates)."""
    out = []
    names: dict[str, str] = {}
    for entry in sorted(corpus, key=attrgetter("id")):
        own = [(entry.short_title, entry.short_title_line)] if entry.short_title else []
        for value, line in (*own, *zip(entry.aliases, entry.alias_lines, strict=True)):
            key = value.casefold()
            other = names.setdefault(key, entry.id)
            if other != entry.id:
                out.append(problem(entry, line, "TIP013",
                                   f"'{value}' is already a name of entry '{other}'",
                                   "an alias must lead to one entry; qualify it or drop it"))
    return out
