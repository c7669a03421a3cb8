"""Every payload in every text field, built into a site with validation bypassed, in Chromium.

The validator refuses most of these entries (test_hostile.py counts which); the site must be
safe even where it would not: the build here runs the real plugin with its error check
switched off, then every page that shows the entries is opened in Debian's chromium, with
the search box used too. Nothing may run, no link may be javascript:, and each page must be
whole (a <textarea> or a forged slot would swallow or copy the rest).
"""

from __future__ import annotations

import functools
import http.server
import os
import threading
from pathlib import Path

import pytest

from .chromium import chromium_browser
from .conftest import ROOT, make_corpus
from .hostile import FIELDS, PAYLOADS, TARGET, entry_text

pytestmark = pytest.mark.browser

ONE_LINE = {"title", "short_title", "alias", "title_zh_project", "adopted_by", "place",
            "source_title", "source_publisher", "provision_title", "heading"}
SKIPPED = {"terminal-escape"}  # refused by the reader itself: no entry to build


def _entries(root: Path) -> list[str]:
    ids = []
    for name, payload in PAYLOADS.items():
        if name in SKIPPED:
            continue
        eid = f"h-{name}"
        flat = " ".join(payload.split())  # one-line fields refuse a line break outright
        placements = {f: (flat if f in ONE_LINE else payload) for f in FIELDS}
        (root / "entries" / f"{eid}.md").write_text(entry_text(eid, placements), encoding="utf-8")
        ids.append(eid)
    (root / "entries" / "hostile-target.md").write_text(TARGET, encoding="utf-8")
    return ids


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory, monkeypatch_module):
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    from indexer.corpus.loader import load_corpus
    from indexer.site import plugin as mkdocs_plugin

    tmp = tmp_path_factory.mktemp("hostile-site")
    root = make_corpus(tmp)
    ids = _entries(root)
    corpus, _ = load_corpus(root)
    missing = [eid for eid in ids if eid not in corpus.entries]
    assert not missing, f"these hostile entries did not load, so they test nothing: {missing}"
    monkeypatch_module.setenv("TIPKB_CORPUS", str(root))
    monkeypatch_module.setattr(mkdocs_plugin, "has_errors", lambda problems: False)
    site = tmp / "site"
    cwd = os.getcwd()
    os.chdir(ROOT)
    try:
        build(load_config(str(ROOT / "mkdocs.yml"), site_dir=str(site)))
    finally:
        os.chdir(cwd)
    return site, ids


@pytest.fixture(scope="module")
def monkeypatch_module():
    mp = pytest.MonkeyPatch()
    yield mp
    mp.undo()


@pytest.fixture(scope="module")
def served(hostile_site):
    site, ids = hostile_site
    handler = functools.partial(_Quiet, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/", ids
    server.shutdown()
    server.server_close()


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


CHECK = """() => {
  const all = [...document.querySelectorAll('*')];
  const content = document.querySelector('.md-content');
  return {
    handlers: all.filter(e => [...e.attributes].some(a => a.name.startsWith('on')))
                 .map(e => e.outerHTML.slice(0, 120)),
    badLinks: [...document.querySelectorAll('[href],[src],[action],[formaction]')]
                 .map(e => e.getAttribute('href') || e.getAttribute('src') || e.getAttribute('action')
                           || e.getAttribute('formaction') || '')
                 .filter(u => /^\\s*(javascript|data|vbscript):/i.test(u)),
    foreign: content ? [...content.querySelectorAll(
        'script,iframe,form,input,textarea,style,base,object,embed,svg:not(.tipkb-chart svg),math')]
        .filter(e => !e.closest('.tipkb-matrix, .tipkb-timeline'))
        .map(e => e.tagName) : ['no content'],
    footer: !!document.querySelector('.md-footer'),
    text: content ? content.innerText.length : 0,
  };
}"""


def _visit(page, url: str, log: list[str]) -> dict:
    page.goto(url)
    page.wait_for_load_state("load")
    page.wait_for_timeout(150)
    found = page.evaluate(CHECK)
    assert found["handlers"] == [], (url, found["handlers"])
    assert found["badLinks"] == [], (url, found["badLinks"])
    assert found["foreign"] == [], (url, found["foreign"])
    assert found["footer"] and found["text"] > 200, (url, "the page is not whole")
    return found


def test_no_payload_runs_anywhere_on_the_site(served):
    base, ids = served
    dialogs: list[str] = []
    csp: list[str] = []
    with chromium_browser() as browser:
        page = browser.new_page()
        page.on("dialog", lambda d: (dialogs.append(f"{page.url}: {d.message}"), d.dismiss()))
        page.on("console", lambda m: csp.append(m.text) if "Content Security Policy" in m.text
                else None)
        visited = 0
        for eid in ids:
            _visit(page, f"{base}entries/{eid}/", dialogs)
            assert page.locator("#sources").count() == 1, eid  # the page ran to its end
            visited += 1
        for path in ("", "plan/5/", "entries/", "browse/a-z/", "browse/types/",
                     "browse/regions/", "browse/timeline/", "browse/matrix/",
                     "browse/pillars/"):
            _visit(page, base + path, dialogs)
            visited += 1
        # the search box renders titles and snippets of the hostile entries
        page.goto(base)
        page.locator("label.md-search__icon, .md-search__input").first.click()
        page.locator("input.md-search__input").type("Hostile fixture", delay=20)
        page.locator("li.md-search-result__item").first.wait_for(timeout=15_000)
        page.wait_for_timeout(500)
        found = page.evaluate(CHECK)
        assert found["handlers"] == [] and found["badLinks"] == []
    assert dialogs == [], dialogs
    assert csp == [], csp  # nothing even tried to run: the sanitiser stopped it first
    print(f"\n{len(ids)} payloads x {len(FIELDS)} fields rendered on {visited} pages: "
          "0 executed")


def test_citation_files_of_the_hostile_site_parse(hostile_site):
    from pybtex.database import parse_string

    site, ids = hostile_site
    for eid in ids:
        db = parse_string((site / "cite" / f"{eid}.bib").read_text(), "bibtex")
        assert list(db.entries) == [eid]


def test_titles_are_shown_as_text_where_the_theme_prints_them(hostile_site):
    site, _ = hostile_site
    html = (site / "entries" / "h-title-breakout" / "index.html").read_text()
    head = html[: html.index("</head>")]
    assert "<title>Hostile fixture X&lt;/title&gt;&lt;svg/onload=" in head
    assert '<meta name="description" content="' in head and "<svg" not in head
    header = html[html.index('data-md-component="header-topic"'):][:400]
    assert "X&lt;/title&gt;&lt;svg/onload=" in header and "<svg" not in header
