"""The facts of one entry that the corpus-wide rules need, small enough to keep per file.

The corpus-wide rules (duplicate ids and names, links to missing entries, plan coverage, asks,
practice statements...) read these facts only, never the whole entry: the loader takes them
from each entry it reads, the corpus cache keeps them for the files that did not change, and
both ways the same rules run over the facts of every file. Each fact carries the line it was
written on, so that a problem found from cached facts names the same line as a cold run.
"""

from __future__ import annotations

import operator
import re
from collections.abc import Callable, Iterator, MutableMapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple, TypeVar

from indexer import jsonio

if TYPE_CHECKING:
    from indexer.corpus.asks import Asks
    from indexer.corpus.mentions import Mention
    from indexer.corpus.model import Entry
    from indexer.corpus.plan import Plan
    from indexer.problems import Problem

T = TypeVar("T")

# The sections of a practice whose every bullet names its standard (rule TIP087).
SOURCED_SECTIONS = ("What good practice involves", "Common pitfalls")
_HEADING_LINE = re.compile(r"^##\s+(.+?)\s*$")


class RefFacts(NamedTuple):
    """One ``plan_refs`` item, with the lines of its keys. ``note_key`` is its note as the
    boilerplate rule compares notes: case-folded, spaces collapsed."""

    para: str
    basis: str
    note_key: str
    asks: tuple[str, ...]
    para_line: int
    basis_line: int
    note_line: int
    asks_line: int


class RelationFacts(NamedTuple):
    id: str
    relation: str
    line: int  # of its id


class ProvisionFacts(NamedTuple):
    source: str
    asks: tuple[str, ...]
    source_line: int
    asks_line: int


class EntryFacts(NamedTuple):
    """What the corpus-wide rules know of one entry file that follows the schema.

    Named tuples: the cache makes one per entry file on every run, and tuples are the fastest
    Python objects to make."""

    id: str
    type: str
    folder: Path  # the entries folder; ``path`` is folder / file
    file: str
    id_line: int
    status: str | None
    status_line: int
    short_title: str | None
    short_title_line: int
    aliases: tuple[str, ...]
    alias_lines: tuple[int, ...]
    cited_as_zh: str | None
    cited_as_line: int
    plan_refs_line: int
    plan_refs: tuple[RefFacts, ...]
    related: tuple[RelationFacts, ...]
    provisions: tuple[ProvisionFacts, ...]
    source_ids: tuple[str, ...]
    statements: tuple[tuple[int, str], ...]  # (line, text) of a practice's sourced bullets

    @property
    def path(self) -> Path:
        return self.folder / self.file

    # JSON form: one list per entry, in field order without the folder and file name
    def to_row(self) -> list:
        return [self.id, self.type, self.id_line, self.status, self.status_line,
                self.short_title, self.short_title_line, list(self.aliases),
                list(self.alias_lines), self.cited_as_zh, self.cited_as_line,
                self.plan_refs_line, [[*r[:3], list(r.asks), *r[4:]] for r in self.plan_refs],
                [list(r) for r in self.related],
                [[p.source, list(p.asks), p.source_line, p.asks_line] for p in self.provisions],
                list(self.source_ids), [list(s) for s in self.statements]]

    @classmethod
    def from_row(cls, row: list, folder: Path, file: str) -> EntryFacts:
        """The facts of ``to_row``. Raises TypeError or ValueError for a row of another
        shape; the values are the cache's own (its files are checksummed and sealed)."""
        (eid, etype, id_line, status, status_line, short_title, short_line, aliases,
         alias_lines, cited, cited_line, refs_line, refs, related, provisions, source_ids,
         statements) = row
        if len(aliases) != len(alias_lines):
            raise ValueError("aliases and their lines differ in number")
        return _new(cls, (
            eid, etype, folder, file, id_line, status, status_line, short_title, short_line,
            tuple(aliases), tuple(alias_lines), cited, cited_line, refs_line,
            tuple([_new(RefFacts, (p, b, n, tuple(a), lp, lb, ln, la))
                   for p, b, n, a, lp, lb, ln, la in refs]),
            tuple([_new(RelationFacts, (i, r, ln)) for i, r, ln in related]),
            tuple([_new(ProvisionFacts, (s, tuple(a), ls, la)) for s, a, ls, la in provisions]),
            tuple(source_ids), tuple([(ln, t) for ln, t in statements])))

    def paragraph_keys(self) -> list[str]:
        """The keys of the paragraphs ``plan_refs`` cites, in its order."""
        return [ref.para for ref in self.plan_refs]

    # The corpus cache's form: [id, type, paragraph keys, the row as JSON text]. Decoding the
    # JSON of every row was a fifth of an update's reading of the cache; after an edit the
    # corpus-wide rules need the facts of few entries and the paragraphs of all of them.
    def to_kept(self) -> list:
        return [self.id, self.type, self.paragraph_keys(),
                jsonio.dumps(self.to_row()).decode("utf-8", "surrogatepass")]

    @classmethod
    def from_kept(cls, kept: list, folder: Path, file: str) -> EntryFacts:
        """The facts of ``to_kept``. Raises TypeError or ValueError for another shape, or a
        row that disagrees with the id, type or paragraphs kept beside it."""
        eid, etype, paras, text = kept
        if type(text) is not str:
            raise TypeError("the row is not JSON text")
        facts = cls.from_row(jsonio.loads(text), folder, file)
        if (facts.id, facts.type, facts.paragraph_keys()) != (eid, etype, paras):
            raise ValueError("the row disagrees with what is kept beside it")
        return facts

    @staticmethod
    def kept_paragraphs(kept: list) -> list[str]:
        """The ``plan_refs`` paragraph keys of ``to_kept``, without making the facts."""
        paras = kept[2]
        if type(paras) is not list or not all(type(p) is str for p in paras):
            raise TypeError("not a list of paragraph keys")
        return paras


