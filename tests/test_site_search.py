"""The site's search box in Chromium (Debian's, through Playwright), as a reader uses it.

- every query of tests/site_search_queries.yaml, typed key by key, must show its entry in the
  first three results (filters chosen in the box's own controls);
- a pasted query (text that arrives with no key event, as from a menu or an input method)
  searches at once;
- no request leaves the site, and the offline copy searches from disk (file://);
- the dialog, the box and the results have names; results are reached with the keyboard;
- titles from hostile entries are shown as text, never run, and no result links elsewhere;
- the browser's analysis is the CLI's: every word of the corpus gives the same term in both,
  and every query is cut into the same terms.
"""

from __future__ import annotations

import functools
import http.server
import json
import re
import threading
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml

from indexer.corpus.loader import load_corpus
from indexer.search import textnorm
from indexer.site.search import analysis
from indexer.site.search.documents import SiteDoc
from indexer.site.search.index import build_index
from indexer.site.urls import src_of_url, style_of, url_of

from .chromium import chromium_browser
from .hostile import PAYLOADS
from .sitebuild import offline_site, real_site

ROOT = Path(__file__).resolve().parent.parent
QUERIES = yaml.safe_load((Path(__file__).parent / "site_search_queries.yaml")
                         .read_text(encoding="utf-8"))
LOCAL = {"127.0.0.1", "localhost"}
RESULTS = "#tipkb-search-results"

pytestmark = pytest.mark.browser


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


@pytest.fixture(scope="module")
def corpus():
    loaded, _ = load_corpus(ROOT / "corpus")
    return loaded


@pytest.fixture(scope="module")
def site() -> Path:
    build = real_site()
    assert build.returncode == 0, build.output[-5000:]
    return build.site


@pytest.fixture(scope="module")
def base_url(site) -> Iterator[str]:
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module")
def browser():
    with chromium_browser() as b:
        yield b


def _new_page(browser, **options):
    context = browser.new_context(**options)
    page = context.new_page()
    page.requests = []
    page.errors = []
    page.dialogs = []
    page.on("request", lambda r: page.requests.append(r.url))
    page.on("console", lambda m: page.errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: page.errors.append(str(e)))
    page.on("dialog", lambda d: (page.dialogs.append(d.message), d.dismiss()))
    return page


@pytest.fixture(scope="module")
def search_page(browser, base_url):
    page = _new_page(browser)
    page.goto(base_url, wait_until="load")
    yield page
    page.context.close()


def wait_results(page, query: str) -> list[str]:
    """The hrefs of the results once the list shows those of ``query``."""
    page.wait_for_function(
        "q => document.querySelector('#tipkb-search-results').dataset.query === q",
        arg=query, timeout=15_000)
    links = page.locator(f"{RESULTS} a.md-search-result__link")
    return [a.get_attribute("href") or "" for a in links.all()]


def type_query(page, query: str, filters: dict | None = None) -> list[str]:
    box = page.locator("#tipkb-search-query")
    box.click()
    box.fill("")
    for name in ("type", "region", "pillar", "scope"):
        page.locator(f".tipkb-search select[name={name}]").select_option(
            (filters or {}).get(name, ""))
    box.fill("")
    box.press_sequentially(query)
    return wait_results(page, query)


def address(corpus, key: str, directory_urls: bool = True) -> str:
    """The site address of an entry id or paragraph key."""
    entry = corpus.entries.get(key)
    path = entry.url_path if entry else corpus.plan.paragraphs[key].url
    return url_of(src_of_url(path), style_of(directory_urls))


def expected(item) -> list[str]:
    return item["expect"] if isinstance(item["expect"], list) else [item["expect"]]


def skip_unless_answerable(corpus, item) -> None:
    known = [k for k in expected(item) if k in corpus.entries or k in corpus.plan.paragraphs]
    if not known:
        pytest.skip(f"none of {expected(item)} is in the corpus")
    for eid, name in (item.get("needs") or {}).items():
        if eid not in corpus.entries or name not in corpus.entries[eid].names:
            pytest.skip(f"{eid} does not give the name {name} yet")


