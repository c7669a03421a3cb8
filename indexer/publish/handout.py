"""Training handouts: the paragraphs of a pillar (or a chosen set), each beside its entries.

What a handout holds, in either language, before it is written out (``handout_html`` writes
the printable page, ``handout_md`` the Markdown, ``pdf`` prints the page with Chromium):

- every paragraph of the chosen pillar, in the Plan's order, and after them the paragraphs of
  other sections that the Plan itself ties to the pillar (``ALSO``);
- beside each paragraph, kept apart as the model keeps them: the entries the paragraph
  *names* (in its text or a footnote it calls), the entries the knowledge base judges
  *relevant* to it, and the later texts that *develop* it;
- a numbered list of those entries with their citation, their page's address and a summary.

Why ALSO: the Plan's sections are not its only grouping. Section III (prosecution) holds
paragraphs 43 to 49, but paragraph 52 (mutual legal assistance and extradition agreements "to
arrest and prosecute" traffickers) and paragraph 54 (cooperation among law enforcement
agencies) stand in section IV, among the partnerships that serve the other three pillars; a
handout that took section III alone left them out. Each paragraph in ALSO is here because its
own text states the pillar's aim; the handout shows which section it comes from.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from indexer.corpus.manifest import Manifest
from indexer.corpus.model import Corpus, Entry, PlanRef
from indexer.corpus.names import para_label
from indexer.corpus.plan import PILLARS, SECTIONS, Paragraph
from indexer.publish import cite
from indexer.publish.dates import long_date

LANGS = ("en", "zh")
PAPERS = {"a4": "A4", "letter": "letter"}  # --paper value -> CSS @page size
BASES = ("named", "relevant", "develops")

# Paragraphs of other sections whose own text states a pillar's aim (see the module's docstring).
ALSO: dict[str, tuple[str, ...]] = {
    "prevention": ("gpa53", "gpa55"),  # "prevention ... policies"; "capacity to prevent"
    "protection": ("gpa53", "gpa57"),  # "protection policies"; "assisting victims"
    "prosecution": ("gpa52", "gpa54"),  # "arrest and prosecute"; law enforcement cooperation
    "partnership": (),
}
# Entries listed beside a paragraph: instruments first, then guidance and cases, then the rest.
_TYPE_ORDER = ("convention", "resolution", "declaration", "action-plan", "guidance", "report",
               "case", "practice", "mechanism", "body", "mandate", "event")


class HandoutError(Exception):
    """A selection that makes no handout: a one-line reason."""


@dataclass(frozen=True)
class Linked:
    entry: Entry
    ref: PlanRef  # the entry's link to the paragraph: basis and note


@dataclass
class Block:
    """One paragraph with the entries linked to it, by basis."""

    para: Paragraph
    links: dict[str, list[Linked]]  # basis -> entries, in _TYPE_ORDER then title
    from_section: str | None = None  # set for a paragraph of another section (ALSO)


@dataclass
class Handout:
    corpus: Corpus
    lang: str
    paper: str
    title: str
    scope: str  # one line: which paragraphs, from which sections
    blocks: list[Block]
    entries: list[Entry] = field(default_factory=list)  # every linked entry, numbered in order

    @property
    def manifest(self) -> Manifest:
        return self.corpus.manifest

    def number(self, entry: Entry) -> int:
        return self.entries.index(entry) + 1


def _sort_key(linked: Linked) -> tuple:
    e = linked.entry
    rank = _TYPE_ORDER.index(e.type) if e.type in _TYPE_ORDER else len(_TYPE_ORDER)
    return (rank, e.display_title.casefold(), e.id)


def block(corpus: Corpus, para: Paragraph, from_section: str | None = None,
          scopes: tuple[str, ...] = ()) -> Block:
    """A paragraph with its linked entries by basis; ``scopes`` (cited, later, context) keeps
    only entries of those scopes (all when empty)."""
    links: dict[str, list[Linked]] = {b: [] for b in BASES}
    for eid, ref in corpus.cited_by().get(para.key, []):
        if scopes and eid in corpus.entries and corpus.scope(corpus.entries[eid]) not in scopes:
            continue
        if eid in corpus.entries and ref.basis in links:
            links[ref.basis].append(Linked(corpus.entries[eid], ref))
    return Block(para, {b: sorted(v, key=_sort_key) for b, v in links.items()}, from_section)


def section_name(section: str | None, lang: str) -> str:
    """'section III ("Prosecution of crimes of trafficking in persons")', '第三节“起诉贩运人口罪行”'."""
    if not section:
        return ""
    _, en, zh = SECTIONS[section]
    if lang == "zh" and zh:
        numeral, _, name = zh.partition(" ")
        return f"第{numeral}节“{name}”"
    numeral, _, name = en.partition(". ")
    return f'section {numeral} ("{name}")' if name else en


def select(corpus: Corpus, pillar: str | None = None, paras: list[str] | None = None,
           lang: str = "en", paper: str = "a4", scopes: tuple[str, ...] = ()) -> Handout:
    """The handout of a pillar, or of the paragraphs ``paras`` (keys such as gpa52); with
    ``scopes``, only the entries of those scopes beside each paragraph."""
    unknown_scopes = [s for s in scopes if s not in corpus.vocab.scopes]
    if unknown_scopes:
        raise HandoutError(f"no scope '{unknown_scopes[0]}': use one of "
                           f"{', '.join(corpus.vocab.scopes.values)}")
    if lang not in LANGS:
        raise HandoutError(f"no language '{lang}': use one of {', '.join(LANGS)}")
    if paper not in PAPERS:
        raise HandoutError(f"no paper size '{paper}': use one of {', '.join(PAPERS)}")
    plan = corpus.plan.paragraphs
    if pillar:
        if pillar not in PILLARS:
            raise HandoutError(f"no pillar '{pillar}': use one of {', '.join(PILLARS)}")
        own = [p for p in plan.values() if p.pillar == pillar]
        also = [plan[k] for k in ALSO.get(pillar, ()) if k in plan and plan[k].pillar != pillar]
        blocks = [block(corpus, p, scopes=scopes) for p in own]
        blocks += [block(corpus, p, p.section, scopes) for p in also]
        label = corpus.vocab.pillars.label(pillar, lang)
        title = (f"《联合国打击贩运人口全球行动计划》：{label}" if lang == "zh"
                 else f"The Global Plan of Action: {label}")
        scope = _pillar_scope(pillar, own, also, lang)
    else:
        keys = list(dict.fromkeys(k for k in paras or [] if k))
        unknown = [k for k in keys if k not in plan]
        if unknown or not keys:
            raise HandoutError(f"no paragraph {', '.join(unknown)}" if unknown
                               else "give --paras or --pillar")
        chosen = sorted((plan[k] for k in keys), key=lambda p: list(plan).index(p.key))
        blocks = [block(corpus, p, scopes=scopes) for p in chosen]
        labels = [para_label(p, lang) for p in chosen]
        title = ("《联合国打击贩运人口全球行动计划》：" + "、".join(labels) if lang == "zh"
                 else "The Global Plan of Action: " + ", ".join(labels))
        scope = ""
    entries: list[Entry] = []
    for b in blocks:
        for basis in BASES:
            for linked in b.links[basis]:
                if linked.entry not in entries:
                    entries.append(linked.entry)
    return Handout(corpus, lang, paper, title, scope, blocks, entries)


def _numbers(paras: list[Paragraph], lang: str) -> str:
    """'52 and 54', '43 to 49' for a whole section; Chinese '52和54', '43至49'."""
    if len(paras) > 2 and all(p.section == paras[0].section for p in paras):
        return f"{paras[0].number}{'至' if lang == 'zh' else ' to '}{paras[-1].number}"
    numbers = [p.number for p in paras]
    if lang == "zh":
        return "、".join(numbers[:-1]) + ("和" if len(numbers) > 1 else "") + numbers[-1]
    return ", ".join(numbers[:-1]) + (" and " if len(numbers) > 1 else "") + numbers[-1]


def _pillar_scope(pillar: str, own: list[Paragraph], also: list[Paragraph], lang: str) -> str:
    section = own[0].section if own else None
    if lang == "zh":
        text = f"附件{section_name(section, 'zh')}的全部段落（第{_numbers(own, lang)}段）"
        if also:
            text += f"，以及其他各节中案文表明同一目标的第{_numbers(also, lang)}段"
        return text + "。"
    text = f"Every paragraph of {section_name(section, 'en')} of the annex ({_numbers(own, lang)})"
    if also:
        text += (f", and paragraph{'s' if len(also) > 1 else ''} {_numbers(also, lang)} from "
                 "other sections, whose own text states the same aim")
    return text + "."


# ------------------------------------------------------------------ words in each language


def para_text(para: Paragraph, lang: str) -> str:
    """The paragraph's text: the Chinese source verbatim, or the project's English rendering."""
    return para.text_zh if lang == "zh" else para.text_en


def para_citation(para: Paragraph, lang: str) -> str:
    return cite.paragraph_zh(para) if lang == "zh" else cite.paragraph_un(para)


def entry_summary(entry: Entry, lang: str) -> str:
    """Markdown (English: the Summary's first paragraph) or plain text (Chinese: summary_zh)."""
    if lang == "zh":
        return entry.summary_zh or ""
    return entry.summary.split("\n\n")[0].strip()


def entry_citation(corpus: Corpus, entry: Entry, lang: str) -> tuple[str | None, str | None]:
    """(the entry in United Nations style, None) or (None, a plain sentence saying which facts
    a citation still needs): never a half citation."""
    try:
        return cite.un_style(entry, corpus.manifest), None
    except cite.CitationMissing as exc:
        if lang == "zh":
            facts = "、".join(cite.MISSING_WORDS_ZH.get(f, f) for f in exc.facts)
            return None, f"本知识库尚未提供该文书的{facts}，因此这里不提供其引用格式。"
        return None, (f"No citation of the text itself: the knowledge base does not yet give "
                      f"{' or '.join(exc.missing)}.")


def edition(manifest: Manifest, lang: str) -> str:
    if lang == "zh":
        return f"版本 {manifest.version}，{long_date(manifest.released, 'zh')}"
    return f"Version {manifest.version}, {long_date(manifest.released)}"
