"""The site as files: every generated page as Markdown with its front matter, beside the
hand-written pages, so that any Material-compatible generator builds the whole site.

``write_site_source(corpus, repo, out)`` writes::

    OUT/mkdocs.yml      the project's configuration, without the tipkb plugin, with the
                        Browse section of the navigation written out from the registry
    OUT/docs/           docs/ as it is, plus every generated page and download
    OUT/overrides/      the theme overrides

The pages are those of :func:`indexer.site.pages.render_site`, the same function the MkDocs
plugin calls; here each page's HTML blocks are put into the Markdown as raw HTML blocks (every
block starts with a block-level tag, so Markdown passes it through untouched) instead of into
slots after conversion. The blocks are already escaped and sanitised where they are made.

``post_process(site_dir, corpus, docs_dir)`` is what the plugin does after a build, for a site
built by another generator: the Content-Security-Policy on every page, compact HTML, and the
site's own search index written.
"""

from __future__ import annotations

import html
import json
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

from indexer.corpus.model import Corpus
from indexer.files import write_atomic
from indexer.site.compact import compact_html
from indexer.site.extras import site_files
from indexer.site.i18n import DEFAULT_LANG, LANGS
from indexer.site.pages import SitePage, browse_nav, render_site
from indexer.site.sanitize import with_csp
from indexer.site.urls import DIRECTORY, FILE, SOURCE


@dataclass(frozen=True)
class Generator:
    """What a generator needs of the files: how raw HTML links, whether it escapes a page's
    title where its templates print it, and the theme overrides that fit its templates."""

    url_style: str
    escapes_titles: bool  # with our overrides of its templates
    skip_overrides: tuple[str, ...] = ()


GENERATORS = {
    # MkDocs passes raw HTML through; overrides/ escapes titles in its templates.
    "mkdocs": Generator(DIRECTORY, escapes_titles=True),
    # Zensical rewrites every link as a Markdown link, prints page.meta.title as HTML, and has
    # its own header partial (Material 9's, which we override, hides its search box).
    # Zensical's header and search partials are its own (Material 9's header, which we override,
    # hides its search box; our search box needs the index that site-post writes).
    "zensical": Generator(SOURCE, escapes_titles=False,
                          skip_overrides=("partials/header.html", "partials/search.html")),
}
BROWSE_INDEX = "browse/index.md"
GENERATED = "tipkb-generated.json"  # beside docs/: the generated files' paths under it
_PLUGIN_BLOCK = re.compile(r"^  - tipkb:\n(?:    .*\n)*", re.M)


def with_browse_nav(nav: list | None, lang: str = DEFAULT_LANG) -> list | None:
    """The navigation with its Browse item (``Browse: browse/index.md``) expanded into every
    page of the registry, titled in ``lang``; a navigation without that item is left as it is."""
    if nav is None:
        return None
    out = []
    for item in nav:
        if isinstance(item, dict) and len(item) == 1:
            (title, value), = item.items()
            if value == BROWSE_INDEX or (isinstance(value, list) and value[:1] == [BROWSE_INDEX]):
                item = {title: browse_nav(lang)}
        out.append(item)
    return out


def page_file(page: SitePage, escape_title: bool = False) -> str:
    """The page as a Markdown file: its slots replaced by their HTML blocks; with
    ``escape_title``, the front matter's title HTML-escaped, for templates that print it as
    HTML (the title is an entry's, written by a stranger)."""
    text = page.content
    if escape_title and page.title:
        text = text.replace(f"\ntitle: {json.dumps(page.title, ensure_ascii=False)}\n",
                            f"\ntitle: {json.dumps(html.escape(page.title), ensure_ascii=False)}\n",
                            1)
    if not page.blocks or page.slots is None:
        return text
    text = page.slots.fill(text, page.blocks, "block")
    return page.slots.fill(text, page.blocks, "late")


