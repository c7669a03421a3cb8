"""The site's "Cite this" boxes and the citation files published with the site.

Both read the format registry (indexer/publish/formats.py): the styles marked ``text`` are shown
with a copy button, those marked ``download`` are offered as files, and every format that renders
a selection is published whole under ``data/``.
"""

from __future__ import annotations

import html
import posixpath

from indexer.corpus.model import Corpus, Entry
from indexer.corpus.plan import Paragraph
from indexer.publish.cite import MISSING_WORDS_ZH, CitationMissing
from indexer.publish.formats import FORMATS, Subject
from indexer.publish.handout import edition
from indexer.publish.selection import EVERYTHING
from indexer.site.i18n import EN, ZH, has, t
from indexer.site.urls import DIRECTORY, url_of

CITE_DIR = "cite"
DATA_DIR = "data"


def file_href(from_src: str, path: str, url_style: str = DIRECTORY) -> str:
    """Relative URL from the page built from ``from_src`` to a file of the site."""
    here = url_of(from_src, url_style)
    folder = here.rstrip("/") if here.endswith("/") else posixpath.dirname(here)
    return posixpath.relpath(path, folder or ".")


def stem_of(subject: Subject) -> str:
    return f"a-res-64-293-{subject.key}" if isinstance(subject, Paragraph) else subject.id


def _label(name: str, lang: str, zh_form: bool = False) -> str:
    """A style's name in the page's language ("联合国格式（中文）"), else the registry's."""
    key = f"cite.style.{name}" + (".zh" if zh_form else "")
    return t(key, lang) if has(key, lang) else FORMATS[name].label


def _text(corpus: Corpus, subject: Subject, name: str, lang: str = EN,
          zh_form: bool = False) -> str:
    fmt = FORMATS[name]
    cite = fmt.cite_zh if zh_form else fmt.cite
    assert cite is not None
    label = html.escape(_label(name, lang, zh_form))
    try:
        text = cite(corpus, subject)
    except CitationMissing as exc:
        words = ([MISSING_WORDS_ZH.get(f, f) for f in exc.facts] if lang == ZH
                 else exc.missing)
        missing = t("cite.missing_sep", lang).join(words)
        return (f'<p class="tipkb-citebox-missing">'
                f"{t('cite.missing', lang, style=label, missing=html.escape(missing))}</p>")
    # Pygments' markup, so Material's copy button attaches to the block. The block wraps its
    # line (tipkb.css), so the button never hides the end of the citation.
    text_lang = ' lang="zh"' if zh_form else (' lang="en"' if lang != EN else "")
    return (f"<p><strong>{label}</strong></p>\n"
            f'<div class="highlight tipkb-cite-text"><pre><span></span><code{text_lang}>'
            f"{html.escape(text)}</code></pre></div>")


def edition_of(corpus: Corpus, lang: str = EN) -> str:
    """The release in words: 'version 1.0.0, 1 December 2026', '版本 1.0.0，2026年12月1日'."""
    return corpus.manifest.edition if lang == EN else edition(corpus.manifest, lang)


def _downloads(subject: Subject, from_src: str, url_style: str, lang: str = EN,
               files_root: str = "") -> str:
    def link(f) -> str:
        path = f"{files_root}{CITE_DIR}/{stem_of(subject)}.{f.extension}"
        url = file_href(from_src, path, url_style)
        return f'<a href="{html.escape(url)}" download>{html.escape(f.label)}</a>'

    links = [link(f) for f in FORMATS.values() if f.citebox == "download"]
    return f'<p class="tipkb-downloads">{t("cite.download", lang, links=" · ".join(links))}</p>'


def box(corpus: Corpus, subject: Subject, from_src: str, url_style: str = DIRECTORY,
        lang: str = EN, files_root: str = "") -> str:
    """The box in the edition's language: in Chinese, each style's Chinese form first, where it
    has one, then the styles as they are; ``files_root`` leads to the one copy of the files."""
    texts = []
    for name, f in FORMATS.items():
        if f.citebox != "text":
            continue
        if lang == ZH and f.cite_zh:
            texts.append(_text(corpus, subject, name, lang, zh_form=True))
        texts.append(_text(corpus, subject, name, lang))
    release = html.escape(t("release", lang, edition=edition_of(corpus, lang)))
    return "\n".join(['<div class="tipkb-citebox">', *texts,
                      _downloads(subject, from_src, url_style, lang, files_root),
                      f'<p class="tipkb-edition">{release}</p>', "</div>"])


def entry_box(corpus: Corpus, entry: Entry, from_src: str, url_style: str = DIRECTORY,
              lang: str = EN, files_root: str = "") -> str:
    return box(corpus, entry, from_src, url_style, lang, files_root)


def paragraph_box(corpus: Corpus, para: Paragraph, from_src: str,
                  url_style: str = DIRECTORY, lang: str = EN, files_root: str = "") -> str:
    return box(corpus, para, from_src, url_style, lang, files_root)


def citation_files(corpus: Corpus) -> dict[str, str]:
    """Site path -> content: one file per download format for every entry and paragraph, and
    the whole corpus in every format that renders a selection (the open data)."""
    files: dict[str, str] = {}
    subjects: list[Subject] = [*corpus, *corpus.plan.paragraphs.values()]
    for fmt in FORMATS.values():
        if fmt.citebox == "download" and fmt.cite:
            for subject in subjects:
                files[f"{CITE_DIR}/{stem_of(subject)}.{fmt.extension}"] = fmt.cite(corpus, subject)
        if fmt.render:
            files[f"{DATA_DIR}/tipkb.{fmt.extension}"] = fmt.render(corpus, EVERYTHING)
    return files
