"""The static site: a strict build of the real corpus, its pages, its links, its privacy."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest

from indexer.corpus.loader import load_corpus
from indexer.site.compact import compact_html
from indexer.site.urls import href

from .conftest import CORPUS, ROOT, make_corpus
from .sitebuild import mkdocs_build, offline_site, real_site

HREF = re.compile(r'\shref="([^"]*)"')
ASSET = re.compile(r"<(script|link|img|iframe|source|audio|video)\b[^>]*?\s(?:src|href)=\"([^\"]*)\"",
                   re.I)
ID = re.compile(r'\sid="([^"]*)"')


@pytest.fixture(scope="module")
def corpus():
    loaded, _ = load_corpus(CORPUS)
    return loaded


@pytest.fixture(scope="module")
def site() -> Path:
    build = real_site()
    assert build.returncode == 0, build.output[-5000:]
    return build.site


def page_file(site: Path, url: str) -> Path:
    """The file served for a site path such as ``entries/untoc/`` or ``plan/38.html``."""
    path = site / unquote(url)
    return path / "index.html" if url.endswith("/") or url == "" else path


def article(html: str) -> str:
    start, end = html.find("<article"), html.find("</article>")
    assert start >= 0 and end > start
    return html[start:end]


def links_from(site: Path, file: Path) -> set[str]:
    """Site paths (``plan/38/``) of every local link in the page's article."""
    base = "http://site/" + file.parent.relative_to(site).as_posix() + "/"
    out = set()
    for target in HREF.findall(article(file.read_text(encoding="utf-8"))):
        url = urlsplit(urljoin(base, target.replace("&amp;", "&")))
        if url.netloc == "site":
            out.add(url.path.lstrip("/"))
    return out


# ---------------------------------------------------------------- the real site


def test_strict_build_is_clean():
    build = real_site()
    assert build.returncode == 0, build.output[-5000:]
    assert "WARNING" not in build.output, build.output


def test_every_entry_and_paragraph_has_a_page(site, corpus):
    for entry in corpus:
        assert page_file(site, entry.url_path).is_file(), entry.url_path
    for para in corpus.plan.paragraphs.values():
        assert page_file(site, para.url).is_file(), para.url
    for index in ("", "plan/", "entries/", "browse/", "browse/pillars/", "browse/types/",
                  "browse/regions/", "browse/a-z/", "browse/timeline/", "browse/matrix/"):
        assert page_file(site, index).is_file(), index
    assert (site / "404.html").is_file()


def test_links_hold_both_ways(site, corpus):
    cited = corpus.cited_by()
    for entry in corpus:
        links = links_from(site, page_file(site, entry.url_path))
        for ref in entry.plan_refs:
            para = corpus.plan[ref.para]
            assert para.url in links, f"{entry.url_path} does not link {para.url}"
    for key, para in corpus.plan.paragraphs.items():
        links = links_from(site, page_file(site, para.url))
        for eid, _ in cited[key]:
            assert corpus.entries[eid].url_path in links, f"{para.url} does not link entry {eid}"
        prev_p, next_p = corpus.plan.neighbours(key)
        for other in (prev_p, next_p):
            if other is not None:
                assert other.url in links, f"{para.url} does not link {other.url}"


def test_every_local_link_and_anchor_resolves(site):
    """MkDocs checks Markdown links; this checks the generated HTML's links too."""
    ids: dict[Path, set[str]] = {}
    broken = []
    for file in sorted(site.rglob("*.html")):
        if file.name == "404.html":
            continue  # its links are relative to wherever the server shows it
        html = file.read_text(encoding="utf-8")
        base = "http://site/" + file.relative_to(site).as_posix()
        for target in HREF.findall(html):
            url = urlsplit(urljoin(base, target.replace("&amp;", "&")))
            if url.scheme not in ("http", "https") or url.netloc != "site":
                continue
            dest = page_file(site, url.path.lstrip("/"))
            if not dest.exists():
                broken.append(f"{file.relative_to(site)}: {target}")
            elif url.fragment and dest.suffix == ".html":
                if dest not in ids:
                    ids[dest] = set(ID.findall(dest.read_text(encoding="utf-8")))
                if unquote(url.fragment) not in ids[dest]:
                    broken.append(f"{file.relative_to(site)}: {target} (no such anchor)")
    assert not broken, "\n".join(broken[:50])