def hit(corpus, hrefs: list[str], item, directory_urls: bool = True) -> bool:
    wanted = {address(corpus, k, directory_urls) for k in expected(item)
              if k in corpus.entries or k in corpus.plan.paragraphs}
    return any(urlsplit(h).path.endswith("/" + w) for h in hrefs[:3] for w in wanted)


# --------------------------------------------------------------------- the query set

@pytest.mark.parametrize("item", QUERIES, ids=[f"{q['kind']}:{q['q']}" for q in QUERIES])
def test_query_finds_its_entry_in_the_first_three(search_page, corpus, item):
    skip_unless_answerable(corpus, item)
    hrefs = type_query(search_page, item["q"], item.get("filters"))
    assert hit(corpus, hrefs, item), f"{item['q']!r} -> {hrefs[:5]}"
    assert search_page.errors == []


def test_filters_keep_only_what_they_name(search_page, corpus):
    hrefs = type_query(search_page, "convention", {"region": "europe", "scope": "cited"})
    assert hrefs
    for h in hrefs:
        eid = urlsplit(h).path.rstrip("/").rsplit("/", 1)[-1]
        entry = corpus.entries[eid]
        assert entry.region == "europe" and corpus.scope(entry) == "cited", eid
    # each option counts the results it would keep
    option = search_page.locator(".tipkb-search select[name=region] option[value=europe]")
    assert re.search(r"\((\d+)\)$", option.inner_text())


def test_contributor_pages_come_after_every_other_result(search_page):
    hrefs = type_query(search_page, "UNTOC")  # two entries, and the guides that cite it
    kinds = ["contributing" if "/contributing/" in h else "other" for h in hrefs]
    assert "other" in kinds and "contributing" in kinds
    assert kinds == sorted(kinds, key=lambda k: k == "contributing"), hrefs
    item = search_page.locator(f"{RESULTS} li.tipkb-search__item--contributing").first
    assert "For contributors" in item.inner_text()


def test_a_pasted_query_searches_without_a_key_press(browser, base_url, corpus):
    page = _new_page(browser)
    page.goto(base_url, wait_until="load")
    page.locator("#tipkb-search-query").focus()
    keys: list[str] = []
    page.expose_function("tipkbKey", lambda key: keys.append(key))
    page.evaluate("document.addEventListener('keydown', e => window.tipkbKey(e.key), true)")
    page.keyboard.insert_text("E/2002/68/Add.1")  # an input event and nothing else
    hrefs = wait_results(page, "E/2002/68/Add.1")
    assert keys == []
    assert hit(corpus, hrefs, {"expect": "ohchr-recommended-principles"}), hrefs
    page.context.close()


# --------------------------------------------------------------------- no request leaves

def test_no_request_leaves_the_site(browser, base_url):
    page = _new_page(browser)
    page.goto(base_url + "entries/untoc/", wait_until="load")
    for query in ("trafficking protocol", "人口贩运议定书", "palemro", "Art. 6"):
        assert type_query(page, query)
    outside = [u for u in page.requests if urlsplit(u).scheme in ("http", "https")
               and urlsplit(u).hostname not in LOCAL]
    assert outside == []
    assert any("/search/t/" in u for u in page.requests)
    assert page.errors == []
    page.context.close()


def test_the_offline_copy_searches_from_disk(browser, corpus):
    build = offline_site()
    assert build.returncode == 0, build.output[-5000:]
    page = _new_page(browser)
    page.goto((build.site / "entries" / "untoc.html").as_uri(), wait_until="load")
    for item in ({"q": "Palermo Protocol", "expect": "trafficking-protocol"},
                 {"q": "人口贩运议定书", "expect": "trafficking-protocol"},
                 {"q": "palemro", "expect": ["untoc", "trafficking-protocol"]},
                 {"q": "E/2002/68/Add.1", "expect": "ohchr-recommended-principles"}):
        hrefs = type_query(page, item["q"])
        assert hit(corpus, hrefs, item, directory_urls=False), (item, hrefs)
    assert all(u.startswith("file://") for u in page.requests), page.requests
    page.locator(f"{RESULTS} a.md-search-result__link").first.click()
    page.wait_for_load_state("load")
    assert page.url.endswith("/entries/ohchr-recommended-principles.html")
    assert page.errors == []
    page.context.close()


