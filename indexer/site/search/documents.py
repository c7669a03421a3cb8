"""What the site's search box can find: entries, paragraphs and the hand-written pages.

Entries and paragraphs are the CLI's own documents (indexer.search.documents), with what only
the site shows added: an entry's provisions ("Art. 6 Assistance to victims"), its scope
(cited in 2010, later, or context: Corpus.scope) and its page's address. Hand-written pages
(docs/*.md) are read back from the built site; those under contributing/ are for contributors
and rank after everything a practitioner looks for.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

from indexer.corpus.model import Corpus, Entry
from indexer.corpus.names import entry_title, para_label
from indexer.search.documents import citing_entries, entry_document, paragraph_documents
from indexer.site.urls import src_of_url, style_of, url_of
from indexer.text import cjk_text, clip

# Field -> weight in the term frequency, as the CLI's TEXT_WEIGHTS: names weigh most.
# "provisions" (the site's own: 'article 6' for each article an entry sets out) weighs as a
# name, so that "Art. 6" finds the instruments that have an Art. 6 before the pages that
# mention one.
WEIGHTS = {
    "title": 3.0, "short_title": 3.0, "aliases": 3.0, "title_zh": 3.0, "ident": 3.0,
    "provisions": 3.0, "summary": 2.0, "text_en": 2.0, "text_zh": 2.0, "body": 1.0,
    "notes": 0.5,
}
NAME_FIELDS = ("title", "short_title", "aliases", "title_zh")
NAME_LIKE_FIELDS = ("provisions",)  # scored as names, without making the names longer
KINDS = ("entry", "paragraph", "page", "contributing")  # contributing: ranked last
EXCERPT_CHARS = 150


@dataclass
class SiteDoc:
    """One result of the search box: what it is called, where it is, what it is made of."""

    key: str  # entry id, paragraph key or page path
    kind: str  # one of KINDS
    url: str  # relative to the site root
    title: str
    subtitle: str = ""  # the Chinese name, or the full title when the title is short
    excerpt: str = ""
    type: str = ""
    region: str = ""
    scope: str = ""
    pillars: list[str] = field(default_factory=list)
    fields: dict[str, str] = field(default_factory=dict)  # field name -> text
    names: list[str] = field(default_factory=list)  # whole names, pinned when typed whole


def _provisions_text(entry: Entry) -> tuple[str, str]:
    """(identifiers, text) of an entry's provisions: 'article 6', and their titles."""
    ids, text = [], []
    for p in entry.provisions:
        ids.append(f"{p.unit} {p.number}")
        text.append(f"{p.unit} {p.number} {p.title}. {p.summary}")
    return "\n".join(ids), "\n".join(text)


def entry_doc(corpus: Corpus, entry: Entry, directory_urls: bool, lang: str = "en") -> SiteDoc:
    """An entry's result. In the Chinese edition (``lang`` zh) it is titled by its Chinese
    name over its English title, shows its Chinese summary, and that summary is searched as
    its summary is."""
    doc = entry_document(corpus.plan, entry)
    ids, provisions = _provisions_text(entry)
    # The CLI's document holds its provisions as records (the site's are the ids below) and
    # the Chinese summary as text_zh (the Chinese edition adds it to the summary below).
    fields = {k: ("\n".join(v) if isinstance(v, list) else v)
              for k, v in doc.items() if k in WEIGHTS and k not in ("provisions", "text_zh")}
    fields["provisions"] = ids
    fields["body"] = "\n".join(x for x in (fields.get("body", ""), provisions) if x)
    title, subtitle = entry.display_title, entry.zh_title
    excerpt = clip(doc["summary"] or doc["body"], EXCERPT_CHARS)
    if lang == "zh":
        title, subtitle = entry_title(entry, "zh")[0], entry.display_title
        summary_zh = cjk_text(entry.summary_zh or "")
        fields["summary"] = "\n".join(x for x in (summary_zh, fields.get("summary", "")) if x)
        excerpt = clip(summary_zh, EXCERPT_CHARS) if summary_zh else excerpt
    return SiteDoc(
        key=entry.id, kind="entry", url=url_of(src_of_url(entry.url_path), style_of(directory_urls)),
        title=title, subtitle=subtitle if subtitle != title else "",
        excerpt=excerpt,
        type=entry.type, region=entry.region, scope=corpus.scope(entry),
        pillars=list(doc["pillar"]), fields=fields,
        names=[n for n in entry.names if n] + [entry.id],
    )


