"""The MkDocs plugin: generates the site's pages from the corpus at build time.

A thin layer: the pages are rendered by :mod:`indexer.site.pages` (which knows nothing of
MkDocs); this module loads the corpus, turns problems into a PluginError and hands the pages
to MkDocs as in-memory files. Nothing generated is written to docs/.

    plugins:
      - tipkb:
          corpus: corpus   # relative to mkdocs.yml (default "corpus")
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils.templates import TemplateContext

from indexer.corpus.loader import CorpusError, load_corpus
from indexer.corpus.manifest import ManifestError, load_manifest
from indexer.corpus.model import Corpus
from indexer.problems import has_errors
from indexer.site.compact import compact_html
from indexer.site.extras import site_files
from indexer.site.pages import SitePage, render_site
from indexer.site.redirects import RenameError
from indexer.site.sanitize import clean, text_only, with_csp
from indexer.site.search import build_site_search
from indexer.site.source import with_browse_nav
from indexer.site.theme import PLUGIN_PRIORITY
from indexer.site.trim import unused_theme_files
from indexer.site.urls import style_of

log = logging.getLogger("mkdocs.plugins.tipkb")


class TipkbConfig(Config):
    corpus = c.Type(str, default="corpus")


class TipkbPlugin(BasePlugin[TipkbConfig]):
    """Adds one page per entry and per paragraph, and the index pages, to every build."""

    def __init__(self) -> None:
        self.corpus_dir: Path | None = None
        self.pages: dict[str, SitePage] = {}
        self.corpus: Corpus | None = None  # the current build's, for the search index

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        # The plugin object lives across `mkdocs serve` rebuilds: start from nothing each time.
        self.pages = {}
        base = Path(config.config_file_path or ".").resolve().parent
        corpus = Path(os.path.expanduser(self.config.corpus))
        self.corpus_dir = corpus if corpus.is_absolute() else (base / corpus)
        if not (self.corpus_dir / "entries").is_dir():
            raise PluginError(f"tipkb: no corpus at {self.corpus_dir} (it needs an entries/ "
                              "folder); set plugins.tipkb.corpus in mkdocs.yml")
        # Rebuild on any change of an entry, the plan or the schema during `mkdocs serve`.
        if str(self.corpus_dir) not in config.watch:
            config.watch.append(str(self.corpus_dir))
        config.nav = with_browse_nav(config.nav)
        try:
            manifest = load_manifest(self.corpus_dir)
        except ManifestError as exc:
            raise PluginError(f"tipkb: {exc}") from None
        # The one place the address is set is corpus/corpus.yaml (or TIPKB_SITE_URL); every
        # page shows the release it belongs to.
        if not config.site_url:
            config.site_url = manifest.site_url
        config.extra["tipkb_edition"] = manifest.edition
        return config

    def on_files(self, files: Files, /, *, config: MkDocsConfig) -> Files:
        assert self.corpus_dir is not None
        try:
            corpus, problems = load_corpus(self.corpus_dir)
        except CorpusError as exc:
            problems = exc.problems
            corpus = None
        if corpus is None or has_errors(problems):
            raise PluginError(_problem_report(problems))
        self.corpus = corpus
        for p in problems:  # warnings never fail a build; show them without --strict failing
            log.info("tipkb: %s", p.as_text())
        docs_dir = Path(config.docs_dir).resolve()
        try:
            pages = render_site(corpus, url_style=style_of(config.use_directory_urls))
            extra = site_files(corpus, style_of(config.use_directory_urls))
        except RenameError as exc:
            raise PluginError(f"tipkb: {exc}") from None
        except Exception as exc:  # a bug, never a traceback: one line saying what to report
            raise PluginError(f"tipkb: internal error while building the pages "
                              f"({type(exc).__name__}: {exc}); please report it with the "
                              "command you ran") from exc
        for page in pages:
            if files.get_file_from_path(page.src):
                raise PluginError(f"tipkb: docs/{page.src} is generated from the corpus; "
                                  "remove the hand-written file of that name")
            file = File.generated(config, page.src, content=page.content)
            if page.edit_path is not None:
                # The edit link of an entry page opens the corpus file, not a generated one.
                file.edit_uri = Path(os.path.relpath(page.edit_path.resolve(), docs_dir)).as_posix()
            files.append(file)
            self.pages[page.src] = page
        # Citation files, open data, bibliographies, redirects of renamed entries.
        for path, content in extra.items():
            files.append(File.generated(config, path, content=content))
        log.info("tipkb: %d pages generated from %d entries", len(self.pages), len(corpus))
        return files

    def on_page_content(self, html: str, /, *, page: Page, config: MkDocsConfig,
                        files: Files) -> str:
        # Generated pages: what Markdown made of entry text is sanitised against an allow-list,
        # then the page's own HTML blocks go into their slots.
        generated = self.pages.get(page.file.src_uri)
        if not generated:
            return html
        _text_only_toc(page.toc)
        return generated.fill(clean(html))

    @event_priority(PLUGIN_PRIORITY)  # after other plugins have seen the page
    def on_page_context(self, context: TemplateContext, /, *, page: Page, config: MkDocsConfig,
                        nav: Navigation) -> TemplateContext:
        generated = self.pages.pop(page.file.src_uri, None)
        if generated and page.content is not None:
            page.content = generated.fill(page.content, late=True)
        return context

    def on_post_page(self, output: str, /, *, page: Page, config: MkDocsConfig) -> str:
        # The theme's indentation is a fifth of each page: a smaller folder to carry around.
        # Every page states what may run on it (see site/sanitize.py).
        return with_csp(compact_html(output))

    @event_priority(PLUGIN_PRIORITY)  # after other plugins have written their files
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        # Source maps and other languages' word splitters: a tenth of the site, never loaded.
        for path in unused_theme_files(Path(config.site_dir), _search_langs(config)):
            path.unlink(missing_ok=True)
        # The site's search index (indexer/site/search/), read by tipkb-search.js.
        if self.corpus is not None:
            build_site_search(self.corpus, Path(config.site_dir), Path(config.docs_dir),
                              directory_urls=config.use_directory_urls)


def _text_only_toc(toc) -> None:
    """The theme prints TOC titles as HTML: keep only their text, escaped."""
    for item in toc or []:
        item.title = text_only(item.title)
        _text_only_toc(item.children)


def _search_langs(config: MkDocsConfig) -> list[str] | None:
    for name, plugin in config.plugins.items():
        if name.split("/")[-1] == "search":
            return list(plugin.config.lang or [])
    return None


def _problem_report(problems) -> str:
    errors = [p for p in problems if p.level == "error"]
    lines = [p.as_text() for p in sorted(errors)]
    return (f"tipkb: the corpus has {len(errors)} error(s); fix them or run "
            "`tipkb validate`:\n" + "\n".join(lines))
