"""The MkDocs plugin: generates the site's pages from the corpus at build time.

A thin layer: the pages are rendered by :mod:`indexer.site.pages` (which knows nothing of
MkDocs); this module loads the corpus, turns problems into a PluginError and hands the pages
to MkDocs as in-memory files. Nothing generated is written to docs/.

    plugins:
      - tipkb:
          corpus: corpus   # relative to mkdocs.yml (default "corpus")
          editions:        # other languages' editions, built after this one into site/<lang>/
            zh: mkdocs.zh.yml

The edition's language is the theme's (``theme.language``): mkdocs.zh.yml inherits mkdocs.yml
and sets ``language: zh`` and the Chinese navigation, so both editions have the same pages from
the same code, each in its language (site/i18n.py), with a switch on every page to the same
page in the other. Two builds of Material's own language support rather than an i18n plugin:
the pages are generated, not files with a language suffix, and a second build of the same
configuration is the least there is to keep working. Hand-written pages are translated beside
their original (``docs/contributing/index.zh.md``); one without a translation is shown in
English with a note saying so.
"""

from __future__ import annotations

import io
import json
import logging
import os
import re
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
from indexer.corpus.manifest import ManifestError, edition_dir, load_manifest
from indexer.corpus.model import Corpus
from indexer.problems import has_errors
from indexer.publish.handout import edition
from indexer.site.background import Background, BackgroundError
from indexer.site.compact import compact_html
from indexer.site.extras import site_files, write_downloads
from indexer.site.i18n import (
    DEFAULT_LANG,
    HTML_LANG,
    LANG_NAMES,
    LANGS,
    STRINGS,
    english_only,
    lang_of,
    search_words,
    t,
)
from indexer.site.pages import SitePage, render_site
from indexer.site.redirects import RenameError
from indexer.site.sanitize import clean, text_only, with_csp
from indexer.site.search import build_site_search
from indexer.site.source import with_browse_nav
from indexer.site.theme import PLUGIN_PRIORITY
from indexer.site.trim import unused_theme_files
from indexer.site.urls import edition_href, style_of

log = logging.getLogger("mkdocs.plugins.tipkb")


class TipkbConfig(Config):
    corpus = c.Type(str, default="corpus")
    # language -> its configuration file (relative to this one), built into <site_dir>/<lang>/
    editions = c.Type(dict, default={})

# Words the theme overrides print (overrides/main.html, 404.html, partials/search.html), from
# site/i18n.py.
TEMPLATE_WORDS = ("404.h1", "404.text", "404.home", "404.plan", "404.a_z", "404.search",
                  "language_switch") + tuple(k for k in STRINGS if k.startswith("search.")
                                             and not k.startswith("search.kind."))


