"""The Plan as a checklist: every ask of one part of the Plan, with what the corpus links to it,
as a table a national action plan team fills in (two empty columns: the country's status and
notes).

A part is a pillar (a section of the annex: prevention, protection, prosecution, partnership) or
``general``: the operative part of the resolution and the annex's general section. The rows
come from corpus/plan/asks.yaml; each cell comes from a link the corpus states (see
indexer/publish/provisions.py): the entries the paragraph names, the entries and the provisions
linked to the ask, the provisions on the same topic as the ask (a match of topics, kept in a
column of its own), and the practices that serve it. ``tipkb checklist`` writes the table as
CSV or Markdown, in English or Chinese; the site publishes the same CSV beside each pillar's
checklist page.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from indexer.corpus.asks import Ask
from indexer.corpus.model import Corpus, Entry, PlanRef
from indexer.corpus.plan import Paragraph
from indexer.publish.bibliography import to_csv
from indexer.publish.handout import para_label, section_name
from indexer.publish.mdtext import md_text
from indexer.publish.provisions import (
    ProvisionRef,
    by_entry,
    entries_linked,
    linked_provisions,
    named_in,
    practices_for,
    same_topic_provisions,
)

GENERAL = "general"
PARTS = ("prevention", "protection", "prosecution", "partnership", GENERAL)
LANGS = ("en", "zh")

# Interface words, by language (kept together so that a translation table can take them over).
WORDS = {
    "en": {
        "title": "Checklist: {part}",
        "general": "General commitments",
        "general_scope": "the operative part of resolution 64/293 and the general section of its annex",
        "scope": "{section} of the annex",
        "intro": ("Every ask of {scope}, from corpus/plan/asks.yaml. Named: entries the "
                  "paragraph names. Linked: entries and articles the knowledge base links to "
                  "this ask. Same topic: articles whose topic the ask's own words name, a match "
                  "of topics and not a judgement that the article answers the ask. Fill in the "
                  "last two columns."),
        "sep": "; ", "list": ", ", "colon": ": ",
    },
    "zh": {
        "title": "核对清单：{part}",
        "general": "总体承诺",
        "general_scope": "第64/293号决议执行部分及其附件总则部分",
        "scope": "附件{section}",
        "intro": ("{scope}中的每一项要求（取自 corpus/plan/asks.yaml）。本段提及：段落本身提及的条目。"
                  "关联：本知识库与该项要求关联的条目和条款。同一专题：要求原文所指专题下的条款，"
                  "仅为专题相同，并非认定该条款回应了该项要求。请填写最后两栏。"),
        "sep": "；", "list": "、", "colon": "：",
    },
}
BASIS_WORDS = {
    "en": {"named": "named", "relevant": "relevant", "develops": "develops"},
    "zh": {"named": "本段提及", "relevant": "相关", "develops": "发展"},
}

# (key, English header, Chinese header, shown in Chinese tables)
COLUMNS = [
    ("ask", "Ask", "要求编号", True),
    ("paragraph", "Paragraph", "段落", True),
    ("addressee", "Addressee", "对象类别", False),
    ("who", "Who is asked", "对象", False),
    ("verb", "Verb", "动词", False),
    ("what", "What is asked", "所要求的事项", False),
    ("verb_zh", "Verb (Chinese text)", "动词", True),
    ("words_zh", "Words of the Chinese text", "决议原文", True),
    ("topics", "Topics", "专题", True),
    ("named", "Named in the paragraph", "本段提及", True),
    ("entries_linked", "Entries linked to the ask", "与该要求关联的条目", True),
    ("provisions_linked", "Articles linked to the ask", "与该要求关联的条款", True),
    ("provisions_same_topic", "Articles on the same topic", "同一专题的条款", True),
    ("practices", "Practices", "最佳做法", True),
    ("paragraph_url", "Paragraph page", "段落网页", True),
    ("status", "Status in the country", "本国现状", True),
    ("notes", "Notes", "备注", True),
]


def checklist_page(part: str) -> str:
    """Site path of the checklist page of a part."""
    return f"browse/checklist/{part}/"


def checklist_csv(part: str, lang: str = "en") -> str:
    """Site path of the checklist of a part as CSV (``protection.zh.csv`` in Chinese)."""
    return f"data/checklist/{part}{'' if lang == 'en' else '.' + lang}.csv"


class ChecklistError(Exception):
    """A part that is not one of PARTS, or a language that is not one of LANGS."""


@dataclass
class Row:
    ask: Ask
    para: Paragraph
    named: list[Entry]  # entries the paragraph names
    entries: list[tuple[Entry, PlanRef]]  # entries (not practices) linked to the ask
    provisions: list[ProvisionRef]  # provisions linked to the ask
    same_topic: list[ProvisionRef]  # provisions sharing a topic with the ask, not linked to it
    practices: list[Entry]


def part_of(para: Paragraph) -> str:
    """The checklist a paragraph's asks belong to."""
    return para.pillar or GENERAL


