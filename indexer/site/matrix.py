"""Static drawings made at build time: the paragraphs x entries matrix and the timeline strip.

Inline SVG, no JavaScript and no fonts of its own: the page's CSS styles it. The matrix draws
only the cited cells, so its size grows with the number of citations, not entries x paragraphs.
"""

from __future__ import annotations

import html
from collections import Counter

from indexer.corpus.model import Corpus, Entry
from indexer.site.urls import DIRECTORY, entry_src, href, para_src

CELL = 10  # column width and square size, px
ROW = 13  # row height, px
LABEL_W = 270  # width of the entry names on the left, px
HEAD_H = 62  # height of the column headers, px
GAP = 6  # extra space between groups of paragraphs, px
GROUP_SHORT = {"preamble": "PP", "operative": "OP", "general": "Plan", "prevention": "I",
               "protection": "II", "prosecution": "III", "partnership": "IV"}


def _h(text: str) -> str:
    return html.escape(str(text), quote=True)


def _short(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def matrix_html(corpus: Corpus, entries: list[Entry], from_src: str,
                url_style: str = DIRECTORY) -> str:
    """The matrix as one raw-HTML block (a scrollable figure holding an inline SVG)."""
    plan = corpus.plan
    paras = list(plan.paragraphs.values())
    x_of: dict[str, int] = {}
    groups: list[tuple[str, int, int]] = []  # (group, x start, x end)
    x, last = LABEL_W, None
    for para in paras:
        group = para.group
        if group != last:
            if last is not None:
                groups[-1] = (groups[-1][0], groups[-1][1], x)
                x += GAP
            groups.append((group, x, x))
            last = group
        x_of[para.key] = x
        x += CELL
    if groups:
        groups[-1] = (groups[-1][0], groups[-1][1], x)
    width = x + 4

    order = {t: i for i, t in enumerate(corpus.vocab.types)}
    rows = sorted(entries, key=lambda e: (order.get(e.type, 99), e.display_title.casefold()))
    out: list[str] = []
    y = HEAD_H
    current_type = None
    for entry in rows:
        if entry.type != current_type:
            current_type = entry.type
            y += 4
            out.append(f'<text class="t" x="2" y="{y + ROW - 2}">'
                       f"{_h(corpus.vocab.type_label(entry.type))}</text>")
            y += ROW
        link = href(from_src, entry_src(entry), url_style)
        out.append(f'<a href="{_h(link)}"><text x="{LABEL_W - 6}" y="{y + ROW - 3}" '
                   f'class="r"><title>{_h(entry.title)}</title>'
                   f"{_h(_short(entry.display_title, 44))}</text></a>")
        for ref in entry.plan_refs:
            key = ref.para
            if key in x_of:
                out.append(f'<rect x="{x_of[key] + 1}" y="{y + 2}" width="{CELL - 2}" '
                           f'height="{CELL - 2}"><title>{_h(entry.display_title)} · '
                           f"{_h(plan[key].label)}</title></rect>")
        y += ROW
    height = y + 6

    head: list[str] = []
    for group, x0, x1 in groups:
        head.append(f'<rect class="g" x="{x0}" y="{HEAD_H - 2}" width="{x1 - x0}" '
                    f'height="{height - HEAD_H + 2}"/>')
        head.append(f'<text class="h" x="{x0 + 1}" y="11">{GROUP_SHORT.get(group, group)}</text>')
    for para in paras:
        label = para.number.replace("(", "").replace(")", "")
        cx = x_of[para.key] + CELL - 2
        link = href(from_src, para_src(para), url_style)
        head.append(f'<a href="{_h(link)}"><text class="p" transform="translate({cx},{HEAD_H - 5}) '
                    f'rotate(-90)"><title>{_h(para.label)}</title>{_h(label)}</text></a>')
    svg = (f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
           f'viewBox="0 0 {width} {height}" role="img" '
           f'aria-label="Matrix of {len(paras)} paragraphs and {len(rows)} entries">'
           + "".join(head) + "".join(out) + "</svg>")
    return f'<div class="tipkb-matrix" data-search-exclude="true">\n{svg}\n</div>'


def timeline_svg(years: list[str], width: int = 720, height: int = 90) -> str:
    """A bar per year (entries adopted that year), with a label per decade."""
    counts = Counter(int(y) for y in years if y.isdigit())
    if not counts:
        return ""
    first, last = min(counts), max(counts)
    first -= first % 10
    span = last - first + 1
    bar = max(width / span, 1.0)
    top = max(counts.values())
    usable = height - 22
    parts = []
    for year, n in sorted(counts.items()):
        bh = max(round(usable * n / top), 2)
        x = (year - first) * bar
        parts.append(f'<a href="#d{year - year % 10}"><rect x="{x:.1f}" y="{usable - bh + 4}" '
                     f'width="{max(bar - 1, 1):.1f}" height="{bh}"><title>{year}: {n}</title>'
                     "</rect></a>")
    for decade in range(first, last + 1, 10):
        x = (decade - first) * bar
        parts.append(f'<text x="{x:.1f}" y="{height - 4}">{decade}</text>')
    return (f'<div class="tipkb-timeline" data-search-exclude="true">\n'
            f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
            f'viewBox="0 0 {width} {height}" role="img" aria-label="Entries adopted per year">'
            + "".join(parts) + "</svg>\n</div>")