def test_no_asset_comes_from_outside(site):
    """Scripts, styles, fonts and images all come from the site itself (theme.font: false)."""
    outside = []
    for file in site.rglob("*.html"):
        for tag, url in ASSET.findall(file.read_text(encoding="utf-8")):
            if tag.lower() == "link" and not re.search(r"\.(css|js|woff2?|ttf|png|svg|ico)",
                                                       url):
                continue  # <link rel="canonical"> and the like are not requests
            if urlsplit(url).scheme in ("http", "https") and urlsplit(url).hostname not in (
                    "localhost", "127.0.0.1"):
                outside.append(f"{file.relative_to(site)}: <{tag}> {url}")
    for file in site.rglob("*.css"):
        for url in re.findall(r"url\(\s*['\"]?(https?://[^'\")]+)", file.read_text("utf-8")):
            outside.append(f"{file.relative_to(site)}: url({url})")
    assert not outside, "\n".join(sorted(set(outside))[:30])


def test_entry_page_content(site, corpus):
    html = page_file(site, "entries/untoc/").read_text(encoding="utf-8")
    assert "<title>United Nations Convention against Transnational Organized Crime" in html
    assert '<meta name="description" content="' in html
    body = article(html)
    for text in ('class="tipkb-badge tipkb-badge--type"', 'class="tipkb-facts"',
                 "Treaty Series", 'id="in-the-plan"', 'lang="zh"', 'id="sources"',
                 "Last reviewed", 'aria-label="Breadcrumb"'):
        assert text in body, text
    assert 'id="cite"' in body and 'class="tipkb-citebox"' in body
    assert body.count('class="tipkb-cite tipkb-basis--') == len(corpus.entries["untoc"].plan_refs)


def test_paragraph_page_content(site, corpus):
    para = corpus.plan["pp6"]
    body = article(page_file(site, para.url).read_text(encoding="utf-8"))
    assert para.text_zh[:20] in body
    assert 'id="fn-3"' in body and 'href="#fn-3"' in body  # footnote call and footnote
    assert 'lang="zh"' in body and 'id="named"' in body


def _section_links(body: str, anchor: str) -> set[str]:
    """Entry ids linked from the list under the heading ``anchor`` of a paragraph page."""
    section = next((part for part in body.split("<h2")[1:] if part.startswith(f' id="{anchor}"')),
                   "")
    m = re.search(r'<ul class="tipkb-cited-by[^"]*">(.*?)</ul>', section, re.S)
    return set(re.findall(r'href="[./]*entries/([a-z0-9-]+)/"', m.group(1))) if m else set()


def test_paragraph_pages_keep_named_and_relevant_apart(site, corpus):
    """A reader must never take a curator's judgement for what the resolution says."""
    checked = 0
    for para in corpus.plan.paragraphs.values():
        refs = corpus.cited_by().get(para.key, [])
        body = article(page_file(site, para.url).read_text(encoding="utf-8"))
        for basis in ("named", "relevant", "develops"):
            expected = {eid for eid, ref in refs if ref.basis == basis}
            assert _section_links(body, basis) == expected, (para.key, basis)
            checked += len(expected)
        if not any(ref.basis == "named" for _, ref in refs):
            assert "names no instrument" in body, para.key
    assert checked == sum(len(e.plan_refs) for e in corpus)


def test_search_index_has_chinese_words_and_full_names(site):
    # the site's own index (indexer/site/search/): small script files of terms
    def data(shard):  # tipkbSearch("t/0",{...});
        text = shard.read_text(encoding="utf-8")
        return json.loads(text[text.index(",") + 1: text.rindex(")")])

    terms = {k: v for shard in (site / "search" / "t").glob("*.js") for k, v in data(shard).items()}
    assert "儿童" in terms and "湄公河" in terms  # Chinese text was segmented, as the CLI does
    assert "=儿童权利公约" in terms  # a full name, kept whole
    assert "e/2002/68/add.1" in terms  # a symbol, kept whole
    urls = [row[0] for shard in (site / "search" / "d").glob("*.js") for row in data(shard)]
    assert "entries/crc/" in urls and not any(u.startswith("browse/") for u in urls)  # lists stay out


# ---------------------------------------------------------------- other builds


def test_invalid_entry_fails_the_build_with_file_and_line(tmp_path):
    corpus = make_corpus(tmp_path)
    text = (CORPUS / "entries" / "untoc.md").read_text(encoding="utf-8")
    bad = text.replace("type: convention", "type: treaty", 1).replace("related:", "x_related:", 1)
    (corpus / "entries" / "untoc.md").write_text(bad, encoding="utf-8")
    build = mkdocs_build(tmp_path / "site", corpus=corpus)
    assert build.returncode != 0
    assert "Traceback" not in build.output
    assert re.search(r"entries/untoc\.md:3:\d+: TIP010 error: .*type", build.output), build.output


