"""``tipkb search --lang zh`` and ``tipkb cite --lang zh``: Chinese titles, labels and the Chinese
edition's addresses; a Chinese citation names a text only by its official Chinese title and says
in Chinese what is missing rather than making one up."""

from __future__ import annotations

import json
import re

import pytest

from indexer.cli import main
from indexer.corpus.loader import load_valid_corpus
from indexer.search import engine as search_engine
from indexer.search.documents import documents

from .conftest import CORPUS
from .test_search import fixture_corpus

LATIN_WORD = re.compile(r"[A-Za-z]{4,}")


# ---------------------------------------------------------------- cite


def test_cite_treaty_in_chinese_uses_the_official_title(capsys):
    assert main(["cite", "untoc", "--lang", "zh", "--corpus", str(CORPUS)]) == 0
    out = capsys.readouterr().out.strip()
    assert out.startswith("《联合国打击跨国有组织犯罪公约》，联合国，《条约汇编》，第2225卷")
    assert out.endswith("。")


def test_cite_paragraph_in_chinese_as_the_resolution_numbers_it(capsys):
    assert main(["cite", "gpa38", "--lang", "zh", "--corpus", str(CORPUS)]) == 0
    assert capsys.readouterr().out.strip() == "大会第64/293号决议，附件，第38段。"
    assert main(["cite", "op4", "--lang", "zh", "--corpus", str(CORPUS)]) == 0
    assert "第4段" in capsys.readouterr().out


def test_cite_in_chinese_never_passes_a_rendering_off_as_the_title(capsys):
    # asean-actip has only the project's rendering of its title: no Chinese citation.
    corpus = load_valid_corpus(CORPUS)
    entry = corpus.entries["asean-actip"]
    assert not entry.title_zh and entry.title_zh_project
    assert main(["cite", "asean-actip", "--lang", "zh", "--corpus", str(CORPUS)]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "正式中文名称" in captured.err and entry.title_zh_project not in captured.err
    assert len(captured.err.strip().splitlines()) == 1


def test_cite_in_chinese_with_a_style_that_has_no_chinese_form(capsys):
    assert main(["cite", "untoc", "--lang", "zh", "--style", "oscola", "--corpus", str(CORPUS)]) == 2
    err = capsys.readouterr().err
    assert "OSCOLA has no Chinese form" in err and "--style un" in err


def test_cite_rejects_an_unknown_language(capsys):
    with pytest.raises(SystemExit) as exc:
        main(["cite", "untoc", "--lang", "fr", "--corpus", str(CORPUS)])
    assert exc.value.code == 2


def test_english_citation_unchanged_by_default(capsys):
    assert main(["cite", "gpa38", "--corpus", str(CORPUS)]) == 0
    out = capsys.readouterr().out
    assert "第" not in out and "64/293" in out


# ---------------------------------------------------------------- search


@pytest.fixture(scope="module")
def small(tmp_path_factory):
    root = fixture_corpus(tmp_path_factory.mktemp("zh-search"))
    index = tmp_path_factory.mktemp("zh-index") / "index"
    search_engine.build_index(index, documents(load_valid_corpus(root)))
    return root, index


def search(small, capsys, *args: str) -> str:
    root, index = small
    assert main(["search", *args, "--corpus", str(root), "--index", str(index)]) == 0
    return capsys.readouterr().out


def test_search_json_in_chinese_gives_chinese_titles_and_zh_addresses(small, capsys):
    result = json.loads(search(small, capsys, "强迫劳动", "--lang", "zh", "--json"))
    assert result["results"], result
    first = result["results"][0]
    assert first["id"] == "labour-test"
    # No official or project title: the resolution's own wording, never the English title.
    assert first["title"] == "强迫劳动公约"
    assert first["title_en"] == "Forced Labour Convention"
    assert first["url"] == "zh/entries/labour-test/"
    assert all(r["url"].startswith("zh/") for r in result["results"])
    paragraphs = [r for r in result["results"] if r["kind"] == "paragraph"]
    for r in paragraphs:
        assert "段" in r["title"] and not LATIN_WORD.search(r["title"]), r["title"]


def test_search_text_in_chinese_has_no_english_labels(small, capsys):
    out = search(small, capsys, "forced labour", "--lang", "zh")
    assert "共有" in out and "result(s)" not in out
    labels = [line for line in out.splitlines() if line.startswith(("类型", "区域", "支柱"))]
    assert labels, out
    for line in labels:
        assert not LATIN_WORD.search(line), line
    # Each result line: Chinese title, [id, Chinese type label].
    urls = [line.strip() for line in out.splitlines() if line.startswith("   /")]
    assert urls and all(u.startswith("/zh/") for u in urls), urls
    assert "1. 强迫劳动公约  [labour-test, 公约或条约]" in out


def test_search_in_english_is_unchanged(small, capsys):
    out = search(small, capsys, "forced labour")
    assert "result(s) for 'forced labour'" in out
    assert "/entries/labour-test/" in out and "/zh/" not in out
