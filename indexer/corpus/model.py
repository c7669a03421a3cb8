"""The in-memory model: entries, the plan, and the computed links between them.

Reverse links (which entries cite a paragraph, inverse relations between entries) are always
computed here from ``plan_refs`` and ``related``; nothing in the corpus keeps them by hand.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from indexer.corpus.frontmatter import line_of
from indexer.corpus.plan import Plan
from indexer.schema import Vocabulary

_HEADING = re.compile(r"^##\s+(.+?)\s*$", re.M)


@dataclass
class Entry:
    id: str
    path: Path
    data: dict  # the front matter as written (dates as strings)
    body: str
    body_line: int = 1
    lines: dict[tuple, int] = field(default_factory=dict, repr=False)  # key path -> line

    def line_of(self, *path) -> int:
        """Line in the file of the deepest existing prefix of ``path``."""
        return line_of(self.lines, path)

    def get(self, key: str, default=None):
        return self.data.get(key, default)

    @property
    def type(self) -> str:
        return self.data.get("type", "")

    @property
    def title(self) -> str:
        return self.data.get("title", self.id)

    @property
    def display_title(self) -> str:
        return self.data.get("short_title") or self.title

    @property
    def zh_title(self) -> str:
        """The Chinese name to show: the official title, else the project's rendering, else the
        resolution's own wording."""
        for key in ("title_zh", "title_zh_project", "cited_as_zh"):
            value = self.data.get(key)
            if isinstance(value, str) and value:
                return value
        return ""

    @property
    def zh_names(self) -> list[str]:
        """Every Chinese name of the entry (official, project's, the resolution's wording)."""
        names = [self.data.get(k) for k in ("title_zh", "title_zh_project", "cited_as_zh")]
        return list(dict.fromkeys(n for n in names if isinstance(n, str) and n))

    @property
    def aliases(self) -> list[str]:
        return list(self.data.get("aliases") or [])

    @property
    def plan_refs(self) -> list[dict]:
        return list(self.data.get("plan_refs") or [])

    @property
    def related(self) -> list[dict]:
        return list(self.data.get("related") or [])

    @property
    def url(self) -> str:
        """Site path of the entry's page."""
        return f"entries/{self.id}/"

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


@dataclass
class Corpus:
    root: Path
    plan: Plan
    vocab: Vocabulary
    entries: dict[str, Entry] = field(default_factory=dict)
    # ids (file stems) of entry files that could not be read or do not follow the schema:
    # reported by the loader, left out of the model, and not reported again as missing links
    unreadable: set[str] = field(default_factory=set)

    def __iter__(self):
        return iter(self.entries.values())

    def __len__(self) -> int:
        return len(self.entries)

    # Views derived from the entries, computed once: the corpus is not changed after loading.
    derived: dict = field(default_factory=dict, repr=False, compare=False)

    def memo(self, key, compute):
        """The derived value ``key``, computed by ``compute()`` on first use."""
        if key not in self.derived:
            self.derived[key] = compute()
        return self.derived[key]

    def cited_by(self) -> dict[str, list[tuple[str, str]]]:
        """Paragraph key -> [(entry id, note)], in entry-id order."""
        return self.memo("cited_by", self._cited_by)

    def _cited_by(self) -> dict[str, list[tuple[str, str]]]:
        out: dict[str, list[tuple[str, str]]] = {k: [] for k in self.plan.paragraphs}
        for entry in sorted(self.entries.values(), key=lambda e: e.id):
            for ref in entry.plan_refs:
                if ref.get("para") in out:
                    out[ref["para"]].append((entry.id, ref.get("note", "")))
        return out

    def named_paragraphs(self) -> dict[str, set[str]]:
        """Entry id -> keys of the paragraphs that name it, in their text or in a footnote they
        call (corpus/plan/mentions.yaml: the completeness checklist)."""
        return self.memo("named", self._named)

    def _named(self) -> dict[str, set[str]]:
        from indexer.corpus.mentions import load_mentions

        return {m.id: set(m.paragraphs(self.plan)) for m in load_mentions(self.root)}

    def links(self) -> dict[str, list[Link]]:
        """Entry id -> its links, written and inverse, to entries that exist."""
        return self.memo("links", self._links)

    def _links(self) -> dict[str, list[Link]]:
        out: dict[str, list[Link]] = {eid: [] for eid in self.entries}
        for entry in self.entries.values():
            for rel in entry.related:
                target, relation = rel.get("id"), rel.get("relation")
                if target not in self.entries or relation not in self.vocab.inverse:
                    continue
                note = rel.get("note", "")
                out[entry.id].append(Link(entry.id, target, relation, note))
                out[target].append(
                    Link(target, entry.id, self.vocab.inverse[relation], note, inverse=True)
                )
        return out
