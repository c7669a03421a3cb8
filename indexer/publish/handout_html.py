"""A handout as one printable HTML page: A4 or Letter, page numbers and the release in the margins.

Every value from an entry is escaped where it is written; the English summaries, which are
Markdown, go through the site's sanitiser (nh3) before they are put in. The page loads nothing
(no script, no font, no image): its Content-Security-Policy allows its own style sheet only.

Paper and page numbers use CSS paged media: ``@page { size: A4 }`` and margin boxes
(``@bottom-left``, ``@bottom-right`` with ``counter(page)``), which Chromium prints since
version 131; the footer strings are CSS-escaped.
"""

from __future__ import annotations

import html

import markdown

from indexer.corpus.model import Entry
from indexer.corpus.names import entry_title, para_label
from indexer.corpus.plan import OFFICIAL_URL, SYMBOL
from indexer.publish.dates import long_date_or_text
from indexer.publish.handout import (
    BASES,
    PAPERS,
    Block,
    Handout,
    edition,
    entry_citation,
    entry_summary,
    para_citation,
    para_text,
    section_name,
)
from indexer.site.sanitize import clean, script_hash

esc = html.escape

WORDS = {
    "en": {
        "intro": ("The paragraphs are those of the annex to General Assembly resolution 64/293 "
                  "({symbol}). The English renderings are the project's own and unofficial; the "
                  "official texts are those of document {symbol} ({url})."),
        "how": ("Beside each paragraph: the instruments and entries the paragraph itself names; "
                "separately, those the knowledge base judges relevant to it; and later texts that "
                "develop it. Numbers in brackets refer to the list at the end."),
        "from": "From {section}",
        "footnote": "Footnote {n}",
        "cite_as": "Cite as",
        "nothing": "No entry of the knowledge base is linked to this paragraph yet.",
        "relevant_note": "the knowledge base's judgement, not the Plan's words",
        "develops_note": "later texts",
        "entries": "The instruments and entries",
        "adopted": "adopted {date}",
        "decided": "decided {date}",
        "address": "Its page",
        "site": "Every paragraph and entry has a page at {url}",
        "colon": ": ",
        "unofficial_short": "",
    },
    "zh": {
        "intro": ("以下段落录自大会第64/293号决议（{symbol}）附件，中文文本照录原文。"
                  "正式文本以{symbol}号文件为准（{url}）。"),
        "how": ("每段右侧列出：本段本身提及的文书和条目；另行列出本知识库认为与本段相关的条目，"
                "以及发展本段的后续文本。方括号中的编号对应文末列表。"),
        "from": "摘自附件{section}",
        "footnote": "脚注{n}",
        "cite_as": "引用格式",
        "nothing": "本知识库尚无与本段关联的条目。",
        "relevant_note": "系本知识库的判断，并非《行动计划》原文所载",
        "develops_note": "后续文本",
        "entries": "文书和条目",
        "adopted": "{date}通过",
        "decided": "{date}判决",
        "address": "本知识库页面",
        "site": "每个段落和条目在 {url} 均有页面",
        "colon": "：",
        "unofficial_short": "非正式译名",
    },
}


# The page number in the footer: text before the page's number, between it and the count, after.
PAGE_WORDS = {"en": ("Page ", " of ", ""), "zh": ("第 ", " 页，共 ", " 页")}


def css_string(text: str) -> str:
    """A CSS string literal holding ``text``: every character but ASCII letters and digits
    written as a six-digit CSS escape (spaces too: a space after an escape would be taken as
    its end), so no value can end the string or the style sheet."""
    return '"' + "".join(c if c.isascii() and c.isalnum() else f"\\{ord(c):06x}"
                         for c in text) + '"'


