"""`tipkb validate`: one fixture per kind of error, each with its file, line and message."""

from __future__ import annotations

import json
import os
import shutil
import stat

import pytest

from indexer.cli import main
from indexer.corpus.loader import load_corpus
from indexer.files import write_atomic
from indexer.problems import has_errors
from indexer.rules import RULES

from .conftest import CORPUS, FIXTURES, make_corpus

# fixture file -> every error it must produce: (line, code, words the message contains)
EXPECTED = {
    "tip001-no-front-matter.md": [(1, "TIP001", "must start with a '---' line")],
    "tip001-unclosed.md": [(1, "TIP001", "front matter is not closed")],
    "tip002-bad-yaml.md": [(5, "TIP002", "invalid YAML: while scanning a quoted scalar")],
    "tip003-not-utf8.md": [(3, "TIP003", "not UTF-8")],
    "tip004-duplicate-key.md": [(15, "TIP004", "key 'region' appears twice")],
    "tip007-control-character.md": [(4, "TIP007", "control character U+001B")],
    "tip007-escape-in-body.md": [(21, "TIP007", "control character U+0007")],
    "tip008-alias-bomb.md": [(6, "TIP008", "YAML anchor '&r' is not allowed")],
    "tip008-yaml-tag.md": [(5, "TIP008", "YAML tag")],
    "tip010-bad-para.md": [(7, "TIP010", "plan_refs.0.para: 'pp99' does not have the expected form")],
    "tip010-bad-type.md": [(3, "TIP010", "type: 'treaty' is not an allowed value")],
    "tip010-http-url.md": [(15, "TIP010", "url: 'http://example.org/page'")],
    "tip010-missing-field.md": [(2, "TIP010", "missing required field 'title'")],
    "tip010-one-line-title.md": [(4, "TIP010", "title: must be one line")],
    "tip010-unknown-field.md": [(15, "TIP010", "unknown field 'titel'")],
    "tip010-wrong-type.md": [(14, "TIP010", "related: expected array, got int")],
    "tip011-id-mismatch.md": [(2, "TIP011", "id 'another-id' differs from the file name")],
    "tip013-duplicate-alias.md": [(15, "TIP013", "'shared alias' is already a name of entry 'base-entry'")],
    "tip021-duplicate-para.md": [(10, "TIP021", "'pp1' is listed twice")],
    "tip030-unknown-related.md": [(16, "TIP030", "no entry 'no-such-entry'")],
    "tip031-self-related.md": [(16, "TIP031", "links to itself")],
    "tip032-succeeded-without-successor.md": [(15, "TIP032", "no related link is 'succeeded-by'")],
    "tip040-bad-accessed-date.md": [(13, "TIP040", "sources.0.accessed: 2010-02-30 is not a real date")],
    "tip040-impossible-date.md": [(15, "TIP040", "adopted: 2010-02-30 is not a real date")],
    "tip041-date-order.md": [(16, "TIP041", "in_force (2003-02-01) is before adopted (2005-05-16)")],
    "tip050-http-link.md": [(20, "TIP050", "link http://example.org/text uses http")],
    "tip055-refused-host.md": [(12, "TIP055", "www.scribd.com is refused as a source")],
    "tip056-unknown-host.md": [(12, "TIP056", "unknown-host.example.net is not in the source policy")],
    "tip060-block-marker.md": [(21, "TIP060", "an HTML comment")],
    "tip060-details-ontoggle.md": [(21, "TIP060", "raw <details> element"),
                                   (21, "TIP060", "event-handler attribute (ontoggle=)"),
                                   (22, "TIP060", "raw </details> tag")],
    "tip060-entity-javascript.md": [(21, "TIP060", "javascript: link"),
                                    (21, "TIP060", "javascript: link")],
    "tip060-event-handler.md": [(20, "TIP060", "raw <img> element"),
                                (20, "TIP060", "event-handler attribute (onerror=)")],
    "tip060-html-in-title.md": [(4, "TIP060", "title contains a raw </title> tag")],
    "tip060-javascript-link.md": [(20, "TIP060", "javascript: link")],
    "tip060-script.md": [(20, "TIP060", "raw <script> element"), (20, "TIP060", "raw </script> tag")],
    "tip070-unsourced-fact.md": [(15, "TIP070", "adopted has no source")],
    "tip080-missing-section.md": [(19, "TIP080", "lacks a '## Common pitfalls' section")],
    "tip083-unknown-source-id.md": [(20, "TIP083", "no source with id 'nowhere'")],
}
# fixture file -> a warning it must produce (warnings never fail validation)
EXPECTED_WARNINGS = {
    "tip091-unverified-jargon.md": (15, "TIP091", "speaks of 'citation.unts.page'"),
}


