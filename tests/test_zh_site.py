"""The Chinese edition of the built site: every page in both editions at the same path, a
switch on each leading to its counterpart and back, Chinese where the reader reads, its own
search index; and in Chromium, the switch on each kind of page and Chinese searches.

The site is the one strict build of the session (tests/sitebuild.py): the plugin builds the
Chinese edition into its zh/ folder.
"""

from __future__ import annotations

import html
import json
import re
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
import yaml

from indexer.corpus.loader import load_valid_corpus
from indexer.corpus.names import entry_title, para_label

from .chromium import chromium_browser, serve_folder
from .conftest import CORPUS, ROOT
from .sitebuild import real_site

SWITCH = re.compile(r'<a href="([^"]*)" hreflang="([^"]*)" class="md-header__button '
                    r'tipkb-lang-switch"')
H1 = re.compile(r"<h1[^>]*>(.*?)<", re.S)
# Pages that are not pages of an edition: redirects of renamed entries (plain HTML files).
NOT_PAGES = ("404.html",)


@pytest.fixture(scope="module")
def corpus():
    return load_valid_corpus(CORPUS)


@pytest.fixture(scope="module")
def site() -> Path:
    build = real_site()
    assert build.returncode == 0, build.output[-5000:]
    return build.site


def page_file(site: Path, path: str) -> Path:
    """The file of a site path: ``zh/entries/untoc/`` -> .../zh/entries/untoc/index.html."""
    return site / path / "index.html" if path == "" or path.endswith("/") else site / path


def switch_of(site: Path, path: str) -> tuple[str, str]:
    """(the site path the page's language switch leads to, its hreflang)."""
    html = page_file(site, path).read_text("utf-8")
    found = SWITCH.findall(html)
    assert len(found) == 1, f"{path}: {len(found)} language switches"
    href, lang = found[0]
    target = urlsplit(urljoin("http://site/" + path, href)).path.lstrip("/")
    return target, lang


def theme_pages(root: Path) -> set[str]:
    """Site paths of the pages the theme wrote under ``root`` (not its zh/ folder)."""
    out = set()
    for f in root.rglob("index.html"):
        rel = f.relative_to(root).as_posix()
        if rel.startswith("zh/") or "md-header" not in f.read_text("utf-8")[:20000]:
            continue
        out.add(rel[: -len("index.html")])
    return out


# ---------------------------------------------------------------- files


def test_every_page_exists_in_both_editions(site):
    en, zh = theme_pages(site), theme_pages(site / "zh")
    assert len(en) > 200
    assert en == zh, (sorted(en - zh)[:10], sorted(zh - en)[:10])


def test_every_entry_and_paragraph_switches_to_its_counterpart_and_back(site, corpus):
    paths = [e.url_path for e in corpus] + [p.url for p in corpus.plan.paragraphs.values()]
    for path in paths:
        assert switch_of(site, path) == ("zh/" + path, "zh"), path
        assert switch_of(site, "zh/" + path) == (path, "en"), path


def test_every_page_has_a_switch_that_leads_to_a_page(site):
    """Home, the Plan, browse pages and hand-written ones too, in both editions."""
    for path in sorted(theme_pages(site)):
        there, _ = switch_of(site, path)
        assert there == "zh/" + path
        assert page_file(site, there).is_file(), there
        back, _ = switch_of(site, there)
        assert back == path


def test_the_editions_say_their_language(site):
    assert '<html lang="en"' in page_file(site, "entries/untoc/").read_text("utf-8")
    assert '<html lang="zh"' in page_file(site, "zh/entries/untoc/").read_text("utf-8")


def test_chinese_entry_pages_lead_with_the_chinese_title(site, corpus):
    for entry in corpus:
        html = page_file(site, "zh/" + entry.url_path).read_text("utf-8")
        title, note = entry_title(entry, "zh")
        assert H1.search(html).group(1).strip() == title.replace("&", "&amp;"), entry.id
        assert ("非官方译名" in html) == bool(note and not entry.title_zh), entry.id
        if entry.summary_zh:
            assert 'class="tipkb-summary-zh"' in html, entry.id
            assert "非官方文本" in html