def style(handout: Handout) -> str:
    m, lang = handout.manifest, handout.lang
    footer = f"{edition(m, lang)} · {m.site_url}"
    before, between, after = PAGE_WORDS[lang]
    page = (f"{css_string(before)} counter(page) {css_string(between)} counter(pages) "
            f"{css_string(after)}")
    size = PAPERS[handout.paper]
    return f"""
@page {{
  size: {size};
  margin: 16mm 15mm 20mm;
  @bottom-left {{ content: {css_string(footer)}; font: 7.5pt/1.3 sans-serif; color: #444;
                  vertical-align: top; padding-top: 4mm; }}
  @bottom-right {{ content: {page}; font: 7.5pt/1.3 sans-serif; color: #444;
                   vertical-align: top; padding-top: 4mm; }}
}}
:root {{ --rule: #9a9a9a; --soft: #555; }}
html {{ -webkit-print-color-adjust: exact; print-color-adjust: exact; }}
body {{ font: 10.5pt/1.45 "DejaVu Serif", Georgia, "Times New Roman", serif; color: #111;
        margin: 0 auto; max-width: 52rem; padding: 1rem; }}
[lang|="zh"], :lang(zh) {{ font-family: "Noto Serif CJK SC", "Noto Sans CJK SC",
        "Source Han Serif SC", "Source Han Sans SC", "Songti SC", "SimSun", "DejaVu Serif", serif;
        line-height: 1.75; }}
a {{ color: inherit; }}
.masthead {{ border-bottom: 2px solid #222; margin-bottom: 5mm; padding-bottom: 2mm; }}
.masthead .kb {{ font: 600 8.5pt/1.3 sans-serif; letter-spacing: .02em; margin: 0; color: var(--soft); }}
h1 {{ font-size: 17pt; line-height: 1.25; margin: 1.5mm 0 2mm; }}
.masthead p {{ margin: 1mm 0; }}
.masthead .scope {{ font-size: 10pt; }}
.masthead .small, .small {{ font-size: 8.5pt; color: var(--soft); }}
.para {{ display: grid; grid-template-columns: minmax(0, 1fr) 40%; column-gap: 6mm;
         border-top: 1px solid var(--rule); padding-top: 2.5mm; margin-top: 3.5mm; }}
.para h2 {{ font: 700 11pt/1.3 sans-serif; margin: 0 0 1.5mm; }}
.para h2 .from {{ display: block; font-weight: 400; font-size: 8.5pt; color: var(--soft); }}
.para .text p {{ margin: 0 0 2mm; }}
.para .footnotes, .para .cite {{ font-size: 8.5pt; color: var(--soft); }}
.para aside {{ font-size: 8.5pt; line-height: 1.35; border-left: 1px solid var(--rule);
               padding-left: 3mm; }}
.para aside h3 {{ font: 700 8.5pt/1.3 sans-serif; margin: 0 0 .8mm; }}
.para aside h3 + .explain {{ margin: -.5mm 0 .8mm; color: var(--soft); font-style: italic; }}
.para aside ul {{ margin: 0 0 2.5mm; padding-left: 0; list-style: none; }}
.para aside li {{ margin: 0 0 1.2mm; }}
.para aside .why {{ display: block; color: var(--soft); font-size: 7.8pt; line-height: 1.3; }}
.ref {{ font-family: sans-serif; font-weight: 700; text-decoration: none; }}
.entries {{ break-before: page; }}
.entries h2 {{ font: 700 13pt/1.3 sans-serif; border-bottom: 1px solid #222; padding-bottom: 1mm; }}
.entries ol {{ list-style: none; padding: 0; margin: 0; }}
.entries li {{ border-top: 1px solid #ddd; padding: 2mm 0 1mm; break-inside: avoid; }}
.entries h3 {{ font-size: 10.5pt; margin: 0 0 .6mm; }}
.entries h3 .unofficial {{ font-weight: 400; font-size: 8.5pt; color: var(--soft); }}
.entries h3 .unofficial[lang="en"] {{ display: block; line-height: 1.35;
                                     font-family: "DejaVu Serif", serif; }}
.entries .meta, .entries .address, .entries .cite {{ font-size: 8.5pt; margin: .4mm 0; }}
.entries .meta, .entries .address {{ color: var(--soft); }}
.entries .summary p {{ margin: .8mm 0; font-size: 9.5pt; }}
@media screen and (max-width: 40rem) {{
  .para {{ grid-template-columns: minmax(0, 1fr); }}
  .para aside {{ border-left: 0; padding-left: 0; border-top: 1px dotted var(--rule); padding-top: 2mm; }}
}}
@media print {{ body {{ max-width: none; padding: 0; }} }}
.para h2, .para aside h3, .para aside .explain {{ break-after: avoid; }}
.para .text p, .para aside li {{ break-inside: avoid; orphans: 3; widows: 3; }}
"""


def _linked(handout: Handout, b: Block, basis: str) -> str:
    items = b.links[basis]
    if not items:
        return ""
    words, lang = WORDS[handout.lang], handout.lang
    label = handout.corpus.vocab.bases.label(basis, lang)
    explain = {"relevant": words["relevant_note"], "develops": words["develops_note"]}.get(basis)
    lis = []
    for linked in items:
        e = linked.entry
        title, note = entry_title(e, lang)
        if note and words["unofficial_short"] and e.title_zh_project == title:
            title += f"（{words['unofficial_short']}）"
        n = handout.number(e)
        why = f'<span class="why">{esc(linked.ref.note)}</span>' if lang == "en" else ""
        lis.append(f'<li><a class="ref" href="#entry-{esc(e.id)}">[{n}]</a> {esc(title)}{why}</li>')
    head = f'<h3 class="basis-{basis}">{esc(label)}</h3>'
    if explain:
        head += f'<p class="explain">{esc(explain)}</p>'
    return f'{head}<ul class="basis-{basis}">{"".join(lis)}</ul>'


def _footnotes(handout: Handout, b: Block) -> str:
    notes = handout.corpus.plan.footnotes
    words = WORDS[handout.lang]
    parts = []
    for n in b.para.footnotes:
        note = notes.get(n)
        if note is None:
            continue
        text = note.text_zh if handout.lang == "zh" else (note.text_en or note.text_zh)
        parts.append(f"{esc(words['footnote'].format(n=n))}{words['colon']}{esc(text)}")
    return f'<p class="footnotes">{"<br>".join(parts)}</p>' if parts else ""


