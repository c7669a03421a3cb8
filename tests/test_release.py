"""Releases: `tipkb --version`, `tipkb changelog`, the renamed map, redirect pages, the release on
every page, and the bibliography downloads of the site."""

from __future__ import annotations

import html
import json
import os
import posixpath
import re
import subprocess
from pathlib import Path

import pytest
import rispy
import yaml
from pybtex.database import parse_string

from indexer import __version__
from indexer.cli import main
from indexer.corpus.loader import load_valid_corpus
from indexer.corpus.manifest import ManifestError, load_manifest
from indexer.publish.dates import long_date
from indexer.publish.selection import Selection
from indexer.site.bibliographies import bibliographies, bibliography_files, bibliography_path
from indexer.site.redirects import RenameError, redirect_files, rename_problems

from .conftest import CORPUS, FIXTURES, make_corpus
from .hostile import PAYLOADS

# ------------------------------------------------------------------ tipkb --version


def _set_release(root: Path, **values) -> None:
    """Change keys of a copied corpus.yaml (the copy keeps the real file's comments out)."""
    data = yaml.safe_load((root / "corpus.yaml").read_text(encoding="utf-8"))
    data.update(values)
    (root / "corpus.yaml").write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")


def test_version_prints_package_and_corpus_release(capsys, monkeypatch):
    monkeypatch.setenv("TIPKB_CORPUS", str(CORPUS))
    with pytest.raises(SystemExit) as stop:
        main(["--version"])
    assert stop.value.code == 0
    out = capsys.readouterr().out.splitlines()
    real = yaml.safe_load((CORPUS / "corpus.yaml").read_text(encoding="utf-8"))
    assert out[0] == f"tipkb {__version__}"
    assert f"version {real['version']}, {long_date(str(real['released']))}" in out[1]


def test_version_reads_the_corpus_it_is_given(tmp_path, capsys, monkeypatch):
    root = make_corpus(tmp_path)
    _set_release(root, version="7.8.9", released="2031-02-03")
    monkeypatch.setenv("TIPKB_CORPUS", str(root))
    with pytest.raises(SystemExit):
        main(["--version"])
    assert "corpus version 7.8.9, 3 February 2031" in capsys.readouterr().out


def test_version_without_a_manifest_says_why_in_one_line(tmp_path, capsys, monkeypatch):
    root = make_corpus(tmp_path)
    (root / "corpus.yaml").unlink()
    monkeypatch.setenv("TIPKB_CORPUS", str(root))
    with pytest.raises(SystemExit) as stop:
        main(["--version"])
    out = capsys.readouterr().out.splitlines()
    assert stop.value.code == 0 and out[0] == f"tipkb {__version__}"
    assert out[1].startswith("corpus: no release information") and "corpus.yaml" in out[1]
    assert len(out) == 2


# ------------------------------------------------------------------ corpus.yaml: renamed


@pytest.mark.parametrize("renamed", [["a", "b"], {"Old Id": "new"}, {"same": "same"},
                                     {"old": 3}, {"old": "x\ny"}])
def test_a_malformed_renamed_map_is_refused_with_a_reason(tmp_path, renamed):
    root = make_corpus(tmp_path)
    _set_release(root, renamed=renamed)
    with pytest.raises(ManifestError, match="renamed"):
        load_manifest(root)


# ------------------------------------------------------------------ tipkb changelog

ENTRY = """---
id: {id}
type: practice
title: {title}
region: global
last_reviewed: {reviewed}
sources:
  - title: {source}
    supports: [body]
---

## Summary

{body}
"""


def _entry(folder: Path, eid: str, title: str, *, reviewed: str = "2026-01-01",
           source: str = "A source", body: str = "Some text.") -> None:
    (folder / "entries").mkdir(parents=True, exist_ok=True)
    (folder / "entries" / f"{eid}.md").write_text(
        ENTRY.format(id=eid, title=json.dumps(title), reviewed=reviewed, source=source, body=body),
        encoding="utf-8")


