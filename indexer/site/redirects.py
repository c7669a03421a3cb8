"""Pages at the old addresses of renamed entries, so that published links and citations still work.

Ids are permanent once published; when one must change all the same, corpus.yaml's ``renamed``
map (old id -> new id) keeps the old address alive. Each old address gets a small static page:
a meta refresh to the new page (no script, so the Content-Security-Policy stays ``default-src
'none'``), a canonical link to the new page's permanent address (search engines move their
entry), and a visible link for readers whose browser does not follow the refresh.

The pages are plain files, not Markdown pages of the theme: a redirect needs its own <head>,
and it must not appear in the navigation, the search index or the sitemap.
"""

from __future__ import annotations

import html

from indexer.corpus.model import Corpus, Entry
from indexer.site.urls import DIRECTORY, href, src_of_url, url_of

CSP = "default-src 'none'"


class RenameError(Exception):
    """The renamed map does not lead every old id to one entry: ``problems`` says why."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("; ".join(problems))


def rename_problems(corpus: Corpus) -> list[str]:
    """What is wrong with corpus.yaml's renamed map, in words ([] when nothing is)."""
    renamed = corpus.manifest.renamed
    problems = []
    for old in sorted(renamed):
        if old in corpus.entries:
            problems.append(f"renamed: '{old}' is still the id of an entry; an id that was "
                            "renamed cannot be used again")
        elif _target(corpus, old) is None:
            problems.append(f"renamed: '{old}' -> '{renamed[old]}' leads to no entry")
    return problems


def _target(corpus: Corpus, old: str) -> Entry | None:
    """The entry an old id now leads to, following renames of renamed ids; None if none."""
    seen = {old}
    current = corpus.manifest.renamed[old]
    while current not in corpus.entries:
        if current in seen or current not in corpus.manifest.renamed:
            return None
        seen.add(current)
        current = corpus.manifest.renamed[current]
    return corpus.entries[current]


def redirect_path(old: str, url_style: str = DIRECTORY) -> str:
    """The file of the old address: ``entries/<old>/index.html`` (or ``entries/<old>.html``)."""
    url = url_of(src_of_url(f"entries/{old}/"), url_style)
    return url + "index.html" if url.endswith("/") else url


def redirect_page(corpus: Corpus, old: str, entry: Entry, url_style: str = DIRECTORY) -> str:
    esc = html.escape
    src_old, src_new = src_of_url(f"entries/{old}/"), src_of_url(entry.url_path)
    target = href(src_old, src_new, url_style)
    canonical = corpus.manifest.page_url(entry.url_path)
    title = entry.display_title
    return (
        "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        f'<meta http-equiv="Content-Security-Policy" content="{esc(CSP)}">\n'
        f'<meta http-equiv="refresh" content="0; url={esc(target)}">\n'
        f'<link rel="canonical" href="{esc(canonical)}">\n'
        '<meta name="robots" content="noindex">\n'
        f"<title>Moved: {esc(title)}</title>\n</head>\n<body>\n"
        f"<p>The entry <code>{esc(old)}</code> is now "
        f'<a href="{esc(target)}">{esc(title)}</a> (<code>{esc(entry.id)}</code>), at '
        f"{esc(canonical)}.</p>\n"
        f"<p>This page stays so that links and citations to the old address keep working. "
        f"{esc(corpus.manifest.name)}, {esc(corpus.manifest.edition)}.</p>\n"
        "</body>\n</html>\n"
    )


def redirect_files(corpus: Corpus, url_style: str = DIRECTORY) -> dict[str, str]:
    """Site path -> HTML: one page at the old address of every renamed entry.

    Raises RenameError when the map is wrong (an old id still in use, or leading nowhere).
    """
    if problems := rename_problems(corpus):
        raise RenameError(problems)
    out: dict[str, str] = {}
    for old in sorted(corpus.manifest.renamed):
        entry = _target(corpus, old)
        assert entry is not None  # rename_problems said so
        out[redirect_path(old, url_style)] = redirect_page(corpus, old, entry, url_style)
    return out
