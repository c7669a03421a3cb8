"""What the body and the notes need: sections by type, provisions as data, sourced practice
statements, no placeholders, plain-words unverified notes."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from indexer.corpus.facts import CorpusFacts
from indexer.problems import Problem
from indexer.rules.registry import check, declare, problem

if TYPE_CHECKING:
    from indexer.corpus.frontmatter import Document

declare("TIP080", "error", "The body has the sections its type needs.")
declare("TIP081", "warning", "The summary is 150-400 words.")
declare("TIP082", "warning", "An instrument lists its key provisions as `provisions` data (the "
                             "warning stays where its text could not be read on an official "
                             "host: `unverified` says so).")
declare("TIP087", "error", "Every line of a practice's 'What good practice involves' and 'Common "
                           "pitfalls' names its standard: a link to the entry of the instrument, "
                           "guidance, report or case it comes from.")
declare("TIP090", "error", "No TODO placeholder from `tipkb new` is left in the entry.")
declare("TIP091", "warning", "`unverified` speaks to readers: no field names, file paths or tool "
                             "names.")

SUMMARY_WORDS = (150, 400)
HEADING = re.compile(r"^##\s+(.+?)\s*$", re.M)


@check("file")
def check_body(doc: Document) -> list[Problem]:
    from indexer.schema import vocabulary  # here: only a file being read needs the schema

    etype = doc.data.get("type")
    info = vocabulary().types.get(etype) if isinstance(etype, str) else None
    headings = HEADING.findall(doc.body)
    need = list(info.sections) if info else ["Summary"]
    out = [problem(doc, doc.body_line, "TIP080", f"body lacks a '## {name}' section",
                   (f"the body of an entry of type {etype} has: " if etype else "a body has: ")
                   + ", ".join(f"## {n}" for n in need))
           for name in need if name not in headings]
    if info and info.provisions and not doc.data.get("provisions"):
        out.append(problem(doc, doc.line_of("type"), "TIP082",
                           f"no `provisions`: an entry of type {etype} lists its key provisions "
                           "as data",
                           "one item per article: unit, number, title, summary, topics, source "
                           "(see docs/contributing/schema.md)"))
    if "Summary" in headings:
        m = re.search(r"^##\s+Summary\s*$(.*?)(?=^##\s|\Z)", doc.body, re.M | re.S)
        words = len(m.group(1).split()) if m else 0
        lo, hi = SUMMARY_WORDS
        if not lo <= words <= hi:
            line = doc.body_line + doc.body[: m.start()].count("\n") if m else doc.body_line
            out.append(problem(doc, line, "TIP081", f"summary has {words} words",
                               f"aim for {lo}-{hi} words a practitioner can use"))
    return out


_TODO = re.compile(r"\bTODO\b")


@check("file")
def check_placeholders(doc: Document) -> list[Problem]:
    return [problem(doc, n, "TIP090", "placeholder left: " + line.strip()[:70],
                    "replace it with the real value, or delete the line if it does not apply")
            for n, line in enumerate(doc.text.split("\n"), start=1) if _TODO.search(line)]


_JARGON = re.compile(r"\b[a-z_]+\.[a-z_]+(\.[a-z_]+)*\b|\bsearch tool\b|\btipkb\b|"
                     r"\breview[_ ]notes\b|\bplan_refs\b|\bsupports\b")


@check("file")
def check_unverified(doc: Document) -> list[Problem]:
    notes = doc.data.get("unverified")
    out = []
    for i, note in enumerate(notes if isinstance(notes, list) else []):
        if isinstance(note, str) and (m := _JARGON.search(note)):
            out.append(problem(doc, doc.line_of("unverified", i), "TIP091",
                               f"unverified[{i}] speaks of '{m.group()}'",
                               "say in plain words what is not verified, e.g. 'The page of the "
                               "Treaty Series volume on which the Convention begins.'"))
    return out


STANDARD_TYPES = frozenset({"convention", "resolution", "declaration", "action-plan", "guidance",
                            "report", "case"})
_ENTRY_LINK = re.compile(r"\]\(\.\./([a-z0-9]+(?:-[a-z0-9]+)*)/(?:#[^)\s]*)?\)")


def statement_standards(corpus: CorpusFacts, text: str) -> list[str]:
    """Ids of the standard-setting entries a statement links to."""
    return [eid for eid in _ENTRY_LINK.findall(text)
            if eid in corpus.entries and corpus.entries[eid].type in STANDARD_TYPES]


@check("corpus")
def check_practice_sources(corpus: CorpusFacts) -> list[Problem]:
    return [problem(entry, line, "TIP087", "this statement names no standard it comes from",
                    "end it with a link to the entry it rests on, with the pinpoint: "
                    "([OHCHR Principles, Principle 7](../ohchr-recommended-principles/))")
            for entry in corpus if entry.type == "practice"
            for line, text in entry.statements
            if not statement_standards(corpus, text)]
