"""The corpus cache: a warm run reports exactly what a cold run reports, and nothing it keeps
can hide an error (indexer.corpus.cache)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from dataclasses import asdict
from pathlib import Path

import pytest

from indexer.cli import main
from indexer.corpus import cache as cache_module
from indexer.corpus.cache import FOLDER, SEAL, CorpusCache, cache_key, checksum, default_folder
from indexer.corpus.loader import check_corpus, load_corpus
from indexer.search.documents import StoredDocument, documents

from .conftest import CORPUS, FIXTURES, ROOT, make_corpus

BASE = (FIXTURES / "invalid" / "entries" / "base-entry.md").read_text(encoding="utf-8")


def entry(eid: str, *, related: str = "", aliases: str = "", extra: str = "",
          body: str = "Fixture entry.") -> str:
    """A valid entry file (like the base fixture) with the given id and additions."""
    text = BASE.replace("id: base-entry", f"id: {eid}").replace("Fixture base-entry",
                                                                f"Fixture {eid}")
    text = text.replace("aliases: [Shared Alias]\n", f"aliases: [{aliases}]\n" if aliases else "")
    if related:
        text = text.replace("last_reviewed: 2026-01-01\n", "last_reviewed: 2026-01-01\n"
                            f"related:\n  - id: {related}\n    relation: see-also\n")
    text = text.replace("last_reviewed: 2026-01-01\n", f"last_reviewed: 2026-01-01\n{extra}")
    return text.replace("Fixture entry.", body)


def problems_of(found) -> list[dict]:
    return [asdict(p) for p in found]


def cold(root: Path) -> tuple[list[dict], list[dict]]:
    """What a run without any cache reports: problems, and the index documents."""
    corpus, found = load_corpus(root)
    return problems_of(found), documents(corpus)


def warm(root: Path, folder: Path, documents: bool = True):
    checked = check_corpus(root, cache=folder, documents=documents)
    return problems_of(checked.problems), [dict(d) for d in checked.documents], checked


def age(root: Path, seconds: float = 10.0) -> None:
    """Make every file of the corpus look older than the racy window."""
    for path in root.rglob("*"):
        if path.is_file():
            st = path.stat()
            os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns - int(seconds * 1e9)))


@pytest.fixture
def small(tmp_path: Path) -> Path:
    """A corpus of three valid entries, b relating to a; and one with an error."""
    root = make_corpus(tmp_path)
    (root / "entries" / "a-entry.md").write_text(entry("a-entry", aliases="Alpha"))
    (root / "entries" / "b-entry.md").write_text(entry("b-entry", related="a-entry"))
    (root / "entries" / "c-entry.md").write_text(entry("c-entry", aliases="Gamma"))
    shutil.copy(FIXTURES / "invalid" / "entries" / "tip031-self-related.md", root / "entries")
    age(root)
    return root


# --- cold and warm agree --------------------------------------------------------------------

@pytest.mark.parametrize("which", ["real", "invalid"])
def test_cold_and_warm_runs_give_the_same_problems_and_documents(which, tmp_path):
    root = CORPUS if which == "real" else make_corpus(tmp_path, FIXTURES / "invalid" / "entries")
    want_problems, want_docs = cold(root)
    folder = tmp_path / "cache"
    first = warm(root, folder)
    second = warm(root, folder)
    assert first[2].read == len(list((root / "entries").glob("*.md"))) and first[2].cached == 0
    assert second[2].read == 0 and second[2].cached == first[2].read
    for got_problems, got_docs, _ in (first, second):
        assert got_problems == want_problems
        assert got_docs == want_docs
    if which == "invalid":
        assert any(p["level"] == "error" for p in want_problems)
        assert sum(isinstance(d, StoredDocument) for d in second[2].documents) == \
            len(second[2].facts)  # nothing read: each stored document is read only when used


def test_a_cached_file_with_errors_fails_validate_with_the_same_message_and_line(
        tmp_path, capsys):
    root = make_corpus(tmp_path, FIXTURES / "invalid" / "entries")
    age(root)
    outputs = []
    for _ in range(2):
        assert main(["validate", "--corpus", str(root)]) == 1
        outputs.append(capsys.readouterr())
    assert outputs[0] == outputs[1]
    assert "tip030-unknown-related.md:16:1: TIP030 error: related: no entry 'no-such-entry'" \
        in outputs[1].out
    assert "tip002-bad-yaml.md:5:" in outputs[1].out
    assert check_corpus(root).read == 0  # the second run above used the cache too
    assert main(["validate", "--no-cache", "--corpus", str(root)]) == 1
    assert capsys.readouterr() == outputs[0]


def test_problem_paths_follow_the_working_directory(small, tmp_path, monkeypatch):
    folder = tmp_path / "cache"
    monkeypatch.chdir(small)
    check_corpus(small, cache=folder, documents=True)
    monkeypatch.chdir(small.parent)
    got, _, checked = warm(small, folder, documents=False)
    assert checked.read == 0
    assert got == cold(small)[0]
    assert any(p["path"] == "corpus/entries/tip031-self-related.md" for p in got)


# --- what changed is read again --------------------------------------------------------------

def test_an_edit_of_the_same_size_and_modification_time_is_read_again(small, tmp_path):
    folder = tmp_path / "cache"
    check_corpus(small, cache=folder, documents=True)
    path = small / "entries" / "c-entry.md"
    before = path.stat()
    text = path.read_text()
    edited = text.replace("aliases: [Gamma]", "aliases: [Alpha]")  # same size: a clash now
    assert len(edited) == len(text) and edited != text
    path.write_text(edited)
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert path.stat().st_size == before.st_size
    assert path.stat().st_mtime_ns == before.st_mtime_ns
    got, _, checked = warm(small, folder, documents=False)
    assert checked.read == 1
    assert got == cold(small)[0]
    assert any(p["code"] == "TIP013" and p["path"].endswith("c-entry.md") for p in got)


def test_a_racy_record_is_confirmed_by_the_hash_of_the_file(small, tmp_path, monkeypatch):
    """An edit in the same clock tick as the record leaves size and times as they were: the
    record made within two seconds of the file's last change is checked by its hash."""
    folder = tmp_path / "cache"
    path = small / "entries" / "c-entry.md"
    path.write_text(path.read_text())  # changed just now: its record will be racy
    check_corpus(small, cache=folder, documents=True)
    before = cache_module.file_stamp(str(path), -100)  # -100: AT_FDCWD, the working folder
    path.write_text(path.read_text().replace("aliases: [Gamma]", "aliases: [Alpha]"))
    real = cache_module.file_stamp

    def same_stamp(name: str, dir_fd: int) -> list[int]:  # as if the clock had not moved
        return before if name == "c-entry.md" else real(name, dir_fd)

    monkeypatch.setattr(cache_module, "file_stamp", same_stamp)
    got, _, checked = warm(small, folder, documents=False)
    assert checked.read == 1
    assert any(p["code"] == "TIP013" for p in got)


