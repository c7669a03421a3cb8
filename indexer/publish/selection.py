"""A selection of the corpus (the filters of search, exports, bibliographies and handouts)."""

from __future__ import annotations

from dataclasses import dataclass

from indexer.corpus.model import Corpus, Entry
from indexer.corpus.plan import Paragraph


@dataclass(frozen=True)
class Selection:
    types: tuple[str, ...] = ()
    regions: tuple[str, ...] = ()  # a region or a subregion
    pillars: tuple[str, ...] = ()
    paras: tuple[str, ...] = ()  # entries linked to any of these paragraphs
    ids: tuple[str, ...] = ()
    scopes: tuple[str, ...] = ()  # cited | later | context
    with_paragraphs: bool = False  # include the Plan's paragraphs that match

    def unknown(self, corpus: Corpus) -> list[str]:
        """What this selection names that the corpus does not have, in words."""
        v = corpus.vocab
        out = [f"type '{t}'" for t in self.types if t not in v.types]
        out += [f"region '{r}'" for r in self.regions if r not in v.regions and r not in v.subregions]
        out += [f"pillar '{p}'" for p in self.pillars if p not in v.pillars]
        out += [f"paragraph '{p}'" for p in self.paras if p not in corpus.plan.paragraphs]
        out += [f"entry '{i}'" for i in self.ids if i not in corpus.entries]
        out += [f"scope '{s}'" for s in self.scopes if s not in v.scopes]
        return out

    def _pillars_of(self, corpus: Corpus, entry: Entry) -> set[str]:
        paras = corpus.plan.paragraphs
        return {p for r in entry.plan_refs if r.para in paras and (p := paras[r.para].pillar)}

    def matches(self, corpus: Corpus, entry: Entry) -> bool:
        return ((not self.types or entry.type in self.types)
                and (not self.regions or entry.region in self.regions
                     or entry.subregion in self.regions)
                and (not self.pillars or bool(self._pillars_of(corpus, entry) & set(self.pillars)))
                and (not self.paras or any(r.para in self.paras for r in entry.plan_refs))
                and (not self.ids or entry.id in self.ids)
                and (not self.scopes or corpus.scope(entry) in self.scopes))

    def entries(self, corpus: Corpus) -> list[Entry]:
        return sorted((e for e in corpus if self.matches(corpus, e)), key=lambda e: e.id)

    def paragraphs(self, corpus: Corpus) -> list[Paragraph]:
        if not self.with_paragraphs:
            return []
        return [p for k, p in corpus.plan.paragraphs.items()
                if (not self.pillars or p.pillar in self.pillars)
                and (not self.paras or k in self.paras)]


EVERYTHING = Selection()
