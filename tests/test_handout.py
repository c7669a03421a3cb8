"""Handouts ready for a room: every paragraph, named apart from relevant, the release on every
page, A4 or Letter, page numbers, English and Chinese, and nothing an entry writes runs."""

from __future__ import annotations

import html
import io
import os
import re
import shutil
import subprocess
import unicodedata
from html.parser import HTMLParser
from pathlib import Path

import markdown
import pytest

from indexer.cli import main
from indexer.corpus.loader import load_corpus, load_valid_corpus
from indexer.corpus.plan import PILLARS
from indexer.publish.dates import long_date
from indexer.publish.handout import ALSO, BASES, HandoutError, edition, select
from indexer.publish.handout_html import css_string, to_html
from indexer.publish.handout_md import to_markdown
from indexer.publish.pdf import CHROMIUM

from . import hostile
from .conftest import CORPUS, make_corpus

LANGS = ("en", "zh")
# What must never reach a reader: the old placeholder, unformatted templates, Python's None,
# and the schema's field names.
PLACEHOLDERS = [re.compile(p) for p in (
    r"citation incomplete", r"incomplete:", r"[{}]", r"\bNone\b", r"\bTODO\b", r"\bnan\b",
    r"\bin_force\b", r"\badopted_by\b", r"\bcitation\.", r"\btitle_zh", r"\bsummary_zh\b",
    r"\bplan_refs\b", r"\blast_reviewed\b", r"\bunts\b")]


@pytest.fixture(scope="module")
def corpus():
    return load_valid_corpus(CORPUS)


class Outline(HTMLParser):
    """The handout's structure: each paragraph block, and the entries listed under each basis."""

    def __init__(self) -> None:
        super().__init__()
        self.blocks: dict[str, dict[str, list[str]]] = {}
        self.entries: list[str] = []
        self.tags: set[str] = set()
        self.attrs: list[tuple[str, str | None]] = []
        self._block: str | None = None
        self._basis: str | None = None
        self.text: list[str] = []
        self._in_style = False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        self.tags.add(tag)
        self.attrs += attrs
        if tag == "style":
            self._in_style = True
        if tag == "article" and (a.get("id") or "").startswith("para-"):
            self._block = a["id"][5:]
            self.blocks[self._block] = {b: [] for b in BASES}
        if tag == "ul" and self._block and (a.get("class") or "").startswith("basis-"):
            self._basis = a["class"][6:]
        if tag == "a" and self._basis and (a.get("href") or "").startswith("#entry-"):
            self.blocks[self._block][self._basis].append(a["href"][7:])
        if tag == "li" and (a.get("id") or "").startswith("entry-"):
            self.entries.append(a["id"][6:])

    def handle_endtag(self, tag):
        if tag == "ul":
            self._basis = None
        if tag == "article":
            self._block = None
        if tag == "style":
            self._in_style = False

    def handle_data(self, data):
        if not self._in_style:
            self.text.append(data)


def outline(page: str) -> Outline:
    parser = Outline()
    parser.feed(page)
    return parser


def expected_keys(corpus, pillar: str) -> list[str]:
    """From the plan data: the pillar's own paragraphs in order, then those ALSO names."""
    own = [k for k, p in corpus.plan.paragraphs.items() if p.pillar == pillar]
    return own + [k for k in ALSO[pillar] if corpus.plan.paragraphs[k].pillar != pillar]


# ------------------------------------------------------------------ every paragraph


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("pillar", list(PILLARS))
def test_every_paragraph_of_the_pillar_is_in_the_handout(corpus, pillar, lang):
    handout = select(corpus, pillar, lang=lang)
    want = expected_keys(corpus, pillar)
    assert len(want) > 5
    page = outline(to_html(handout))
    assert list(page.blocks) == want
    md = to_markdown(handout)
    from indexer.corpus.names import para_label
    headings = [line[3:] for line in md.splitlines() if line.startswith("## ")]
    labels = [para_label(corpus.plan.paragraphs[k], lang) for k in want]
    assert [h.replace("\\", "") for h in headings[: len(labels)]] == labels