class TipkbPlugin(BasePlugin[TipkbConfig]):
    """Adds one page per entry and per paragraph, and the index pages, to every build."""

    def __init__(self) -> None:
        self.corpus_dir: Path | None = None
        self.pages: dict[str, SitePage] = {}
        self.lang = DEFAULT_LANG  # the edition this build makes: the theme's language
        self.translated: dict[str, str] = {}  # hand-written page -> its translation's source
        self.untranslated: set[str] = set()  # hand-written pages shown in the default language
        self.corpus: Corpus | None = None  # the current build's, for the search index
        self.downloads: Background | None = None  # the files beside the pages, being written

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        # The plugin object lives across `mkdocs serve` rebuilds: start from nothing each time.
        if self.downloads is not None:
            self.downloads.cancel()
            self.downloads = None
        self.pages = {}
        self.translated, self.untranslated = {}, set()
        self.lang = lang_of(config.theme["language"])
        base = Path(config.config_file_path or ".").resolve().parent
        corpus = Path(os.path.expanduser(self.config.corpus))
        self.corpus_dir = corpus if corpus.is_absolute() else (base / corpus)
        if not (self.corpus_dir / "entries").is_dir():
            raise PluginError(f"tipkb: no corpus at {self.corpus_dir} (it needs an entries/ "
                              "folder); set plugins.tipkb.corpus in mkdocs.yml")
        # Rebuild on any change of an entry, the plan or the schema during `mkdocs serve`.
        if str(self.corpus_dir) not in config.watch:
            config.watch.append(str(self.corpus_dir))
        for lang, name in self.config.editions.items():
            if lang not in LANGS:
                raise PluginError(f"tipkb: editions: no language '{lang}' (the site has "
                                  f"{', '.join(LANGS)})")
            found = edition_file(config.config_file_path, name)
            if found is None:
                raise PluginError(f"tipkb: editions: {lang}: no file {base / name}")
            if str(found) not in config.watch:
                config.watch.append(str(found))
        config.nav = with_browse_nav(config.nav, self.lang)
        try:
            manifest = load_manifest(self.corpus_dir)
        except ManifestError as exc:
            raise PluginError(f"tipkb: {exc}") from None
        # The one place the address is set is corpus/corpus.yaml (or TIPKB_SITE_URL); every
        # page shows the release it belongs to.
        if not config.site_url:
            config.site_url = manifest.site_url + edition_dir(self.lang)
        config.extra["tipkb_edition"] = manifest.edition
        if self.lang != DEFAULT_LANG:
            words = edition(manifest, self.lang)
            config.extra["tipkb_release"] = t("release", self.lang, edition=words)
        config.extra["tipkb_words"] = {k: t(k, self.lang) for k in TEMPLATE_WORDS}
        if self.lang != DEFAULT_LANG:
            # What the search box's script says, and the labels of the facet values it shows.
            config.extra["tipkb_search_words"] = json.dumps(
                search_words(self.lang, _facet_labels(self.lang)), ensure_ascii=False)
        if self.lang != DEFAULT_LANG and "toc" in config.mdx_configs:
            # The heading anchors' tooltip (Python-Markdown's toc, "Permanent link").
            config.mdx_configs["toc"]["permalink_title"] = t("permalink", self.lang)
        config.extra["tipkb_html_lang"] = HTML_LANG[self.lang]
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
        style = style_of(config.use_directory_urls)
        # Citation files, open data, bibliographies, redirects of renamed entries: written
        # into the site folder by a second process while this one renders (site/background.py)
        site_dir, lang = Path(config.site_dir), self.lang
        self.downloads = Background(
            lambda: write_downloads(site_dir, site_files(corpus, style, lang)))
        try:
            pages = render_site(corpus, style, self.lang)
        except RenameError as exc:
            self.downloads.cancel()
            raise PluginError(f"tipkb: {exc}") from None
        except Exception as exc:  # a bug, never a traceback: one line saying what to report
            self.downloads.cancel()
            raise PluginError(f"tipkb: internal error while building the pages "
                              f"({type(exc).__name__}: {exc}); please report it with the "
                              "command you ran") from exc
        self._translations(files, config)
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
        log.info("tipkb: %d pages generated from %d entries", len(self.pages), len(corpus))
        return files

    def on_page_content(self, html: str, /, *, page: Page, config: MkDocsConfig,
                        files: Files) -> str:
        # Generated pages: what Markdown made of entry text is sanitised against an allow-list,
        # then the page's own HTML blocks go into their slots.
        generated = self.pages.get(page.file.src_uri)
        if page.file.src_uri in self.untranslated:
            return _untranslated(html, self.lang)
        if not generated:
            return html
        _text_only_toc(page.toc)
        return generated.fill(clean(html))

    @event_priority(PLUGIN_PRIORITY)  # after other plugins have seen the page
    def on_page_context(self, context: TemplateContext, /, *, page: Page, config: MkDocsConfig,
                        nav: Navigation) -> TemplateContext:
        generated = self.pages.pop(page.file.src_uri, None)
        context["tipkb_alternates"] = self._alternates(page, config)  # type: ignore[typeddict-unknown-key]
        if generated and page.content is not None:
            page.content = generated.fill(page.content, late=True)
            if self.lang != DEFAULT_LANG and english_only(page.file.src_uri):
                page.content = _untranslated(page.content, self.lang)
        return context

    def on_post_page(self, output: str, /, *, page: Page, config: MkDocsConfig) -> str:
        # The theme's indentation is a fifth of each page: a smaller folder to carry around.
        # Every page states what may run on it (see site/sanitize.py).
        return with_csp(compact_html(output))

    def on_build_error(self, *, error: Exception) -> None:
        if self.downloads is not None:
            self.downloads.cancel()
            self.downloads = None

    @event_priority(PLUGIN_PRIORITY)  # after other plugins have written their files
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        if self.downloads is not None:
            downloads, self.downloads = self.downloads, None
            try:
                downloads.join()
            except BackgroundError as exc:
                raise PluginError(f"tipkb: while writing the downloads: {exc}") from None
        # Source maps and other languages' word splitters: a tenth of the site, never loaded.
        for path in unused_theme_files(Path(config.site_dir), _search_langs(config)):
            path.unlink(missing_ok=True)
        # The site's search index (indexer/site/search/), read by tipkb-search.js:
        # one per edition, in its folder, with the edition's titles.
        if self.corpus is not None:
            build_site_search(self.corpus, Path(config.site_dir), Path(config.docs_dir),
                              directory_urls=config.use_directory_urls, lang=self.lang)
        if self.lang == DEFAULT_LANG:
            for lang, name in self.config.editions.items():
                if lang != self.lang:
                    self._build_edition(lang, name, config)

    # ------------------------------------------------------------------ editions

    def _others(self) -> list[str]:
        """The languages of the site's other editions, as the default edition lists them."""
        if self.lang == DEFAULT_LANG:
            return [lang for lang in self.config.editions if lang != self.lang]
        return [DEFAULT_LANG]

    def _alternates(self, page: Page, config: MkDocsConfig) -> list[dict]:
        """The same page in each other edition: every page has its counterpart at the same
        path (generated pages are the same in every edition, hand-written ones are translated
        or shown as they are), so the switch leads there, not to the other home page."""
        # No <link rel="alternate" hreflang> in the head: Material's script takes each one for
        # the root of a language's site and fetches its sitemap from there.
        return [{"lang": lang, "hreflang": HTML_LANG[lang], "name": LANG_NAMES[lang],
                 "label": t("language_switch", self.lang),
                 "href": edition_href(page.url, self.lang, lang)}
                for lang in self._others()]

    def _translations(self, files: Files, config: MkDocsConfig) -> None:
        """Hand-written pages: ``name.<lang>.md`` is the translation of ``name.md``. Every
        edition leaves the translations out as pages of their own; this one puts its own in
        place of the original, and marks the originals it has no translation of."""
        suffixes = tuple(f".{lang}.md" for lang in LANGS if lang != DEFAULT_LANG)
        translations = {f.src_uri: f for f in files if f.src_uri.endswith(suffixes)}
        for file in translations.values():
            files.remove(file)
        if self.lang == DEFAULT_LANG:
            return
        own = f".{self.lang}.md"
        for file in list(files.documentation_pages()):
            src = file.src_uri
            translation = translations.get(src[: -len(".md")] + own)
            if translation is None:
                self.untranslated.add(src)
                continue
            files.remove(file)
            new = File.generated(config, src, content=translation.content_string)
            new.edit_uri = translation.src_uri
            files.append(new)
            self.translated[src] = translation.src_uri

    def _build_edition(self, lang: str, name: str, config: MkDocsConfig) -> None:
        """Build another language's edition into <site_dir>/<lang>/, with this build's
        settings (strictness, address), after this one."""
        from mkdocs.commands.build import build
        from mkdocs.config import load_config

        path = edition_file(config.config_file_path, name)
        assert path is not None  # on_config said so
        site_dir = Path(config.site_dir) / edition_dir(lang)
        log.info("tipkb: building the %s edition into %s", LANG_NAMES[lang], site_dir)
        # The edition's file says what differs; the rest is this build's configuration, even
        # where it is not the file the edition inherits (a test's, a fork's): its INHERIT is
        # pointed at this build's file.
        text = path.read_text(encoding="utf-8")
        here = json.dumps(str(Path(config.config_file_path or "mkdocs.yml").resolve()))
        text, n = _INHERIT.subn(lambda _: f"INHERIT: {here}", text, count=1)
        if n == 0:
            text = f"INHERIT: {here}\n" + text
        source = io.StringIO(text)
        source.name = str(path)  # relative paths in it are relative to the file
        edition_config = load_config(source, config_file_path=str(path), site_dir=str(site_dir),
                                     site_url=(config.site_url or "") + edition_dir(lang)
                                     if config.site_url else None,
                                     strict=config.strict)
        build(edition_config)


