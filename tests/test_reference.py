"""The contributor reference is generated from the schema and rules, and kept current."""

from __future__ import annotations

from indexer.cli import main
from indexer.publish.reference import rules_markdown, schema_markdown
from indexer.rules import RULES
from indexer.schema import load_schema

from .conftest import ROOT


def test_reference_pages_are_current():
    assert main(["reference", "--check", "--corpus", str(ROOT / "corpus")]) == 0


def test_every_schema_field_and_vocabulary_value_is_documented():
    text = schema_markdown()
    schema = load_schema()
    for name in schema["properties"]:
        assert f"| `{name}` |" in text
    for name in schema["properties"]["citation"]["properties"]:
        assert f"| `citation.{name}` |" in text
    for vocab in ("entry_type", "region", "subregion", "relation"):
        for value in schema["$defs"][vocab]["enum"]:
            assert f"| `{value}` |" in text, (vocab, value)


def test_every_rule_is_documented():
    text = rules_markdown()
    for code in RULES:
        assert f"| {code} |" in text


def test_check_fails_on_a_stale_page(tmp_path):
    (tmp_path / "corpus").mkdir()
    (tmp_path / "docs" / "contributing").mkdir(parents=True)
    (tmp_path / "docs" / "contributing" / "rules.md").write_text("old\n")
    assert main(["reference", "--check", "--corpus", str(tmp_path / "corpus")]) == 1
    assert main(["reference", "--corpus", str(tmp_path / "corpus")]) == 0
    assert (tmp_path / "docs" / "contributing" / "rules.md").read_text() == rules_markdown()