@pytest.fixture
def two_states(tmp_path):
    old, new = tmp_path / "old", tmp_path / "new"
    _entry(old, "kept", "Kept as it was")
    _entry(old, "reviewed", "Only reviewed again")
    _entry(old, "fixed", "Corrected entry")
    _entry(old, "reworded", "Reworded entry", body="Some text.")
    _entry(old, "gone", "Removed entry")
    _entry(old, "old-name", "Renamed entry")
    _entry(new, "kept", "Kept as it was")
    _entry(new, "reviewed", "Only reviewed again", reviewed="2026-11-30")
    _entry(new, "fixed", "Corrected entry", source="A better source")
    _entry(new, "reworded", "Reworded entry", body="Some   text.\n\nAnd a new sentence.")
    _entry(new, "added", PAYLOADS["markdown-javascript"])
    _entry(new, "new-name", "Renamed entry")
    (new / "corpus.yaml").write_text("version: 2.1.0\nreleased: 2027-03-04\n"
                                     "renamed:\n  old-name: new-name\n", encoding="utf-8")
    return old, new


def _section(text: str, title: str) -> list[str]:
    part = text.split(f"### {title}\n\n", 1)[1].split("\n###", 1)[0]
    return [line for line in part.strip().splitlines() if line]


def test_changelog_lists_added_corrected_removed_and_renamed(two_states, capsys):
    old, new = two_states
    assert main(["changelog", "--from", str(old), "--corpus", str(new)]) == 0
    text = capsys.readouterr().out
    assert text.startswith("## 2.1.0 (2027-03-04)\n")
    assert "Corpus version 2.1.0, 4 March 2027" in text
    assert "1 entry added, 2 corrected, 1 removed, 1 renamed" in text
    assert [line.split("`")[1] for line in _section(text, "Entries added")] == ["added"]
    corrected = _section(text, "Entries corrected")
    assert corrected == ["- `fixed`: Corrected entry (sources)", "- `reworded`: Reworded entry (text)"]
    assert _section(text, "Entries removed") == ["- `gone`: Removed entry"]
    assert _section(text, "Entries renamed") == ["- `old-name` is now `new-name`: Renamed entry"]


def test_changelog_escapes_untrusted_titles(two_states, capsys):
    old, new = two_states
    assert main(["changelog", "--from", str(old), "--corpus", str(new)]) == 0
    added = _section(capsys.readouterr().out, "Entries added")[0]
    # the title is shown as text: no Markdown link to a javascript: address can be made of it
    assert "\\[click\\]" in added and "](" not in added.replace("\\]", "")


def test_changelog_says_none_for_an_empty_group(tmp_path, capsys):
    old, new = tmp_path / "a", tmp_path / "b"
    _entry(old, "one", "One")
    _entry(new, "one", "One")
    assert main(["changelog", "--from", str(old), "--corpus", str(new), "--version", "1.0.1",
                 "--date", "2027-01-02"]) == 0
    text = capsys.readouterr().out
    assert text.startswith("## 1.0.1 (2027-01-02)")
    for title in ("Entries added", "Entries corrected", "Entries removed"):
        assert _section(text, title) == ["None."]
    assert "Entries renamed" not in text


def _git(repo: Path, *args: str) -> None:
    subprocess.run(["git", "-C", str(repo), "-c", "user.name=t", "-c", "user.email=t@example.org",
                    "-c", "commit.gpgsign=false", *args], check=True, capture_output=True)


def test_changelog_compares_git_commits(tmp_path, capsys):
    repo = tmp_path / "repo"
    corpus = repo / "corpus"
    _entry(corpus, "first", "First entry")
    _entry(corpus, "second", "Second entry")
    _git(repo, "init", "-q")
    _git(repo, "add", ".")
    _git(repo, "commit", "-q", "-m", "one")
    _git(repo, "tag", "v1.0.0")
    (corpus / "entries" / "second.md").unlink()
    _entry(corpus, "first", "First entry", source="Another source")
    _entry(corpus, "third", "Third entry")
    _git(repo, "add", "-A")
    _git(repo, "commit", "-q", "-m", "two")
    _entry(corpus, "fourth", "Only in the working folder")
    # the later state defaults to the folder; --to takes a commit as well
    assert main(["changelog", "--from", "v1.0.0", "--corpus", str(corpus)]) == 0
    text = capsys.readouterr().out
    assert "compared with v1.0.0 (commit " in text
    assert [ln.split("`")[1] for ln in _section(text, "Entries added")] == ["fourth", "third"]
    assert main(["changelog", "--from", "v1.0.0", "--to", "HEAD", "--corpus", str(corpus)]) == 0
    text = capsys.readouterr().out
    assert [ln.split("`")[1] for ln in _section(text, "Entries added")] == ["third"]
    assert _section(text, "Entries corrected") == ["- `first`: First entry (sources)"]
    assert _section(text, "Entries removed") == ["- `second`: Second entry"]