def test_the_prosecution_handout_has_paragraphs_52_and_54(corpus):
    """They stand in section IV, but their text is about prosecution (the old handout took
    section III alone and left them out)."""
    handout = select(corpus, "prosecution")
    blocks = {b.para.key: b for b in handout.blocks}
    assert {"gpa52", "gpa54"} <= set(blocks)
    assert blocks["gpa52"].para.pillar == "partnership" and blocks["gpa52"].from_section
    assert "prosecute" in blocks["gpa52"].para.text_en
    page = to_html(handout)
    block52 = page.split('id="para-gpa52"', 1)[1].split("</article>", 1)[0]
    assert "From section IV" in block52


def test_a_set_of_paragraphs_in_the_plans_order(corpus, tmp_path):
    assert main(["handout", "--paras", "gpa54, gpa30,gpa54", "--output", str(tmp_path),
                 "--corpus", str(CORPUS)]) == 0
    page = outline((tmp_path / "gpa54-gpa30-gpa54.html").read_text(encoding="utf-8"))
    assert list(page.blocks) == ["gpa30", "gpa54"]


# ------------------------------------------------------------------ named apart from relevant


@pytest.mark.parametrize("key", ["gpa43b", "gpa45", "gpa47", "gpa52", "gpa54", "gpa30"])
def test_named_relevant_and_develops_are_listed_apart(corpus, key):
    page = outline(to_html(select(corpus, paras=[key])))
    by_basis = {b: sorted(eid for eid, ref in corpus.cited_by()[key] if ref.basis == b)
                for b in BASES}
    assert any(by_basis.values())
    assert {b: sorted(ids) for b, ids in page.blocks[key].items()} == by_basis
    # and the list at the end holds each of them once
    linked = [eid for ids in by_basis.values() for eid in ids]
    assert sorted(page.entries) == sorted(set(linked))


def test_basis_headings_use_the_schemas_words(corpus):
    for lang in LANGS:
        page = to_html(select(corpus, paras=["gpa43b"], lang=lang))
        for basis in ("named", "relevant"):
            label = corpus.vocab.bases.label(basis, lang)
            assert f'<h3 class="basis-{basis}">{html.escape(label)}</h3>' in page


# ------------------------------------------------------------------ nothing half-done


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("pillar", list(PILLARS))
def test_no_placeholder_text(corpus, pillar, lang):
    handout = select(corpus, pillar, lang=lang)
    text = "".join(outline(to_html(handout)).text)
    md = to_markdown(handout)
    for needle in PLACEHOLDERS:
        assert not needle.search(text), needle.pattern
        assert not needle.search(md.replace("\\", "")), needle.pattern


def test_a_missing_fact_is_said_plainly(corpus):
    """An entry no style can cite in full gets a sentence naming the fact, in each language."""
    handout = select(corpus, "protection")
    page = to_html(handout)
    missing = re.findall(r'<p class="cite missing">([^<]+)</p>', page)
    assert missing and all(m.startswith("No citation of the text itself: the knowledge base "
                                        "does not yet give ") for m in missing)
    zh = to_html(select(corpus, "protection", lang="zh"))
    assert all("本知识库尚未提供" in m for m in re.findall(r'<p class="cite missing">([^<]+)</p>', zh))


@pytest.mark.parametrize("lang", LANGS)
def test_release_date_and_address_on_the_handout(corpus, lang):
    handout = select(corpus, "prevention", lang=lang)
    page = to_html(handout)
    m = corpus.manifest
    words = edition(m, lang)
    assert m.version in words and long_date(m.released, lang) in words
    assert html.escape(words) in page and m.site_url in page
    footer = re.search(r"@bottom-left \{ content: (\"[^\"]*\")", page).group(1)
    assert footer == css_string(f"{words} · {m.site_url}")
    assert "counter(page)" in page and "counter(pages)" in page
    assert words in to_markdown(handout)


def test_paper_size(corpus):
    assert "size: A4;" in to_html(select(corpus, "protection"))
    assert "size: letter;" in to_html(select(corpus, "protection", paper="letter"))


def test_css_strings_cannot_end_the_string_or_the_sheet():
    value = css_string('a"b\\c</style><script>x</script>\n')
    assert value.count('"') == 2 and "<" not in value and "\n" not in value
    assert value.startswith('"a\\000022b\\00005c')


# ------------------------------------------------------------------ Chinese


def test_chinese_handout_has_the_paragraphs_verbatim(corpus):
    handout = select(corpus, "prosecution", lang="zh")
    page = to_html(handout)
    text = "".join(outline(page).text)
    for key in expected_keys(corpus, "prosecution"):
        para = corpus.plan.paragraphs[key]
        assert para.text_zh and para.text_zh in text
        assert para.text_en not in text  # the Chinese handout is in Chinese
    assert '<html lang="zh-Hans">' in page


