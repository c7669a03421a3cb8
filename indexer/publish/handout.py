"""Printable training handouts: chosen paragraphs, the entries that cite them, their citations."""

from __future__ import annotations

import html
from dataclasses import dataclass, field

import markdown

from indexer.corpus.model import Corpus, Entry
from indexer.corpus.plan import PILLARS, SYMBOL, Paragraph
from indexer.publish.cite import CitationMissing, paragraph_un, un_style
from indexer.schema import INSTRUMENT_TYPES


class HandoutError(Exception):
    pass


@dataclass
class Handout:
    corpus: Corpus
    title: str
    paragraphs: list[Paragraph]
    instruments: list[Entry] = field(default_factory=list)
    practices: list[Entry] = field(default_factory=list)
    others: list[Entry] = field(default_factory=list)


def select(corpus: Corpus, pillar: str | None = None, paras: list[str] | None = None) -> Handout:
    if pillar:
        if pillar not in PILLARS:
            raise HandoutError(f"no pillar '{pillar}': use one of {', '.join(PILLARS)}")
        chosen = [p for p in corpus.plan.paragraphs.values() if p.pillar == pillar]
        title = f"The Global Plan of Action: {PILLARS[pillar]}"
    else:
        unknown = [k for k in paras or [] if k not in corpus.plan.paragraphs]
        if unknown or not paras:
            what = f"no paragraph {', '.join(unknown)}" if unknown else "give --paras or --pillar"
            raise HandoutError(what)
        chosen = [corpus.plan.paragraphs[k] for k in paras]
        title = "The Global Plan of Action: " + ", ".join(p.label for p in chosen)
    keys = {p.key for p in chosen}
    cited = [e for e in sorted(corpus, key=lambda e: e.title) if keys & {r.para for r in e.plan_refs}]
    return Handout(
        corpus, title, chosen,
        instruments=[e for e in cited if e.type in INSTRUMENT_TYPES],
        practices=[e for e in cited if e.type == "practice"],
        others=[e for e in cited if e.type not in INSTRUMENT_TYPES and e.type != "practice"],
    )


def _citation(corpus: Corpus, entry: Entry) -> str:
    try:
        return un_style(entry, corpus.manifest)
    except CitationMissing as exc:
        return f"(citation incomplete: missing {', '.join(exc.missing)})"


def _refs(entry: Entry, handout: Handout) -> str:
    keys = {p.key: p.label for p in handout.paragraphs}
    return ", ".join(keys[r.para] for r in entry.plan_refs if r.para in keys)


def _entry_groups(handout: Handout):
    return [(h, es, sec) for h, es, sec in (
        ("Instruments", handout.instruments, "Key provisions"),
        ("Practices", handout.practices, "What good practice involves"),
        ("Bodies, mandates and mechanisms", handout.others, None)) if es]


def _entry_text(entry: Entry, section: str | None) -> str:
    body = entry.sections().get(section) if section else None
    return body or entry.summary.split("\n\n")[0]


INTRO = ("Paragraphs of General Assembly resolution 64/293 ({symbol}) with the instruments and "
         "practices that the knowledge base links to them. English renderings are unofficial.")


def to_markdown(handout: Handout) -> str:
    out = [f"# {handout.title}", "", INTRO.format(symbol=SYMBOL), "", "## Paragraphs", ""]
    for p in handout.paragraphs:
        out += [f"### {p.label}", "", p.text_en, "", f"> {p.text_zh}", "",
                f"*Cite as:* {paragraph_un(p)}", ""]
    for heading, entries, section in _entry_groups(handout):
        out += [f"## {heading}", ""]
        for e in entries:
            out += [f"### {e.title}", "", f"*Cited in:* {_refs(e, handout)}  ",
                    f"*Cite as:* {_citation(handout.corpus, e)}", "", _entry_text(e, section), ""]
    return "\n".join(out).rstrip() + "\n"


CSS = """
body { font: 11pt/1.45 Georgia, 'Times New Roman', serif; max-width: 46rem; margin: 2rem auto;
       padding: 0 1rem; color: #111; }
h1 { font-size: 1.6rem; } h2 { border-bottom: 1px solid #999; margin-top: 2rem; }
h3 { font-size: 1.05rem; margin-bottom: .3rem; }
blockquote { margin: .4rem 0 .6rem; padding-left: .8rem; border-left: 3px solid #bbb; }
[lang="zh"] { font-family: 'Noto Serif CJK SC', 'Source Han Serif SC', 'SimSun', serif; }
@media print {
  body { margin: 0; max-width: none; font-size: 10pt; }
  h2 { break-before: auto; } h3, blockquote { break-inside: avoid; }
  a { color: inherit; text-decoration: none; }
}
"""


def to_html(handout: Handout) -> str:
    esc = html.escape
    parts = [f"<h1>{esc(handout.title)}</h1>", f"<p>{esc(INTRO.format(symbol=SYMBOL))}</p>",
             "<h2>Paragraphs</h2>"]
    for p in handout.paragraphs:
        parts += [f"<h3>{esc(p.label)}</h3>", f"<p>{esc(p.text_en)}</p>",
                  f'<blockquote lang="zh"><p>{esc(p.text_zh)}</p></blockquote>',
                  f"<p><em>Cite as:</em> {esc(paragraph_un(p))}</p>"]
    for heading, entries, section in _entry_groups(handout):
        parts.append(f"<h2>{esc(heading)}</h2>")
        for e in entries:
            parts += [f"<h3>{esc(e.title)}</h3>",
                      f"<p><em>Cited in:</em> {esc(_refs(e, handout))}<br>"
                      f"<em>Cite as:</em> {esc(_citation(handout.corpus, e))}</p>",
                      markdown.markdown(_entry_text(e, section), extensions=["sane_lists"])]
    body = "\n".join(parts)
    return (f'<!doctype html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
            f"<title>{esc(handout.title)}</title>\n"
            f'<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f"<style>{CSS}</style>\n</head>\n<body>\n{body}\n</body>\n</html>\n")
