"""What makes a generated page safe to publish, whatever an entry contains.

Entries are untrusted input. Their values are escaped wherever the site writes them (the page
builders use ``html.escape``; the theme partials that print a page title are overridden to
escape it), and everything Markdown produces from an entry goes through an allow-list
sanitiser before the page's own blocks are put in:

- ``nh3``, the Python binding of the Rust ``ammonia`` sanitiser (maintained, fast, built on
  html5ever, the same parsing as a browser), keeps only the tags, attributes, classes and URL
  schemes listed here. URLs are judged after entity decoding: ``jav&#x61;script:`` and
  ``javascript&colon;`` are dropped like ``javascript:``; only http, https, mailto and relative
  links survive.
- the page's own blocks are put back where slots stand, found by a nonce drawn afresh for each
  build, so no entry can forge a slot or copy a block;
- every page carries a Content-Security-Policy (a ``<meta>`` tag, so it also holds in the
  copy opened from disk) that lets only the site's own scripts and the theme's known inline
  scripts run: even a script that slipped through would not execute.
"""

from __future__ import annotations

import base64
import hashlib
import html
import re
import secrets

import nh3

from indexer.site.theme import TRUSTED_INLINE_PREFIXES

# Tags a body written in Markdown can produce, and the slot element of the page builder.
ALLOWED_TAGS = frozenset({
    "a", "abbr", "b", "blockquote", "br", "code", "dd", "del", "div", "dl", "dt", "em", "h1",
    "h2", "h3", "h4", "h5", "h6", "hr", "i", "li", "ol", "p", "pre", "q", "s", "span", "strong",
    "sub", "sup", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul",
})
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title", "class"},
    "abbr": {"title"},
    "code": {"class"},
    "div": {"class", "data-slot"},
    "span": {"lang"},
    "p": {"lang"},
    "td": {"align"},
    "th": {"align", "scope"},
    **{f"h{n}": {"id"} for n in range(1, 7)},
}
ALLOWED_CLASSES = {"a": {"headerlink"}, "div": {"tipkb-slot"}, "code": set()}
URL_SCHEMES = frozenset({"http", "https", "mailto"})
_ID = re.compile(r"^[a-z0-9][a-z0-9_-]{0,80}$")  # not "__config": never a theme element's id
_CODE_CLASS = re.compile(r"^language-[a-z0-9+-]{1,20}$")


def _attribute_filter(tag: str, attr: str, value: str) -> str | None:
    if attr == "id":
        return value if _ID.match(value) else None
    if tag == "code" and attr == "class":
        kept = [c for c in value.split() if _CODE_CLASS.match(c)]
        return " ".join(kept) or None
    if attr == "lang":
        return value if re.fullmatch(r"[a-z]{2,3}(-[A-Za-z0-9]{2,8})?", value) else None
    return value


_CLEANER = nh3.Cleaner(
    tags=set(ALLOWED_TAGS),
    attributes={k: set(v) for k, v in ALLOWED_ATTRIBUTES.items()},
    attribute_filter=_attribute_filter,
    url_schemes=set(URL_SCHEMES),
    clean_content_tags={"script", "style", "textarea", "title", "noscript", "template", "iframe",
                        "object", "embed", "svg", "math", "select", "option", "xmp", "noembed",
                        "noframes", "plaintext"},
    strip_comments=True,
    link_rel="noopener noreferrer",
)


def clean(fragment: str) -> str:
    """An HTML fragment reduced to the allow-list."""
    return _CLEANER.clean(fragment)


def text_only(fragment: str) -> str:
    """The text of an HTML fragment, escaped: for places that print HTML raw (a TOC title)."""
    return html.escape(html.unescape(nh3.clean(fragment, tags=set())), quote=False)


class Slots:
    """Placeholders for a page's own HTML blocks, unforgeable by content (a nonce per build)."""

    def __init__(self, nonce: str | None = None):
        self.nonce = nonce or secrets.token_hex(16)
        self._rx = re.compile(
            rf'<div class="tipkb-slot" data-slot="{self.nonce}-(block|late)-(\d+)"></div>')

    def mark(self, kind: str, number: int) -> str:
        return f'<div class="tipkb-slot" data-slot="{self.nonce}-{kind}-{number}"></div>'

    def fill(self, page_html: str, blocks: list[str], kind: str) -> str:
        def put(m: re.Match) -> str:
            n = int(m.group(2))
            return blocks[n] if m.group(1) == kind and n < len(blocks) else m.group(0)

        return self._rx.sub(put, page_html)


# --- Content-Security-Policy ----------------------------------------------------------------

# The theme's inline scripts that may run, by how they begin: see site/theme.py, where every
# theme internal the site relies on is listed.
_INLINE_SCRIPT = re.compile(r"<script>(.*?)</script>", re.S)
POLICY = ("default-src 'self'; script-src 'self' {hashes}; style-src 'self' 'unsafe-inline'; "
          "img-src 'self' data:; font-src 'self'; connect-src 'self'; worker-src 'self' blob:; "
          "frame-src 'self' blob:; object-src 'none'; base-uri 'none'; form-action 'none'")


def script_hash(code: str) -> str:
    digest = hashlib.sha256(code.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode()}'"


def with_csp(page_html: str) -> str:
    """The page with a Content-Security-Policy <meta> as the first element of <head>."""
    trusted = sorted({script_hash(code) for code in _INLINE_SCRIPT.findall(page_html)
                      if code.startswith(TRUSTED_INLINE_PREFIXES)})
    meta = ('<meta http-equiv="Content-Security-Policy" content="'
            + html.escape(POLICY.format(hashes=" ".join(trusted)), quote=True) + '">')
    head = page_html.find("<head>")
    if head < 0:
        return page_html
    at = head + len("<head>")
    return page_html[:at] + "\n" + meta + page_html[at:]