def test_deleting_adding_and_renaming_files(small, tmp_path):
    folder = tmp_path / "cache"
    entries = small / "entries"
    check_corpus(small, cache=folder, documents=True)

    (entries / "a-entry.md").unlink()  # b relates to a: b is cached, its link is now broken
    got, _, checked = warm(small, folder)
    assert checked.read == 0
    assert got == cold(small)[0]
    assert any(p["code"] == "TIP030" and p["path"].endswith("b-entry.md") for p in got)

    (entries / "a-entry.md").write_text(entry("a-entry", aliases="Alpha"))  # back again
    got, _, checked = warm(small, folder)
    assert checked.read == 1 and got == cold(small)[0]
    assert not any(p["code"] == "TIP030" for p in got)

    (entries / "c-entry.md").rename(entries / "d-entry.md")  # the id no longer matches
    got, docs, checked = warm(small, folder)
    assert got == cold(small)[0]
    assert any(p["code"] == "TIP011" and p["path"].endswith("d-entry.md") for p in got)
    assert docs == cold(small)[1]

    (entries / "e-entry.md").write_text(entry("e-entry", related="b-entry"))
    got, docs, checked = warm(small, folder)
    assert checked.read == 1
    assert (got, docs) == cold(small)
    assert "entry:e-entry" in [d["docid"] for d in docs]


