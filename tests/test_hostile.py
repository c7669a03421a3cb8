"""Entries written by an attacker: refused with file:line, or harmless wherever they are written.

The site itself is checked in a real browser by test_hostile_site.py; here: validation, every
export format, the search index and the terminal, and a hundred malformed entries.
"""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import bibtexparser
import pytest
import rispy
from pybtex.database import parse_string

from indexer.cli.commands.search import format_text
from indexer.corpus.loader import load_corpus
from indexer.publish.bibliography import bib_unescape
from indexer.publish.formats import FORMATS
from indexer.publish.selection import EVERYTHING
from indexer.search import engine as search_engine
from indexer.search.documents import documents

from .conftest import ROOT, make_corpus
from .hostile import FIELDS, PAYLOADS, TARGET, entry_text

EXE = [sys.executable, "-m", "indexer.cli"]


@pytest.fixture(scope="module")
def placed(tmp_path_factory):
    """One corpus with one entry per (payload, field), and what the loader made of it."""
    root = make_corpus(tmp_path_factory.mktemp("hostile"))
    names = {}
    for p_name, payload in PAYLOADS.items():
        for field in FIELDS:
            eid = f"h-{p_name}-{field}".replace("_", "-")
            (root / "entries" / f"{eid}.md").write_text(entry_text(eid, {field: payload}),
                                                         encoding="utf-8")
            names[eid] = (p_name, field)
    (root / "entries" / "hostile-target.md").write_text(TARGET, encoding="utf-8")
    corpus, problems = load_corpus(root)
    return root, names, corpus, problems


def test_every_placement_is_refused_with_its_line_or_loaded_as_text(placed):
    _, names, corpus, problems = placed
    errors = {}
    for p in problems:
        if p.level == "error":
            errors.setdefault(Path(p.path).stem, []).append(p)
    refused = {eid for eid in names if eid in errors}
    for eid in refused:
        assert all(p.line >= 1 and p.path.endswith(f"{eid}.md") for p in errors[eid])
    # markup, scripts, control characters and line breaks in names never pass validation
    must_refuse = {"title-breakout", "details-ontoggle", "entity-javascript", "textarea",
                   "block-marker", "img-onerror", "attribute-breakout", "iframe-srcdoc",
                   "style", "base", "form", "svg-animate", "mutation", "spaced-javascript",
                   "terminal-escape"}
    for eid, (p_name, field) in names.items():
        if p_name in must_refuse:
            assert eid in refused, (p_name, field)
        if p_name in ("markdown-javascript", "markdown-colon-entity", "data-url") \
                and field in ("body", "heading"):
            assert eid in refused, (p_name, field)
    # what passes is text: it is in the model exactly as written
    for eid in set(names) - refused:
        assert eid in corpus.entries
    print(f"\nplacements tried {len(names)}, refused by validation {len(refused)}, "
          f"accepted as text {len(names) - len(refused)}")


@pytest.fixture(scope="module")
def model(placed):
    """Every placement that can be read at all, as the exports and the index would get it if
    validation were bypassed (they must be safe even then)."""
    return placed[2]


def test_bibtex_of_hostile_titles_parses_and_round_trips(model):
    text = FORMATS["bibtex"].render(model, EVERYTHING)
    db = parse_string(text, "bibtex")
    assert sorted(db.entries) == sorted(model.entries)  # no record forged, none lost
    lib = bibtexparser.parse_string(text)
    assert not lib.failed_blocks and len(lib.entries) == len(model.entries)
    for rec in lib.entries:
        title = rec["title"][1:-1] if rec["title"].startswith("{") else rec["title"]
        assert bib_unescape(title) == " ".join(model.entries[rec.key].title.split())


def test_ris_of_hostile_titles_has_one_record_per_entry(model):
    records = rispy.loads(FORMATS["ris"].render(model, EVERYTHING))
    assert sorted(r["id"] for r in records) == sorted(model.entries)


