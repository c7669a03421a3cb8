"""Every place the site depends on Material for MkDocs' internals, in one list.

Material reaches end of life in 2027 and the site may move to another generator (see
docs/contributing/site.md and ``tipkb site-src``). Whatever here changes in an upgrade breaks the
site quietly, so tests/test_theme.py checks each item against the installed theme and fails
with what to re-make. Nothing outside this module should name a theme internal that is not
listed here.
"""

from __future__ import annotations

from dataclasses import dataclass

MATERIAL_VERSION = "9.8.2"  # the version the items below were taken from


@dataclass(frozen=True)
class Override:
    """A template of ours that replaces a template, or a block of one, of Material's."""

    ours: str  # path under overrides/
    theirs: str  # Material's template, and "#block" for one block of it
    sha256_16: str  # the first 16 hex digits of the SHA-256 of Material's text we replaced
    why: str


OVERRIDES = (
    Override("partials/header.html", "partials/header.html", "8cf3fb15bcf969ff",
             "a copy with the page title escaped (entry titles are untrusted)"),
    Override("main.html", "base.html#site_meta", "337bd3b09eec21c5",
             "the description and links escaped"),
    Override("main.html", "base.html#htmltitle", "253e4cbb7cfac383",
             "the <title> escaped"),
    Override("main.html", "base.html#content", "5a3e81881956306d",
             "the release line after the page's content (super() keeps Material's)"),
    Override("partials/search.html", "partials/search.html", "bfd556535abcddb9",
             "the site's own search box (indexer/site/search, tipkb-search.js); Material's "
             "search plugin is not used"),
)

# Material's inline scripts, by how they begin, that the Content-Security-Policy lets run
# (scope and storage helpers, palette, anchor fix); every other inline script is refused.
TRUSTED_INLINE_PREFIXES = ("__md_scope=", "var palette=", "var target=")

# Page front matter Material reads: ``search: {exclude: true}`` keeps a page out of the search
# index and ``search: {boost: 2}`` ranks it higher (read by Zensical's search; the site's own
# search box ranks by kind), ``tags`` are indexed whole (the Chinese names),
# ``hide: [navigation, toc]`` widens the matrix page.
PAGE_META = ("search", "tags", "hide")

# Material's CSS classes that docs/assets/tipkb.css and the browser tests select.
CSS_CLASSES = (
    "md-clipboard", "md-content", "md-content__button", "md-content__inner", "md-footer",
    "md-button", "md-header", "md-header__button", "md-main__inner", "md-search", "md-search-result",
    "md-search-result__article", "md-search-result__item", "md-search-result__meta",
    "md-search-result__link", "md-search__icon", "md-search__input", "md-sidebar",
    "md-source-file", "md-tabs", "md-top", "md-typeset",
    "md-button", "md-tabs__item--active", "md-tabs__link",  # contrast and underlines (a11y)
    "md-typeset__scrollwrap",  # made focusable where it scrolls (tipkb-scroll-regions.js)
)

# Event order the plugin relies on (indexer/site/plugin.py): its on_page_context and
# on_post_build run at priority -100, after every plugin at the default priority (0) has seen
# each page and the built site, so the late HTML blocks are put in last.
PLUGIN_PRIORITY = -100

# Theme files a built site never loads and the plugin deletes (site/trim.py): source maps and
# other languages' search word splitters.
TRIMMED = ("assets/**/*.map", "assets/javascripts/lunr/min/lunr.<lang>.min.js",
           "assets/javascripts/lunr/tinyseg.js", "assets/javascripts/lunr/wordcut.js")