_INHERIT = re.compile(r"^INHERIT:.*$", re.M)


def edition_file(config_file: str | None, name: str) -> Path | None:
    """An edition's configuration file, relative to the configuration that names it: this
    build's file, or a file it inherits from (a configuration that inherits mkdocs.yml finds
    mkdocs.zh.yml beside it)."""
    current = Path(config_file or "mkdocs.yml").resolve()
    for _ in range(10):  # INHERIT chains are short; a loop of them is not followed
        if (current.parent / name).is_file():
            return current.parent / name
        try:
            m = _INHERIT.search(current.read_text(encoding="utf-8"))
        except OSError:
            return None
        if not m:
            return None
        current = (current.parent / m.group(0).split(":", 1)[1].strip().strip("'\"")).resolve()
    return None


def _facet_labels(lang: str) -> dict[str, dict[str, str]]:
    """The search box's facet values (types, regions, pillars, scopes) as ``lang`` names them."""
    from indexer.schema import vocabulary

    v = vocabulary()
    return {"type": {k: v.type_label(k, lang) for k in v.types},
            "region": {k: v.region_label(k, lang) for k in v.regions.values},
            "pillar": {k: v.pillars.label(k, lang) for k in v.pillars.values},
            "scope": {k: v.scopes.label(k, lang) for k in v.scopes.values}}


def _untranslated(page_html: str, lang: str) -> str:
    """A page without a translation (hand-written, or generated without Chinese text yet): a
    note in the edition's language, then the page marked as the default language's."""
    note = f'<p class="tipkb-note tipkb-untranslated">{t("fallback_note", lang)}</p>\n'
    return note + f'<div lang="{HTML_LANG[DEFAULT_LANG]}">\n{page_html}\n</div>'



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
