"""`tipkb validate`: one fixture per kind of error, each with its file, line and message."""

from __future__ import annotations

import json
import shutil

import pytest

from indexer.cli import main
from indexer.loader import load_corpus
from indexer.problems import has_errors
from indexer.rules import RULES

from .conftest import CORPUS, FIXTURES, make_corpus

# fixture file -> (line, code, words the message must contain)
EXPECTED = {
    "tip001-no-front-matter.md": (1, "TIP001", "must start with a '---' line"),
    "tip001-unclosed.md": (1, "TIP001", "front matter is not closed"),
    "tip002-bad-yaml.md": (5, "TIP002", "invalid YAML: while scanning a quoted scalar"),
    "tip003-not-utf8.md": (1, "TIP003", "not UTF-8"),
    "tip004-duplicate-key.md": (15, "TIP004", "key 'region' appears twice"),
    "tip010-bad-para.md": (7, "TIP010", "plan_refs.0.para: 'pp99' does not have the expected form"),
    "tip010-bad-type.md": (3, "TIP010", "type: 'treaty' is not an allowed value"),
    "tip010-http-url.md": (15, "TIP010", "url: 'http://example.org/page'"),
    "tip010-missing-field.md": (2, "TIP010", "missing required field 'title'"),
    "tip010-unknown-field.md": (15, "TIP010", "unknown field 'titel'"),
    "tip011-id-mismatch.md": (2, "TIP011", "id 'another-id' differs from the file name"),
    "tip013-duplicate-alias.md": (15, "TIP013", "'shared alias' is already a name of entry 'base-entry'"),
    "tip021-duplicate-para.md": (10, "TIP021", "'pp1' is listed twice"),
    "tip030-unknown-related.md": (16, "TIP030", "no entry 'no-such-entry'"),
    "tip031-self-related.md": (16, "TIP031", "links to itself"),
    "tip032-succeeded-without-successor.md": (15, "TIP032", "no related link is 'succeeded-by'"),
    "tip040-impossible-date.md": (15, "TIP040", "adopted: 2010-02-30 is not a real date"),
    "tip041-date-order.md": (16, "TIP041", "in_force (2003-02-01) is before adopted (2005-05-16)"),
    "tip050-http-link.md": (20, "TIP050", "link http://example.org/text uses http"),
    "tip060-event-handler.md": (20, "TIP060", "event-handler attribute"),
    "tip060-javascript-link.md": (20, "TIP060", "javascript: link"),
    "tip060-script.md": (20, "TIP060", "raw <script> element"),
    "tip070-unsourced-fact.md": (15, "TIP070", "adopted has no source"),
    "tip080-missing-section.md": (19, "TIP080", "lacks a '## Common pitfalls' section"),
}


@pytest.fixture(scope="module")
def problems(tmp_path_factory):
    root = make_corpus(tmp_path_factory.mktemp("invalid"), FIXTURES / "invalid" / "entries")
    corpus, problems = load_corpus(root)
    return corpus, [p for p in problems if p.level == "error"]


def test_every_fixture_is_listed():
    files = {p.name for p in (FIXTURES / "invalid" / "entries").glob("tip*.md")}
    assert files == set(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_each_broken_fixture_reports_file_line_and_message(problems, name):
    _, found = problems
    line, code, words = EXPECTED[name]
    mine = [p for p in found if p.path.endswith(f"entries/{name}")]
    assert [(p.line, p.code) for p in mine] == [(line, code)], [p.as_text() for p in mine]
    assert words in mine[0].message


def test_the_valid_entry_beside_broken_ones_is_kept(problems):
    corpus, found = problems
    assert "base-entry" in corpus.entries
    assert not [p for p in found if p.path.endswith("base-entry.md")]


def test_every_rule_code_used_by_a_fixture_is_known():
    assert {code for _, code, _ in EXPECTED.values()} <= set(RULES)


def test_cli_exits_1_and_prints_path_line_col(invalid_corpus, capsys):
    assert main(["validate", "--corpus", str(invalid_corpus)]) == 1
    out = capsys.readouterr().out
    assert "entries/tip070-unsourced-fact.md:15:1: TIP070 error: adopted has no source" in out
    assert "tip: add 'adopted' to the supports list" in out


def test_cli_github_annotations(invalid_corpus, capsys):
    assert main(["validate", "--corpus", str(invalid_corpus), "--format", "github"]) == 1
    lines = capsys.readouterr().out.splitlines()
    hit = [x for x in lines if "tip041-date-order.md" in x and "TIP041" in x]
    assert hit and hit[0].startswith("::error file=")
    assert ",line=16,col=1,title=TIP041::in_force (2003-02-01) is before adopted" in hit[0]


def test_cli_json_format(invalid_corpus, capsys):
    main(["validate", "--corpus", str(invalid_corpus), "--format", "json"])
    data = json.loads(capsys.readouterr().out)
    assert {"path", "line", "code", "message", "level", "tip"} <= set(data[0])


def test_the_real_corpus_validates():
    _, problems = load_corpus(CORPUS)
    assert not has_errors(problems), "\n".join(p.as_text() for p in problems[:20])


def test_a_corpus_with_errors_cannot_be_exported(invalid_corpus, capsys):
    assert main(["export", "--corpus", str(invalid_corpus)]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "TIP070" in captured.err


def test_export_to_file_is_not_half_written_on_error(invalid_corpus, tmp_path):
    out = tmp_path / "export.json"
    out.write_text("previous export\n")
    assert main(["export", "--corpus", str(invalid_corpus), "--output", str(out)]) == 1
    assert out.read_text() == "previous export\n"


def test_yaml_11_surprises_do_not_reach_the_model(empty_corpus):
    entry = (FIXTURES / "invalid" / "entries" / "base-entry.md").read_text()
    entry = entry.replace("region: global", "region: global\nshort_title: no")
    (empty_corpus / "entries" / "base-entry.md").write_text(entry)
    corpus, problems = load_corpus(empty_corpus)
    assert corpus.entries["base-entry"].get("short_title") == "no"
    assert corpus.entries["base-entry"].get("last_reviewed") == "2026-01-01"


def test_problems_report_paths_relative_to_the_working_directory(tmp_path, monkeypatch):
    root = make_corpus(tmp_path)
    shutil.copy(FIXTURES / "invalid" / "entries" / "tip070-unsourced-fact.md", root / "entries")
    monkeypatch.chdir(tmp_path)
    _, problems = load_corpus(root)
    assert problems[0].path == "corpus/entries/tip070-unsourced-fact.md"
