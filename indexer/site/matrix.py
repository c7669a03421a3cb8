"""The paragraphs x entries matrix and the timeline, as HTML made at build time.

No JavaScript and no SVG: the page's CSS (docs/assets/tipkb.css) draws them.

- The matrix is a table: one row per entry (grouped by type), one column per paragraph
  (grouped by part and section). Each cited cell is a link whose text (a tooltip on hover and
  on keyboard focus, the link's name for screen readers) says which entry, which paragraph and
  on what basis; it opens the entry page at its paragraph, where the curator's note is. The
  table has only a cell per paragraph per entry, so it grows with entries x paragraphs: about
  a tenth of a kilobyte per entry once compressed.
- The same links as lists, per entry and per paragraph (:func:`by_entry`, :func:`by_paragraph`):
  what a narrow screen shows instead of the table, and a plain reading order for everyone.
- The timeline is a bar per year from the first year with an entry to the last, and a link per
  decade to its list.
"""

from __future__ import annotations

import html
from collections import Counter
from collections.abc import Iterable

from indexer.corpus.model import Corpus, Entry, PlanRef
from indexer.corpus.plan import Paragraph
from indexer.site.i18n import EN, t
from indexer.site.urls import DIRECTORY, entry_src, href, para_src

# Column group headings, short enough for the width of their columns.
GROUP_SHORT = {"preamble": "Preamble", "operative": "Operative", "general": "Plan: general",
               "prevention": "I. Prevention", "protection": "II. Protection",
               "prosecution": "III. Prosecution", "partnership": "IV. Partnership"}
# How a cell reads: "CEDAW, PP 6: named"; and the lists' words for each basis.
BASIS_WORD = {"named": "named", "relevant": "relevant", "develops": "develops"}
BASIS_BY_ENTRY = {"named": "Named in", "relevant": "Relevant to", "develops": "Develops"}
BASIS_BY_PARA = {"named": "Names", "relevant": "Relevant", "develops": "Developed by"}
BASES = ("named", "relevant", "develops")


def _h(text: object) -> str:
    return html.escape(str(text), quote=True)


def _rows(corpus: Corpus, entries: Iterable[Entry]) -> list[tuple[str, list[Entry]]]:
    """The entries grouped by type, in the vocabulary's order, each group by title."""
    order = {t: i for i, t in enumerate(corpus.vocab.types)}
    by_type: dict[str, list[Entry]] = {}
    for entry in sorted(entries, key=lambda e: (order.get(e.type, len(order)),
                                                e.display_title.casefold(), e.id)):
        by_type.setdefault(entry.type, []).append(entry)
    return list(by_type.items())


def _columns(corpus: Corpus) -> list[tuple[str, list[Paragraph]]]:
    """The paragraphs grouped by part and section, in document order."""
    out: dict[str, list[Paragraph]] = {}
    for para in corpus.plan.paragraphs.values():
        out.setdefault(para.group, []).append(para)
    return list(out.items())


def _refs(entry: Entry, corpus: Corpus) -> dict[str, PlanRef]:
    """The entry's links by paragraph key (the first, where a paragraph is given twice)."""
    out: dict[str, PlanRef] = {}
    for ref in entry.plan_refs:
        if ref.para in corpus.plan.paragraphs:
            out.setdefault(ref.para, ref)
    return out