# --------------------------------------------------------------------- names and keyboard

def test_search_is_named_and_results_are_reached_by_keyboard(browser, base_url):
    page = _new_page(browser)
    page.goto(base_url + "plan/38/", wait_until="load")
    assert page.get_by_role("dialog", name="Search the knowledge base").count() == 1
    assert page.get_by_role("search", name="Entries and the resolution").count() == 1
    box = page.get_by_role("textbox", name="Search entries and the resolution")
    page.keyboard.press("/")  # the shortcut, from anywhere on the page
    assert box.evaluate("el => el === document.activeElement")
    page.keyboard.type("UNTOC")
    wait_results(page, "UNTOC")
    status = page.get_by_role("status")
    assert re.match(r"\d+ results?", status.inner_text())
    assert page.get_by_role("list", name="Search results").count() == 1

    def focused() -> str:
        return page.evaluate("document.activeElement.getAttribute('href') || "
                             "document.activeElement.id")

    page.keyboard.press("ArrowDown")
    first = focused()
    assert first.endswith("/entries/untoc/")
    link = page.get_by_role("link", name=re.compile("Organized Crime Convention"))
    assert link.first.get_attribute("href") == first
    page.keyboard.press("ArrowDown")
    assert focused() not in (first, "tipkb-search-query")
    page.keyboard.press("ArrowUp")
    page.keyboard.press("ArrowUp")
    assert focused() == "tipkb-search-query"
    for _ in range(12):  # Tab goes through the controls to the results
        page.keyboard.press("Tab")
        if focused() == first:
            break
    assert focused() == first
    page.keyboard.press("Enter")
    page.wait_for_url("**/entries/untoc/")
    page.locator("#tipkb-search-query").focus()
    assert page.locator("#__search").is_checked()
    page.keyboard.press("Escape")
    assert not page.locator("#__search").is_checked()
    assert page.errors == []
    page.context.close()


# --------------------------------------------------------------------- hostile entries

def _static_markup() -> str:
    """The search partial without its template tags (the icons), as a page would hold it."""
    text = (ROOT / "overrides" / "partials" / "search.html").read_text(encoding="utf-8")
    return re.sub(r"\{#.*?#\}|\{%.*?%\}", "", text, flags=re.S)


def test_hostile_titles_are_shown_as_text_and_link_nowhere_else(browser, tmp_path):
    docs = []
    for i, (name, payload) in enumerate(sorted(PAYLOADS.items())):
        docs.append(SiteDoc(
            key=f"x{i}", kind="entry", url=f"entries/x{i}/", title=payload, subtitle=payload,
            excerpt=payload, type="guidance", region="global", scope="context",
            fields={"title": payload, "body": f"hostilefixture {name} {payload}"},
            names=[payload]))
    docs.append(SiteDoc(key="y", kind="entry", url="javascript:alert('url')", title="Elsewhere",
                        fields={"body": "hostilefixture elsewhere"}))
    build_index(docs, tmp_path / "search")
    (tmp_path / "assets" / "javascripts").mkdir(parents=True)
    script = ROOT / "docs" / "assets" / "javascripts" / "tipkb-search.js"
    (tmp_path / "assets" / "javascripts" / "tipkb-search.js").write_bytes(script.read_bytes())
    (tmp_path / "index.html").write_text(
        "<!doctype html><html><head><meta charset='utf-8'>"
        "<meta http-equiv='Content-Security-Policy' content=\"default-src 'self'; "
        "script-src 'self'; style-src 'self' 'unsafe-inline'\"></head><body>"
        "<input type='checkbox' id='__search'>" + _static_markup()
        + "<script src='assets/javascripts/tipkb-search.js'></script></body></html>",
        encoding="utf-8")
    page = _new_page(browser)
    page.goto((tmp_path / "index.html").as_uri(), wait_until="load")
    page.locator("#tipkb-search-query").fill("hostilefixture")
    wait_results(page, "hostilefixture")
    while page.locator(".tipkb-search__more:visible").count():
        shown = page.locator(f"{RESULTS} li").count()
        page.locator(".tipkb-search__more").click()
        page.wait_for_function(f"document.querySelectorAll('{RESULTS} li').length > {shown}")
    page.wait_for_timeout(300)
    found = page.evaluate("""() => {
      const list = document.querySelector('#tipkb-search-results');
      const all = [...list.querySelectorAll('*')];
      return {
        titles: [...list.querySelectorAll('.tipkb-search__title')].map(e => e.textContent),
        tags: [...new Set(all.map(e => e.tagName))],
        handlers: all.flatMap(e => [...e.attributes].filter(a => /^on/i.test(a.name))
                                                  .map(a => a.name)),
        hrefs: [...list.querySelectorAll('a[href]')].map(a => a.href),
        links: list.querySelectorAll('a').length,
      };
    }""")
    assert page.dialogs == []
    assert sorted(found["titles"]) == sorted([*PAYLOADS.values(), "Elsewhere"])
    assert set(found["tags"]) <= {"LI", "A", "DIV", "P", "MARK"}
    assert found["handlers"] == []
    assert found["links"] == len(docs) and len(found["hrefs"]) == len(docs) - 1
    assert all(h.startswith(tmp_path.as_uri() + "/entries/") for h in found["hrefs"])
    assert page.errors == []
    page.context.close()