def paragraph_docs(corpus: Corpus, directory_urls: bool, lang: str = "en") -> list[SiteDoc]:
    """The paragraphs' results; in Chinese titled as the resolution numbers them, with the
    Chinese text as excerpt."""
    out = []
    for doc in paragraph_documents(corpus.plan, citing_entries(corpus)):
        para = corpus.plan.paragraphs[doc["id"]]
        title, excerpt = doc["title"], clip(doc["text_en"] or doc["text_zh"], EXCERPT_CHARS)
        names = [doc["label"], doc["id"]]
        if lang == "zh":
            title = para_label(para, "zh")
            excerpt = clip(doc["text_zh"] or doc["text_en"], EXCERPT_CHARS)
            names.append(title)
        out.append(SiteDoc(
            key=doc["id"], kind="paragraph", url=url_of(src_of_url(para.url), style_of(directory_urls)),
            title=title, subtitle="", excerpt=excerpt,
            pillars=list(doc["pillar"]),
            fields={k: v for k, v in doc.items() if k in WEIGHTS and isinstance(v, str)},
            names=names,
        ))
    return out


class _ArticleText(HTMLParser):
    """The text of a built page's <article>: the h1, the other headings, the rest."""

    SKIP = {"script", "style", "template", "nav", "button"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.depth = 0  # inside <article> when > 0
        self.skip = 0
        self.heading = ""
        self.h1: list[str] = []
        self.headings: list[str] = []
        self.body: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag == "article":
            self.depth += 1
        elif not self.depth:
            return
        classes = (dict(attrs).get("class") or "").split()
        if tag in self.SKIP or "headerlink" in classes or self.skip:
            self.skip += tag not in ("br", "img", "hr", "input", "meta", "link")
        elif tag in ("h1", "h2", "h3", "h4"):
            self.heading = tag

    def handle_endtag(self, tag):
        if not self.depth:
            return
        if self.skip:
            self.skip -= tag not in ("br", "img", "hr", "input", "meta", "link")
            return
        if tag == "article":
            self.depth -= 1
        elif tag == self.heading:
            self.heading = ""
            (self.h1 if tag == "h1" else self.headings).append("\n")
        elif tag in ("p", "li", "td", "th", "pre", "div", "dd", "dt"):
            self.body.append("\n")

    def handle_data(self, data):
        if not self.depth or self.skip:
            return
        if self.heading == "h1":
            self.h1.append(data)
        elif self.heading:
            self.headings.append(data)
        else:
            self.body.append(data)


def page_doc(site_dir: Path, src: str, directory_urls: bool) -> SiteDoc | None:
    """The search document of a hand-written page, from its built HTML (None if not built)."""
    url = url_of(src, style_of(directory_urls))
    path = Path(site_dir) / (url + "index.html" if url.endswith("/") or not url else url)
    try:
        html = path.read_text(encoding="utf-8")
    except OSError:
        return None
    parser = _ArticleText()
    parser.feed(html)
    title = " ".join("".join(parser.h1).split()) or src
    headings = "".join(parser.headings)
    body = "".join(parser.body)
    kind = "contributing" if src.startswith("contributing/") else "page"
    return SiteDoc(key=src, kind=kind, url=url, title=title,
                   excerpt=clip(body, EXCERPT_CHARS),
                   fields={"title": title, "summary": headings, "body": body},
                   names=[title])


def site_documents(corpus: Corpus, site_dir: Path, page_sources: list[str],
                   directory_urls: bool = True, lang: str = "en") -> list[SiteDoc]:
    """Every document, in the order the index numbers them: entries, paragraphs, pages,
    then contributors' pages (so that "ranked after" is a comparison of numbers too)."""
    docs = [entry_doc(corpus, e, directory_urls, lang) for e in sorted(corpus, key=lambda e: e.id)]
    docs += paragraph_docs(corpus, directory_urls, lang)
    pages = [d for src in sorted(page_sources)
             if (d := page_doc(site_dir, src, directory_urls)) is not None]
    docs += [d for d in pages if d.kind == "page"] + [d for d in pages if d.kind != "page"]
    return docs