def matrix_html(corpus: Corpus, entries: list[Entry], from_src: str,
                url_style: str = DIRECTORY) -> str:
    """The matrix as one HTML block: a legend and a table in a box that scrolls where the
    screen is narrower than the table (the entry names stay in view)."""
    columns = _columns(corpus)
    n_paras = sum(len(paras) for _, paras in columns)
    rows = _rows(corpus, entries)
    n_entries = sum(len(members) for _, members in rows)

    head_groups = ['<td class="tipkb-grid__corner" rowspan="2"></td>']
    head_paras = []
    for group, paras in columns:
        head_groups.append(f'<th scope="colgroup" colspan="{len(paras)}" '
                           f'class="tipkb-grid__group">{_h(GROUP_SHORT.get(group, group))}</th>')
        for i, para in enumerate(paras):
            first = " tipkb-grid__first" if i == 0 else ""
            short = para.number.replace("(", "").replace(")", "")  # 16(a) -> 16a
            link = href(from_src, para_src(para), url_style)
            head_paras.append(
                f'<th scope="col" class="tipkb-grid__para{first}"><a href="{_h(link)}" '
                f'title="{_h(para.label)}"><span class="tipkb-sr">{_h(para.label)}</span>'
                f'<span aria-hidden="true">{_h(short)}</span></a></th>')
    out = ['<div class="tipkb-matrix" data-search-exclude="true">',
           "<p>One row per entry, one column per paragraph (the preamble, the operative part, "
           "then the Plan's sections). A mark means the paragraph cites the entry, and its "
           "shape says how; each mark links to what the entry page says of the paragraph. "
           "Entry names link to the entries, column numbers to the paragraphs.</p>",
           _legend(),
           '<div class="tipkb-grid-box" role="region" aria-labelledby="tipkb-grid-caption">',
           '<table class="tipkb-grid">',
           f'<caption id="tipkb-grid-caption">Matrix of {n_paras} paragraphs (columns) and '
           f"{n_entries} entries (rows)</caption>",
           "<thead><tr>" + "".join(head_groups) + "</tr>",
           "<tr>" + "".join(head_paras) + "</tr></thead>"]
    width = n_paras + 1
    half = n_paras // 2
    for type_value, members in rows:
        out.append(f'<tbody><tr class="tipkb-grid__type"><th scope="rowgroup" '
                   f'colspan="{width}">{_h(corpus.vocab.type_label(type_value))}</th></tr>')
        for entry in members:
            refs = _refs(entry, corpus)
            link = href(from_src, entry_src(entry), url_style)
            cells = [f'<tr><th scope="row"><a href="{_h(link)}" title="{_h(entry.title)}">'
                     f"{_h(entry.display_title)}</a></th>"]
            col = 0
            for _, paras in columns:
                empty, at_start = 0, True  # a run of empty cells is one cell: a lighter page
                for para in paras:
                    ref = refs.get(para.key)
                    if ref is None:
                        empty += 1
                        col += 1
                        continue
                    if empty:
                        cells.append(_empty(empty, at_start))
                        empty, at_start = 0, False
                    cls = ["tipkb-grid__first"] if at_start else []
                    at_start = False
                    if col >= half:
                        cls.append("tipkb-grid__late")
                    attr = f' class="{" ".join(cls)}"' if cls else ""
                    target = href(from_src, entry_src(entry), url_style, para.key)
                    basis = BASIS_WORD.get(ref.basis, ref.basis)
                    cells.append(
                        f'<td{attr}><a class="tipkb-cell tipkb-cell--{_h(ref.basis)}" '
                        f'href="{_h(target)}"><span class="tipkb-tip">'
                        f"{_h(entry.display_title)}, {_h(para.label)}: {_h(basis)}"
                        "</span></a></td>")
                    col += 1
                if empty:
                    cells.append(_empty(empty, at_start))
            out.append("".join(cells) + "</tr>")
        out.append("</tbody>")
    out += ["</table>", "</div>", "</div>"]
    return "\n".join(out)


def _empty(span: int, first: bool) -> str:
    cls = ' class="tipkb-grid__first"' if first else ""
    return f'<td colspan="{span}"{cls}></td>' if span > 1 else f"<td{cls}></td>"


def _legend() -> str:
    items = [("named", "named in the paragraph or its footnote (checked against the text)"),
             ("relevant", "relevant to it, in the curators' judgement"),
             ("develops", "a later text that develops it")]
    return ('<ul class="tipkb-legend">'
            + "".join(f'<li><span class="tipkb-cell tipkb-cell--{b}" aria-hidden="true"></span> '
                      f"{_h(text)}</li>" for b, text in items)
            + "</ul>")


def by_entry(corpus: Corpus, entries: list[Entry], from_src: str,
             url_style: str = DIRECTORY) -> list[tuple[str, str, str]]:
    """Per type of entry: (type, its label, a list of its entries, each with the paragraphs
    that name it, that it is relevant to and that it develops)."""
    plan = corpus.plan
    order = {key: i for i, key in enumerate(plan.paragraphs)}
    out = []
    for type_value, group in _rows(corpus, entries):
        items = []
        for entry in group:
            link = href(from_src, entry_src(entry), url_style)
            by_basis: dict[str, list[Paragraph]] = {}
            for key, ref in _refs(entry, corpus).items():
                by_basis.setdefault(ref.basis, []).append(plan[key])
            parts = []
            for basis in BASES:
                paras = by_basis.get(basis)
                if paras:
                    links = ", ".join(
                        f'<a href="{_h(href(from_src, para_src(p), url_style))}">{_h(p.label)}</a>'
                        for p in sorted(paras, key=lambda p: order[p.key]))
                    parts.append(f'<span class="tipkb-mx-refs"><span class="tipkb-mx-basis">'
                                 f"{_h(BASIS_BY_ENTRY[basis])}:</span> {links}</span>")
            if not parts:
                parts.append('<span class="tipkb-mx-refs">No paragraph.</span>')
            items.append(f'<li><a href="{_h(link)}">{_h(entry.display_title)}</a>'
                         + "".join(parts) + "</li>")
        out.append((type_value, corpus.vocab.type_label(type_value),
                    '<ul class="tipkb-mx-list">\n' + "\n".join(items) + "\n</ul>"))
    return out