def test_csv_cells_never_start_a_formula(model):
    rows = list(csv.reader(io.StringIO(FORMATS["csv"].render(model, EVERYTHING))))
    assert len(rows) == len(model.entries) + 1
    for row in rows:
        for cell in row:
            assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), cell


def test_json_export_keeps_the_text_and_is_valid(model):
    data = json.loads(FORMATS["json"].render(model, EVERYTHING))
    titles = {e["id"]: e["title"] for e in data["entries"]}
    assert titles == {eid: e.title for eid, e in model.entries.items()}


def test_search_snippets_and_terminal_output_are_inert(model, tmp_path):
    search_engine.build_index(tmp_path / "index", documents(model))
    with search_engine.open_index(tmp_path / "index") as s:
        result = s.search("hostile summary", limit=200)
    assert result["total"] >= len(model.entries) - 1
    for r in result["results"]:
        snippet = r["snippet"].replace("<mark>", "").replace("</mark>", "")
        assert "<" not in snippet and ">" not in snippet  # escaped: &lt; &gt;
    text = format_text(result, color=False)
    assert "\x1b" not in text and "\x07" not in text


# --- a hundred malformed entries ------------------------------------------------------------

VALID = (ROOT / "tests" / "fixtures" / "invalid" / "entries" / "base-entry.md").read_text()


