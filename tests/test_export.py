"""`tipkb export --format json`: every paragraph, footnote and entry with computed links."""

from __future__ import annotations

import json

import pytest

from indexer.cli import main

from .conftest import FIXTURES, make_corpus
from .test_plan import EXPECTED_KEYS


@pytest.fixture(scope="module")
def export(tmp_path_factory):
    root = make_corpus(tmp_path_factory.mktemp("exp"))
    base = (FIXTURES / "invalid" / "entries" / "base-entry.md").read_text()
    (root / "entries" / "base-entry.md").write_text(base)
    other = base.replace("base-entry", "other-entry").replace("aliases: [Shared Alias]", "")
    other = other.replace("sources:", "related:\n  - id: base-entry\n    relation: builds-on\n"
                          "  - para: x\nsources:").replace("  - para: x\n", "")
    other = other.replace("  - para: pp1\n", "  - para: gpa38\n")
    (root / "entries" / "other-entry.md").write_text(other)
    return root


def run_export(root, capsys):
    assert main(["export", "--corpus", str(root)]) == 0
    return json.loads(capsys.readouterr().out)


def test_export_holds_every_paragraph_and_footnote(export, capsys):
    data = run_export(export, capsys)
    assert [p["key"] for p in data["paragraphs"]] == EXPECTED_KEYS
    assert len(data["footnotes"]) == 18
    para = {p["key"]: p for p in data["paragraphs"]}["gpa38"]
    assert {"key", "label", "part", "section", "pillar", "text_zh", "text_en", "footnotes",
            "page", "page_url", "named", "relevant", "developed_by", "links", "asks"} <= set(para)
    assert [a["id"] for a in para["asks"]][:1] == ["gpa38.1"]
    assert para["label"] == "Plan ¶ 38" and para["pillar"] == "protection"
    assert para["footnotes"] == [17]


def test_named_and_relevant_are_computed_from_plan_refs(export, capsys):
    data = run_export(export, capsys)
    paras = {p["key"]: p for p in data["paragraphs"]}
    assert paras["pp1"]["relevant"] == ["base-entry"] and paras["pp1"]["named"] == []
    assert paras["gpa38"]["relevant"] == ["other-entry"]
    assert paras["gpa39"]["links"] == []
    assert paras["pp1"]["links"][0] == {"id": "base-entry", "basis": "relevant",
                                        "note": "A fixture note that is long enough.", "asks": []}


def test_entries_carry_front_matter_url_and_inverse_links(export, capsys):
    data = run_export(export, capsys)
    entries = {e["id"]: e for e in data["entries"]}
    base = entries["base-entry"]
    assert base["page"] == "entries/base-entry/" and "url" not in base  # it gives no official url
    assert base["page_url"].endswith("/entries/base-entry/") and base["scope"] == "context"
    assert base["aliases"] == ["Shared Alias"]
    assert base["last_reviewed"] == "2026-01-01"
    assert base["links"] == [{"id": "other-entry", "relation": "built-on-by", "inverse": True}]
    assert entries["other-entry"]["links"][0]["relation"] == "builds-on"


def test_real_corpus_exports_every_key(capsys):
    assert main(["export"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [p["key"] for p in data["paragraphs"]] == EXPECTED_KEYS
    assert all(p["text_zh"] and p["text_en"] for p in data["paragraphs"])
