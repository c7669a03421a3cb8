"""Every output format, registered once: citation styles, bibliography files, data exports.

A format can cite one subject (an entry or a paragraph of the Plan), render a file for a
selection, and be offered in the site's "Cite this" box (as text to copy, or as a file to
download). `tipkb cite`, `tipkb export`, the site's boxes and its open-data files all read this
registry: a new format is one entry here.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from indexer.corpus.model import Corpus, Entry
from indexer.corpus.plan import Paragraph
from indexer.publish import bibliography, cite
from indexer.publish.selection import Selection

Subject = Entry | Paragraph


@dataclass(frozen=True)
class Format:
    name: str
    label: str
    extension: str | None = None  # of the files it writes
    cite: Callable[[Corpus, Subject], str] | None = None  # one subject
    render: Callable[[Corpus, Selection], str] | None = None  # a file for a selection
    citebox: str | None = None  # "text" (copy) or "download" in the site's Cite this box
    # The same style in Chinese, where the style has a Chinese form (tipkb cite --lang zh, and
    # the first line of the Chinese edition's Cite this box).
    cite_zh: Callable[[Corpus, Subject], str] | None = None


def record(corpus: Corpus, subject: Subject) -> dict:
    """The CSL-JSON item of an entry or a paragraph."""
    if isinstance(subject, Paragraph):
        return cite.paragraph_csl(subject, corpus.manifest)
    return dict(_csl_item(corpus, subject))


def _csl_item(corpus: Corpus, entry: Entry) -> dict:
    """An entry's CSL-JSON item, made once per corpus (the site writes it in several files)."""
    items = corpus.derived.setdefault("csl_items", {})
    if entry.id not in items:
        items[entry.id] = cite.csl_item(corpus, entry)
    return items[entry.id]


def records(corpus: Corpus, selection: Selection) -> list[dict]:
    """The CSL-JSON items of a selection, made once per corpus and selection: the site writes
    every bibliography in three formats, and each entry is in several bibliographies."""
    made = corpus.derived.setdefault("csl_records", {})
    if selection not in made:
        made[selection] = ([_csl_item(corpus, e) for e in selection.entries(corpus)]
                           + [cite.paragraph_csl(p, corpus.manifest)
                              for p in selection.paragraphs(corpus)])
    return [dict(item) for item in made[selection]]


def _style(entry_style, para_style):
    def cite_one(corpus: Corpus, subject: Subject) -> str:
        if isinstance(subject, Paragraph):
            return para_style(subject)
        return entry_style(subject, corpus.manifest)
    return cite_one


def _records_format(writer):
    def cite_one(corpus: Corpus, subject: Subject) -> str:
        return writer([record(corpus, subject)])

    def render(corpus: Corpus, selection: Selection) -> str:
        return writer(records(corpus, selection))
    return cite_one, render


def _json(corpus: Corpus, selection: Selection) -> str:
    from indexer.publish.export import to_json

    return to_json(corpus, selection)


def _csv(corpus: Corpus, selection: Selection) -> str:
    from indexer.publish.export import to_csv

    return to_csv(corpus, selection)


_bib_cite, _bib_records = _records_format(bibliography.to_bibtex)


def _bib_render(corpus: Corpus, selection: Selection) -> str:
    """A BibTeX file that names the release it comes from (RIS and CSL-JSON have no comments;
    their records of the knowledge base's pages carry the version)."""
    m = corpus.manifest
    return bibliography.bibtex_header(m.name, m.edition, m.site_url) + _bib_records(corpus, selection)


_ris_cite, _ris_render = _records_format(bibliography.to_ris)
_csl_cite, _csl_render = _records_format(bibliography.to_csl_json)

FORMATS: dict[str, Format] = {f.name: f for f in (
    Format("un", "United Nations style", cite=_style(cite.un_style, cite.paragraph_un),
           citebox="text", cite_zh=_style(cite.un_style_zh, cite.paragraph_zh)),
    Format("oscola", "OSCOLA", cite=_style(cite.oscola, cite.paragraph_oscola), citebox="text"),
    Format("bibtex", "BibTeX", "bib", _bib_cite, _bib_render, "download"),
    Format("ris", "RIS", "ris", _ris_cite, _ris_render, "download"),
    Format("csl-json", "CSL-JSON", "csl.json", _csl_cite, _csl_render, "download"),
    Format("csv", "CSV", "csv", render=_csv),
    Format("json", "JSON", "json", render=_json),
)}


def styles() -> list[str]:
    """Formats that cite one subject."""
    return [name for name, f in FORMATS.items() if f.cite]


def styles_zh() -> list[str]:
    """Formats that cite one subject in Chinese too."""
    return [name for name, f in FORMATS.items() if f.cite_zh]


def exports() -> list[str]:
    """Formats that write a file for a selection."""
    return [name for name, f in FORMATS.items() if f.render]
