"""The interface strings (indexer/site/i18n.py): every string in both languages, no English
sentence left in a page module, Chinese names sorted by pinyin, and the two editions' pages
rendered from the same code without a build."""

from __future__ import annotations

import ast
import html
import re
import string
from pathlib import Path

import pytest

from indexer.corpus.loader import load_valid_corpus
from indexer.site import i18n
from indexer.site.i18n import EN, LANGS, STRINGS, ZH, MissingString, pinyin_key, pinyin_letter, t
from indexer.site.pages import REGISTRY, render_site
from indexer.site.urls import edition_href

from .conftest import CORPUS, ROOT

# Modules of the pages that are English in every edition (i18n.ENGLISH_ONLY): their words are
# still their own; test_english_only_pages_are_the_ones_those_modules_write checks the pair.
# (site/matrix.py is outside pages/: named here so that the list says which they are.)
ENGLISH_ONLY_MODULES = {"matrix.py"}
# Every module that writes words a reader sees on a generated page.
PAGE_MODULES = [p for p in sorted((ROOT / "indexer/site/pages").glob("*.py"))
                if p.name not in ENGLISH_ONLY_MODULES] + [
    ROOT / "indexer/site/citebox.py", ROOT / "indexer/site/bibliographies.py"]
TAG = re.compile(r"<[^<>]*>|&[a-z]+;|\{[^{}]*\}")
OMITTED = {"symbol"}  # placeholders a language may leave out
SENTENCE = re.compile(r"[A-Za-z][a-z]+(?:[ ,;:]+[A-Za-z][a-z]+){2,}")  # three English words


@pytest.fixture(scope="module")
def corpus():
    return load_valid_corpus(CORPUS)


# ---------------------------------------------------------------- the table


@pytest.mark.parametrize("key", sorted(STRINGS))
def test_every_string_has_both_languages_with_the_same_placeholders(key):
    texts = STRINGS[key]
    assert set(texts) == set(LANGS), f"{key}: languages {sorted(texts)}"
    fields = {}
    for lang, value in texts.items():
        forms = value if isinstance(value, tuple) else (value,)
        assert all(isinstance(f, str) and f.strip() for f in forms), f"{key}: empty {lang} text"
        if isinstance(value, tuple):
            assert len(value) == 2, f"{key}: a counted string is (one, many)"
        fields[lang] = {name for f in forms for _, name, _, _ in string.Formatter().parse(f)
                        if name}
    # Chinese names the resolution by its number in words (第64/293号决议), not its symbol.
    assert fields[EN] - OMITTED == fields[ZH] - OMITTED, f"{key}: placeholders differ {fields}"


def test_chinese_texts_are_chinese():
    """A Chinese text copied from the English by mistake would pass the check above."""
    english_only = [k for k, v in STRINGS.items()
                    if isinstance(v[ZH], str) and not re.search("[\u3400-\u9fff#ⅠIV一-四]", v[ZH])
                    and v[ZH] == v[EN] and not re.fullmatch(r"[\W\d]*|OSCOLA|ECLI|#", v[ZH])]
    assert english_only == []


def test_an_unknown_key_or_language_is_an_error_not_a_blank():
    with pytest.raises(MissingString):
        t("no.such.key", EN)
    with pytest.raises(MissingString):
        t("home", "fr")


def test_counted_strings_choose_their_form():
    assert t("entry_n", EN, n=1) == "1 entry"
    assert t("entry_n", EN, n=2) == "2 entries"
    assert t("entry_n", ZH, n=2) == "2个条目"