_first = operator.itemgetter(0)
_new = tuple.__new__  # a named tuple from its fields, without a Python-level call


class BadRow(Exception):
    """Kept facts that ``EntryFacts.from_kept`` cannot read: check without the cache."""


class FactsTable(MutableMapping[str, EntryFacts]):
    """Entry id -> facts, in the order added, where kept facts (``EntryFacts.to_kept``) are
    made only when looked up: after an edit the corpus-wide rules judge a few entries and look
    up few others.
    """

    def __init__(self, folder: Path, rows: dict[str, tuple[list | None, str]] | None = None):
        self.folder = folder
        # id -> (kept facts or None, file name); None: the facts were given (``__setitem__``)
        self._files: dict[str, tuple[list | None, str]] = rows if rows is not None else {}
        self._facts: dict[str, EntryFacts] = {}

    def add_row(self, eid: str, row: list, file: str) -> None:
        self._files[eid] = (row, file)

    def __getitem__(self, eid: str) -> EntryFacts:
        found = self._facts.get(eid)
        if found is None:
            row, file = self._files[eid]
            try:
                if row is None:
                    raise ValueError("no facts")
                found = EntryFacts.from_kept(row, self.folder, file)
            except (TypeError, ValueError) as exc:
                raise BadRow(f"{file}: {exc}") from None
            self._facts[eid] = found
        return found

    def __setitem__(self, eid: str, facts: EntryFacts) -> None:
        self._files[eid] = (None, facts.file)
        self._facts[eid] = facts

    def __delitem__(self, eid: str) -> None:
        del self._files[eid]
        self._facts.pop(eid, None)

    def __contains__(self, eid: object) -> bool:
        return eid in self._files

    def __iter__(self) -> Iterator[str]:
        return iter(self._files)

    def __len__(self) -> int:
        return len(self._files)

    def paragraphs(self, eid: str) -> list[str]:
        """The keys of the paragraphs the entry ``eid`` cites, without making its facts."""
        row, file = self._files[eid]
        if row is None or eid in self._facts:
            return self[eid].paragraph_keys()
        return _kept_paragraphs(row, file)


    def all_paragraphs(self) -> Iterator[tuple[str, list[str]]]:
        """(id, paragraph keys) of every entry, as ``paragraphs`` gives them, in one loop."""
        made = self._facts
        for eid, (row, file) in self._files.items():
            yield eid, self[eid].paragraph_keys() if row is None or eid in made else \
                _kept_paragraphs(row, file)


def _kept_paragraphs(row: list, file: str) -> list[str]:
    """EntryFacts.kept_paragraphs, or BadRow naming ``file``."""
    try:
        return EntryFacts.kept_paragraphs(row)
    except (TypeError, IndexError) as exc:
        raise BadRow(f"{file}: {exc}") from None


def note_key(note: str) -> str:
    """A note as the boilerplate rule compares notes."""
    return " ".join(note.casefold().split())


def practice_statements(body: str, body_line: int) -> list[tuple[int, str]]:
    """(line in the file, text) of every bullet of the sections whose lines need a standard."""
    out: list[tuple[int, str]] = []
    current: str | None = None
    for offset, line in enumerate(body.split("\n")):
        if m := _HEADING_LINE.match(line):
            current = m.group(1)
            continue
        if current not in SOURCED_SECTIONS:
            continue
        if line.startswith(("- ", "* ")):
            out.append((body_line + offset, line))
        elif out and line.startswith(" ") and line.strip():
            out[-1] = (out[-1][0], out[-1][1] + " " + line.strip())  # a continued bullet
    return out


