"""No raw HTML, no unsafe or plain-http links (TIP050, TIP060): the validator's early warning.

The site does not rely on it: indexer/site/sanitize.py cleans whatever gets through.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TYPE_CHECKING

from indexer.problems import Problem
from indexer.rules.registry import check, declare, problem

if TYPE_CHECKING:
    from indexer.corpus.frontmatter import Document

declare("TIP050", "error", "Links in the body use https.")
declare("TIP060", "error", "No raw HTML in the body or the front matter, and links only to https, "
                           "http and mailto addresses (checked after entity decoding).")

_HTTP_LINK = re.compile(r"\]\((http://[^)\s]+)\)|<(http://[^>\s]+)>")


def strings(value, path: tuple = ()) -> Iterable[tuple[tuple, str]]:
    """(key path, text) of every string in a front matter."""
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for k, v in value.items():
            yield from strings(v, path + (k,))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield from strings(v, path + (i,))


@check("file")
def check_html_and_links(doc: Document) -> list[Problem]:
    from indexer.rules.htmlscan import scan_html, scan_markdown  # here: html.parser when needed

    out = [problem(doc, doc.body_line + f.line - 1, "TIP060", f"body contains {f.what}",
                   "write plain Markdown: the site removes raw HTML and links other than https, "
                   "http and mailto", f.col)
           for f in scan_markdown(doc.body)]
    for offset, line in enumerate(doc.body.split("\n")):
        for m in _HTTP_LINK.finditer(line):
            out.append(problem(doc, doc.body_line + offset, "TIP050",
                               f"link {m.group(1) or m.group(2)} uses http",
                               "use the https address of the page"))
    for path, text in strings(doc.data):
        if found := scan_html(text):
            out.append(problem(doc, doc.line_of(*path), "TIP060",
                               f"{'.'.join(map(str, path))} contains {found[0].what}",
                               "facts and notes are plain text: no HTML"))
    return out