def asks_of(corpus: Corpus, part: str) -> list[Ask]:
    """Every ask of ``part``, in document order."""
    if part not in PARTS:
        raise ChecklistError(f"no part '{part}' (choose one of {', '.join(PARTS)})")
    plan = corpus.plan
    return [a for a in corpus.asks().all()
            if a.para in plan.paragraphs and part_of(plan[a.para]) == part]


def checklist(corpus: Corpus, part: str) -> list[Row]:
    rows = []
    for ask in asks_of(corpus, part):
        rows.append(Row(ask, corpus.plan[ask.para], named_in(corpus, ask.para),
                        entries_linked(corpus, ask.id), linked_provisions(corpus, ask.id),
                        same_topic_provisions(corpus, ask), practices_for(corpus, ask.id)))
    return rows


def part_label(corpus: Corpus, part: str, lang: str = "en") -> str:
    if part == GENERAL:
        return WORDS[lang]["general"]
    return corpus.vocab.pillars.label(part, lang)


def part_scope(part: str, lang: str = "en") -> str:
    """'section II ("Protection ...") of the annex', or the general part in words."""
    words = WORDS[lang]
    if part == GENERAL:
        return words["general_scope"]
    return words["scope"].format(section=section_name(part, lang))


def entry_name(entry: Entry, lang: str = "en") -> str:
    """The name to show: the short title; in Chinese the Chinese name where there is one."""
    if lang == "zh" and entry.zh_title:
        return entry.zh_title
    return entry.display_title


def provisions_text(corpus: Corpus, refs: list[ProvisionRef], lang: str = "en") -> str:
    """'Trafficking in Persons Protocol: Art. 6, Art. 7; CRC: Art. 34', grouped by entry."""
    w = WORDS[lang]
    return w["sep"].join(
        entry_name(entry, lang) + w["colon"] + w["list"].join(r.label(corpus.vocab, lang)
                                                               for r in group)
        for entry, group in by_entry(refs))


def cells(corpus: Corpus, row: Row, lang: str = "en") -> dict[str, str]:
    """The row as text, one value per column key."""
    v, w, ask = corpus.vocab, WORDS[lang], row.ask
    return {
        "ask": ask.id,
        "paragraph": para_label(row.para, lang),
        "addressee": ask.addressee,
        "who": ask.who,
        "verb": ask.verb,
        "what": ask.what,
        "verb_zh": ask.verb_zh,
        "words_zh": ask.zh,
        "topics": w["list"].join(v.topics.label(t, lang) for t in ask.topics),
        "named": w["sep"].join(entry_name(e, lang) for e in row.named),
        "entries_linked": w["sep"].join(f"{entry_name(e, lang)} ({BASIS_WORDS[lang][ref.basis]})"
                                        for e, ref in row.entries),
        "provisions_linked": provisions_text(corpus, row.provisions, lang),
        "provisions_same_topic": provisions_text(corpus, row.same_topic, lang),
        "practices": w["sep"].join(entry_name(e, lang) for e in row.practices),
        "paragraph_url": corpus.manifest.page_url(row.para.url),
        "status": "",
        "notes": "",
    }


def columns(lang: str = "en") -> list[tuple[str, str]]:
    """(key, header) of the columns a table in ``lang`` has."""
    if lang not in LANGS:
        raise ChecklistError(f"no language '{lang}' (choose one of {', '.join(LANGS)})")
    return [(key, zh if lang == "zh" else en) for key, en, zh, in_zh in COLUMNS
            if lang == "en" or in_zh]


def to_csv_text(corpus: Corpus, part: str, lang: str = "en") -> str:
    """The checklist as CSV: a header row in ``lang``, then one row per ask."""
    cols = columns(lang)
    rows = [{header: cells(corpus, row, lang)[key] for key, header in cols}
            for row in checklist(corpus, part)]
    return to_csv(rows, [header for _, header in cols])


def to_markdown(corpus: Corpus, part: str, lang: str = "en") -> str:
    """The checklist as a Markdown table under a title and a sentence on how it is made."""
    cols = columns(lang)
    w = WORDS[lang]
    out = [f"# {md_text(w['title'].format(part=part_label(corpus, part, lang)))}", "",
           md_text(w["intro"].format(scope=part_scope(part, lang))), "",
           "| " + " | ".join(md_text(h) for _, h in cols) + " |",
           "|" + "---|" * len(cols)]
    for row in checklist(corpus, part):
        values = cells(corpus, row, lang)
        out.append("| " + " | ".join(md_text(values[key]) for key, _ in cols) + " |")
    return "\n".join(out) + "\n"


FORMATS: dict[str, Callable[[Corpus, str, str], str]] = {"csv": to_csv_text, "md": to_markdown}


def render(corpus: Corpus, part: str, fmt: str, lang: str = "en") -> str:
    if fmt not in FORMATS:
        raise ChecklistError(f"no format '{fmt}' (choose one of {', '.join(FORMATS)})")
    asks_of(corpus, part)  # an unknown part is refused before anything is written
    columns(lang)
    return FORMATS[fmt](corpus, part, lang)