def malformed() -> dict[str, bytes]:
    """name -> file content: broken in every way the review tried, and more."""
    v = VALID.replace("aliases: [Shared Alias]\n", "")
    out: dict[str, bytes] = {}

    def add(name: str, text: str | bytes) -> None:
        data = text if isinstance(text, bytes) else text.replace("id: base-entry", f"id: {name}")
        out[name] = data if isinstance(data, bytes) else data.encode("utf-8")

    wrong_types = {
        "type": "[convention]", "aliases": "5", "related": "5", "plan_refs": "5",
        "title": "5", "title-null": "null", "title-list": "[a, b]", "region": "{a: 1}",
        "id": "5", "sources": "x", "last-reviewed": "[2026-01-01]", "citation": "5",
        "citation-unts": "{unts: x}", "case": "5", "provisions": "x", "unverified": "5",
        "review-notes": "{a: b}", "short-title": "{}", "adopted": "5", "status": "[active]",
    }
    for key, value in wrong_types.items():
        field = {"title-null": "title", "title-list": "title", "last-reviewed": "last_reviewed",
                 "citation-unts": "citation", "review-notes": "review_notes",
                 "short-title": "short_title"}.get(key, key)
        if f"\n{field}:" in v:
            text = v.replace(f"\n{field}:", f"\n{field}: {value}\nx_{field}:", 1)
        else:
            text = v.replace("last_reviewed:", f"{field}: {value}\nlast_reviewed:")
        add(f"m-type-{key}", text)
    add("m-supports-int", v.replace("supports: [body]", "supports: 5"))
    add("m-supports-dict", v.replace("supports: [body]", "supports: [{a: b}]"))
    add("m-plan-ref-int", v.replace("  - para: pp1\n    basis: relevant\n    note: A fixture note "
                                    "that is long enough.", "  - 5"))
    add("m-related-empty", v.replace("last_reviewed:", "related: [{}]\nlast_reviewed:"))
    add("m-key-int", v.replace("region: global", "region: global\n5: x"))
    add("m-key-null", v.replace("region: global", "region: global\n~: x"))
    add("m-key-list", v.replace("region: global", "region: global\n? [a]\n: x"))
    add("m-accessed-feb30", v.replace("    supports: [body]", "    accessed: 2010-02-30\n"
                                      "    supports: [body]"))
    add("m-future", v.replace("last_reviewed: 2026-01-01", "last_reviewed: 2999-01-01"))
    add("m-date-word", v.replace("last_reviewed: 2026-01-01", "last_reviewed: yesterday"))
    bomb = "".join(f'l{i}: &l{i} [' + ",".join([f"*l{i - 1}"] * 9) + "]\n" for i in range(1, 9))
    add("m-alias-bomb", v.replace("region: global", 'region: global\nl0: &l0 ["lol"]\n' + bomb))
    add("m-alias-self", v.replace("region: global", "region: global\nreview_notes: &r [*r]"))
    add("m-anchor", v.replace("region: global", "region: &g global"))
    add("m-tag-str", v.replace("region: global", "region: !!str global"))
    add("m-tag-python", v.replace("region: global", "region: !!python/object:os.system x"))
    add("m-tag-custom", v.replace("region: global", "region: !custom global"))
    add("m-merge", v.replace("region: global", "region: global\n<<: {a: 1}"))
    add("m-deep", v.replace("region: global", "region: global\nx: " + "[" * 40 + "]" * 40))
    add("m-wide", v.replace("region: global", "region: global\nx: [" + ",".join(["1"] * 30000)
                            + "]"))
    add("m-two-docs", v.replace("region: global", "region: global\n...\n--- x"))
    add("m-tab-indent", v.replace("  - para: pp1", "\t- para: pp1"))
    add("m-bad-quote", v.replace("region: global", 'region: "global'))
    add("m-bad-flow", v.replace("supports: [body]", "supports: [body"))
    add("m-no-front-matter", "no front matter at all\n")
    add("m-unclosed", "---\nid: m-unclosed\ntitle: x\n")
    add("m-empty", "")
    add("m-only-fence", "---\n---\n")
    add("m-scalar-front", "---\njust a string\n---\nbody\n")
    add("m-list-front", "---\n- a\n- b\n---\nbody\n")
    add("m-null-front", "---\n~\n---\nbody\n")
    add("m-bom", "\ufeff" + v)
    add("m-crlf", v.replace("\n", "\r\n"))
    add("m-cr-only", v.replace("\n", "\r"))
    add("m-latin1", v.replace("Fixture entry.", "Caf\xe9.").encode("latin-1"))
    add("m-binary", bytes(range(256)) * 4)
    add("m-nul", v.replace("Fixture entry.", "Fix\x00ture"))
    add("m-esc-title", v.replace("title: Fixture base-entry", "title: 'a\x1b[2Jb'"))
    add("m-esc-escaped", v.replace("title: Fixture base-entry", 'title: "a\\e[2Jb"'))
    add("m-bell-body", v.replace("Fixture entry.", "Ring \x07 ring."))
    add("m-c1", v.replace("Fixture entry.", "C1 \x9b31m here."))
    add("m-del", v.replace("Fixture entry.", "DEL \x7f here."))
    add("m-bidi", v.replace("title: Fixture base-entry", "title: Fixture \u202etxt.exe"))
    add("m-huge", v + ("A long line of text. " * 20000))
    add("m-long-line", v.replace("Fixture entry.", "x" * 200_000))
    add("m-title-newline", v.replace("title: Fixture base-entry", 'title: "a\\nb"'))
    add("m-unknown-field", v.replace("region: global", "region: global\ntitel: x"))
    add("m-dup-key", v.replace("region: global", "region: global\nregion: europe"))
    add("m-id-mismatch", v.replace("id: base-entry", "id: another"))
    add("m-bad-para", v.replace("para: pp1", "para: pp99"))
    add("m-no-basis", v.replace("    basis: relevant\n", ""))
    add("m-wrong-basis", v.replace("basis: relevant", "basis: named"))
    add("m-bad-url", v.replace("https://www.un.org/en/fixture-source", "javascript:alert(1)"))
    add("m-url-quote", v.replace("https://www.un.org/en/fixture-source",
                                 'https://www.un.org/"><script>'))
    add("m-url-dot", v.replace("https://www.un.org/en/fixture-source",
                               "https://www.un.org./en/x"))
    add("m-url-ip", v.replace("https://www.un.org/en/fixture-source", "https://10.0.0.1/x"))
    add("m-url-staging", v.replace("https://www.un.org/en/fixture-source",
                                   "https://staging.unodc.org/x"))
    add("m-source-no-url", v.replace("    url: https://www.un.org/en/fixture-source\n", ""))
    add("m-html-title", v.replace("title: Fixture base-entry", 'title: "<b>x</b>"'))
    add("m-script-body", v.replace("Fixture entry.", "<script>alert(1)</script>"))
    add("m-details-body", v.replace("Fixture entry.", "<details open\nontoggle=alert(2)>x</details>"))
    add("m-marker-body", v.replace("Fixture entry.", "<!--tipkb-block-999-->"))
    add("m-unclosed-html", v.replace("Fixture entry.", "<div <span <a href="))
    add("m-cdata", v.replace("Fixture entry.", "<![CDATA[x]]> <?php x ?> <!DOCTYPE x>"))
    add("m-todo", v.replace("Fixture entry.", "TODO write this."))
    add("m-no-summary", v.replace("## Summary", "## Abstract"))
    add("m-provision-bad", v.replace("last_reviewed:", "provisions:\n  - {unit: article}\n"
                                     "last_reviewed:"))
    add("m-provision-topic", v.replace("last_reviewed:", "provisions:\n  - {unit: article, number: "
                                       "'1', title: Tt t, summary: a summary long enough here, "
                                       "topics: [magic], source: nowhere}\nlast_reviewed:"))
    add("m-case-outside", v.replace("last_reviewed:", "case: {court: x, decided: 2020-01-01, "
                                    "number: '1'}\nlast_reviewed:"))
    add("m-both-zh", v.replace("region: global", "region: global\ntitle_zh: 甲乙\n"
                               "title_zh_project: 甲乙"))
    add("m-cited-as-wrong", v.replace("region: global", "region: global\ncited_as_zh: 不在决议中"))
    add("m-relation-bad", v.replace("last_reviewed:", "related: [{id: base-entry, relation: hates}]"
                                    "\nlast_reviewed:"))
    add("m-self-related", v.replace("last_reviewed:", "related: [{id: m-self-related, relation: "
                                    "see-also}]\nlast_reviewed:"))
    add("m-huge-number", v.replace("region: global", "region: global\nx: 1" + "0" * 5000))
    add("m-float-nan", v.replace("region: global", "region: global\nx: .nan"))
    add("m-emoji", v.replace("title: Fixture base-entry", "title: Fixture 😀 \U0010ffff"))
    add("m-surrogate", v.replace("title: Fixture base-entry", 'title: "\\ud800"'))
    return out