def test_an_edit_that_breaks_another_files_link_or_name_is_reported(small, tmp_path):
    folder = tmp_path / "cache"
    check_corpus(small, cache=folder, documents=True)
    (small / "entries" / "a-entry.md").write_text(
        entry("a-entry", aliases="Alpha").replace("id: a-entry", "id: renamed-entry"))
    got, _, checked = warm(small, folder)
    assert checked.read == 1  # only a-entry.md was read; b-entry.md came from the cache
    assert got == cold(small)[0]
    b_line = (small / "entries" / "b-entry.md").read_text().split("\n").index(
        "  - id: a-entry") + 1
    assert [(p["line"], p["message"]) for p in got
            if p["code"] == "TIP030" and p["path"].endswith("b-entry.md")] == \
        [(b_line, "related: no entry 'a-entry'")]

    # one more edit: a's alias now is c's, which was cached
    (small / "entries" / "a-entry.md").write_text(entry("a-entry", aliases="Gamma"))
    got, _, checked = warm(small, folder)
    assert checked.read == 1 and got == cold(small)[0]
    assert any(p["code"] == "TIP013" and p["path"].endswith("c-entry.md") for p in got)


def test_duplicate_ids_across_cached_files(small, tmp_path):
    folder = tmp_path / "cache"
    check_corpus(small, cache=folder, documents=True)
    (small / "entries" / "z-entry.md").write_text(entry("a-entry"))
    got, _, _ = warm(small, folder)
    assert got == cold(small)[0]
    assert any(p["code"] == "TIP012" and p["path"].endswith("z-entry.md") for p in got)


def test_a_verdict_that_depends_on_the_date_is_checked_again_when_the_day_comes(
        small, tmp_path, monkeypatch):
    import datetime as dt

    from indexer.rules import dates

    folder = tmp_path / "cache"
    today = dt.date.today()
    soon = (today + dt.timedelta(days=3)).isoformat()
    path = small / "entries" / "c-entry.md"
    path.write_text(entry("c-entry", extra=f"status_since: {soon}\n"))
    got, _, _ = warm(small, folder, documents=False)
    assert any(p["code"] == "TIP040" and "in the future" in p["message"] for p in got)
    assert warm(small, folder, documents=False)[2].read == 0

    class Later(dt.date):
        @classmethod
        def today(cls):
            return today + dt.timedelta(days=3)

    later = type("dt", (), {"date": Later})
    monkeypatch.setattr(dates, "dt", later)
    monkeypatch.setattr(cache_module, "_today", lambda: Later.today().isoformat())
    got, _, checked = warm(small, folder, documents=False)
    assert checked.read == 1
    assert not any(p["code"] == "TIP040" for p in got)


# --- what invalidates everything -------------------------------------------------------------

def test_changing_the_plan_files_reads_every_file_again(small, tmp_path):
    folder = tmp_path / "cache"
    check_corpus(small, cache=folder, documents=True)
    en = small / "plan" / "en.yaml"
    en.write_text(en.read_text() + "\n# a comment\n")
    got, _, checked = warm(small, folder)
    assert checked.cached == 0 and got == cold(small)[0]
    assert warm(small, folder)[2].read == 0


@pytest.fixture
def bad_plan_files(small: Path) -> Path:
    """The small corpus with a problem in each of the Plan's data files and in corpus.yaml."""
    plan = small / "plan"
    (plan / "mentions.yaml").write_text((plan / "mentions.yaml").read_text()
                                        + "- id: broken\n  match: [\"(a+)+\"]\n")
    asks = (plan / "asks.yaml").read_text()
    (plan / "asks.yaml").write_text(asks.replace("\nop1:\n", "\nop99:\n", 1))
    en = (plan / "en.yaml").read_text()
    (plan / "en.yaml").write_text(en.replace("\n  pp1: >-\n", "\n  pp0: >-\n", 1))
    manifest = (small / "corpus.yaml").read_text()
    (small / "corpus.yaml").write_text(manifest.replace("version: 1.0.0", "version: one"))
    age(small)
    return small


def test_problems_of_the_plan_files_come_back_the_same_from_the_cache(bad_plan_files, tmp_path):
    folder = tmp_path / "cache"
    want = cold(bad_plan_files)
    codes = {p["code"] for p in want[0]}
    assert {"TIP009", "TIP084", "TIP085", "TIP086"} <= codes
    first, second = warm(bad_plan_files, folder), warm(bad_plan_files, folder)
    assert (folder / "plan.json").is_file()
    assert second[2].read == 0
    assert first[:2] == second[:2] == want