def _block(handout: Handout, b: Block) -> str:
    lang, words, m = handout.lang, WORDS[handout.lang], handout.manifest
    p = b.para
    origin = ""
    if b.from_section:
        section = section_name(b.from_section, lang)
        origin = f'<span class="from">{esc(words["from"].format(section=section))}</span>'
    text_lang = "zh-Hans" if lang == "zh" else "en"
    side = "".join(_linked(handout, b, basis) for basis in BASES)
    if not side:
        side = f'<p class="small">{esc(words["nothing"])}</p>'
    return (f'<article class="para" id="para-{esc(p.key)}">\n<div class="text">'
            f'<h2><a href="{esc(m.page_url(p.url))}">{esc(para_label(p, lang))}</a>{origin}</h2>'
            f'<p lang="{text_lang}">{esc(para_text(p, lang))}</p>'
            f"{_footnotes(handout, b)}"
            f'<p class="cite">{esc(words["cite_as"])}{words["colon"]}{esc(para_citation(p, lang))}</p>'
            f"</div>\n<aside>{side}</aside>\n</article>")


def _meta(handout: Handout, e: Entry) -> str:
    words, lang = WORDS[handout.lang], handout.lang
    parts = [handout.corpus.vocab.type_label(e.type, lang)]
    if e.adopted:
        parts.append(words["adopted"].format(date=long_date_or_text(e.adopted, lang)))
    elif e.case:
        parts.append(words["decided"].format(date=long_date_or_text(e.case.decided, lang)))
    return " · ".join(parts)


def _entry(handout: Handout, e: Entry) -> str:
    lang, words, m = handout.lang, WORDS[handout.lang], handout.manifest
    title, note = entry_title(e, lang)
    unofficial = f' <span class="unofficial">（{esc(note)}）</span>' if note else ""
    if lang == "zh" and title != e.title:
        unofficial += f' <span class="unofficial" lang="en">{esc(e.title)}</span>'
    text, missing = entry_citation(handout.corpus, e, lang)
    cite_line = (f'<p class="cite"><strong>{esc(words["cite_as"])}{words["colon"]}</strong><span lang="en">'
                 f"{esc(text)}</span></p>" if text
                 else f'<p class="cite missing">{esc(missing or "")}</p>')
    summary = entry_summary(e, lang)
    if lang == "zh":
        body = f'<p lang="zh-Hans">{esc(summary)}</p>' if summary else ""
    else:
        body = clean(markdown.markdown(summary, extensions=["sane_lists"])) if summary else ""
    address = m.page_url(e.url_path)
    return (f'<li id="entry-{esc(e.id)}">\n<h3><span class="ref">[{handout.number(e)}]</span> '
            f"{esc(title)}{unofficial}</h3>\n"
            f'<p class="meta">{esc(_meta(handout, e))}</p>\n{cite_line}\n'
            f'<div class="summary">{body}</div>\n'
            f'<p class="address">{esc(words["address"])}{words["colon"]}<a href="{esc(address)}">'
            f"{esc(address)}</a></p>\n</li>")


def to_html(handout: Handout) -> str:
    lang, words, m = handout.lang, WORDS[handout.lang], handout.manifest
    name = m.name_zh if lang == "zh" and m.name_zh else m.name
    css = style(handout)
    csp = f"default-src 'none'; style-src {script_hash(css)}; img-src 'none'"
    scope = f'<p class="scope">{esc(handout.scope)}</p>' if handout.scope else ""
    head = (f'<header class="masthead">\n<p class="kb">{esc(name)}</p>\n'
            f"<h1>{esc(handout.title)}</h1>\n{scope}\n"
            f'<p class="small">{esc(edition(m, lang))} · {esc(words["site"].format(url=m.site_url))}'
            f"</p>\n"
            f'<p class="small">{esc(words["intro"].format(symbol=SYMBOL, url=OFFICIAL_URL))}</p>\n'
            f'<p class="small">{esc(words["how"])}</p>\n</header>')
    blocks = "\n".join(_block(handout, b) for b in handout.blocks)
    entries = ""
    if handout.entries:
        items = "\n".join(_entry(handout, e) for e in handout.entries)
        entries = (f'<section class="entries">\n<h2>{esc(words["entries"])}</h2>\n<ol>\n{items}\n'
                   "</ol>\n</section>")
    html_lang = "zh-Hans" if lang == "zh" else "en"
    return (f'<!doctype html>\n<html lang="{html_lang}">\n<head>\n<meta charset="utf-8">\n'
            f'<meta http-equiv="Content-Security-Policy" content="{esc(csp)}">\n'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f"<title>{esc(handout.title)}</title>\n<style>{css}</style>\n</head>\n<body>\n"
            f"{head}\n<main>\n<section class=\"paragraphs\">\n{blocks}\n</section>\n{entries}\n"
            "</main>\n</body>\n</html>\n")