def test_chinese_paragraph_pages_lead_with_the_chinese_text(site, corpus):
    for para in corpus.plan.paragraphs.values():
        html = page_file(site, "zh/" + para.url).read_text("utf-8")
        assert H1.search(html).group(1).strip() == para_label(para, "zh")
        zh, en = html.find('id="zh"'), html.find('id="en"')
        assert 0 < zh < en, para.key
        assert para.text_zh[:20].replace("&", "&amp;") in html


def test_chinese_pages_link_to_the_one_copy_of_the_downloads(site):
    html = page_file(site, "zh/entries/untoc/").read_text("utf-8")
    links = re.findall(r'href="([^"]*untoc\.(?:bib|ris|csl\.json))" download', html)
    assert len(links) == 3
    for link in links:
        target = urlsplit(urljoin("http://site/zh/entries/untoc/", link)).path.lstrip("/")
        assert not target.startswith("zh/") and (site / target).is_file(), target
    assert not (site / "zh" / "cite").exists()
    # Only the tables of the comparison and checklist pages have a copy beside those pages;
    # the open data is the root's alone.
    zh_data = {p.relative_to(site / "zh" / "data").parts[0]
               for p in (site / "zh" / "data").rglob("*") if p.is_file()}
    assert zh_data <= {"compare", "checklist"}, zh_data
    assert (site / "data").is_dir() and len(list((site / "data").rglob("*.json"))) > 0


def test_comparison_and_checklist_pages_are_in_chinese(site):
    """The Chinese edition's comparison and checklist pages: Chinese headings, columns and
    links, not the English ones, and no note that the page is in English."""
    compare = page_file(site, "zh/browse/compare/non-punishment/").read_text("utf-8")
    checklist = page_file(site, "zh/browse/checklist/protection/").read_text("utf-8")
    english = page_file(site, "browse/compare/non-punishment/").read_text("utf-8")
    for page in (compare, checklist):
        assert "本页暂无中文版" not in page and "tipkb-untranslated" not in page
    assert H1.search(compare).group(1).strip() == "比较：不惩罚受害者"
    assert "<title>比较：不惩罚受害者" in compare
    for words in ('id="provisions">各文书的规定', 'id="in-the-plan">在《全球行动计划》中',
                  'id="practices">最佳做法', '<th scope="col">文书</th>',
                  '<th scope="col">约束力</th>', 'data-label="规定内容"', "下载本表格：",
                  ">有约束力</span>", ">全部比较</a>", ">见核对清单</a>"):
        assert words in compare, words
    for words in ("What each instrument provides", '<th scope="col">Instrument</th>',
                  'data-label="What it provides"', "Download this table", ">Binding</span>",
                  ">All comparisons</a>", ">in the checklist</a>"):
        assert words in english, words  # the English edition has them,
        assert words not in compare, words  # the Chinese one does not
    assert H1.search(checklist).group(1).strip() == "核对清单：保护"
    for words in ("<dt>同一主题的条款</dt>", "<dt>本段提及</dt>", ">CSV（中文）</a>",
                  "下载待填写的表格", "第1项要求", ">全部核对清单</a>"):
        assert words in checklist, words
    for words in ("Articles on the same topic", "Named in the paragraph", "CSV in Chinese",
                  "Download the table", "Ask 1 of", "All checklists"):
        assert words not in checklist, words
    index = page_file(site, "zh/browse/").read_text("utf-8")
    assert ">比较</a>" in index and ">核对清单</a>" in index and "（英文页面）" not in index


def test_contributing_pages_are_translated_or_say_they_are_not(site):
    index = page_file(site, "zh/contributing/").read_text("utf-8")
    assert "如何参与贡献" in index and "本页暂无中文版" not in index
    authoring = page_file(site, "zh/contributing/authoring/").read_text("utf-8")
    assert "撰写条目" in authoring and "本页暂无中文版" not in authoring
    schema = page_file(site, "zh/contributing/schema/").read_text("utf-8")
    assert "本页暂无中文版" in schema and '<div lang="en">' in schema
    # The translations are not pages of their own in either edition.
    assert not list(site.rglob("index.zh/index.html"))


def search_rows(root: Path) -> dict[str, list]:
    """The site search index's result rows (indexer/site/search/), by page address."""
    rows = {}
    for f in sorted((root / "search" / "d").glob("*.js")):
        text = f.read_text("utf-8")
        data = json.loads(text[text.index(",") + 1: text.rindex(")")])
        rows.update({row[0]: row for row in data})
    return rows


