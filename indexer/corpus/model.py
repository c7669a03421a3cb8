"""The in-memory model: typed entries, the plan, and the computed links between them.

An ``Entry`` is built only from front matter that follows the schema (the loader makes sure of
it), so every field has the type its annotation says and nothing downstream digs through raw
dicts. ``Entry.data`` keeps the front matter as written, for the JSON export.

Reverse links (which entries cite a paragraph, inverse relations between entries) are always
computed here from ``plan_refs`` and ``related``; nothing in the corpus keeps them by hand.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from indexer.corpus.facts import CorpusFacts, PlanViews, facts_of
from indexer.corpus.frontmatter import line_of
from indexer.corpus.manifest import DEFAULT_SITE_URL, Manifest
from indexer.corpus.plan import Plan
from indexer.schema import Vocabulary

_HEADING = re.compile(r"^##\s+(.+?)\s*$", re.M)


@dataclass(frozen=True)
class PlanRef:
    para: str
    basis: str  # named | relevant | develops
    note: str
    asks: tuple[str, ...] = ()


@dataclass(frozen=True)
class Relation:
    id: str
    relation: str
    note: str = ""


@dataclass(frozen=True)
class Source:
    title: str
    supports: tuple[str, ...]
    id: str | None = None
    publisher: str | None = None
    url: str | None = None
    symbol: str | None = None
    accessed: str | None = None


@dataclass(frozen=True)
class Provision:
    unit: str  # article | principle | guideline | paragraph | ...
    number: str
    title: str
    summary: str
    topics: tuple[str, ...]
    source: str  # the id of one of the entry's sources
    binding: bool | None = None  # None: as the entry's type says
    asks: tuple[str, ...] = ()


@dataclass(frozen=True)
class TreatySeries:
    """United Nations Treaty Series: volume, registration number, first page."""

    volume: int
    number: int | None = None
    page: int | str | None = None  # a roman numeral for the Charter (1 UNTS XVI)


@dataclass(frozen=True)
class Citation:
    symbol: str | None = None
    number: str | None = None
    unts: TreatySeries | None = None
    cets: int | None = None
    ilo: int | None = None
    oj: str | None = None
    celex: str | None = None


@dataclass(frozen=True)
class Case:
    court: str
    decided: str
    number: str
    chamber: str | None = None
    parties: str | None = None
    ecli: str | None = None


@dataclass
class Entry:
    id: str
    type: str
    title: str
    region: str
    last_reviewed: str
    path: Path
    body: str
    body_line: int = 1
    title_zh: str | None = None
    title_zh_project: str | None = None
    cited_as_zh: str | None = None
    summary_zh: str | None = None
    short_title: str | None = None
    aliases: tuple[str, ...] = ()
    subregion: str | None = None
    adopted: str | None = None
    opened_for_signature: str | None = None
    in_force: str | None = None
    adopted_by: str | None = None
    place: str | None = None
    status: str | None = None
    status_since: str | None = None
    citation: Citation = field(default_factory=Citation)
    url: str | None = None
    case: Case | None = None
    plan_refs: tuple[PlanRef, ...] = ()
    related: tuple[Relation, ...] = ()
    provisions: tuple[Provision, ...] = ()
    sources: tuple[Source, ...] = ()
    review_notes: tuple[str, ...] = ()
    unverified: tuple[str, ...] = ()
    data: dict[str, Any] = field(default_factory=dict, repr=False)  # the front matter as written
    lines: dict[tuple, int] = field(default_factory=dict, repr=False)  # key path -> line

    @classmethod
    def from_front_matter(cls, data: dict[str, Any], path: Path, body: str, body_line: int = 1,
                          lines: dict[tuple, int] | None = None) -> Entry:
        """The entry of front matter that follows the schema (the loader checks that first)."""
        cit = data.get("citation") or {}
        unts = cit.get("unts")
        case = data.get("case")
        return cls(
            id=data["id"], type=data["type"], title=data["title"], region=data["region"],
            last_reviewed=data["last_reviewed"], path=Path(path), body=body, body_line=body_line,
            title_zh=data.get("title_zh"), title_zh_project=data.get("title_zh_project"),
            cited_as_zh=data.get("cited_as_zh"), summary_zh=data.get("summary_zh"),
            short_title=data.get("short_title"), aliases=tuple(data.get("aliases") or ()),
            subregion=data.get("subregion"), adopted=data.get("adopted"),
            opened_for_signature=data.get("opened_for_signature"),
            in_force=data.get("in_force"), adopted_by=data.get("adopted_by"),
            place=data.get("place"), status=data.get("status"),
            status_since=data.get("status_since"),
            citation=Citation(
                symbol=cit.get("symbol"), number=cit.get("number"),
                unts=TreatySeries(unts["volume"], unts.get("number"), unts.get("page"))
                if unts else None,
                cets=cit.get("cets"), ilo=cit.get("ilo"), oj=cit.get("oj"), celex=cit.get("celex")),
            url=data.get("url"),
            case=Case(case["court"], case["decided"], case["number"], case.get("chamber"),
                      case.get("parties"), case.get("ecli")) if case else None,
            plan_refs=tuple(PlanRef(r["para"], r["basis"], r["note"], tuple(r.get("asks") or ()))
                            for r in data.get("plan_refs") or ()),
            related=tuple(Relation(r["id"], r["relation"], r.get("note", ""))
                          for r in data.get("related") or ()),
            provisions=tuple(
                Provision(p["unit"], p["number"], p["title"], p["summary"], tuple(p["topics"]),
                          p["source"], p.get("binding"), tuple(p.get("asks") or ()))
                for p in data.get("provisions") or ()),
            sources=tuple(
                Source(s["title"], tuple(s["supports"]), s.get("id"), s.get("publisher"),
                       s.get("url"), s.get("symbol"), s.get("accessed"))
                for s in data.get("sources") or ()),
            review_notes=tuple(data.get("review_notes") or ()),
            unverified=tuple(data.get("unverified") or ()),
            data=data, lines=dict(lines or {}),
        )

    def line_of(self, *path) -> int:
        """Line in the file of the deepest existing prefix of ``path``."""
        return line_of(self.lines, path)

    @property
    def scope(self) -> str:
        """cited (the resolution names it), later (after 30 July 2010 and not named) or
        context (what the corpus adds)."""
        if any(ref.basis == "named" for ref in self.plan_refs):
            return "cited"
        date = self.adopted or (self.case.decided if self.case else None)
        if date and date > "2010-07-30":
            return "later"
        return "context"

    @property
    def display_title(self) -> str:
        return self.short_title or self.title

    @property
    def zh_title(self) -> str:
        """The Chinese name to show: the official title, else the project's rendering, else the
        resolution's own wording."""
        return self.title_zh or self.title_zh_project or self.cited_as_zh or ""

    @property
    def zh_names(self) -> list[str]:
        """Every Chinese name of the entry (official, project's, the resolution's wording)."""
        names = (self.title_zh, self.title_zh_project, self.cited_as_zh)
        return list(dict.fromkeys(n for n in names if n))

    @property
    def names(self) -> list[str]:
        """Every name people may search for: titles, short title, aliases, Chinese names."""
        return list(dict.fromkeys(n for n in (self.title, self.short_title, *self.aliases,
                                              *self.zh_names) if n))

    @property
    def year(self) -> str:
        """The year it was adopted or decided, or ''."""
        date = self.adopted or (self.case.decided if self.case else None)
        return date[:4] if date else ""

    @property
    def url_path(self) -> str:
        """Site path of the entry's page (permanent: citations link to it)."""
        return f"entries/{self.id}/"

    def source(self, source_id: str) -> Source | None:
        return next((s for s in self.sources if s.id == source_id), None)

    def sections(self) -> dict[str, str]:
        """Body split by level-2 headings: {heading: markdown}."""
        out: dict[str, str] = {}
        matches = list(_HEADING.finditer(self.body))
        for i, m in enumerate(matches):
            end = matches[i + 1].start() if i + 1 < len(matches) else len(self.body)
            out[m.group(1)] = self.body[m.end() : end].strip()
        return out

    @property
    def summary(self) -> str:
        return self.sections().get("Summary", "")


