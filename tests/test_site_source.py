"""The site as files (`tipkb site-src`): the same pages from plain MkDocs, and from Zensical.

Material for MkDocs reaches end of life in 2027 and MkDocs 2 drops plugins; Zensical reads
mkdocs.yml but runs no third-party plugin. These tests keep the project free to move: every
generated page is written out as a file, and two generators build the same pages from them.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from indexer.corpus.loader import load_valid_corpus
from indexer.site.pages import REGISTRY, SitePage, browse_nav, render_site
from indexer.site.pages.browse import browse_page
from indexer.site.pages.common import Site, Writer
from indexer.site.source import page_file, site_config, with_browse_nav
from tests.chromium import chromium_browser, serve_folder
from tests.sitebuild import ROOT, real_site

CORPUS = ROOT / "corpus"
GENERATED = ("entries/", "plan/", "resolution/", "browse/")


class _Canon(HTMLParser):
    """A page's main content as a list of tokens: tags with their attributes (but ``rel``,
    which the plugin's sanitiser adds to links), and text with whitespace collapsed."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out: list[tuple] = []

    def handle_starttag(self, tag, attrs):
        self.out.append(("<", tag, tuple(sorted((k, v) for k, v in attrs if k != "rel"))))

    def handle_endtag(self, tag):
        self.out.append((">", tag))

    def handle_data(self, data):
        if text := " ".join(data.split()):
            self.out.append(("t", text))


def article(path: Path) -> list[tuple]:
    html = path.read_text(encoding="utf-8")
    m = re.search(r'<article class="md-content__inner md-typeset"[^>]*>(.*?)</article>', html, re.S)
    assert m, f"no article in {path}"
    canon = _Canon()
    canon.feed(m.group(1))
    tokens = canon.out
    if tokens[:2] == [("<", "a", (("id", "__skip"), ("tabindex", "-1"))), (">", "a")]:
        tokens = tokens[2:]  # Zensical's skip-link target
    return tokens


def without_tags(tokens: list[tuple]) -> list[tuple]:
    """Drop the tags list Zensical shows (the plugin uses tags for search only), and the
    data-search-exclude attribute, which Zensical's search reads and removes."""
    out, skip = [], 0
    for tok in tokens:
        if tok[0] == "<" and ("data-search-exclude", "true") in tok[2]:
            tok = (*tok[:2], tuple(a for a in tok[2] if a[0] != "data-search-exclude"), *tok[3:])
        if tok[:2] == ("<", "nav") and ("class", "md-tags") in tok[2]:
            skip = 1
            continue
        if skip:
            if tok[:2] == ("<", "nav"):
                skip += 1
            elif tok == (">", "nav"):
                skip -= 1
            continue
        out.append(tok)
    return out


def pages_of(site: Path) -> dict[str, Path]:
    return {p.relative_to(site).as_posix(): p for p in site.rglob("index.html")}


def site_src(out: Path, *extra: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "indexer", "site-src", str(out), "--corpus",
                           str(CORPUS), "--project", str(ROOT), *extra],
                          capture_output=True, text=True, timeout=600)


@pytest.fixture(scope="module")
def plugin_site() -> Path:
    build = real_site()
    assert build.returncode == 0, build.output[-3000:]
    return build.site


# ---------------------------------------------------------------- the files


@pytest.fixture(scope="module")
def corpus():
    return load_valid_corpus(CORPUS)


def test_every_page_file_has_its_blocks_in_place(corpus):
    pages = render_site(corpus)
    for page in pages:
        text = page_file(page)
        assert "tipkb-slot" not in text, page.src
        for block in page.blocks:
            assert block in text, page.src
    assert {p.src for p in pages} >= {f"entries/{e.id}.md" for e in corpus}


def test_a_block_that_markdown_would_rewrite_is_refused(corpus):
    w = Writer(Site(corpus), "browse/x.md")
    with pytest.raises(ValueError, match="block-level"):
        w.html('<a href="x">inline first</a>')
    w.html('<p><a href="x">inside a paragraph</a></p>')