def odd_files(folder: Path) -> int:
    """Things in corpus/entries/ that are not entry files; returns how many."""
    (folder / "dir.md").mkdir()
    (folder / "sub").mkdir()
    (folder / "sub" / "inside.md").write_text(VALID)
    (folder / "broken.md").symlink_to(folder / "nowhere.md")
    (folder / "loop.md").symlink_to(folder / "loop.md")
    (folder / "link-to-valid.md").symlink_to(folder / "base-entry.md")
    (folder / "outside.md").symlink_to("/etc/passwd")
    os.mkfifo(folder / "fifo.md")
    (folder / "UPPER.MD").write_text(VALID)
    (folder / "x.markdown").write_text(VALID)
    (folder / "notes.txt").write_text("x")
    return 10


@pytest.fixture(scope="module")
def malformed_run(tmp_path_factory):
    root = make_corpus(tmp_path_factory.mktemp("malformed"))
    files = malformed()
    for name, data in files.items():
        (root / "entries" / f"{name}.md").write_bytes(data)
    (root / "entries" / "base-entry.md").write_text(VALID)
    # an ordinary error in an otherwise sound entry: it must still be reported
    (root / "entries" / "ordinary.md").write_text(
        VALID.replace("id: base-entry", "id: ordinary").replace(
            "region: global", "region: global\nadopted: 2000-01-01"))
    odd = odd_files(root / "entries")
    proc = subprocess.run([*EXE, "validate", "--corpus", str(root)], capture_output=True,
                          text=True, timeout=120, cwd=ROOT, env={**os.environ, "NO_COLOR": "1"})
    return files, odd, proc


