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


def _shown_text(markdown_text: str) -> str:
    """What a reader sees of a Markdown page: its text, as the browser shows it."""
    from html.parser import HTMLParser

    import markdown

    class Text(HTMLParser):
        def __init__(self) -> None:
            super().__init__(convert_charrefs=True)
            self.parts: list[str] = []

        def handle_data(self, data: str) -> None:
            self.parts.append(data)

    parser = Text()
    parser.feed(markdown.markdown(markdown_text, extensions=["tables", "attr_list", "toc"]))
    return "".join(parser.parts)


def test_angle_brackets_in_schema_prose_are_shown_not_read_as_tags():
    shown = _shown_text(schema_markdown())
    assert "corpus/entries/<id>.md" in shown
    assert "corpus/entries/.md" not in shown
    rules = _shown_text(rules_markdown())
    assert "regular <id>.md files" in rules
    assert "adopted <= opened" in rules


def test_prose_escaping_leaves_code_spans_alone():
    from indexer.publish.reference import _prose

    assert _prose("a <b> and `<c>` & d") == "a &lt;b&gt; and `<c>` &amp; d"
    assert _shown_text(_prose("a <b> and `<c>` & d")) == "a <b> and <c> & d"
    assert _prose("an `unclosed <x>") == "an `unclosed &lt;x&gt;"