def _literals(path: Path) -> list[tuple[int, str]]:
    """String literals of a module (f-string pieces too), without docstrings and without the
    messages of exceptions it raises (for developers, not readers)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skip: set[int] = set()
    for node in ast.walk(tree):
        body = getattr(node, "body", None)
        if isinstance(body, list) and body and isinstance(body[0], ast.Expr) \
                and isinstance(body[0].value, ast.Constant):
            skip.add(id(body[0].value))
        if isinstance(node, ast.Raise):
            skip.update(id(n) for n in ast.walk(node))
    return [(node.lineno, node.value) for node in ast.walk(tree)
            if isinstance(node, ast.Constant) and isinstance(node.value, str)
            and id(node) not in skip]


@pytest.mark.parametrize("path", PAGE_MODULES, ids=lambda p: p.name)
def test_page_modules_keep_no_english_sentence_of_their_own(path):
    """Heuristic: three English words in a row, outside tags, attributes and placeholders, is
    interface text that belongs in the strings table (decorators declaring browse pages may
    keep their English title and blurb: the table must say the same, see below)."""
    declared = {text for page in REGISTRY for text in (page.title, page.blurb)}
    found = []
    for line, text in _literals(path):
        words = TAG.sub(" ", text)
        if SENTENCE.search(words) and text not in declared:
            found.append(f"{path.name}:{line}: {text[:70]!r}")
    assert found == []


def test_the_heuristic_catches_an_english_sentence(tmp_path):
    module = tmp_path / "page.py"
    module.write_text('def f(w):\n    """Docs are fine."""\n    w.html("<p>No entry is cited here.</p>")\n'
                      '    raise ValueError("a message for developers is fine")\n')
    texts = [text for _, text in _literals(module)]
    assert texts == ["<p>No entry is cited here.</p>"]
    assert SENTENCE.search(TAG.sub(" ", texts[0]))
    assert not SENTENCE.search(TAG.sub(" ", '<a href="#x" class="tipkb-badge tipkb-badge--type">'))


@pytest.mark.parametrize("page", REGISTRY, ids=lambda p: p.src)
def test_every_browse_page_has_its_title_and_blurb_in_both_languages(page):
    for kind, declared in (("nav", page.title), ("blurb", page.blurb)):
        key = f"{kind}.{page.src}"
        assert key in STRINGS, f"add {key!r} to indexer/site/i18n.py"
        assert STRINGS[key][EN] == declared, f"{key}: the table and the declaration differ"
        assert STRINGS[key][ZH]


# ---------------------------------------------------------------- sorting and switching


def test_chinese_names_sort_by_pinyin():
    names = ["预防", "保护", "起诉", "伙伴关系", "《联合国宪章》"]
    assert sorted(names, key=pinyin_key) == ["保护", "伙伴关系", "《联合国宪章》", "起诉", "预防"]
    assert pinyin_letter("《联合国打击跨国有组织犯罪公约》") == "L"
    assert pinyin_letter("V.C.L.和A.N.诉英国案") == "V"
    assert pinyin_letter("1930年强迫劳动公约") == "0-9"
    assert pinyin_letter("……") == "#"


@pytest.mark.parametrize(("url", "frm", "to", "expected"), [
    ("", EN, ZH, "zh/"),
    ("", ZH, EN, "../"),
    ("entries/untoc/", EN, ZH, "../../zh/entries/untoc/"),
    ("entries/untoc/", ZH, EN, "../../../entries/untoc/"),
    ("plan/38.html", EN, ZH, "../zh/plan/38.html"),
    ("index.html", ZH, EN, "../index.html"),
])
def test_the_switch_leads_to_the_same_path_in_the_other_edition(url, frm, to, expected):
    assert edition_href(url, frm, to) == expected


def test_lang_of_reads_the_theme_language():
    assert i18n.lang_of("zh") == ZH
    assert i18n.lang_of("zh-Hans") == ZH
    assert i18n.lang_of(None) == EN
    assert i18n.lang_of("fr") == EN  # no French edition: the default one


# ---------------------------------------------------------------- both editions, unbuilt


def test_both_editions_have_the_same_pages(corpus):
    en = [p.src for p in render_site(corpus, lang=EN)]
    zh = [p.src for p in render_site(corpus, lang=ZH)]
    assert sorted(en) == sorted(zh) and len(en) == len(set(en))


def test_chinese_pages_use_chinese_names_and_words(corpus):
    pages = {p.src: p for p in render_site(corpus, lang=ZH)}
    untoc = pages["entries/untoc.md"]
    assert untoc.title == "联合国打击跨国有组织犯罪公约"
    blocks = "\n".join(untoc.blocks)
    assert "非官方译名" not in blocks  # its Chinese title is the official one
    assert "第2225卷" in blocks and "2000年11月15日" in blocks
    assert "本段提及" in blocks and "在《全球行动计划》中" in untoc.content
    nonpun = pages["entries/practice-non-punishment.md"]
    assert nonpun.title == "不惩罚贩运人口受害者"
    assert "非官方译名" in "\n".join(nonpun.blocks)
    para = pages["plan/38.md"]
    assert para.content.index("中文原文") < para.content.index("英文译文")
    assert para.title.startswith("《行动计划》第38段")


def test_english_only_pages_are_the_ones_those_modules_write(corpus):
    """Every page in an English-only folder, and only those, is rendered in English in the
    Chinese edition; every other generated page is not."""
    en = {p.src: p for p in render_site(corpus, lang=EN)}
    zh = {p.src: p for p in render_site(corpus, lang=ZH)}
    only = sorted(src for src in zh if i18n.english_only(src))
    assert only and set(en) == set(zh)
    for src in only:
        assert (zh[src].title, zh[src].blocks) == (en[src].title, en[src].blocks), src
    for prefix in i18n.ENGLISH_ONLY:
        assert any(src.startswith(prefix) for src in only), prefix
    assert zh["browse/a-z.md"].title != en["browse/a-z.md"].title


# ---------------------------------------------------------------- comparison and checklist pages

# The keys of the words the comparison and checklist pages write (and their shared helpers).
TRANSLATED = ("compare.", "checklist.", "addressee.", "prov.", "nav.browse/compare/",
              "nav.browse/checklist/", "provision_n", "text_n", "ask_n", "practice_n", "practices")
MARKED_EN = re.compile(r'<(span|p|div)\b[^>]*\blang="en"[^>]*>.*?</\1>', re.S)


def _english_fragments() -> set[str]:
    """The English texts of TRANSLATED keys, cut at placeholders and tags: each piece with a
    word of three letters or more that is not an acronym (CSV, UNODC)."""
    out = set()
    for key, texts in STRINGS.items():
        if not key.startswith(TRANSLATED):
            continue
        value = texts[EN]
        for form in value if isinstance(value, tuple) else (value,):
            for piece in re.split(r"\{[^{}]*\}|<[^<>]*>|[:;,.()“”]", form):
                piece = piece.strip()
                if re.search("[A-Za-z]{3}", piece) and not re.fullmatch(r"[A-Z0-9 \-]+", piece):
                    out.add(piece)
    return out


def _reader_text(page) -> str:
    """What a reader of the page reads in the page's language: its title, headings and blocks,
    without what is marked lang="en" (the corpus's own English), code, tags and heading ids."""
    body = page.content.split("\n---\n", 1)[1]
    text = page.title + "\n" + re.sub(r"\{ #[^{}]*\}", " ", body) + "\n" + "\n".join(page.blocks)
    text = re.sub(r"<code>.*?</code>", " ", MARKED_EN.sub(" ", text), flags=re.S)
    return html.unescape(re.sub(r"<[^<>]*>", " ", text))


def test_comparison_and_checklist_pages_are_in_chinese_in_the_chinese_edition(corpus):
    fragments = _english_fragments()
    assert {"What each instrument provides", "Articles on the same topic", "Binding",
            "Download this table"} <= fragments
    prefixes = ("browse/compare/", "browse/checklist/")
    en = {p.src: p for p in render_site(corpus, lang=EN) if p.src.startswith(prefixes)}
    zh = {p.src: p for p in render_site(corpus, lang=ZH) if p.src.startswith(prefixes)}
    assert set(en) == set(zh) and len(zh) == 2 + len(corpus.vocab.compared_topics) + 5
    for src, page in zh.items():
        left = sorted(f for f in fragments if f in _reader_text(page))
        assert left == [], (src, left)
    # The check sees English where there is some: the same pages of the English edition.
    compare_en = _reader_text(en["browse/compare/non-punishment.md"])
    assert "What each instrument provides" in compare_en and "Binding" in compare_en
    compare = zh["browse/compare/non-punishment.md"]
    assert compare.title == "比较：不惩罚受害者"
    text = _reader_text(compare)
    for words in ("各文书的规定", "在《全球行动计划》中", "最佳做法", "下载本表格", "约束力"):
        assert words in text, words
    assert '<th scope="col">规定内容</th>' in "\n".join(compare.blocks)
    assert '<p lang="en" class="tipkb-compare-zh">Non-punishment of victims</p>' in compare.blocks[1]
    checklist = zh["browse/checklist/protection.md"]
    assert checklist.title == "核对清单：保护"
    text = _reader_text(checklist)
    for words in ("同一主题的条款", "本段提及", "第1项要求", "CSV（中文）", "《行动计划》第30段"):
        assert words in text, words
    assert zh["browse/checklist/index.md"].title == "《行动计划》核对清单"


def test_every_addressee_of_an_ask_has_a_label():
    from indexer.corpus.asks import ADDRESSEES

    assert [a for a in ADDRESSEES if f"addressee.{a}" not in STRINGS] == []