def test_chinese_titles_official_or_marked_unofficial(corpus):
    handout = select(corpus, "prosecution", lang="zh")
    page = to_html(handout)
    for e in handout.entries:
        item = page.split(f'<li id="entry-{e.id}">', 1)[1].split("</li>", 1)[0]
        if e.title_zh:
            assert f"{html.escape(e.title_zh)}" in item and "非正式" not in item
        elif e.title_zh_project:
            assert html.escape(e.title_zh_project) in item and "本项目译名，非正式名称" in item
        if e.summary_zh:
            assert html.escape(e.summary_zh) in item
    assert any(e.title_zh for e in handout.entries)
    assert any(not e.title_zh and e.title_zh_project for e in handout.entries)


# ------------------------------------------------------------------ untrusted entries


def _hostile_corpus(tmp_path: Path) -> tuple[Path, list[str]]:
    root = make_corpus(tmp_path)
    ids = []
    for name, payload in hostile.PAYLOADS.items():
        if name == "terminal-escape":
            continue  # refused by the reader itself
        flat = " ".join(payload.split())
        placements = {"title": flat, "short_title": flat, "title_zh_project": flat,
                      "summary_zh": payload, "plan_note": payload, "body": payload}
        eid = f"h-{name}"
        hostile.write(root, eid, placements)
        ids.append(eid)
    return root, ids


def test_hostile_entries_are_escaped_in_the_handout(tmp_path):
    root, ids = _hostile_corpus(tmp_path)
    corpus, _ = load_corpus(root)
    present = [eid for eid in ids if eid in corpus.entries]
    assert len(present) > 10, "the hostile entries did not load, so they test nothing"
    for lang in LANGS:
        handout = select(corpus, paras=["gpa5"], lang=lang)
        assert {e.id for e in handout.entries} >= set(present)
        page = to_html(handout)
        parsed = outline(page)
        assert parsed.tags <= {"html", "head", "meta", "title", "style", "body", "header", "p",
                               "h1", "h2", "h3", "main", "section", "article", "div", "aside",
                               "ul", "li", "a", "span", "strong", "em", "ol", "br", "code",
                               "blockquote", "b", "i", "pre", "q", "del", "s", "sub", "sup"}
        assert not [k for k, _ in parsed.attrs if k.startswith("on") or k in ("srcdoc", "src")]
        hrefs = [v or "" for k, v in parsed.attrs if k == "href"]
        assert not [h for h in hrefs if not h.startswith(("#", "http://", "https://"))], hrefs
        assert page.count("<style>") == 1 and page.count("</style>") == 1
        if lang == "en":
            assert html.escape(hostile.PAYLOADS["title-breakout"]) in page
        # the Markdown, once rendered, is text and the handout's own links only
        rendered = outline(markdown.markdown(to_markdown(handout)))
        assert rendered.tags <= {"h1", "h2", "h3", "p", "ul", "li", "a", "strong", "em", "br"}
        assert not [k for k, _ in rendered.attrs if k != "href"]
        assert all((v or "").startswith("http") for _, v in rendered.attrs)


def test_the_page_loads_nothing(corpus):
    page = to_html(select(corpus, "protection"))
    assert "<script" not in page and "<link" not in page and "<img" not in page
    assert "url(" not in page.split("</style>")[0]
    assert "default-src 'none'" in html.unescape(page)


