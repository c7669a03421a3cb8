"""Accessibility of the built site, and the matrix and timeline for fingers and keyboards.

axe-core (tests/vendor/axe-core/axe.min.js, version 4.14.1, MPL-2.0; see the README beside
it) runs in Debian's chromium on every kind of page at a desktop width (1366 px) and a phone
width (390 px); any serious or critical violation fails. It is evaluated through the DevTools
protocol, so the page's Content-Security-Policy stays in force and no request leaves the
machine.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path

import pytest

from indexer.corpus.loader import load_corpus
from indexer.site import matrix
from indexer.site.pages.browse import REGISTRY
from indexer.site.urls import url_of

from .chromium import chromium_browser, serve_folder
from .conftest import CORPUS
from .sitebuild import real_site

AXE = Path(__file__).parent / "vendor" / "axe-core" / "axe.min.js"
AXE_VERSION = "4.14.1"
DESKTOP, PHONE = 1366, 390

# One page of every kind; the browse pages come from their registry, so a new one is checked.
PAGES = {
    "home": "",
    "plan index": "plan/",
    "paragraph": "plan/38/",
    "preamble paragraph": "resolution/preamble/16a/",
    "entry": "entries/untoc/",
    "entry with a case": "entries/ga-res-58-137/",
    "browse index": "browse/",
    **{f"browse {page.title}": url_of(page.src) for page in REGISTRY},
    "contributing": "contributing/",
    "schema reference": "contributing/schema/",
    "404": "404.html",
}

# Violations waived, as (rule, start of the element's selector), each with why. A search
# result is one link around a card (title, facts, Chinese name, excerpt), named by its title
# and described by the rest (tipkb-search.js): speech input ("click Forced Labour Convention")
# finds it by the words it shows first, which is what WCAG 2.5.3 asks; axe's rule wants every
# word of the card in the name, which would make a screen reader read the excerpt as the name.
WAIVED = {("label-content-name-mismatch", 'a[aria-labelledby="tipkb-result-')}

# WCAG 2.1 A and AA, and axe's best practices (named dialogs, unique landmarks...). WCAG 2.2's
# target-size rule and the AAA rules are left out: the bar is WCAG 2.1 AA, and target-size
# alone takes longer than all the others on the matrix page.
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]
RUN_AXE = """async (tags) => {
  const result = await axe.run(document, {runOnly: {type: 'tag', values: tags},
                                          resultTypes: ['violations']});
  return result.violations.map(v => ({
    id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.map(n => ({target: n.target.join(' '), summary: n.failureSummary}))}));
}"""

@pytest.fixture(scope="module")
def site_url() -> Iterator[str]:
    build = real_site()
    assert build.returncode == 0, build.output[-5000:]
    with serve_folder(build.site) as url:
        yield url


@pytest.fixture(scope="module")
def browser():
    with chromium_browser() as b:
        yield b


@pytest.fixture(scope="module")
def corpus():
    loaded, _ = load_corpus(CORPUS)
    return loaded


def _open(browser, url: str, width: int):
    context = browser.new_context(viewport={"width": width, "height": 900 if width > 500 else 844})
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(url, wait_until="load")
    page.errors = errors
    return context, page


def serious_violations(page) -> list[str]:
    """axe's serious and critical violations on the page, one line per element, less WAIVED."""
    page.evaluate(AXE.read_text(encoding="utf-8"))
    assert page.evaluate("axe.version") == AXE_VERSION
    found = []
    for v in page.evaluate(RUN_AXE, TAGS):
        if v["impact"] not in ("serious", "critical"):
            continue
        for node in v["nodes"]:
            if any(v["id"] == rule and node["target"].startswith(start)
                   for rule, start in WAIVED):
                continue
            summary = " ".join((node["summary"] or "").split())[:300]
            found.append(f"{v['id']} ({v['impact']}) {node['target']}: {summary}")
    return found


@pytest.mark.browser
@pytest.mark.parametrize("width", [DESKTOP, PHONE], ids=["desktop", "phone"])
@pytest.mark.parametrize("path", PAGES.values(), ids=PAGES.keys())
def test_no_serious_accessibility_violation(browser, site_url, path, width):
    context, page = _open(browser, site_url + path, width)
    try:
        assert page.locator("h1").count() >= 1, path  # the page is there, not a server error
        found = serious_violations(page)
        assert found == [], "\n".join(found[:40])
        assert page.errors == []
    finally:
        context.close()