def test_a_forged_plan_snapshot_is_not_used(bad_plan_files, tmp_path):

    folder = tmp_path / "cache"
    want = cold(bad_plan_files)
    warm(bad_plan_files, folder)
    path = folder / "plan.json"
    payload = json.loads(path.read_bytes().partition(b"\n")[2])
    payload["problems"] = []
    payload["views"]["mentions-problems"] = []
    body = json.dumps(payload).encode()
    path.write_bytes(checksum(body) + b"\n" + body)
    assert warm(bad_plan_files, folder)[:2] == want


def test_the_key_covers_the_schema_the_policy_the_rules_and_the_corpus_files(tmp_path,
                                                                            monkeypatch):
    package = tmp_path / "indexer"
    shutil.copytree(ROOT / "indexer", package, ignore=shutil.ignore_patterns("__pycache__"))
    root = make_corpus(tmp_path / "c")
    monkeypatch.setattr(cache_module.indexer, "__file__", str(package / "__init__.py"))
    keys = {cache_key(root)}
    for changed in (package / "schema" / "entry.schema.json",
                    package / "schema" / "source-policy.yaml",
                    package / "rules" / "relations.py",
                    package / "corpus" / "facts.py",
                    root / "corpus.yaml", root / "plan" / "mentions.yaml",
                    root / "source" / "A-RES-64-293.zh.md"):
        with open(changed, "a", encoding="utf-8") as fh:
            fh.write("\n")
        keys.add(cache_key(root))
    monkeypatch.setenv("TIPKB_SITE_URL", "https://example.org/kb/")
    keys.add(cache_key(root))
    assert len(keys) == 9


def test_a_cache_made_under_another_key_is_not_used(small, tmp_path, monkeypatch):
    folder = tmp_path / "cache"
    check_corpus(small, cache=folder, documents=True)
    monkeypatch.setattr(cache_module, "cache_key", lambda root: "another schema and rules")
    got, _, checked = warm(small, folder)
    assert checked.cached == 0 and got == cold(small)[0]


# --- a damaged, foreign or planted cache is never trusted ------------------------------------

def _shards(folder: Path) -> list[Path]:
    return sorted(folder.glob("facts-*.json"))


def _hide_the_error(folder: Path) -> None:
    """Rewrite the records as a forger would: the error of the self-related entry removed,
    the checksum made right again."""

    for shard in _shards(folder):
        body = shard.read_bytes().partition(b"\n")[2]
        payload = json.loads(body)
        for row in payload["records"]:
            row[4] = []
        body = json.dumps(payload).encode()
        shard.write_bytes(checksum(body) + b"\n" + body)


@pytest.mark.parametrize("damage", ["truncated", "garbage", "one-byte", "hand-edited",
                                    "forged-with-checksum", "seal-removed", "empty",
                                    "copied-back"])