def test_a_title_is_escaped_for_templates_that_print_it_as_html(corpus):
    # Validation refuses HTML in titles (TIP060); this is the second wall, for Zensical, whose
    # templates print page.meta.title unescaped.
    w = Writer(Site(corpus), "entries/x.md")
    w.html("<p>text</p>")
    page = w.page(title='Convention <img src=x onerror=alert(1)> & "more"')
    written = page_file(page, escape_title=True)
    assert "<img" not in written.split("---")[1]
    assert "&lt;img src=x onerror=alert(1)&gt; &amp; &quot;more&quot;" in written
    assert '<img src=x onerror=alert(1)> & \\"more\\"' in page_file(page)


def test_browse_registry_feeds_the_navigation_and_the_browse_page(corpus):
    @browse_page("browse/test-only.md", "Test only", "a page declared in one place")
    def test_only(site: Site) -> SitePage:
        w = Writer(site, "browse/test-only.md")
        return w.page(title="Test only")

    try:
        nav = with_browse_nav([{"Home": "index.md"}, {"Browse": "browse/index.md"}])
        assert nav is not None and nav[0] == {"Home": "index.md"}
        assert nav[1]["Browse"][0] == "browse/index.md"
        assert {"Test only": "browse/test-only.md"} in nav[1]["Browse"]
        pages = {p.src: p for p in render_site(corpus)}
        assert "browse/test-only.md" in pages
        assert "test-only" in page_file(pages["browse/index.md"])
        with pytest.raises(ValueError, match="two browse pages"):
            browse_page("browse/test-only.md", "Again", "twice")(test_only)
    finally:
        REGISTRY[:] = [p for p in REGISTRY if p.src != "browse/test-only.md"]
    assert {"Test only": "browse/test-only.md"} not in browse_nav()


def test_site_config_drops_the_plugin_and_writes_the_browse_section():
    text = site_config((ROOT / "mkdocs.yml").read_text("utf-8"))
    assert "- tipkb:" not in text and "TIPKB_CORPUS" not in text
    for page in REGISTRY:
        assert f"{page.title}: {page.src}" in text
    with pytest.raises(ValueError, match="Browse"):
        site_config("nav:\n  - Home: index.md\n")


# ---------------------------------------------------------------- plain MkDocs from the files


def test_site_src_and_plain_mkdocs_give_the_plugin_s_pages(tmp_path, plugin_site):
    proc = site_src(tmp_path / "src")
    assert proc.returncode == 0, proc.stderr
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    build = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-f",
                            str(tmp_path / "src" / "mkdocs.yml"), "-d", str(tmp_path / "site")],
                           capture_output=True, text=True, env=env, timeout=900)
    assert build.returncode == 0, build.stderr[-3000:]
    # site-src writes the English edition; the plugin's site has the Chinese one in zh/ too.
    ours = {k: v for k, v in pages_of(plugin_site).items() if not k.startswith("zh/")}
    theirs = pages_of(tmp_path / "site")
    assert set(ours) == set(theirs)
    differ = [name for name in ours if article(ours[name]) != article(theirs[name])]
    assert differ == []
    # What the plugin does after a build, done by site-post for a site built another way.
    post = subprocess.run([sys.executable, "-m", "indexer", "site-post", str(tmp_path / "site"),
                           "--docs", str(tmp_path / "src" / "docs")],
                          capture_output=True, text=True, timeout=300)
    assert post.returncode == 0, post.stderr
    for path in theirs.values():
        assert 'http-equiv="Content-Security-Policy"' in path.read_text("utf-8"), path
    # The site's own search index, byte for byte the plugin's (Material's index aside).
    def search_files(site: Path) -> dict[str, bytes]:
        return {p.relative_to(site).as_posix(): p.read_bytes()
                for p in (site / "search").rglob("*")
                if p.is_file() and p.name != "search_index.json"}
    ours_search, theirs_search = search_files(plugin_site), search_files(tmp_path / "site")
    assert len(ours_search) > 10
    assert sorted(ours_search) == sorted(theirs_search)
    assert [n for n in ours_search if ours_search[n] != theirs_search[n]] == []