@pytest.mark.browser
@pytest.mark.parametrize("width", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_search_with_results_open_has_no_serious_violation(browser, site_url, width):
    """The site search (overrides/partials/search.html), opened with its shortcut and showing
    results and filters: what a reader sees, checked like a page."""
    context, page = _open(browser, site_url + "plan/38/", width)
    try:
        page.keyboard.press("/")
        page.keyboard.type("forced labour")
        page.wait_for_function(
            "q => document.querySelector('#tipkb-search-results').dataset.query === q",
            arg="forced labour", timeout=15_000)
        assert page.locator("#tipkb-search-results a").count() > 0
        assert page.locator(".tipkb-search__filters").is_visible()
        found = serious_violations(page)
        assert found == [], "\n".join(found[:40])
        assert page.errors == []
    finally:
        context.close()


@pytest.mark.browser
def test_axe_finds_what_it_should(browser, site_url):
    """The check can fail: a link told apart by colour alone and a badge in low contrast,
    put into a real page, are reported."""
    context, page = _open(browser, site_url + "entries/untoc/", DESKTOP)
    try:
        page.evaluate("""() => {
          const p = document.createElement('p');
          const a = document.createElement('a');
          a.href = '#x'; a.textContent = 'a link'; a.style.textDecoration = 'none';
          p.append('Some words of a paragraph, then ', a, ' among them, then more words.');
          document.querySelector('.md-content article').append(p);
          const b = document.createElement('span');
          b.textContent = 'pale'; b.style.color = '#bbbbbb';
          p.append(b);
        }""")
        ids = {line.split(" ")[0] for line in serious_violations(page)}
        assert {"link-in-text-block", "color-contrast"} <= ids
    finally:
        context.close()


@pytest.mark.browser
@pytest.mark.parametrize("width", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_tables_that_scroll_sideways_are_named_keyboard_stops(browser, site_url, width):
    """docs/assets/javascripts/tipkb-scroll-regions.js (an external file, so the CSP runs it):
    a table box that scrolls takes focus and is named after its heading; one that fits is no
    extra Tab stop."""
    context, page = _open(browser, site_url + "contributing/schema/", width)
    try:
        page.wait_for_timeout(200)  # the script acts on the next animation frame
        boxes = page.evaluate("""() => [...document.querySelectorAll('.md-typeset__scrollwrap')]
            .map(b => ({scrolls: b.scrollWidth > b.clientWidth + 1, tab: b.getAttribute('tabindex'),
                        role: b.getAttribute('role'), name: b.getAttribute('aria-label')}))""")
        assert boxes
        scrolling = [b for b in boxes if b["scrolls"]]
        if width == PHONE:
            assert scrolling  # the schema's tables are wider than a phone
        for box in boxes:
            if box["scrolls"]:
                assert box["tab"] == "0" and box["role"] == "region", box
                assert box["name"].startswith("Table under ") and "scrolls sideways" in box["name"]
            else:
                assert box["tab"] is None and box["role"] is None, box
        names = [b["name"] for b in scrolling]
        assert len(names) == len(set(names))  # landmarks with names of their own
        if scrolling:  # and the keyboard gets there, and can scroll it
            box = page.locator(".md-typeset__scrollwrap[tabindex='0']").first
            box.focus()
            assert page.evaluate("document.activeElement.classList.contains('md-typeset__scrollwrap')")
            page.keyboard.press("ArrowRight")
            page.wait_for_timeout(200)
            assert page.evaluate("document.activeElement.scrollLeft") > 0
    finally:
        context.close()


# ------------------------------------------------------------------------------ the matrix


@pytest.mark.browser
def test_matrix_on_a_phone_is_lists_without_sideways_scrolling(browser, site_url, corpus):
    context, page = _open(browser, site_url + "browse/matrix/", PHONE)
    try:
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE
        assert not page.locator(".tipkb-grid").is_visible()  # the table needs a wider screen
        lists = page.locator("ul.tipkb-mx-list")
        assert lists.first.is_visible()
        # Every entry and every paragraph is reachable from the lists, by a visible link.
        shown = page.evaluate("""() => [...document.querySelectorAll('ul.tipkb-mx-list a')]
            .filter(a => a.getBoundingClientRect().width > 0).map(a => a.textContent)""")
        for entry in corpus:
            assert entry.display_title in shown, entry.id
        for para in corpus.plan.paragraphs.values():
            assert para.label in shown, para.key
        # Nothing in the lists runs off the right edge.
        right = page.evaluate("""() => Math.max(...[...document.querySelectorAll(
            'ul.tipkb-mx-list a')].map(a => a.getBoundingClientRect().right))""")
        assert right <= PHONE
    finally:
        context.close()


@pytest.mark.browser
def test_matrix_on_a_desktop_shows_every_paragraph_column(browser, site_url, corpus):
    context, page = _open(browser, site_url + "browse/matrix/", DESKTOP)
    try:
        assert page.evaluate("document.documentElement.scrollWidth") <= DESKTOP
        box = page.locator(".tipkb-grid-box")
        assert box.is_visible()
        fit = page.evaluate("""() => {
          const box = document.querySelector('.tipkb-grid-box').getBoundingClientRect();
          const heads = [...document.querySelectorAll('.tipkb-grid__para')];
          return {n: heads.length,
                  cut: heads.filter(h => { const r = h.getBoundingClientRect();
                                           return r.left < box.left || r.right > box.right; })
                            .map(h => h.textContent),
                  overflow: document.querySelector('.tipkb-grid-box').scrollWidth
                            - document.querySelector('.tipkb-grid-box').clientWidth};
        }""")
        assert fit["n"] == len(corpus.plan.paragraphs)
        assert fit["cut"] == []  # paragraphs 57-61 were cut off by the old drawing
        assert fit["overflow"] <= 0
    finally:
        context.close()


@pytest.mark.browser
def test_every_matrix_link_is_focusable_and_named(browser, site_url):
    context, page = _open(browser, site_url + "browse/matrix/", DESKTOP)
    try:
        page.evaluate(AXE.read_text(encoding="utf-8"))
        result = page.evaluate("""() => {
          const links = [...document.querySelectorAll('.tipkb-matrix a, ul.tipkb-mx-list a')];
          axe.setup(document);  // axe's tree of the page, which its name computation reads
          const bad = [];
          for (const a of links) {
            a.focus();
            const name = axe.commons.text.accessibleText(a).trim();
            if (document.activeElement !== a || !name || !a.getAttribute('href'))
              bad.push(a.outerHTML.slice(0, 160));
          }
          axe.teardown();
          return {n: links.length, bad,
                  inSvg: document.querySelectorAll('.md-content svg a').length};
        }""")
        assert result["bad"] == []
        assert result["inSvg"] == 0  # no link hidden inside a drawing
        assert result["n"] > 500
    finally:
        context.close()


@pytest.mark.browser
def test_a_cell_s_details_show_on_keyboard_focus_and_open_the_entry_s_note(browser, site_url,
                                                                           corpus):
    entry = corpus.entries["untoc"]
    ref = next(r for r in entry.plan_refs if r.basis == "named")
    para = corpus.plan[ref.para]
    context, page = _open(browser, site_url + "browse/matrix/", DESKTOP)
    try:
        cell = page.locator(f'.tipkb-cell[href$="entries/untoc/#{ref.para}"]')
        assert cell.count() == 1
        tip = cell.locator(".tipkb-tip")
        assert tip.bounding_box()["width"] <= 1  # hidden until wanted
        cell.focus()
        assert tip.bounding_box()["width"] > 40
        words = tip.inner_text()
        assert entry.display_title in words and para.label in words and "named" in words
        page.keyboard.press("Enter")
        page.wait_for_url(re.compile(rf"entries/untoc/#{ref.para}$"))
        note = page.locator(f'[id="{ref.para}"]')
        assert ref.note[:40] in " ".join(note.inner_text().split())
    finally:
        context.close()


@pytest.mark.browser
def test_timeline_starts_where_the_data_starts(browser, site_url, corpus):
    earliest = min(int(e.adopted[:4]) for e in corpus if e.adopted)
    context, page = _open(browser, site_url + "browse/timeline/", PHONE)
    try:
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE
        first = page.locator(".tipkb-timeline__tick").first
        assert first.inner_text() == str(earliest)
        bar = page.locator(".tipkb-timeline__bars > *").first
        assert "tipkb-timeline__bar" in bar.get_attribute("class")  # not an empty year
        assert bar.bounding_box()["x"] >= 0
        # Every decade's list is one tap away, with a target big enough for a finger.
        decades = page.locator("nav.tipkb-decades a")
        assert decades.count() == len({int(e.adopted[:4]) // 10 for e in corpus if e.adopted})
        assert all(decades.nth(i).bounding_box()["height"] >= 24 for i in range(decades.count()))
    finally:
        context.close()


# ------------------------------------------------------- the same, without a browser (fast)


class _Cells(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.cells: list[str] = []  # the href of each mark
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs) -> None:
        a = dict(attrs)
        if tag == "a" and "tipkb-cell" in (a.get("class") or ""):
            self.cells.append(a.get("href") or "")

    def handle_data(self, data) -> None:
        self.text.append(data)


def test_every_citation_is_one_cell_and_each_opens_its_note(corpus):
    entries = list(corpus)
    parser = _Cells()
    parser.feed(matrix.matrix_html(corpus, entries, "browse/matrix.md"))
    pairs = {(e.id, r.para) for e in entries for r in e.plan_refs}
    assert len(parser.cells) == len(pairs)
    assert {(h.split("/")[-2], h.split("#")[1]) for h in parser.cells} == pairs


def test_matrix_escapes_what_entries_say(corpus):
    from dataclasses import replace

    entry = next(iter(corpus))
    hostile = replace(entry, title='<img src=x onerror=alert(1)>"', short_title="<b>x</b>")
    out = matrix.matrix_html(corpus, [hostile], "browse/matrix.md")
    out += "".join(block for _, _, block in matrix.by_entry(corpus, [hostile], "browse/matrix.md"))
    out += "".join(b for _, _, b in matrix.by_paragraph(corpus, [hostile], "browse/matrix.md"))
    assert "<img" not in out and "<b>" not in out
    assert html.escape("<b>x</b>") in out


def test_timeline_from_first_to_last_year_whatever_it_is_given():
    assert matrix.timeline_html([]) == ""
    assert matrix.timeline_html(["", "n.d.", "19x5"]) == ""
    one = matrix.timeline_html(["1926"])
    assert one.count("tipkb-timeline__bar\"") == 1 and ">1926<" in one
    many = matrix.timeline_html(["1926", "2010", "2010", "1999"])
    ticks = re.findall(r'tipkb-timeline__tick[^"]*" style="left:([\d.]+)%">(\d+)<', many)
    assert ticks[0] == ("0.00", "1926")  # the axis starts with the first year, at the left
    assert [t[1] for t in ticks][1:] == ["1940", "1950", "1960", "1970", "1980", "1990",
                                         "2000", "2010"]  # 1930 is too close to 1926
    assert many.count("tipkb-timeline__bar\"") == 3
    assert many.count("tipkb-timeline__gap") == 2010 - 1926 + 1 - 3
    assert 'href="#d2010"' in many and "2010s <span" in many


def test_page_titles_name_the_site_once():
    build = real_site()
    assert build.returncode == 0, build.output[-3000:]
    site_name = "Global Plan of Action against Trafficking in Persons"

    def title(path: str) -> str:
        text = (build.site / path).read_text(encoding="utf-8")
        found = re.findall(r"<title>(.*?)</title>", text, re.S)
        assert len(found) == 1, path
        return html.unescape(found[0].strip())

    assert title("index.html") == site_name
    assert title("404.html") == f"Page not found - {site_name}"
    assert title("browse/matrix/index.html") == f"Matrix: paragraphs × entries - {site_name}"
    for path in ("index.html", "plan/38/index.html", "entries/untoc/index.html"):
        assert title(path).count(site_name) == 1, path
