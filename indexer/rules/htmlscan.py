"""Find raw HTML and unsafe links in an entry's text, with their line and column (rule TIP060).

This is the validator's early, friendly warning, not the site's protection (that is the
allow-list sanitiser in indexer/site/sanitize.py). It reads text with Python's HTML parser,
which decodes entities and follows tags across lines as a browser does, so ``jav&#x61;script:``
and a tag split over two lines are seen for what they are.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from html.parser import HTMLParser

from indexer.text import MARKDOWN_LINK

SAFE_SCHEMES = ("http", "https", "mailto")
# Markdown constructs whose text is not HTML: code blocks, code spans, autolinks.
_FENCE = re.compile(r"^(```|~~~).*?^\1[^\S\n]*$", re.M | re.S)
_CODE_SPAN = re.compile(r"(`+)(?!`).+?(?<!`)\1(?!`)", re.S)
_AUTOLINK = re.compile(r"<(?:https?|mailto):[^\s<>]*>", re.I)
_CONTROL_OR_SPACE = re.compile(r"[\x00-\x20\x7f-\x9f]+")


@dataclass(frozen=True)
class Finding:
    line: int  # 1-based, in the scanned text
    col: int  # 1-based
    what: str


def _blank(m: re.Match) -> str:
    """Keep line breaks (so positions stay right) and blank out the rest."""
    return re.sub(r"[^\n]", " ", m.group())


def unsafe_url(url: str) -> bool:
    """True if ``url`` (as written, entities and all) has a scheme other than http, https or
    mailto once decoded as a browser would."""
    decoded = _CONTROL_OR_SPACE.sub("", html.unescape(url))
    m = re.match(r"^([A-Za-z][A-Za-z0-9+.\-]*):", decoded)
    return m is not None and m.group(1).lower() not in SAFE_SCHEMES


class _Scanner(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[Finding] = []

    def _add(self, what: str) -> None:
        line, col = self.getpos()
        self.found.append(Finding(line, col + 1, what))

    def handle_starttag(self, tag, attrs):
        self._add(f"a raw <{tag}> element")
        for name, value in attrs:
            if name.startswith("on"):
                self._add(f"an event-handler attribute ({name}=)")
            elif value is not None and unsafe_url(value):
                scheme = _CONTROL_OR_SPACE.sub("", value).split(":", 1)[0].lower()
                self._add(f"a {scheme}: URL in {name}=")

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag):
        self._add(f"a raw </{tag}> tag")

    def handle_comment(self, data):
        self._add("an HTML comment")

    def handle_decl(self, decl):
        self._add("an HTML declaration")

    def handle_pi(self, data):
        self._add("an HTML processing instruction")


def scan_html(text: str) -> list[Finding]:
    """Raw HTML in ``text``: tags, comments, event handlers and unsafe URLs in attributes."""
    if "<" not in text:
        return []
    scanner = _Scanner()
    try:
        scanner.feed(text)
        scanner.close()
    except (AssertionError, ValueError):  # the parser gave up: the text is certainly not plain
        scanner.found.append(Finding(1, 1, "markup the HTML parser cannot read"))
    return scanner.found


def scan_markdown(body: str) -> list[Finding]:
    """Raw HTML and unsafe link targets in a Markdown body (code is not HTML and is skipped)."""
    text = _FENCE.sub(_blank, body)
    text = _CODE_SPAN.sub(_blank, text)
    text = _AUTOLINK.sub(_blank, text)
    found = scan_html(text)
    for m in MARKDOWN_LINK.finditer(text):
        if unsafe_url(m.group(2)):
            line = text.count("\n", 0, m.start(2)) + 1
            col = m.start(2) - (text.rfind("\n", 0, m.start(2)) + 1) + 1
            scheme = _CONTROL_OR_SPACE.sub("", html.unescape(m.group(2))).split(":", 1)[0]
            found.append(Finding(line, col, f"a {scheme.lower()}: link"))
    return sorted(found, key=lambda f: (f.line, f.col))