@dataclass(frozen=True)
class Link:
    """A typed link as seen from one entry (``relation`` may be an inverse)."""

    source: str
    target: str
    relation: str
    note: str = ""
    inverse: bool = False


UNRELEASED = Manifest("Global Plan of Action against Trafficking in Persons: Reference Knowledge "
                      "Base", "", "0.0.0", "2010-07-30", DEFAULT_SITE_URL)


@dataclass
class Corpus(PlanViews):
    root: Path
    plan: Plan
    vocab: Vocabulary
    entries: dict[str, Entry] = field(default_factory=dict)
    manifest: Manifest = UNRELEASED  # corpus/corpus.yaml: version, release date, address
    # ids (file stems) of entry files that could not be read or do not follow the schema:
    # reported by the loader, left out of the model, and not reported again as missing links
    unreadable: set[str] = field(default_factory=set)
    # Views derived from the entries, computed once: the corpus is not changed after loading.
    derived: dict = field(default_factory=dict, repr=False, compare=False)

    def __iter__(self) -> Iterator[Entry]:
        return iter(self.entries.values())

    def __len__(self) -> int:
        return len(self.entries)

    def cited_by(self) -> dict[str, list[tuple[str, PlanRef]]]:
        """Paragraph key -> [(entry id, the entry's link to it)], in entry-id order."""
        return self.memo("cited_by", self._cited_by)

    def _cited_by(self) -> dict[str, list[tuple[str, PlanRef]]]:
        out: dict[str, list[tuple[str, PlanRef]]] = {k: [] for k in self.plan.paragraphs}
        for entry in sorted(self.entries.values(), key=lambda e: e.id):
            for ref in entry.plan_refs:
                if ref.para in out:
                    out[ref.para].append((entry.id, ref))
        return out

    def facts(self) -> CorpusFacts:
        """The facts of the entries, as the corpus-wide rules read them."""
        return self.memo("facts", self._facts)

    def _facts(self) -> CorpusFacts:
        facts = CorpusFacts(self.root, self.plan, unreadable=set(self.unreadable))
        facts.entries = {eid: facts_of(entry) for eid, entry in self.entries.items()}
        facts.derived = self.derived  # the same views of the Plan's files, read once
        return facts

    def scope(self, entry: Entry) -> str:
        """The entry's scope (Entry.scope): cited, later or context."""
        return entry.scope

    def links(self) -> dict[str, list[Link]]:
        """Entry id -> its links, written and inverse, to entries that exist."""
        return self.memo("links", self._links)

    def _links(self) -> dict[str, list[Link]]:
        out: dict[str, list[Link]] = {eid: [] for eid in self.entries}
        for entry in self.entries.values():
            for rel in entry.related:
                if rel.id not in self.entries or rel.relation not in self.vocab.inverse:
                    continue
                out[entry.id].append(Link(entry.id, rel.id, rel.relation, rel.note))
                out[rel.id].append(Link(rel.id, entry.id, self.vocab.inverse[rel.relation],
                                        rel.note, inverse=True))
        return out
