"""Where pages live and how one page links to another.

Pages are named by their source path in the (virtual) docs folder, e.g. ``entries/untoc.md``.
The generated pages link in raw HTML, which MkDocs passes through as it is: :func:`href` gives
final URLs, in one of three styles:

- ``DIRECTORY``: ``plan/38/`` (MkDocs' directory URLs, the published site);
- ``FILE``: ``plan/38.html`` (the offline build, opened from disk);
- ``SOURCE``: ``../plan/38.md``, the path between the Markdown sources, for generators that
  rewrite every link of a page, raw HTML included, as they rewrite Markdown links (Zensical;
  ``tipkb site-src --links source``).
"""

from __future__ import annotations

import posixpath

from indexer.corpus.manifest import edition_dir
from indexer.corpus.model import Entry
from indexer.corpus.plan import Paragraph

DIRECTORY, FILE, SOURCE = "directory", "file", "source"
URL_STYLES = (DIRECTORY, FILE, SOURCE)


def style_of(use_directory_urls: bool) -> str:
    """The URL style of an MkDocs build."""
    return DIRECTORY if use_directory_urls else FILE


def src_of_url(url: str) -> str:
    """``plan/38/`` -> ``plan/38.md``; ``""`` -> ``index.md``."""
    url = url.strip("/")
    return f"{url}.md" if url else "index.md"


def entry_src(entry: Entry) -> str:
    return src_of_url(entry.url_path)


def para_src(para: Paragraph) -> str:
    return src_of_url(para.url)


def md(from_src: str, to_src: str, anchor: str = "") -> str:
    """Relative Markdown link target from one page source to another."""
    target = "" if from_src == to_src else posixpath.relpath(to_src, posixpath.dirname(from_src) or ".")
    return target + (f"#{anchor}" if anchor else "") or "#"


def url_of(src: str, url_style: str = DIRECTORY) -> str:
    """The URL (relative to the site root) of the page built from ``src``."""
    if url_style == SOURCE:
        return src
    base = src[: -len(".md")]
    if url_style == FILE:
        return f"{base}.html"
    if base == "index":
        return ""
    if base.endswith("/index"):
        return base[: -len("index")]
    return f"{base}/"


def href(from_src: str, to_src: str, url_style: str = DIRECTORY, anchor: str = "") -> str:
    """Relative URL for raw HTML from the page built from ``from_src`` to ``to_src``."""
    if url_style == SOURCE:
        return md(from_src, to_src, anchor)
    frm, to = url_of(from_src, url_style), url_of(to_src, url_style)
    dirs = frm.split("/")[:-1]  # the folders the page is in ("plan/38/" -> plan, 38)
    parts = to.split("/")  # folders, then the file name ("" for a folder URL)
    common = 0
    while common < len(dirs) and common < len(parts) - 1 and dirs[common] == parts[common]:
        common += 1
    target = "../" * (len(dirs) - common) + "/".join(parts[common:])
    return (target or "./") + (f"#{anchor}" if anchor else "")


def edition_href(page_url: str, from_lang: str, to_lang: str) -> str:
    """Relative URL from a page of one language's edition to the page at the same path in
    another's (``entries/untoc/`` in English -> ``../../zh/entries/untoc/``); ``page_url`` is
    the page's URL within its edition, in any URL style but SOURCE."""
    here = edition_dir(from_lang) + page_url
    there = edition_dir(to_lang) + page_url
    folder = here if here == "" or here.endswith("/") else posixpath.dirname(here)
    target = posixpath.relpath(there or ".", folder or ".")
    if target == ".":
        return "./"
    return target + "/" if there == "" or there.endswith("/") else target
