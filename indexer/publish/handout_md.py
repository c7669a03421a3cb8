"""A handout as Markdown, for trainers who edit their material in a word processor.

The same content as the printable page (indexer/publish/handout_html.py). Every value from an
entry is written as literal text (Markdown characters escaped, summaries reduced to plain
words), so no entry can put a link, an image or HTML into the file.
"""

from __future__ import annotations

from indexer.corpus.names import entry_title, para_label
from indexer.corpus.plan import OFFICIAL_URL, SYMBOL
from indexer.publish.handout import (
    BASES,
    Handout,
    edition,
    entry_citation,
    entry_summary,
    para_citation,
    para_text,
    section_name,
)
from indexer.publish.handout_html import WORDS
from indexer.publish.mdtext import md_text
from indexer.text import plain


def to_markdown(handout: Handout) -> str:
    lang, words, m = handout.lang, WORDS[handout.lang], handout.manifest
    name = m.name_zh if lang == "zh" and m.name_zh else m.name
    out = [f"# {md_text(handout.title)}", "", md_text(name) + "  ",
           f"{md_text(edition(m, lang))} · {md_text(words['site'].format(url=m.site_url))}", ""]
    if handout.scope:
        out += [md_text(handout.scope), ""]
    out += [md_text(words["intro"].format(symbol=SYMBOL, url=OFFICIAL_URL)), "",
            md_text(words["how"]), ""]
    for b in handout.blocks:
        p = b.para
        out += [f"## {md_text(para_label(p, lang))}", ""]
        if b.from_section:
            out += [f"*{md_text(words['from'].format(section=section_name(b.from_section, lang)))}*",
                    ""]
        out += [md_text(para_text(p, lang)), ""]
        for n in p.footnotes:
            if footnote := handout.corpus.plan.footnotes.get(n):
                said = footnote.text_zh if lang == "zh" else (footnote.text_en or footnote.text_zh)
                out += [f"{md_text(words['footnote'].format(n=n))}{words['colon']}{md_text(said)}  "]
        out += [f"{md_text(words['cite_as'])}{words['colon']}{md_text(para_citation(p, lang))}", ""]
        listed = False
        for basis in BASES:
            if not b.links[basis]:
                continue
            listed = True
            out += [f"**{md_text(handout.corpus.vocab.bases.label(basis, lang))}**", ""]
            for linked in b.links[basis]:
                title, _ = entry_title(linked.entry, lang)
                why = f": {md_text(linked.ref.note)}" if lang == "en" else ""
                out.append(f"- \\[{handout.number(linked.entry)}\\] {md_text(title)}{why}")
            out.append("")
        if not listed:
            out += [md_text(words["nothing"]), ""]
    if handout.entries:
        out += [f"## {md_text(words['entries'])}", ""]
    for e in handout.entries:
        title, note = entry_title(e, lang)
        extra = f" ({md_text(note)})" if note else ""
        out += [f"### \\[{handout.number(e)}\\] {md_text(title)}{extra}", ""]
        cited, missing = entry_citation(handout.corpus, e, lang)
        out += [f"{md_text(words['cite_as'])}{words['colon']}{md_text(cited)}" if cited
                else md_text(missing or ""), ""]
        summary = entry_summary(e, lang)
        if summary:
            out += [md_text(summary if lang == "zh" else plain(summary)), ""]
        out += [f"{md_text(words['address'])}{words['colon']}<{m.page_url(e.url_path)}>", ""]
    return "\n".join(out).rstrip() + "\n"