def test_a_hundred_malformed_entries_are_each_named_with_a_line(malformed_run):
    files, odd, proc = malformed_run
    assert len(files) + odd >= 100
    assert proc.returncode == 1
    assert "Traceback" not in proc.stderr + proc.stdout
    out = proc.stdout
    for name in files:
        lines = [x for x in out.splitlines() if f"entries/{name}.md:" in x]
        assert lines, f"{name} is not reported"
        assert all(":0:" not in x.split(" ")[0] for x in lines)
    for odd_name in ("dir.md", "sub", "broken.md", "loop.md", "link-to-valid.md", "outside.md",
                     "fifo.md", "UPPER.MD", "x.markdown", "notes.txt"):
        assert f"entries/{odd_name}:1:1: TIP006" in out, odd_name
    assert "root:" not in out  # /etc/passwd was never read
    print(f"\nmalformed inputs {len(files) + odd}, tracebacks 0, hangs 0")


def test_the_ordinary_error_is_still_reported_beside_them(malformed_run):
    _, _, proc = malformed_run
    assert "entries/ordinary.md:" in proc.stdout and "TIP070 error: adopted has no source" \
        in proc.stdout


def test_no_subcommand_shows_a_traceback_on_a_broken_corpus(malformed_run, tmp_path):
    files, _, proc = malformed_run
    root = Path(proc.args[proc.args.index("--corpus") + 1])
    for args in (["export"], ["export", "--format", "bibtex"], ["cite", "untoc"],
                 ["handout", "--pillar", "protection", "--output", str(tmp_path)],
                 ["index", "--index", str(tmp_path / "ix")], ["review-notes"],
                 ["suggest-links", "--all"], ["check-links"], ["new", "body", "A new body"]):
        run = subprocess.run([*EXE, *args, "--corpus", str(root)], capture_output=True,
                             text=True, timeout=120, cwd=ROOT)
        assert "Traceback" not in run.stderr + run.stdout, (args, run.stderr[-2000:])


def test_an_unexpected_error_is_one_line_naming_the_file(tmp_path, monkeypatch, capsys):
    from indexer import cli, rules

    root = make_corpus(tmp_path)
    (root / "entries" / "base-entry.md").write_text(VALID)

    def broken(corpus):
        raise RuntimeError("a bug")

    monkeypatch.setattr(rules, "CORPUS_CHECKS", [broken])
    assert cli.main(["validate", "--corpus", str(root)]) == 1
    out = capsys.readouterr().out
    assert "TIP000 error: internal error in broken (RuntimeError: a bug)" in out

    def crash(args):
        raise KeyError("boom")

    monkeypatch.setattr(cli, "build_parser", lambda: _Parser(crash))
    assert cli.main(["validate"]) == 70
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "internal error (KeyError" in err[0] and "report it" in err[0]


class _Parser:
    def __init__(self, run):
        self.run = run

    def parse_args(self, argv):
        import argparse

        return argparse.Namespace(_run=self.run, corpus=Path("."), command="validate")


def test_write_targets_are_never_followed_outside(tmp_path):
    """A hostile id cannot make `tipkb new` write outside corpus/entries/."""
    root = make_corpus(tmp_path)
    run = subprocess.run([*EXE, "new", "body", "Escape", "--id", "../../escape", "--corpus",
                          str(root)], capture_output=True, text=True, cwd=ROOT)
    assert run.returncode != 0 and not (tmp_path / "escape.md").exists()
    assert "Traceback" not in run.stderr


def test_hostile_payloads_cover_every_field():
    assert len(PAYLOADS) >= 20 and len(FIELDS) >= 15
    text = entry_text("probe", {f: "PROBE" for f in FIELDS})
    assert text.count("PROBE") == len(FIELDS) + 1  # the body holds it twice