def test_offline_build_opens_from_disk():
    build = offline_site()
    assert build.returncode == 0, build.output[-5000:]
    site = build.site
    assert (site / "search" / "manifest.js").is_file()  # the search index, as scripts
    assert (site / "plan" / "38.html").is_file() and (site / "entries" / "untoc.html").is_file()
    html = (site / "entries" / "untoc.html").read_text(encoding="utf-8")
    assert 'href="../plan/4.html"' in html  # untoc cites Plan paragraph 4
    assert "unpkg.com" not in html and "iframe-worker.js" in html


# ---------------------------------------------------------------- small parts


@pytest.mark.parametrize(("src", "dst", "style", "expected"), [
    ("entries/untoc.md", "plan/38.md", "directory", "../../plan/38/"),
    ("plan/38.md", "plan/index.md", "directory", "../"),
    ("index.md", "entries/untoc.md", "directory", "entries/untoc/"),
    ("browse/matrix.md", "index.md", "directory", "../../"),
    ("browse/matrix.md", "browse/matrix.md", "directory", "./"),
    ("entries/untoc.md", "plan/38.md", "file", "../plan/38.html"),
    ("plan/38.md", "plan/index.md", "file", "index.html"),
    ("browse/a-z.md", "index.md", "file", "../index.html"),
    ("entries/untoc.md", "plan/38.md", "source", "../plan/38.md"),
    ("plan/38.md", "plan/index.md", "source", "index.md"),
    ("index.md", "entries/untoc.md", "source", "entries/untoc.md"),
    ("browse/matrix.md", "browse/matrix.md", "source", "#"),
])
def test_href_follows_every_url_style(src, dst, style, expected):
    assert href(src, dst, style) == expected


def test_compact_html_keeps_pre_and_rendered_whitespace():
    html = "<div>\n    <p>a\n      b</p>  <pre>\n  x\n    y</pre>\n  </div>"
    assert compact_html(html) == "<div>\n<p>a\nb</p>  <pre>\n  x\n    y</pre>\n</div>"


def test_unused_theme_files_are_left_out(site):
    assert not list(site.rglob("*.map"))
    scripts = site / "assets" / "javascripts"  # Material's search is not used: none of its files
    assert not list((scripts / "lunr").rglob("*.js")) and not list(scripts.glob("workers/*.js"))
    assert (scripts / "tipkb-search.js").exists()


def test_compact_html_matches_collapsing_every_blank_run_with_a_line_break():
    import random

    blank_runs = re.compile(r"[ \t\r\f]*\n[ \t\r\f\n]*")
    rnd = random.Random(64293)
    pieces = ["a", "<i>", "</i>", " ", "\t", "\n", "\u3000", "\xa0"]
    for _ in range(3000):
        text = "".join(rnd.choice(pieces) for _ in range(rnd.randint(0, 14)))
        assert compact_html(text) == blank_runs.sub("\n", text), repr(text)


def test_edit_link_of_an_entry_opens_its_corpus_file(tmp_path):
    config = tmp_path / "mkdocs.yml"
    config.write_text(f"INHERIT: {ROOT / 'mkdocs.yml'}\n"
                      f"docs_dir: {ROOT / 'docs'}\n"
                      "theme:\n"
                      "  name: material\n"
                      f"  custom_dir: {ROOT / 'overrides'}\n"
                      "repo_url: https://example.org/tipkb/\n"
                      "edit_uri: edit/main/docs/\n", encoding="utf-8")
    build = mkdocs_build(tmp_path / "site", config=config, corpus=CORPUS)
    assert build.returncode == 0, build.output[-5000:]
    entry = (tmp_path / "site" / "entries" / "untoc" / "index.html").read_text(encoding="utf-8")
    assert 'href="https://example.org/tipkb/edit/main/corpus/entries/untoc.md"' in entry
    para = (tmp_path / "site" / "plan" / "38" / "index.html").read_text(encoding="utf-8")
    assert "example.org/tipkb/edit" not in para  # generated from several files: no edit link


def test_cite_this_on_entry_and_paragraph_pages(site, corpus):
    from indexer.publish.cite import paragraph_un, un_style

    entry = corpus.entries["ga-res-58-137"]
    html_text = page_file(site, entry.url_path).read_text(encoding="utf-8")
    assert 'id="cite"' in html_text
    assert html.escape(un_style(entry, corpus.manifest)) in html_text
    assert "Knowledge base version " in html_text
    para = corpus.plan.paragraphs["gpa38"]
    html_text = page_file(site, para.url).read_text(encoding="utf-8")
    assert html.escape(paragraph_un(para)) in html_text
    # a fact the style needs is missing: the box says which, in words, and prints no citation
    treaty = page_file(site, corpus.entries["untoc"].url_path).read_text(encoding="utf-8")
    assert ("not available: the entry does not give the first page of the treaty in the "
            "Treaty Series volume") in treaty
    assert "citation.unts" not in treaty