def facts_of(entry: Entry) -> EntryFacts:
    """The facts of an entry read from its file."""
    line = entry.line_of
    return EntryFacts(
        id=entry.id, type=entry.type, folder=entry.path.parent, file=entry.path.name,
        id_line=line("id"), status=entry.status, status_line=line("status"),
        short_title=entry.short_title, short_title_line=line("short_title"),
        aliases=entry.aliases, alias_lines=tuple(line("aliases", i)
                                                 for i in range(len(entry.aliases))),
        cited_as_zh=entry.cited_as_zh, cited_as_line=line("cited_as_zh"),
        plan_refs_line=line("plan_refs"),
        plan_refs=tuple(RefFacts(r.para, r.basis, note_key(r.note), r.asks,
                                 line("plan_refs", i, "para"), line("plan_refs", i, "basis"),
                                 line("plan_refs", i, "note"), line("plan_refs", i, "asks"))
                        for i, r in enumerate(entry.plan_refs)),
        related=tuple(RelationFacts(r.id, r.relation, line("related", i, "id"))
                      for i, r in enumerate(entry.related)),
        provisions=tuple(ProvisionFacts(p.source, p.asks, line("provisions", i, "source"),
                                        line("provisions", i, "asks"))
                         for i, p in enumerate(entry.provisions)),
        source_ids=tuple(s.id for s in entry.sources if s.id is not None),
        statements=tuple(practice_statements(entry.body, entry.body_line))
        if entry.type == "practice" else (),
    )


class PlanViews:
    """Views of the Plan's data files that the corpus and its facts share, computed once:
    which paragraphs name which entry (corpus/plan/mentions.yaml), the asks (asks.yaml), and
    the problems of those files and of en.yaml. They depend on the Plan's files only, so the
    corpus cache keeps them too (under the keys of ``PLAN_VIEWS``)."""

    root: Path
    plan: Plan
    derived: dict

    def memo(self, key: Any, compute: Callable[[], T]) -> T:
        """The derived value ``key``, computed by ``compute()`` on first use."""
        if key not in self.derived:
            self.derived[key] = compute()
        return self.derived[key]

    def read_asks(self) -> tuple[Asks, list[Problem]]:
        """The Plan's asks and the problems of their file."""
        from indexer.corpus.asks import read_asks

        return self.memo("asks-read", lambda: read_asks(self.root, self.plan))

    def asks(self) -> Asks:
        """The Plan's asks (corpus/plan/asks.yaml); empty where the file cannot be read."""
        return self.read_asks()[0]

    def read_mentions(self) -> tuple[list[Mention], list[Problem]]:
        """The checklist of what the resolution names, and the problems of its file."""
        from indexer.corpus.mentions import read_mentions

        return self.memo("mentions-read", lambda: read_mentions(self.root))

    def mentions_problems(self) -> list[Problem]:
        return self.memo("mentions-problems", lambda: self.read_mentions()[1])

    def english_problems(self) -> list[Problem]:
        from indexer.corpus.plan import english_problems

        return self.memo("english-problems", lambda: english_problems(self.root, self.plan))

    def named_paragraphs(self) -> dict[str, set[str]]:
        """Entry id -> keys of the paragraphs that name it, in their text or in a footnote they
        call (corpus/plan/mentions.yaml: the completeness checklist)."""
        return self.memo("named", self._named)

    def _named(self) -> dict[str, set[str]]:
        return {m.id: set(m.paragraphs(self.plan)) for m in self.read_mentions()[0]}


# The views a run of the corpus-wide rules computes, that the cache keeps with the Plan.
PLAN_VIEWS = ("asks-read", "mentions-problems", "english-problems", "named")


@dataclass
class CorpusFacts(PlanViews):
    """The facts of every entry that follows the schema, by id (first file wins a duplicate
    id), and the ids of the files that could not be read as entries."""

    root: Path
    plan: Plan
    entries: MutableMapping[str, EntryFacts] = field(default_factory=dict)
    unreadable: set[str] = field(default_factory=set)
    derived: dict = field(default_factory=dict, repr=False, compare=False)
    # The entries the corpus-wide rules judge, when not all of them (indexer.corpus.scope)
    judged: list[EntryFacts] | None = field(default=None, repr=False, compare=False)
    # After an update: how many entries the rules judged again (None: every entry)
    rejudged: int | None = field(default=None, repr=False, compare=False)

    def __iter__(self) -> Iterator[EntryFacts]:
        return iter(self.judged if self.judged is not None else self.entries.values())

    def __len__(self) -> int:
        return len(self.entries)

    def citing(self) -> dict[str, list[str]]:
        """Paragraph key -> ids of the entries that cite it, in id order, each once."""
        out: dict[str, list[str]] = {k: [] for k in self.plan.paragraphs}
        entries = self.entries
        pairs = entries.all_paragraphs() if isinstance(entries, FactsTable) else \
            ((eid, facts.paragraph_keys()) for eid, facts in entries.items())
        for eid, paras in sorted(pairs, key=_first):
            for para in paras:
                cited = out.get(para)
                if cited is not None and (not cited or cited[-1] != eid):
                    cited.append(eid)
        return out