def site_config(mkdocs_yml: str, site_url: str = "", edition: str = "") -> str:
    """The project's mkdocs.yml for a build from files: no tipkb plugin (the pages are there),
    the Browse section written out, and what the plugin would set: the site's address and the
    release every page shows."""
    import yaml

    text = _PLUGIN_BLOCK.sub("", mkdocs_yml)
    if edition:
        text, n = re.subn(r"^extra:\n", lambda _: f"extra:\n  tipkb_edition: {json.dumps(edition)}\n",
                          text, count=1, flags=re.M)
        if n != 1:
            text += f"\nextra:\n  tipkb_edition: {json.dumps(edition)}\n"
    if site_url and not re.search(r"^site_url:", text, re.M):
        text = f"site_url: {json.dumps(site_url)}\n" + text
    browse = yaml.safe_dump([{"Browse": browse_nav()}], allow_unicode=True, sort_keys=False)
    browse = "".join("  " + line + "\n" for line in browse.splitlines())
    text, n = re.subn(r"^  - Browse: browse/index\.md\n", lambda _: browse, text, flags=re.M)
    if n != 1:
        raise ValueError("mkdocs.yml has no '  - Browse: browse/index.md' line in its nav")
    return text


def write_site_source(corpus: Corpus, repo: Path, out: Path,
                      generator: str = "mkdocs") -> dict[str, int]:
    """Write the site's source folder for ``generator`` (a key of GENERATORS); returns counts
    of what was written."""
    gen = GENERATORS[generator]
    out = Path(out)
    docs = out / "docs"
    if docs.exists():
        shutil.rmtree(docs)
    # The English edition: translations of hand-written pages (name.zh.md) stay out.
    shutil.copytree(repo / "docs", docs, ignore=shutil.ignore_patterns(
        *(f"*.{lang}.md" for lang in LANGS if lang != DEFAULT_LANG)))
    if (out / "overrides").exists():
        shutil.rmtree(out / "overrides")
    shutil.copytree(repo / "overrides", out / "overrides")
    for name in gen.skip_overrides:
        (out / "overrides" / name).unlink(missing_ok=True)
    pages = render_site(corpus, gen.url_style)
    for page in pages:
        target = docs / page.src
        if target.exists():
            raise ValueError(f"docs/{page.src} is generated from the corpus; remove the "
                             "hand-written file of that name")
        _write(target, page_file(page, escape_title=not gen.escapes_titles))
    downloads = site_files(corpus, gen.url_style)
    for path, content in downloads.items():
        _write(docs / path, content)
    # What under docs/ is generated: site-post searches those as entries and paragraphs, not
    # as hand-written pages, without rendering the site again to find out.
    generated = sorted([page.src for page in pages] + list(downloads))
    write_atomic(out / GENERATED, json.dumps(generated, indent=0))
    manifest = corpus.manifest
    write_atomic(out / "mkdocs.yml", site_config((repo / "mkdocs.yml").read_text("utf-8"),
                                                 manifest.site_url, manifest.edition))
    return {"pages": len(pages), "downloads": len(downloads)}


def _write(path: Path, content: str | bytes) -> None:
    """A file of a folder that is written whole and again on the next run: no fsync each."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)


def post_process(site_dir: Path, corpus: Corpus | None = None, docs_dir: Path | None = None,
                 url_style: str = DIRECTORY) -> int:
    """The plugin's after-build steps, for a site another generator built; returns the
    number of pages changed. With the corpus and the docs folder the site was built from
    (site-src's OUT/docs, with OUT/tipkb-generated.json beside it), the site's own search
    index (indexer/site/search) is written too."""
    site_dir = Path(site_dir)
    n = 0
    for path in sorted(site_dir.rglob("*.html")):
        text = path.read_text("utf-8")
        if 'http-equiv="Content-Security-Policy"' in text:
            continue
        write_atomic(path, with_csp(compact_html(text)))
        n += 1
    if corpus is not None and docs_dir is not None:
        from indexer.site.search import build_site_search

        listed = Path(docs_dir).parent / GENERATED
        if not listed.is_file():
            raise ValueError(f"no {listed}: give the docs folder `tipkb site-src` wrote")
        generated = frozenset(json.loads(listed.read_text("utf-8")))
        build_site_search(corpus, site_dir, Path(docs_dir), directory_urls=url_style != FILE,
                          generated=generated)
    return n