def by_paragraph(corpus: Corpus, entries: list[Entry], from_src: str,
                 url_style: str = DIRECTORY) -> list[tuple[str, str, str]]:
    """Per part and section: (group, its short label, a list of its paragraphs, each with the
    entries it names, those relevant to it and those that develop it)."""
    cited: dict[str, dict[str, list[Entry]]] = {}
    for entry in sorted(entries, key=lambda e: (e.display_title.casefold(), e.id)):
        for key, ref in _refs(entry, corpus).items():
            cited.setdefault(key, {}).setdefault(ref.basis, []).append(entry)
    out = []
    for group, paras in _columns(corpus):
        items = []
        for para in paras:
            link = href(from_src, para_src(para), url_style)
            parts = []
            for basis in BASES:
                named = cited.get(para.key, {}).get(basis)
                if named:
                    links = ", ".join(
                        f'<a href="{_h(href(from_src, entry_src(e), url_style))}">'
                        f"{_h(e.display_title)}</a>" for e in named)
                    parts.append(f'<span class="tipkb-mx-refs"><span class="tipkb-mx-basis">'
                                 f"{_h(BASIS_BY_PARA[basis])}:</span> {links}</span>")
            if not parts:
                parts.append('<span class="tipkb-mx-refs">No entry.</span>')
            items.append(f'<li><a href="{_h(link)}">{_h(para.label)}</a>' + "".join(parts)
                         + "</li>")
        out.append((group, GROUP_SHORT.get(group, group),
                    '<ul class="tipkb-mx-list">\n' + "\n".join(items) + "\n</ul>"))
    return out


def timeline_html(years: Iterable[str], lang: str = EN) -> str:
    """A bar per year, from the first year with an entry to the last, and a link per decade
    to its list (the anchors ``#d<decade>`` of the timeline page); "" for no year. Its words
    are site/i18n.py's "timeline.*", in ``lang``."""
    counts = Counter(int(y) for y in years if str(y).isdigit())
    if not counts:
        return ""
    first, last = min(counts), max(counts)
    span = last - first + 1
    top = max(counts.values())
    bars = []
    for year in range(first, last + 1):
        n = counts.get(year, 0)
        if n:
            height = max(100 * n / top, 4)
            bars.append(f'<span class="tipkb-timeline__bar" style="height:{height:.0f}%" '
                        f'title="{year}: {n}"></span>')
        else:
            bars.append('<span class="tipkb-timeline__gap"></span>')
    ticks = [first] + [d for d in range(first - first % 10 + 10, last + 1, 10) if d - first >= 5]
    labels = []
    for i, year in enumerate(ticks):
        where = 100 * (year - first) / span
        cls = " tipkb-timeline__tick--minor" if i and (year // 10) % 2 else ""
        cls += " tipkb-timeline__tick--end" if where > 92 else ""  # its label left of the line
        labels.append(f'<span class="tipkb-timeline__tick{cls}" style="left:{where:.2f}%">'
                      f"{year}</span>")
    decades = Counter(year - year % 10 for year in counts.elements())
    busiest = max(decades, key=lambda d: (decades[d], -d))
    total = sum(counts.values())
    caption = t("timeline.caption", lang, first=first, last=last, total=total,
                decade=t("timeline.decade", lang, decade=busiest), count=decades[busiest])
    jump = " ".join(f'<a href="#d{d}">{_h(t("timeline.decade", lang, decade=d))} '
                    f'<span class="tipkb-count">({n})</span></a>'
                    for d, n in sorted(decades.items()))
    return ('<figure class="tipkb-timeline" data-search-exclude="true">\n'
            f'<div class="tipkb-timeline__bars" aria-hidden="true">{"".join(bars)}</div>\n'
            f'<div class="tipkb-timeline__axis" aria-hidden="true">{"".join(labels)}</div>\n'
            f"<figcaption>{_h(caption)}</figcaption>\n</figure>\n"
            f'<nav class="tipkb-decades" aria-label="{_h(t("timeline.decades", lang))}">{jump}</nav>')