def test_cli_refuses_an_unknown_pillar_or_paragraph_in_one_line(capsys, tmp_path):
    assert main(["handout", "--pillar", "nonsense", "--output", str(tmp_path)]) == 2
    assert main(["handout", "--paras", "gpa99", "--output", str(tmp_path)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert err == ["tipkb handout: no pillar 'nonsense': use one of prevention, protection, "
                   "prosecution, partnership", "tipkb handout: no paragraph gpa99"]
    assert not list(tmp_path.iterdir())


def test_pdf_without_chromium_is_one_line(capsys, tmp_path, monkeypatch):
    monkeypatch.setenv("TIPKB_CHROMIUM", str(tmp_path / "no-browser"))
    assert main(["handout", "--pillar", "protection", "--pdf", "--output", str(tmp_path)]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "no Chromium at" in err[0]
    assert not (tmp_path / "protection.pdf").exists()


# ------------------------------------------------------------------ the PDF


def _need_chromium():
    if not shutil.which(CHROMIUM) and not os.environ.get("CI"):
        pytest.skip("Debian's chromium is not installed (make chromium)")


def _pdf(tmp_path: Path, *args: str) -> Path:
    _need_chromium()
    out = tmp_path / "out"
    env_corpus = str(CORPUS)
    assert main(["handout", *args, "--pdf", "--output", str(out), "--name", "h",
                 "--corpus", env_corpus]) == 0
    pdf = out / "h.pdf"
    assert pdf.read_bytes().startswith(b"%PDF")
    return pdf


def _media_boxes(pdf: Path) -> set[tuple[float, float]]:
    boxes = re.findall(rb"/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]", pdf.read_bytes())
    return {(round(float(w)), round(float(h))) for w, h in boxes}


@pytest.mark.browser
def test_pdf_is_a4_by_default_with_numbered_pages(corpus, tmp_path):
    from pypdf import PdfReader

    pdf = _pdf(tmp_path, "--pillar", "prosecution")
    assert _media_boxes(pdf) == {(595, 842)}  # A4: 210 x 297 mm
    reader = PdfReader(io.BytesIO(pdf.read_bytes()))
    pages = len(reader.pages)
    assert pages > 1
    words = edition(corpus.manifest, "en")
    for number, page in enumerate(reader.pages, start=1):
        text = page.extract_text()
        assert f"Page {number} of {pages}" in text
        assert words in text and corpus.manifest.site_url in text
    whole = " ".join(" ".join(p.extract_text().split()) for p in reader.pages)
    for key in expected_keys(corpus, "prosecution"):
        assert corpus.plan.paragraphs[key].label in whole
    assert "citation incomplete" not in whole


@pytest.mark.browser
def test_pdf_on_letter_paper(tmp_path):
    pdf = _pdf(tmp_path, "--pillar", "partnership", "--paper", "letter")
    assert _media_boxes(pdf) == {(612, 792)}  # US Letter: 8.5 x 11 in


@pytest.mark.browser
def test_chinese_pdf(corpus, tmp_path):
    from pypdf import PdfReader

    pdf = _pdf(tmp_path, "--pillar", "prosecution", "--lang", "zh")
    reader = PdfReader(io.BytesIO(pdf.read_bytes()))
    pages = len(reader.pages)
    first = reader.pages[0].extract_text()
    assert f"{corpus.manifest.version}" in first and corpus.manifest.site_url in first
    fonts = subprocess.run(["fc-list", ":lang=zh", "family"], capture_output=True, text=True)
    if not fonts.stdout.strip():
        pytest.skip("no Chinese font installed (fonts-noto-cjk): the text prints as boxes")
    text = unicodedata.normalize(
        "NFKC", "".join("".join(p.extract_text().split()) for p in reader.pages))
    assert pdf_text_has(text, f"第1页，共{pages}页")
    for key in ("gpa43b", "gpa52", "gpa54"):
        assert pdf_text_has(text, corpus.plan.paragraphs[key].text_zh)


def pdf_text_has(text: str, expected: str) -> bool:
    """Whether the PDF's text holds ``expected``. The CJK fonts map some characters to the
    look-alike radicals of U+2E80-U+2EFF in the text they give back (页 as U+2EDA), so such a
    radical stands for any one character."""
    expected = unicodedata.normalize("NFKC", "".join(expected.split()))
    pattern = "".join(f"(?:{re.escape(c)}|[\u2e80-\u2eff])" for c in expected)
    return re.search(pattern, text) is not None


def test_scope_keeps_only_entries_of_that_scope_beside_each_paragraph():
    corpus = load_valid_corpus(CORPUS)
    whole = select(corpus, pillar="prosecution")
    cited = select(corpus, pillar="prosecution", scopes=("cited",))
    assert [b.para.key for b in cited.blocks] == [b.para.key for b in whole.blocks]
    assert cited.entries and all(corpus.scope(e) == "cited" for e in cited.entries)
    assert {e.id for e in cited.entries} == {e.id for e in whole.entries
                                             if corpus.scope(e) == "cited"}
    with pytest.raises(HandoutError, match="no scope"):
        select(corpus, pillar="prosecution", scopes=("soon",))
