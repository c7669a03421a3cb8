"""An entry's own Markdown body as safe HTML, one section at a time.

The body is the only Markdown an entry contributes to its page, and it is untrusted. Each
section (the text under one ``## heading``) is converted on its own and cleaned by the
allow-list sanitiser before it becomes a block of the page: whatever a section holds (an
unclosed ``<textarea>``, ``<plaintext>``, a forged slot), it can swallow or spoil only that
section, never the rest of the page. The headings themselves become the page's own escaped
Markdown headings, so the table of contents keeps them.

Links between entries are written ``../<id>/`` (as `tipkb check-links` expects); here they get
the URL the site really uses, in both URL styles (``entries/untoc/`` online, ``untoc.html`` in
the copy that opens from disk).
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import markdown
from markdown.extensions.toc import slugify
from markdown.treeprocessors import Treeprocessor

from indexer.site.sanitize import clean
from indexer.site.urls import DIRECTORY, href, src_of_url

_ENTRY_LINK = re.compile(r"^\.\./([a-z0-9]+(?:-[a-z0-9]+)*)/(#[A-Za-z0-9_-]*)?$")
_PAGE_LINK = re.compile(r"^(\.\./)+((?:plan|resolution|entries|browse)/[a-z0-9/-]*)(#[\w-]*)?$")


class _Links(Treeprocessor):
    """Rewrite relative links between pages to the URLs of the current build."""

    def __init__(self, md, state: dict):
        super().__init__(md)
        self.state = state

    def run(self, root: ET.Element) -> None:
        from_src, url_style = self.state["from"], self.state["url_style"]
        for a in root.iter("a"):
            url = a.get("href") or ""
            if m := _ENTRY_LINK.match(url):
                target, anchor = f"entries/{m.group(1)}.md", (m.group(2) or "#")[1:]
            elif m := _PAGE_LINK.match(url):
                target, anchor = src_of_url(m.group(2)), (m.group(3) or "#")[1:]
            else:
                continue
            a.set("href", href(from_src, target, url_style, anchor))


class BodyRenderer:
    """Converts body sections; one Markdown instance per build, reset between sections."""

    def __init__(self, url_style: str = DIRECTORY):
        self.state = {"from": "", "url_style": url_style}
        self.md = markdown.Markdown(extensions=["attr_list", "tables", "sane_lists"])
        self.md.treeprocessors.register(_Links(self.md, self.state), "tipkb-links", 0)

    def section(self, text: str, from_src: str) -> str:
        """One section's Markdown as sanitised HTML."""
        self.state["from"] = from_src
        try:
            return clean(self.md.reset().convert(text))
        except Exception:  # Markdown gave up on hostile text: show it as plain text
            return clean("<p>" + text.replace("&", "&amp;").replace("<", "&lt;") + "</p>")


_HEADING = re.compile(r"^##[ \t]+(.+?)[ \t]*#*[ \t]*$", re.M)


def sections(body: str) -> list[tuple[str | None, str]]:
    """(heading or None for text before the first heading, Markdown) in order."""
    out: list[tuple[str | None, str]] = []
    matches = list(_HEADING.finditer(body))
    start = matches[0].start() if matches else len(body)
    if body[:start].strip():
        out.append((None, body[:start].strip()))
    for i, m in enumerate(matches):
        end = matches[i + 1].start() if i + 1 < len(matches) else len(body)
        out.append((m.group(1), body[m.end():end].strip()))
    return out


def anchor_of(heading: str) -> str:
    """The id a section heading gets (as Markdown's table of contents would make it)."""
    return slugify(heading, "-") or "section"