def test_each_edition_has_its_own_search_index(site, corpus):
    en, zh = search_rows(site), search_rows(site / "zh")
    assert set(en) == set(zh) and len(zh) > 200
    # In Chinese an entry is titled by its Chinese name over its English title, with its
    # Chinese summary; a paragraph as the resolution numbers it.
    assert zh["entries/untoc/"][1:3] == ["联合国打击跨国有组织犯罪公约",
                                         corpus.entries["untoc"].display_title]
    assert en["entries/untoc/"][1] == corpus.entries["untoc"].display_title
    assert "巴勒莫" in zh["entries/ga-res-55-25/"][3]
    assert zh["plan/38/"][1] == "《行动计划》第38段" and zh["plan/38/"][3].startswith("设立")
    # Addresses are relative to each edition's root: never into the other edition.
    assert not any(url.startswith("zh/") for url in en)
    words = re.search(r'data-words="([^"]*)"', page_file(site, "zh/").read_text("utf-8"))
    assert words and json.loads(html.unescape(words.group(1)))["values"]["type"]["convention"]
    assert 'data-words="{}"' in page_file(site, "").read_text("utf-8")


def test_both_navigations_list_the_same_pages():
    def pages(nav) -> list[str]:
        out = []
        for item in nav:
            value = next(iter(item.values())) if isinstance(item, dict) else item
            out += pages(value) if isinstance(value, list) else [value]
        return out

    class Loader(yaml.SafeLoader):
        pass

    Loader.add_multi_constructor("!", lambda loader, suffix, node: None)
    en = yaml.load((ROOT / "mkdocs.yml").read_text("utf-8"), Loader=Loader)
    zh = yaml.load((ROOT / "mkdocs.zh.yml").read_text("utf-8"), Loader=Loader)
    assert pages(en["nav"]) == pages(zh["nav"])
    assert zh["INHERIT"] == "mkdocs.yml" and zh["theme"]["language"] == "zh"


# ---------------------------------------------------------------- in Chromium

# One page of each kind, and where its switch must land.
KINDS = {
    "home": "",
    "entry": "entries/untoc/",
    "paragraph": "plan/38/",
    "browse": "browse/a-z/",
    "contributing": "contributing/",
    "contributing, untranslated": "contributing/schema/",
}


@pytest.fixture(scope="module")
def served(site):
    with serve_folder(site) as url:
        yield url


@pytest.fixture(scope="module")
def browser():
    with chromium_browser() as b:
        yield b


@pytest.fixture
def page(browser):
    context = browser.new_context()
    page = context.new_page()
    page.errors = []
    page.on("console", lambda m: page.errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: page.errors.append(str(e)))
    yield page
    context.close()


@pytest.mark.browser
@pytest.mark.parametrize("kind", KINDS)
def test_the_switch_leads_to_the_same_page_and_back(page, served, kind):
    path = KINDS[kind]
    page.goto(served + path, wait_until="load")
    page.locator("a.tipkb-lang-switch").click()
    page.wait_for_load_state("load")
    assert page.url == served + "zh/" + path
    assert page.locator("html").get_attribute("lang") == "zh"
    page.locator("a.tipkb-lang-switch").click()
    page.wait_for_load_state("load")
    assert page.url == served + path
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.errors == []


@pytest.mark.browser
def test_the_switch_is_visible_at_phone_width(browser, served):
    context = browser.new_context(viewport={"width": 390, "height": 800})
    page = context.new_page()
    page.goto(served + "zh/entries/untoc/", wait_until="load")
    switch = page.locator("a.tipkb-lang-switch")
    assert switch.is_visible() and switch.inner_text().strip() == "English"
    box = switch.bounding_box()
    assert box and box["x"] + box["width"] <= 390
    context.close()


def search(page, query: str) -> list[str]:
    """Type ``query`` into the search box as an input method would; the results' hrefs."""
    page.locator("label.md-search__icon, .md-search__input").first.click()
    box = page.locator("input.md-search__input")
    box.fill("")
    box.type(query, delay=20)
    box.press("End")
    results = page.locator("li.md-search-result__item a.md-search-result__link")
    results.first.wait_for(timeout=15_000)
    return [a.get_attribute("href") or "" for a in results.all()]