def test_a_damaged_cache_is_ignored_and_never_hides_an_error(damage, small, tmp_path, capsys):
    folder = tmp_path / "cache"
    want = cold(small)
    assert any(p["code"] == "TIP031" for p in want[0])
    check_corpus(small, cache=folder, documents=True)
    shard = _shards(folder)[0]
    data = shard.read_bytes()
    if damage == "truncated":
        shard.write_bytes(data[: len(data) // 2])
    elif damage == "garbage":
        shard.write_bytes(os.urandom(len(data)))
    elif damage == "one-byte":
        shard.write_bytes(data[:-10] + bytes([data[-10] ^ 1]) + data[-9:])
    elif damage == "hand-edited":
        shard.write_bytes(data.replace(b'"TIP031"', b'"TIP999"'))
    elif damage == "forged-with-checksum":
        _hide_the_error(folder)
    elif damage == "seal-removed":
        (folder / SEAL).unlink()
    elif damage == "empty":
        for path in folder.iterdir():
            if path.is_file():
                path.write_bytes(b"")
    elif damage == "copied-back":  # a cache restored, or committed and checked out again
        shutil.copytree(folder, tmp_path / "copy")
        shutil.rmtree(folder)
        shutil.copytree(tmp_path / "copy", folder)
    got, docs, checked = warm(small, folder)
    assert checked.cached == 0
    assert (got, docs) == want
    # and the cache is sound again afterwards
    assert warm(small, folder)[2].read == 0
    assert main(["validate", "--corpus", str(small)]) == 1
    assert "TIP031" in capsys.readouterr().out


def test_a_planted_cache_that_hides_errors_is_not_used(small, capsys):
    """A pull request could commit a .tipkb-cache/ folder with forged records; a checkout
    makes new files whose inodes and change times the seal cannot name."""
    assert main(["validate", "--corpus", str(small)]) == 1
    first = capsys.readouterr().out
    folder = default_folder(small)
    assert folder.parent.name == FOLDER and folder.parent.parent == small.parent
    _hide_the_error(folder)
    planted = small.parent / "planted"
    shutil.copytree(folder, planted)
    shutil.rmtree(folder)
    shutil.copytree(planted, folder)
    assert main(["validate", "--corpus", str(small)]) == 1
    assert capsys.readouterr().out == first


def test_a_damaged_document_store_is_read_from_the_files_again(small, tmp_path):
    folder = tmp_path / "cache"
    want = cold(small)
    check_corpus(small, cache=folder, documents=True)
    for shard in folder.glob("docs-*.json"):
        shard.write_bytes(shard.read_bytes()[:100])
    got, docs, checked = warm(small, folder)
    assert checked.read == 0 and (got, docs) == want  # facts cached; documents from the files


def test_a_stored_document_that_does_not_match_its_hash_is_refused(small, tmp_path):
    from indexer.search.documents import StaleDocument

    folder = tmp_path / "cache"
    check_corpus(small, cache=folder, documents=True)
    checked = check_corpus(small, cache=folder, documents=True)
    stored = [d for d in checked.documents if isinstance(d, StoredDocument)]
    assert stored
    class Tampered:
        def load_document(self, key: str, doc_hash: str) -> dict:
            return {**stored[0].full(), "body": "something else"}

    bad = StoredDocument(stored[0].docid, stored[0].title, stored[0].hash, Tampered(), "x")
    assert bad["title"] == stored[0]["title"]  # known without reading
    with pytest.raises(StaleDocument):
        bad["body"]


def test_a_busy_cache_is_read_but_not_written(small, tmp_path, monkeypatch):
    folder = tmp_path / "cache"
    check_corpus(small, cache=folder, documents=True)
    (small / "entries" / "b-entry.md").write_text(entry("b-entry", related="no-such-entry"))
    monkeypatch.setattr(cache_module, "LOCK_WAIT", 0.1)
    holder = CorpusCache.open(small, folder)  # another run holds the lock
    try:
        seal = (folder / SEAL).read_bytes()
        got, _, checked = warm(small, folder)
        assert checked.read == 1 and got == cold(small)[0]
        assert (folder / SEAL).read_bytes() == seal  # nothing written meanwhile
    finally:
        assert holder is not None
        holder.close()
    assert warm(small, folder)[2].read == 1  # the edit had not been kept
    assert warm(small, folder)[2].read == 0


def test_concurrent_runs_agree_and_leave_a_sound_cache(small):
    runs = [subprocess.Popen([sys.executable, "-m", "indexer.cli", "validate", "--corpus",
                              str(small)], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                             text=True, cwd=small.parent) for _ in range(4)]
    outputs = [run.communicate(timeout=300) for run in runs]
    assert [run.returncode for run in runs] == [1] * 4
    assert len(set(outputs)) == 1
    checked = check_corpus(small)
    assert checked.read == 0
    assert problems_of(checked.problems) == cold(small)[0]


def test_no_cache_writes_nothing_and_the_folder_ignores_itself(small, tmp_path):
    assert main(["validate", "--no-cache", "--corpus", str(small)]) == 1
    assert not (small.parent / FOLDER).exists()
    assert main(["validate", "--corpus", str(small)]) == 1
    top = small.parent / FOLDER
    assert (top / ".gitignore").read_text().splitlines()[-1] == "*"
    assert (top / "CACHEDIR.TAG").read_text().startswith("Signature: 8a477f597d28d172789f")
    assert not (small / FOLDER).exists()  # beside the corpus, never inside it


def test_a_cache_folder_that_cannot_be_made_means_a_run_without_cache(small):
    (small.parent / FOLDER).write_text("not a folder")
    for _ in range(2):
        checked = check_corpus(small)
        assert checked.read == 4 and problems_of(checked.problems) == cold(small)[0]


# --- the index -------------------------------------------------------------------------------

def test_index_after_one_edit_rewrites_that_document_only(small, tmp_path, capsys):
    from indexer.search import engine

    (small / "entries" / "tip031-self-related.md").unlink()  # the index needs a valid corpus
    index = tmp_path / "index"
    assert main(["index", "--corpus", str(small), "--index", str(index)]) == 0
    assert "full build" in capsys.readouterr().err
    assert main(["index", "--corpus", str(small), "--index", str(index)]) == 0
    assert "up to date" in capsys.readouterr().err
    (small / "entries" / "c-entry.md").write_text(entry("c-entry", aliases="Gamma",
                                                         body="Zanzibar quokka."))
    assert main(["index", "--corpus", str(small), "--index", str(index)]) == 0
    assert "incremental build: 0 added, 1 updated, 0 removed" in capsys.readouterr().err
    searcher = engine.open_index(index)
    assert [r["id"] for r in searcher.search("quokka")["results"]] == ["c-entry"]

    # a full rebuild from the cache gives what a build without it gives
    assert main(["index", "--full", "--corpus", str(small), "--index", str(index)]) == 0
    cached = engine.stored_documents(index)
    assert main(["index", "--full", "--no-cache", "--corpus", str(small), "--index",
                 str(tmp_path / "plain")]) == 0
    assert cached == engine.stored_documents(tmp_path / "plain")


def test_index_refuses_a_corpus_whose_cached_file_has_an_error(small, tmp_path, capsys):
    index = tmp_path / "index"
    for _ in range(2):
        assert main(["index", "--corpus", str(small), "--index", str(index)]) == 1
        assert "TIP031" in capsys.readouterr().err
    assert check_corpus(small).read == 0


# --- start-up: a run imports what it uses ----------------------------------------------------

HEAVY = ("whoosh", "jieba", "jsonschema", "jsonschema_rs", "markdown", "mkdocs", "yaml",
         "html.parser", "indexer.schema", "indexer.corpus.model")


def _imported(args: list[str], cwd: Path) -> list[str]:
    code = ("import sys; from indexer.cli import main; main(sys.argv[1:]); "
            f"print(sorted(m for m in {HEAVY!r} if m in sys.modules), file=sys.stderr)")
    run = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True,
                         cwd=cwd, timeout=300)
    return json.loads(run.stderr.strip().splitlines()[-1].replace("'", '"'))


def test_a_warm_run_imports_only_what_it_uses(small, tmp_path):
    (small / "entries" / "tip031-self-related.md").unlink()
    validate = ["validate", "--corpus", str(small)]
    index = ["index", "--corpus", str(small), "--index", str(tmp_path / "index")]
    assert "yaml" in _imported(validate, tmp_path)  # cold: every file parsed
    assert _imported(validate, tmp_path) == []  # nothing changed: nothing parsed
    _imported(index, tmp_path)
    assert _imported(index, tmp_path) == ["whoosh"]
    (small / "entries" / "c-entry.md").write_text(entry("c-entry", body="Edited."))
    assert set(_imported(validate, tmp_path)) == {"yaml", "html.parser", "indexer.schema",
                                                  "indexer.corpus.model", "jsonschema_rs"}


def test_the_fast_json_reads_and_writes_what_the_standard_library_does():
    """indexer.jsonio uses orjson, and falls back to the standard library for what orjson
    refuses: a file name with a lone surrogate (undecodable bytes), integers past 64 bits."""
    import json

    from indexer import jsonio

    for value in ({"name": "caf\udce9.md", "n": 1}, {"big": 2**70}, {"zh": "贩运人口", "x": [1.5]},
                  {"b": 1, "a": [None, True]}):
        data = jsonio.dumps(value, sort_keys=True)
        assert jsonio.loads(data) == value
        assert json.loads(data) == value
    assert jsonio.dumps({"b": 1, "a": 2}, sort_keys=True) == b'{"a":2,"b":1}'
    for bad in (b"", b"{", b"[1,]", b"\xff"):
        with pytest.raises(ValueError):
            jsonio.loads(bad)