# --------------------------------------------------------------------- one analysis

def _corpus_tokens() -> list[str]:
    raws: set[str] = set()
    for path in sorted((ROOT / "corpus").rglob("*")):
        if path.suffix in (".md", ".yaml") and path.is_file():
            text = path.read_text(encoding="utf-8")
            raws.update(raw for kind, raw, _, _ in textnorm.tokens(text) if kind != "cjk")
    extra = ["Côte", "organisation", "organisations", "C.29", "C029", "labour's", "U.S.",
             "E/2002/68/Add.1.", "(A/RES/55/25)", "l’homme", "naïve", "ﬁnancial", "and/or",
             "end.Next", "yelling", "generalisation", "advertise", "centre", "travelled"]
    return sorted(raws) + extra


def _python_terms(raw: str) -> list:
    out: list = []
    for kind, tok, _, _ in textnorm.tokens(raw):
        if kind == "word":
            out.append(analysis.word_term(tok))
        elif kind == "sym":
            out.append(textnorm.symbol_variants(tok)[0])
        else:
            out.append(tok)
    return out


def test_the_browser_analyses_every_word_as_the_cli_does(search_page):
    """The CLI's index and the site's share one Python analysis (textnorm.word_term); the
    browser's copy in JavaScript gives the same terms for every word of the corpus."""
    raws = _corpus_tokens()
    assert len(raws) > 3000
    browser_terms = search_page.evaluate("words => window.tipkbSearchAnalysis(words)", raws)
    differ = [(raw, js, py) for raw, js in zip(raws, browser_terms, strict=True)
              if js != (py := _python_terms(raw))]
    assert differ == []


def _shard_data(site: Path, folder: str) -> dict:
    out: dict = {}
    for path in (site / "search" / folder).glob("*.js"):
        text = path.read_text(encoding="utf-8")
        out.update(json.loads(text[text.index(",") + 1: text.rindex(")")]))
    return out


def test_queries_are_cut_into_the_same_terms_in_both(search_page, site):
    terms = _shard_data(site, "t")
    manifest_text = (site / "search" / "manifest.js").read_text(encoding="utf-8")
    manifest = json.loads(manifest_text[manifest_text.index(",") + 1: manifest_text.rindex(")")])
    freq = {t: v[1] for t, v in terms.items() if textnorm.has_cjk(t[0]) and len(v) > 1}
    segmenter = textnorm.VocabSegmenter(freq, manifest["zhTotal"])
    queries = [item["q"] for item in QUERIES] + ["Art. 6(3) of the Protocol", "贩运人口问题 C.29"]
    for q in queries:
        py = [{"kind": g["kind"], "terms": g["terms"]}
              for g in analysis.query_groups(q, segment=segmenter.query_words)]
        js = search_page.evaluate("q => window.tipkbSearchGroups(q)", q)
        assert js == py, q