@pytest.mark.parametrize("ref", ["no-such-tag", "--output=/tmp/x"])
def test_changelog_unknown_state_is_one_line(tmp_path, capsys, ref):
    corpus = tmp_path / "corpus"
    _entry(corpus, "one", "One")
    assert main(["changelog", f"--from={ref}", "--corpus", str(corpus)]) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith("tipkb changelog:") and len(err.splitlines()) == 1


def test_changelog_of_the_real_history_counts_every_current_entry(capsys):
    """Against a commit before the first entry, every entry of the corpus is added."""
    root = Path(__file__).resolve().parent.parent
    if not (root / ".git").exists():
        pytest.skip("not a git checkout")
    first = subprocess.run(["git", "-C", str(root), "rev-list", "--max-parents=0", "HEAD"],
                           capture_output=True, text=True).stdout.split()
    if not first:
        pytest.skip("no history (a shallow clone)")
    assert main(["changelog", "--from", first[-1], "--corpus", str(CORPUS)]) == 0
    text = capsys.readouterr().out
    ids = {p.stem for p in (CORPUS / "entries").glob("*.md")}
    listed = {ln.split("`")[1] for ln in _section(text, "Entries added")}
    listed |= {ln.split("`")[1] for ln in _section(text, "Entries corrected") if ln != "None."}
    assert ids <= listed


# ------------------------------------------------------------------ redirects


def _renamed_corpus(tmp_path: Path, renamed: dict) -> Path:
    root = make_corpus(tmp_path)
    base = (FIXTURES / "invalid" / "entries" / "base-entry.md").read_text()
    (root / "entries" / "base-entry.md").write_text(base)
    _set_release(root, renamed=renamed, site_url="https://kb.example.org/v/2.0.0/")
    return root


def test_a_renamed_id_keeps_a_page_at_its_old_address(tmp_path):
    corpus = load_valid_corpus(_renamed_corpus(tmp_path, {"old-entry": "base-entry",
                                                         "older-entry": "old-entry"}))
    files = redirect_files(corpus)
    assert sorted(files) == ["entries/old-entry/index.html", "entries/older-entry/index.html"]
    page = files["entries/older-entry/index.html"]  # a rename of a rename leads to the entry
    refresh = re.search(r'http-equiv="refresh" content="0; url=([^"]+)"', page).group(1)
    assert posixpath.normpath(posixpath.join("entries/older-entry/", refresh)) == "entries/base-entry"
    assert '<link rel="canonical" href="https://kb.example.org/v/2.0.0/entries/base-entry/">' in page
    assert f'<a href="{refresh}">Fixture base-entry</a>' in page  # a link for people, too
    assert "<script" not in page and "default-src 'none'" in html.unescape(page)
    offline = redirect_files(corpus, url_style="file")
    assert 'url=base-entry.html"' in offline["entries/old-entry.html"]


def test_a_renamed_map_that_leads_nowhere_is_refused(tmp_path):
    corpus = load_valid_corpus(_renamed_corpus(tmp_path, {"base-entry": "other",
                                                         "lost": "missing", "loop-a": "loop-b",
                                                         "loop-b": "loop-a"}))
    problems = rename_problems(corpus)
    assert any("'base-entry' is still the id of an entry" in p for p in problems)
    assert any("'lost' -> 'missing' leads to no entry" in p for p in problems)
    assert sum("loop-" in p for p in problems) == 2
    with pytest.raises(RenameError):
        redirect_files(corpus)


def test_the_real_renamed_map_is_sound():
    corpus = load_valid_corpus(CORPUS)
    assert rename_problems(corpus) == []
    assert len(redirect_files(corpus)) == len(corpus.manifest.renamed)


# ------------------------------------------------------------------ bibliographies by selection


def test_each_bibliography_holds_exactly_its_selection():
    corpus = load_valid_corpus(CORPUS)
    files = bibliography_files(corpus)
    bibs = bibliographies(corpus)
    assert {b.stem for b in bibs} >= {f"pillar-{p}" for p in corpus.vocab.pillars.values}
    for bib in bibs:
        want = {e.id for e in bib.selection.entries(corpus)}
        want |= {f"a-res-64-293-{p.key}" for p in bib.selection.paragraphs(corpus)}
        assert want, bib.stem
        bibtex = parse_string(files[bibliography_path(bib.stem, "bibtex")].decode(), "bibtex")
        assert set(bibtex.entries) == want, bib.stem
        ris = rispy.loads(files[bibliography_path(bib.stem, "ris")].decode())
        assert {r["id"] for r in ris} == want, bib.stem
        csl = json.loads(files[bibliography_path(bib.stem, "csl-json")])
        assert {i["id"] for i in csl} == want, bib.stem


