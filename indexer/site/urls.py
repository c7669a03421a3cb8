"""Where pages live and how one page links to another.

Pages are named by their source path in the (virtual) docs folder, e.g. ``entries/untoc.md``.
Markdown links use those paths and MkDocs checks and rewrites them; raw HTML (the matrix, the
timeline) cannot be rewritten, so it gets final URLs from :func:`href`, which follows MkDocs'
two URL styles (``plan/38/`` with directory URLs, ``plan/38.html`` without, as for the
offline build).
"""

from __future__ import annotations

import posixpath

from indexer.corpus.model import Entry
from indexer.corpus.plan import Paragraph


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
    if from_src == to_src:
        target = ""
    else:
        target = posixpath.relpath(to_src, posixpath.dirname(from_src) or ".")
    return target + (f"#{anchor}" if anchor else "") or "#"


def url_of(src: str, directory_urls: bool = True) -> str:
    """The URL (relative to the site root) MkDocs gives the page built from ``src``."""
    base = src[: -len(".md")]
    if not directory_urls:
        return f"{base}.html"
    if base == "index":
        return ""
    if base.endswith("/index"):
        return base[: -len("index")]
    return f"{base}/"


def href(from_src: str, to_src: str, directory_urls: bool = True, anchor: str = "") -> str:
    """Relative URL for raw HTML from the page built from ``from_src`` to ``to_src``."""
    frm, to = url_of(from_src, directory_urls), url_of(to_src, directory_urls)
    dirs = frm.split("/")[:-1]  # the folders the page is in ("plan/38/" -> plan, 38)
    parts = to.split("/")  # folders, then the file name ("" for a folder URL)
    common = 0
    while common < len(dirs) and common < len(parts) - 1 and dirs[common] == parts[common]:
        common += 1
    target = "../" * (len(dirs) - common) + "/".join(parts[common:])
    return (target or "./") + (f"#{anchor}" if anchor else "")