def test_citation_files_and_open_data_are_published(site, corpus):
    import bibtexparser
    import rispy

    for eid in ("untoc", "ga-res-58-137", "practice-non-punishment"):
        lib = bibtexparser.parse_string((site / "cite" / f"{eid}.bib").read_text())
        assert [e.key for e in lib.entries] == [eid]
        assert rispy.loads((site / "cite" / f"{eid}.ris").read_text())[0]["id"] == eid
        assert json.loads((site / "cite" / f"{eid}.csl.json").read_text())[0]["id"] == eid
    assert (site / "cite" / "a-res-64-293-gpa38.bib").is_file()
    data = json.loads((site / "data" / "tipkb.json").read_text())
    assert len(data["entries"]) == len(corpus.entries) and len(data["paragraphs"]) == 94
    assert len(bibtexparser.parse_string((site / "data" / "tipkb.bib").read_text()).entries) == len(corpus)
    # every download link on an entry page leads to a file of the site
    page = page_file(site, corpus.entries["untoc"].url_path)
    for target in re.findall(r'href="([^"]+\.(?:bib|ris|csl\.json))"', page.read_text()):
        assert (page.parent / target).resolve().is_file(), target


def test_entry_pages_say_their_scope_and_paragraphs_list_what_came_since_2010(site, corpus):
    for entry in corpus:
        body = article(page_file(site, entry.url_path).read_text(encoding="utf-8"))
        scope = corpus.scope(entry)
        assert f"tipkb-badge--scope-{scope}" in body, entry.id
    shown = 0
    for para in corpus.plan.paragraphs.values():
        later = {eid for eid, _ in corpus.cited_by().get(para.key, [])
                 if corpus.scope(corpus.entries[eid]) == "later"}
        body = article(page_file(site, para.url).read_text(encoding="utf-8"))
        m = re.search(r'<ul class="tipkb-since">(.*?)</ul>', body, re.S)
        listed = set(re.findall(r'entries/([a-z0-9-]+)/"', m.group(1))) if m else set()
        assert listed == later, para.key
        shown += bool(later)
    assert shown > 0  # the corpus has later developments linked to paragraphs


@pytest.mark.parametrize("edition", ["", "zh/"])
def test_sitemap_lists_every_page_at_the_configured_address(site, corpus, edition):
    """Each edition's sitemap (the Chinese one in zh/) lists its own pages, under its folder."""
    root = site / edition if edition else site
    sitemap = (root / "sitemap.xml").read_text(encoding="utf-8")
    locs = set(re.findall(r"<loc>([^<]+)</loc>", sitemap))
    base = corpus.manifest.site_url + edition
    pages = {p.relative_to(root).parent.as_posix() for p in root.rglob("index.html")
             if edition or p.relative_to(root).parts[0] != "zh"}
    expected = {base + (p + "/" if p != "." else "") for p in pages}
    assert len(pages) > 200
    assert expected <= locs, sorted(expected - locs)[:5]
    assert all(loc.startswith(base) for loc in locs)


def test_facts_resting_only_on_recognised_publishers_are_marked(site, corpus):
    from dataclasses import replace

    from indexer.corpus.authority import recognised_only
    from indexer.corpus.model import Source

    # The rule itself: one official (or address-less) source is enough; recognised alone is not.
    entry = corpus.entries["untoc"]
    umn = Source("A copy", ("adopted", "place"), url="https://hrlibrary.umn.edu/x.html")
    un = Source("The record", ("adopted",), url="https://treaties.un.org/x")
    printed = Source("Treaty Series vol. 1", ("place",))
    assert recognised_only(replace(entry, sources=(umn,))) == {"adopted", "place"}
    assert recognised_only(replace(entry, sources=(umn, un))) == {"place"}
    assert recognised_only(replace(entry, sources=(umn, un, printed))) == set()
    # Every page marks exactly its facts-table rows that rest only on recognised publishers,
    # and says so under its sources.
    marked_pages = 0
    for entry in corpus:
        body = article(page_file(site, entry.url_path).read_text(encoding="utf-8"))
        table = re.search(r'<div class="tipkb-facts">(.*?)</table>', body, re.S).group(1)
        rows = re.findall(r'<tr><th scope="row">([^<]*)</th>\s*<td>(.*?)</td></tr>', table, re.S)
        weak = recognised_only(entry)
        marked = {label for label, cell in rows if 'class="tipkb-recognised"' in cell}
        assert len(marked) <= len(weak), entry.id
        assert ("tipkb-recognised-note" in body) == bool(weak), entry.id
        if {"adopted", "place", "adopted_by", "in_force"} & weak:
            assert marked, entry.id
        marked_pages += bool(marked)
    assert marked_pages > 0