@pytest.mark.browser
@pytest.mark.parametrize(("query", "entry"), [
    ("联合国打击跨国有组织犯罪公约", "entries/untoc/"),
    ("人口贩运议定书", "entries/trafficking-protocol/"),
    ("不惩罚", "entries/practice-non-punishment/"),
    ("强迫劳动", "entries/ilo-c029/"),
    ("巴勒莫", "entries/ga-res-55-25/"),  # only in Chinese summaries
])
def test_chinese_searches_find_the_entry_in_the_chinese_edition(page, served, query, entry):
    page.goto(served + "zh/", wait_until="networkidle")
    hrefs = search(page, query)
    pages = [urlsplit(urljoin(served + "zh/", h)).path for h in hrefs]
    assert all(p.startswith("/zh/") for p in pages), pages  # scoped to the edition
    assert any(p.startswith("/zh/" + entry) for p in pages[:5]), f"{query}: {pages[:5]}"
    assert page.errors == []


# Latin words in text the page marks as Chinese (text in an element marked with another
# language is the corpus's own, in its language). Acronyms (UNTOC, RES in A/RES/64/293),
# addresses shown as link text and the names of citation formats are not interface words.
ENGLISH_WORDS_JS = r"""(lang) => {
  const out = [];
  const latin = /[A-Za-z]{3,}(?:[ '\-][A-Za-z]{2,})*/g;
  const other = el => { const l = el.closest('[lang]'); return !l || !l.lang.startsWith(lang); };
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  let n;
  while ((n = walker.nextNode())) {
    const el = n.parentElement;
    if (!el || other(el) || el.closest('script,style,code,kbd,svg')) continue;
    const link = el.closest('a');
    const shown = link ? link.textContent.trim() : '';
    if (link && (/^(https?:\/\/|www\.)/.test(shown) || shown === link.hostname
                 || 'www.' + shown === link.hostname)) continue;  // an address, not words
    const text = n.textContent.replace(/\S*(?:https?:\/\/|www\.)\S*/g, ' ');
    for (const m of text.matchAll(latin)) out.push(m[0]);
  }
  for (const el of document.querySelectorAll('[title],[aria-label],[placeholder]')) {
    if (other(el)) continue;
    for (const a of ['title', 'aria-label', 'placeholder']) {
      for (const m of (el.getAttribute(a) || '').matchAll(latin)) out.push(a + '=' + m[0]);
    }
  }
  return out;
}"""
FORMAT_NAMES = {"BibTeX", "CSL-JSON", "OSCOLA", "RIS"}
INTERFACE_PAGES = ["", "entries/untoc/", "entries/coe-convention/", "plan/38/",
                   "resolution/operative/4/", "plan/", "browse/", "browse/a-z/",
                   "browse/timeline/", "browse/compare/", "browse/compare/non-punishment/",
                   "browse/checklist/", "browse/checklist/protection/", "404.html"]


def english_words(page, url: str, lang: str = "zh") -> list[str]:
    """Latin words in the page's text marked as ``lang``, beyond acronyms and format names."""
    page.goto(url, wait_until="load")
    words = page.evaluate(ENGLISH_WORDS_JS, lang)
    return [w for w in words if w.split("=")[-1] not in FORMAT_NAMES
            and not re.fullmatch(r"[A-Z0-9\- ]+", w.split("=")[-1])]


@pytest.mark.browser
def test_chinese_pages_have_no_english_interface_words(page, served):
    # The check sees English where there is some: the same pages of the English edition.
    assert len(english_words(page, served + "entries/untoc/", "en")) > 50
    left = {path: english_words(page, served + "zh/" + path) for path in INTERFACE_PAGES}
    assert {path: words for path, words in left.items() if words} == {}
    assert page.errors == []


@pytest.mark.browser
def test_a_chinese_term_lists_chinese_results(page, served):
    """人口贩运, the Chinese for trafficking in persons, in the Chinese edition: many results,
    each titled in Chinese, the first ones with the term (or its other word order) in the title,
    and the status line in Chinese."""
    page.goto(served + "zh/", wait_until="networkidle")
    search(page, "人口贩运")
    titles = page.locator("li.md-search-result__item .tipkb-search__title").all_inner_texts()
    assert len(titles) >= 10
    assert all(re.search(r"[\u4e00-\u9fff]", t) for t in titles), titles
    assert all("贩运" in t for t in titles[:3]), titles[:3]
    status = page.locator("#tipkb-search-status").inner_text()
    assert re.fullmatch(r"\d+个结果.*", status), status
    assert page.errors == []