# ---------------------------------------------------------------- Zensical from the files


def zensical() -> str:
    exe = shutil.which("zensical", path=str(Path(sys.executable).parent)) or shutil.which("zensical")
    if not exe:
        if os.environ.get("CI"):
            pytest.fail("zensical is not installed (it is in the test extras)")
        pytest.skip("zensical is not installed (pip install -e '.[test]')")
    return exe


@pytest.fixture(scope="module")
def zensical_site(tmp_path_factory) -> Path:
    exe = zensical()
    out = tmp_path_factory.mktemp("zensical")
    proc = site_src(out / "src", "--generator", "zensical")
    assert proc.returncode == 0, proc.stderr
    build = subprocess.run([exe, "build", "-f", str(out / "src" / "mkdocs.yml")],
                           capture_output=True, text=True, timeout=900, cwd=out / "src")
    assert build.returncode == 0, (build.stdout + build.stderr)[-3000:]
    return out / "src" / "site"


def test_zensical_builds_every_entry_and_paragraph_page(zensical_site, corpus, plugin_site):
    built = pages_of(zensical_site)
    for entry in corpus:
        assert f"{entry.url_path.strip('/')}/index.html" in built, entry.id
    for para in corpus.plan.paragraphs.values():
        assert f"{para.url.strip('/')}/index.html" in built, para.key
    ours = pages_of(plugin_site)
    generated = [n for n in ours if n.startswith(GENERATED) or n == "index.html"]
    differ = [n for n in generated
              if without_tags(article(ours[n])) != without_tags(article(built[n]))]
    assert differ == [], differ[:5]


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag, attrs):
        for key, value in attrs:
            if key in ("href", "src") and value:
                self.hrefs.append(value)


def test_zensical_site_links_resolve_inside_the_site(zensical_site):
    broken = []
    for page in zensical_site.rglob("*.html"):
        parser = _Links()
        parser.feed(page.read_text("utf-8"))
        for ref in parser.hrefs:
            parts = urlsplit(ref)
            if parts.scheme or parts.netloc or ref.startswith(("#", "mailto:", "data:")):
                continue
            if parts.path.startswith("/"):
                broken.append((page, ref))  # absolute paths break a copy opened from disk
                continue
            target = (page.parent / unquote(parts.path)).resolve()
            if target.is_dir():
                target = target / "index.html"
            if not target.exists():
                broken.append((page.relative_to(zensical_site), ref))
    # Zensical's own 404 page links to the site root absolutely; nothing else may.
    broken = [b for b in broken if not str(b[0]).endswith("404.html")]
    assert broken == [], broken[:10]


@pytest.mark.parametrize(("query", "expected"), [
    ("UNTOC", "entries/untoc/"),
    ("non-punishment", "entries/practice-non-punishment/"),
    ("Rantsev", "entries/case-rantsev-v-cyprus-and-russia/"),
])
def test_zensical_search_finds_known_entries_without_leaving_the_site(zensical_site, query,
                                                                      expected):
    with serve_folder(zensical_site) as base, chromium_browser() as browser:
        page = browser.new_page(viewport={"width": 1366, "height": 900})
        requests: list[str] = []
        page.on("request", lambda r: requests.append(r.url))
        page.goto(base)
        # Zensical's own search dialog (in a shadow root, which Playwright's locators enter).
        page.locator("button.md-search__button").first.click()
        page.get_by_placeholder("Search").first.type(query, delay=20)
        results = page.locator('[aria-label="Search results"] a[role=option]')
        results.first.wait_for(timeout=15_000)
        hrefs = [a.get_attribute("href") or "" for a in results.all()[:3]]
        assert any(urlsplit(h).path.endswith(expected) for h in hrefs), hrefs
        assert [u for u in requests if not u.startswith(base)] == []