@pytest.fixture(scope="module")
def all_problems(tmp_path_factory):
    root = make_corpus(tmp_path_factory.mktemp("invalid"), FIXTURES / "invalid" / "entries")
    return load_corpus(root)


@pytest.fixture(scope="module")
def problems(all_problems):
    corpus, found = all_problems
    return corpus, [p for p in found if p.level == "error"]


def test_every_fixture_is_listed():
    files = {p.name for p in (FIXTURES / "invalid" / "entries").glob("tip*.md")}
    assert files == set(EXPECTED) | set(EXPECTED_WARNINGS)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_each_broken_fixture_reports_file_line_and_message(problems, name):
    _, found = problems
    mine = [p for p in found if p.path.endswith(f"entries/{name}")]
    assert [(p.line, p.code) for p in mine] == [(ln, code) for ln, code, _ in EXPECTED[name]], \
        [p.as_text() for p in mine]
    for p, (_, _, words) in zip(mine, EXPECTED[name], strict=True):
        assert words in p.message, p.as_text()


@pytest.mark.parametrize("name", sorted(EXPECTED_WARNINGS))
def test_each_warning_fixture_warns_and_does_not_fail(all_problems, name):
    _, found = all_problems
    line, code, words = EXPECTED_WARNINGS[name]
    mine = [p for p in found if p.path.endswith(f"entries/{name}")]
    assert any(p.line == line and p.code == code and words in p.message for p in mine), \
        [p.as_text() for p in mine]
    assert not [p for p in mine if p.level == "error"]


def test_the_valid_entry_beside_broken_ones_is_kept(problems):
    corpus, found = problems
    assert "base-entry" in corpus.entries
    assert not [p for p in found if p.path.endswith("base-entry.md")]


def test_every_rule_code_used_by_a_fixture_is_known():
    used = {code for items in EXPECTED.values() for _, code, _ in items}
    assert used | {c for _, c, _ in EXPECTED_WARNINGS.values()} <= set(RULES)


def test_cli_exits_1_and_prints_path_line_col(invalid_corpus, capsys):
    assert main(["validate", "--corpus", str(invalid_corpus)]) == 1
    out = capsys.readouterr().out
    assert "entries/tip070-unsourced-fact.md:15:1: TIP070 error: adopted has no source" in out
    assert "entries/tip060-script.md:20:9: TIP060 error: body contains a raw <script> element" in out
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


def test_export_refuses_a_folder_as_output(tmp_path, capsys):
    assert main(["export", "--corpus", str(CORPUS), "-o", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert "is a folder" in err and "Traceback" not in err


def test_an_interrupted_write_leaves_the_previous_file_whole(tmp_path, monkeypatch):
    out = tmp_path / "export.json"
    out.write_text("previous export\n")

    def crash(fd):
        raise OSError("disk full")

    monkeypatch.setattr(os, "fsync", crash)
    with pytest.raises(OSError):
        write_atomic(out, "new export, half written\n" * 1000)
    assert out.read_text() == "previous export\n"  # a plain open("w") would have truncated it
    assert [p.name for p in tmp_path.iterdir()] == ["export.json"]  # no temporary file left


def test_written_files_have_the_users_usual_permissions(tmp_path):
    old = os.umask(0o022)
    try:
        write_atomic(tmp_path / "a.json", "{}")
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "a.json").stat().st_mode) == 0o644


def test_yaml_11_surprises_do_not_reach_the_model(empty_corpus):
    entry = (FIXTURES / "invalid" / "entries" / "base-entry.md").read_text()
    entry = entry.replace("region: global", "region: global\nshort_title: no")
    (empty_corpus / "entries" / "base-entry.md").write_text(entry)
    corpus, problems = load_corpus(empty_corpus)
    assert corpus.entries["base-entry"].short_title == "no"
    assert corpus.entries["base-entry"].last_reviewed == "2026-01-01"


def test_problems_report_paths_relative_to_the_working_directory(tmp_path, monkeypatch):
    root = make_corpus(tmp_path)
    shutil.copy(FIXTURES / "invalid" / "entries" / "tip070-unsourced-fact.md", root / "entries")
    monkeypatch.chdir(tmp_path)
    _, problems = load_corpus(root)
    assert problems[0].path == "corpus/entries/tip070-unsourced-fact.md"
