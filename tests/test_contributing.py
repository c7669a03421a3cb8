"""Contributor tools: `tipkb new`, `tipkb suggest-links`, `tipkb check-links`."""

from __future__ import annotations

import http.server
import json
import threading

import pytest

from indexer.cli import main
from indexer.corpus.loader import load_corpus
from indexer.rules.links import external_links, fetch_status

from .conftest import CORPUS, FIXTURES, make_corpus

UNTOC_NAMES = """title: United Nations Convention against Transnational Organized Crime
short_title: Organized Crime Convention
aliases: [UNTOC, Palermo Convention]
"""


@pytest.fixture
def corpus_with_untoc(tmp_path):
    """A small corpus with one valid entry that bears the Convention's names."""
    root = make_corpus(tmp_path)
    text = (FIXTURES / "invalid" / "entries" / "base-entry.md").read_text()
    text = text.replace("id: base-entry", "id: untoc").replace("title: Fixture base-entry\n", "")
    text = text.replace("aliases: [Shared Alias]\n", UNTOC_NAMES)
    text = text.replace("## Key provisions", "## Further reading\n\n- A reading.\n\n## Key provisions")
    (root / "entries" / "untoc.md").write_text(text)
    return root


def test_new_writes_a_skeleton_whose_only_errors_are_its_placeholders(corpus_with_untoc, capsys):
    assert main(["new", "practice", "Victim identification", "--corpus", str(corpus_with_untoc)]) == 0
    path = corpus_with_untoc / "entries" / "victim-identification.md"
    text = path.read_text()
    for heading in ("## Summary", "## What good practice involves", "## Common pitfalls", "## Standards"):
        assert heading in text
    corpus, problems = load_corpus(corpus_with_untoc)
    assert corpus.entries["victim-identification"].type == "practice"
    errors = {p.code for p in problems if p.level == "error" and "victim-identification" in p.path}
    # the skeleton links the Trafficking Protocol, absent from this small corpus (TIP030)
    assert errors <= {"TIP090", "TIP030"} and "TIP090" in errors
    todo_lines = [n for n, line in enumerate(text.split("\n"), 1) if "TODO" in line]
    reported = sorted(p.line for p in problems if p.code == "TIP090")
    assert reported == todo_lines


@pytest.mark.parametrize("entry_type", ["convention", "resolution", "mandate", "event"])
def test_new_skeleton_follows_the_schema_for_each_type(corpus_with_untoc, entry_type):
    assert main(["new", entry_type, f"A new {entry_type}", "--corpus", str(corpus_with_untoc)]) == 0
    _, problems = load_corpus(corpus_with_untoc)
    mine = [p for p in problems if f"a-new-{entry_type}" in p.path and p.level == "error"]
    assert {p.code for p in mine} == {"TIP090"}


def test_new_refuses_an_existing_id(corpus_with_untoc, capsys):
    assert main(["new", "convention", "Something", "--id", "untoc",
                 "--corpus", str(corpus_with_untoc)]) == 1
    assert "already exists" in capsys.readouterr().err
    assert "Something" not in (corpus_with_untoc / "entries" / "untoc.md").read_text()


@pytest.mark.parametrize("title", ["Palermo Convention", "organized crime convention",
                                   "United Nations Convention against Transnational Organized Crime"])
def test_new_refuses_a_title_or_alias_already_used(corpus_with_untoc, capsys, title):
    assert main(["new", "convention", title, "--corpus", str(corpus_with_untoc)]) == 1
    assert "already a title or alias of entry 'untoc'" in capsys.readouterr().err
    assert sorted(p.name for p in (corpus_with_untoc / "entries").iterdir()) == ["untoc.md"]


def test_suggest_links_finds_paragraphs_naming_the_entry(tmp_path, capsys):
    root = make_corpus(tmp_path)
    text = (CORPUS / "entries" / "untoc.md").read_text()
    # drop two plan_refs: the paragraphs still name the Convention
    for para in ("gpa47", "op3"):
        start = text.index(f"  - para: {para}\n")
        end = text.index("  - para:", start + 5)
        text = text[:start] + text[end:]
    (root / "entries" / "untoc.md").write_text(text)
    assert main(["suggest-links", "untoc", "--json", "--corpus", str(root)]) == 0
    found = {s["para"] for s in json.loads(capsys.readouterr().out)["untoc"]}
    assert {"gpa47", "op3"} <= found
    assert "gpa45" not in found  # already cited


def test_suggest_links_rejects_an_unknown_id(corpus_with_untoc, capsys):
    assert main(["suggest-links", "nope", "--corpus", str(corpus_with_untoc)]) == 2
    assert "no entry nope" in capsys.readouterr().err


def test_check_links_reports_a_relative_link_to_no_page(corpus_with_untoc, capsys):
    path = corpus_with_untoc / "entries" / "untoc.md"
    text = path.read_text().replace("## Further reading\n",
                                    "## Further reading\n\n- [Plan 38](../../plan/38/) and "
                                    "[gone](../no-such-entry/)\n")
    path.write_text(text)
    assert main(["check-links", "--corpus", str(corpus_with_untoc)]) == 1
    out = capsys.readouterr().out
    assert "TIP100" in out and "'../no-such-entry/'" in out and "plan/38" not in out


def test_check_links_passes_on_a_clean_corpus(corpus_with_untoc):
    assert main(["check-links", "--corpus", str(corpus_with_untoc)]) == 0


def test_external_links_are_collected_with_their_lines(corpus_with_untoc):
    corpus, _ = load_corpus(corpus_with_untoc)
    links = external_links(corpus)
    text = (corpus_with_untoc / "entries" / "untoc.md").read_text().split("\n")
    assert links and all(link.url in text[link.line - 1] for link in links)


class _Handler(http.server.BaseHTTPRequestHandler):
    def do_HEAD(self):  # noqa: N802
        self.send_response(200 if self.path == "/ok" else 404 if self.path == "/gone" else 405)
        self.end_headers()

    def do_GET(self):  # noqa: N802
        self.send_response(200 if self.path in ("/ok", "/get-only") else 404)
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def local_server():
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


def test_online_check_against_a_real_local_server(local_server):
    assert fetch_status(f"{local_server}/ok", 5) is None
    assert fetch_status(f"{local_server}/get-only", 5) is None  # HEAD refused, GET answers
    assert fetch_status(f"{local_server}/gone", 5) == "HTTP 404"
    assert fetch_status("http://127.0.0.1:9/closed", 2).startswith("unreachable")


def test_fixture_base_entry_is_valid():
    root_text = (FIXTURES / "invalid" / "entries" / "base-entry.md").read_text()
    assert "TODO" not in root_text


def test_review_notes_lists_each_note_under_its_entry(corpus_with_untoc, capsys):
    path = corpus_with_untoc / "entries" / "untoc.md"
    note = "review_notes:\n  - The place is unverified.\nlast_reviewed:"
    path.write_text(path.read_text().replace("last_reviewed:", note))
    assert main(["review-notes", "--corpus", str(corpus_with_untoc)]) == 0
    out = capsys.readouterr().out
    assert "- **untoc** (resolution)\n  - The place is unverified.\n" in out
    assert out.rstrip().endswith("1 review note(s).")