def test_a_pillar_bibliography_holds_its_paragraphs():
    corpus = load_valid_corpus(CORPUS)
    files = bibliography_files(corpus)
    ids = set(parse_string(files[bibliography_path("pillar-prosecution", "bibtex")].decode(),
                           "bibtex").entries)
    keys = [k for k, p in corpus.plan.paragraphs.items() if p.pillar == "prosecution"]
    assert keys and {f"a-res-64-293-{k}" for k in keys} <= ids
    assert not any(k.startswith("a-res-64-293-") and k[13:] not in keys for k in ids)
    assert Selection(pillars=("prosecution",)).entries(corpus)


def test_a_bibtex_file_names_its_release():
    corpus = load_valid_corpus(CORPUS)
    text = bibliography_files(corpus)[bibliography_path("pillar-protection", "bibtex")].decode()
    head = text.split("\n@", 1)[0]
    assert corpus.manifest.edition in head and corpus.manifest.site_url in head
    assert all(line.startswith("%") for line in head.strip().splitlines())


# ------------------------------------------------------------------ the release on every page


@pytest.fixture(scope="module")
def small_site(tmp_path_factory):
    """A small corpus built with the theme overrides, the release set as the plugin sets it."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    tmp = tmp_path_factory.mktemp("release-site")
    root = make_corpus(tmp)
    base = (FIXTURES / "invalid" / "entries" / "base-entry.md").read_text()
    (root / "entries" / "base-entry.md").write_text(base)
    _set_release(root, version="3.2.1", released="2030-05-06")
    edition = load_manifest(root).edition
    site = tmp / "site"
    repo = Path(__file__).resolve().parent.parent
    old_env, cwd = os.environ.get("TIPKB_CORPUS"), os.getcwd()
    os.environ["TIPKB_CORPUS"] = str(root)
    os.chdir(repo)
    try:
        config = load_config(str(repo / "mkdocs.yml"), site_dir=str(site))
        config["extra"]["tipkb_edition"] = edition
        build(config)
    finally:
        os.chdir(cwd)
        if old_env is None:
            os.environ.pop("TIPKB_CORPUS", None)
        else:
            os.environ["TIPKB_CORPUS"] = old_env
    return site, edition


def test_every_page_says_which_release_it_belongs_to(small_site):
    site, edition = small_site
    assert edition == "version 3.2.1, 6 May 2030"
    pages = [p for p in site.rglob("*.html") if "assets" not in p.parts]
    assert len(pages) > 100  # every entry, paragraph and index page, and 404.html
    line = f'<p class="tipkb-release"><small>Knowledge base {edition}.</small></p>'
    # The Chinese edition (zh/) says it in Chinese.
    line_zh = '<p class="tipkb-release"><small>知识库版本 3.2.1，2030年5月6日。</small></p>'
    missing = [str(p.relative_to(site)) for p in pages
               if (line_zh if p.relative_to(site).parts[0] == "zh" else line)
               not in p.read_text(encoding="utf-8")]
    assert missing == []
    assert any(p.relative_to(site).parts[0] == "zh" for p in pages)
    assert line in (site / "404.html").read_text(encoding="utf-8")


@pytest.mark.browser
def test_a_browser_follows_the_redirect_of_a_renamed_entry(small_site, tmp_path):
    """The old address, served as the site is, lands on the entry's page."""
    import dataclasses
    import functools
    import http.server
    import shutil
    import threading

    from .chromium import chromium_browser

    built, _ = small_site
    small = load_valid_corpus(built.parent / "corpus")
    site = tmp_path / "site"
    shutil.copytree(built, site)
    small.manifest = dataclasses.replace(small.manifest, renamed={"old-entry": "base-entry"})
    for path, text in redirect_files(small).items():
        (site / path).parent.mkdir(parents=True, exist_ok=True)
        (site / path).write_text(text, encoding="utf-8")
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(site))
    handler.log_message = lambda *a: None  # type: ignore[attr-defined]
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        with chromium_browser() as browser:
            page = browser.new_page()
            base = f"http://127.0.0.1:{server.server_address[1]}/"
            page.goto(base + "entries/old-entry/")
            page.wait_for_url(base + "entries/base-entry/", timeout=10_000)
            assert page.locator("h1").first.inner_text().startswith("Fixture base-entry")
            page.close()
    finally:
        server.shutdown()
        server.server_close()
