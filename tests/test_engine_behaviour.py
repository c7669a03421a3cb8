"""The engine's promises: exact phrases in the full text, old and foreign indexes handled in
one line, bounded full builds, and jieba that neither writes outside the index nor prints."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from importlib.metadata import version
from pathlib import Path

import pytest

from indexer.cli import main
from indexer.corpus.loader import load_valid_corpus
from indexer.search import engine as search_engine
from indexer.search import whoosh_backend
from indexer.search.documents import documents

from .conftest import ROOT
from .test_search import fixture_corpus, ids, write_entry


def phrase_corpus(tmp: Path) -> Path:
    root = fixture_corpus(tmp)
    write_entry(root, "shelter-test", title="Quorum Lantern",
                extra="aliases: [Glimmer Harbor, Basalt Accord]\ntitle_zh_project: 庇护所心理援助",
                body="The shelter offers psychological assistance to survivors. "
                     "Later, the assistance of counsellors is psychological too. "
                     "它为幸存者提供心理援助和法律咨询。")
    write_entry(root, "order-test", title="Lantern Survey",
                body="Survivors receive assistance, psychological and legal, from the shelter.")
    return root


@pytest.fixture(scope="module")
def phrases(tmp_path_factory):
    folder = tmp_path_factory.mktemp("phrases")
    root = phrase_corpus(folder)
    search_engine.build_index(folder / "ix", documents(load_valid_corpus(root)))
    with search_engine.open_index(folder / "ix") as s:
        yield s


def found(s, q: str) -> set[str]:
    return {r["id"] for r in s.search(q, limit=200)["results"]}


def test_phrase_in_the_body_is_found(phrases):
    assert found(phrases, '"psychological assistance"') == {"shelter-test"}
    assert found(phrases, '"offers psychological assistance to survivors"') == {"shelter-test"}
    # stop words inside a phrase are skipped, as in the index
    assert found(phrases, '"assistance to survivors"') == {"shelter-test"}


def test_phrase_words_apart_or_in_another_order_are_not_found(phrases):
    assert {"shelter-test", "order-test"} <= found(phrases, "psychological assistance")
    assert "order-test" not in found(phrases, '"psychological assistance"')
    assert found(phrases, '"psychological offers"') == set()  # the other way round
    assert found(phrases, '"shelter psychological"') == set()
    # punctuation is not a word: "assistance, psychological" holds this phrase
    assert found(phrases, '"assistance psychological"') == {"order-test"}


def test_phrase_never_spans_two_fields_or_two_names(phrases):
    # the title ends with "Lantern", the summary starts with "This entry exists"
    assert "shelter-test" in found(phrases, "lantern entry exists")
    assert "shelter-test" not in found(phrases, '"lantern entry exists"')
    assert "shelter-test" in found(phrases, '"quorum lantern"')
    # two aliases side by side
    assert "shelter-test" in found(phrases, '"glimmer harbor"')
    assert "shelter-test" in found(phrases, "harbor basalt")
    assert "shelter-test" not in found(phrases, '"harbor basalt"')


def test_chinese_phrases_are_exact(phrases):
    assert found(phrases, '"心理援助"') == {"shelter-test"}
    assert "shelter-test" in found(phrases, '"提供心理援助"')
    assert "shelter-test" in found(phrases, "援助 幸存者")
    assert found(phrases, '"援助幸存者"') == set()  # both words are there, not in this order
    # paragraphs of the resolution hold their Chinese text too
    assert "gpa4" in found(phrases, '"强迫劳动"')


def test_a_phrase_that_finds_nothing_is_not_loosened(phrases):
    result = phrases.search('"survivors shelter"')
    assert result["total"] == 0 and result["results"] == []


def test_a_misspelt_phrase_is_corrected_and_stays_a_phrase(phrases):
    result = phrases.search('"psychologial assistance"')
    assert result["suggestion"] == '"psychological assistance"'
    assert ids(result, 5) == ["shelter-test"]


def test_hostile_phrases(phrases):
    for q in ('"', '""', '" "', '"the of"', '"(((" x', '"a/b/c/d/1"', '"' + "x " * 400 + '"',
              '"贩运"人口"', '"\x00"', '"t_name:"'):
        result = phrases.search(q)
        json.dumps(result)
        assert isinstance(result["total"], int)


def test_pairs_of_common_words_find_the_same_phrases(tmp_path, monkeypatch):
    docs = documents(load_valid_corpus(phrase_corpus(tmp_path / "c")))
    search_engine.build_index(tmp_path / "plain", docs)
    monkeypatch.setattr(search_engine, "PAIRS_FROM", 0)
    monkeypatch.setattr(search_engine, "COMMON_SHARE", 0.05)
    search_engine.build_index(tmp_path / "pairs", docs)
    common = search_engine._read_common(search_engine.current_generation(tmp_path / "pairs"))
    assert {"search", "test", "plain", "word", "entri"} <= common
    with search_engine.open_index(tmp_path / "plain") as a, \
            search_engine.open_index(tmp_path / "pairs") as b:
        assert b.backend.searcher.reader().doc_frequency("t_text", "search test") == 7
        for q in ('"search tests"', '"for the search tests"', '"in plain words"',
                  '"entry exists for the search tests and says"', '"plain search"',
                  '"psychological assistance"', '"tests search"', '"words this entry"',
                  'search tests', 'searc*', 'plain~'):
            ra, rb = a.search(q, limit=200), b.search(q, limit=200)
            assert ra["total"] == rb["total"], q
            scores = {r["id"]: r["score"] for r in rb["results"]}
            assert {r["id"]: r["score"] for r in ra["results"]} == pytest.approx(scores), q
        assert b.search('"search tests"')["total"] == 7  # the entries
        assert b.search('"tests search"')["total"] == 0
        # a phrase never spans two parts, pairs neither: "... plain words." ends the summary
        assert b.search('"words refers"')["total"] == 0


# --- Old, damaged and foreign indexes ----------------------------------------------------

def _make_old(ix: Path) -> None:
    """Rewrite the manifest as an older tipkb wrote it (another engine version)."""
    manifest = search_engine.current_generation(ix) / "manifest.json"
    data = json.loads(manifest.read_text(encoding="utf-8"))
    data["engine"] = "tipkb-whoosh-3"
    manifest.write_text(json.dumps(data), encoding="utf-8")


def test_an_index_of_another_version_is_refused_in_one_line_and_rebuilt(tmp_path, capsys):
    root = fixture_corpus(tmp_path / "c")
    ix = tmp_path / "ix"
    search_engine.build_index(ix, documents(load_valid_corpus(root)))
    _make_old(ix)
    with pytest.raises(search_engine.IndexOutdated, match="another version of tipkb"):
        search_engine.open_index(ix)
    assert main(["search", "--index", str(ix), "UNTOC"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "run `tipkb index` to rebuild it" in err

    report = search_engine.build_index(ix, documents(load_valid_corpus(root)))
    assert report.mode == "repaired" and "another version" in report.repaired
    with search_engine.open_index(ix) as s:
        assert ids(s.search("UNTOC"), 1) == ["palermo-test"]


def _damage(path: Path, how: str) -> None:
    data = path.read_bytes()
    st = path.stat()
    if how == "empty":
        path.write_bytes(b"")
    elif how == "half":
        path.write_bytes(data[: len(data) // 2])
    elif how == "extended":
        path.write_bytes(data + b"\0" * 64)
    elif how == "deleted":
        path.unlink()
    elif how == "garbled":  # same size, and the modification time set back as it was
        middle = len(data) // 2
        path.write_bytes(data[:middle] + bytes([data[middle] ^ 0xFF]) + data[middle + 1:])
        os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))


@pytest.mark.parametrize("how", ["empty", "half", "extended", "deleted", "garbled"])
@pytest.mark.parametrize("which", ["segment", "spell.json"])
def test_a_damaged_index_is_noticed_and_rebuilt(tmp_path, how, which):
    root = fixture_corpus(tmp_path / "c")
    ix = tmp_path / "ix"
    docs = documents(load_valid_corpus(root))
    search_engine.build_index(ix, docs)
    gen = search_engine.current_generation(ix)
    name = (max(gen.glob("*.seg"), key=lambda p: p.stat().st_size).name if which == "segment"
            else which)
    _damage(gen / name, how)

    report = search_engine.build_index(ix, docs)
    assert report.mode == "repaired", report
    assert name in report.repaired
    with search_engine.open_index(ix) as s:
        assert ids(s.search("UNTOC"), 1) == ["palermo-test"]


def test_an_update_checksums_only_the_files_written_since(tmp_path, monkeypatch):
    """The manifest keeps each file's stamp (inode, size, times): a file whose stamp is
    unchanged is not read again, neither to check the generation nor to write the next one."""
    from indexer.search import generations

    root = fixture_corpus(tmp_path / "c")
    ix = tmp_path / "ix"
    docs = documents(load_valid_corpus(root))
    search_engine.build_index(ix, docs)
    first = search_engine.current_generation(ix)
    shared = {p.name for p in first.iterdir() if p.suffix == ".seg"}
    read: list[str] = []
    real = generations._digest
    monkeypatch.setattr(generations, "_digest", lambda path: read.append(path.name) or real(path))

    edited = [dict(d) for d in docs]
    edited[0]["summary"] = "An edited summary about zebras."
    report = search_engine.build_index(ix, edited)
    assert report.mode == "incremental" and report.updated == 1
    assert not shared & set(read), "the segments that did not change were read again"
    assert read, "the files the update wrote were not checksummed"
    with search_engine.open_index(ix) as s:
        assert s.search("zebras")["total"] == 1
    # and the new generation is trusted as it stands: nothing is read to check it
    read.clear()
    assert search_engine.build_index(ix, edited).mode == "unchanged"
    assert read == []


def test_a_copied_index_is_checksummed_once_then_trusted(tmp_path, monkeypatch):
    """A copy (new inodes) is checked in full on its first use; the stamps its files have
    now are then recorded, so the next run reads nothing to trust it."""
    import shutil

    from indexer.search import generations

    root = fixture_corpus(tmp_path / "c")
    docs = documents(load_valid_corpus(root))
    search_engine.build_index(tmp_path / "ix", docs)
    ix = tmp_path / "copy"
    shutil.copytree(tmp_path / "ix", ix)
    read: list[str] = []
    real = generations._digest
    monkeypatch.setattr(generations, "_digest", lambda path: read.append(path.name) or real(path))
    assert search_engine.build_index(ix, docs).mode == "unchanged"
    current = search_engine.current_generation(ix)
    assert set(read) == {p.name for p in current.iterdir() if p.name != generations.MANIFEST}
    read.clear()
    assert search_engine.build_index(ix, docs).mode == "unchanged"
    assert read == []
    # the copy still notices damage: a file changed after the stamps were recorded
    seg = next(p for p in current.iterdir() if p.suffix == ".seg")
    data = bytearray(seg.read_bytes())
    data[len(data) // 2] ^= 0xFF
    seg.write_bytes(bytes(data))
    assert search_engine.build_index(ix, docs).mode == "repaired"


def _segment_sizes(ix) -> dict[str, int]:
    """Segment name -> live documents, in the current generation of the index ``ix``."""
    from whoosh.index import open_dir

    with open_dir(str(search_engine.current_generation(ix))).reader() as reader:
        return {leaf.segment().segment_id(): leaf.doc_count() for leaf, _ in reader.leaf_readers()}


def _same_answers(ix, fresh, queries, ordered: bool = True) -> None:
    """The same documents with the same snippets, in the same order if ``ordered`` (scores
    may differ a little: Whoosh keeps the lengths of replaced documents in its statistics;
    and documents of equal score come in the order of the segments that hold them)."""
    with search_engine.open_index(ix) as a, search_engine.open_index(fresh) as b:
        for q in queries:
            found_a, found_b = a.search(q, limit=100), b.search(q, limit=100)
            assert found_a["total"] == found_b["total"], q
            got_a = [(r["id"], r["snippet"]) for r in found_a["results"]]
            got_b = [(r["id"], r["snippet"]) for r in found_b["results"]]
            assert got_a == got_b if ordered else sorted(got_a) == sorted(got_b), q


def test_updates_merge_their_segments_by_tier_and_never_rewrite_the_full_builds(
        tmp_path, monkeypatch):
    """New entries one update at a time: ten of one tier make one of the next, up to the
    largest merge an update may make; the full build's segments stay as they were."""
    monkeypatch.setattr(whoosh_backend, "MERGE_FACTOR", 3)  # tiers 1-2, 3-8, 9-26, ...
    monkeypatch.setattr(whoosh_backend, "MERGE_DOCS_MAX", 12)  # merges tiers 0 and 1 only
    root = fixture_corpus(tmp_path / "c")
    docs = documents(load_valid_corpus(root))
    ix, fresh = tmp_path / "ix", tmp_path / "fresh"
    search_engine.build_index(ix, docs)
    base = _segment_sizes(ix)
    template = next(d for d in docs if d["docid"].startswith("entry:"))
    history = []
    for n in range(30):
        docs = [*docs, {**template, "docid": f"entry:zebra-{n}", "id": f"zebra-{n}",
                        "title": f"Zebra instrument {n}", "summary": f"Zebra number {n}."}]
        assert search_engine.build_index(ix, docs).mode == "incremental"
        sizes = _segment_sizes(ix)
        assert base.items() <= sizes.items(), "an update rewrote a full build's segment"
        added = sorted(size for name, size in sizes.items() if name not in base)
        assert sum(added) == n + 1, added
        small = [size for size in added if size < 9]  # tiers 0 and 1: merged at three
        assert len(small) <= 2 * 2 + 1, added  # two waiting in each tier, and this update's
        history.append(added)
    assert [1] in history and any(size >= 9 for size in history[-1]), history
    assert len(history[-1]) < 30 // 3, history  # merged: far fewer segments than updates
    search_engine.build_index(fresh, docs)
    _same_answers(ix, fresh, ("zebra", "UNTOC", "trafficking victims", '"zebra number"',
                              "number 3"), ordered=False)
    _same_answers(ix, fresh, ("zebra-17", "Zebra instrument 5"))  # one name first


def test_a_segment_whose_documents_were_all_replaced_is_dropped(tmp_path):
    """Editing the same entry again and again leaves one segment beside the full build's,
    not one per edit."""
    root = fixture_corpus(tmp_path / "c")
    docs = documents(load_valid_corpus(root))
    ix, fresh = tmp_path / "ix", tmp_path / "fresh"
    search_engine.build_index(ix, docs)
    base = _segment_sizes(ix)
    entry = next(i for i, d in enumerate(docs) if d["docid"].startswith("entry:"))
    for n in range(whoosh_backend.MERGE_FACTOR + 3):
        docs = [dict(d) for d in docs]
        docs[entry]["summary"] = f"Edit number {n} about zebras."
        assert search_engine.build_index(ix, docs).mode == "incremental"
        sizes = _segment_sizes(ix)
        assert base.keys() <= sizes.keys()
        assert [sizes[name] for name in sizes if name not in base] == [1], sizes
    search_engine.build_index(fresh, docs)
    _same_answers(ix, fresh, ("zebras", "UNTOC", "trafficking victims", '"edit number"',
                              "number 3"))


def test_size_tiers_and_the_merges_an_update_picks():
    from types import SimpleNamespace

    assert [whoosh_backend.size_tier(n) for n in (0, 1, 9, 10, 99, 100, 999, 1000)] == \
        [0, 0, 0, 1, 1, 2, 2, 3]

    def segs(*sizes):
        return [SimpleNamespace(doc_count=lambda n=n: n, n=n) for n in sizes]

    def picked(*sizes):
        return sorted(seg.n for seg in whoosh_backend.update_merges(segs(*sizes)))

    assert picked(5000, *[1] * 9) == []  # nine waiting: no merge
    assert picked(5000, *[1] * 10) == [1] * 10
    assert picked(5000, *[1] * 10, *[12] * 9) == [1] * 10  # tier 1 waits for its tenth
    assert picked(*[12] * 10, 2) == [12] * 10
    assert picked(*[25] * 10) == []  # 250 documents: more than one update may merge
    assert picked(*[15] * 9, 60, 20) == [15] * 9 + [20]  # the smallest first, up to 200
    assert picked(*[150] * 12) == []  # tier 2 is never merged (a merge of 1,500)


def test_whoosh_without_the_attributes_the_engine_reads_is_refused_in_one_line(
        index_dir, monkeypatch, capsys):
    monkeypatch.delattr(whoosh_backend.whoosh3.W3LeafMatcher, "_next_block")
    with pytest.raises(search_engine.IncompatibleWhoosh) as info:
        search_engine.open_index(index_dir)
    message = str(info.value)
    assert "W3LeafMatcher._next_block" in message
    assert f"whoosh-reloaded=={whoosh_backend.TESTED_WHOOSH}" in message
    assert "\n" not in message
    assert main(["search", "--index", str(index_dir), "UNTOC"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "W3LeafMatcher._next_block" in err


def test_missing_block_state_is_noticed_on_a_real_posting_list(index_dir, monkeypatch):
    monkeypatch.setattr(whoosh_backend.WhooshInternals, "MATCHER_STATE",
                        (*whoosh_backend.WhooshInternals.MATCHER_STATE, "_renamed_in_whoosh"))
    with pytest.raises(search_engine.IncompatibleWhoosh, match="_renamed_in_whoosh"):
        search_engine.open_index(index_dir)


def test_the_installed_whoosh_is_the_pinned_and_tested_one():
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert f'"whoosh-reloaded=={whoosh_backend.TESTED_WHOOSH}"' in pyproject
    assert version("whoosh-reloaded") == whoosh_backend.TESTED_WHOOSH
    assert whoosh_backend.WhooshInternals.missing() == []


def test_only_the_backend_imports_whoosh():
    importers = []
    for path in (ROOT / "indexer").rglob("*.py"):
        if re.search(r"^\s*(import whoosh|from whoosh)", path.read_text(encoding="utf-8"),
                     re.M):
            importers.append(path.relative_to(ROOT).as_posix())
    assert importers == ["indexer/search/whoosh_backend.py"]


@pytest.fixture(scope="module")
def index_dir(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("compat")
    root = fixture_corpus(folder)
    search_engine.build_index(folder / "ix", documents(load_valid_corpus(root)))
    return folder / "ix"


# --- Full builds in bounded rounds -------------------------------------------------------

@pytest.mark.parametrize("procs", [1, 2])
def test_a_build_in_many_small_rounds_answers_as_one_round(tmp_path, monkeypatch, procs):
    docs = documents(load_valid_corpus(phrase_corpus(tmp_path / "c")))
    search_engine.build_index(tmp_path / "one", docs, full=True, procs=1)
    monkeypatch.setattr(whoosh_backend, "WRITER_DOCS", 7)
    search_engine.build_index(tmp_path / "many", docs, full=True, procs=procs)
    with search_engine.open_index(tmp_path / "one") as a, \
            search_engine.open_index(tmp_path / "many") as b:
        segments = b.backend.searcher.reader().leaf_readers()
        assert len(segments) >= len(docs) // (7 * procs)
        for q in ("UNTOC", "victims", '"psychological assistance"', "强迫劳动", '"心理援助"',
                  "trafficking persons", "Palermo Convnetion"):
            ra, rb = a.search(q, limit=200), b.search(q, limit=200)
            assert ra["total"] == rb["total"] and ra["total"] <= 200, q
            scores = {r["id"]: r["score"] for r in rb["results"]}
            assert {r["id"]: r["score"] for r in ra["results"]} == pytest.approx(scores), q
    assert search_engine.stored_documents(tmp_path / "one") == \
        search_engine.stored_documents(tmp_path / "many")


# --- jieba: nothing written outside the index, nothing printed ----------------------------

JIEBA_RUN = """
import sys
from pathlib import Path
from indexer.corpus.loader import load_valid_corpus
from indexer.search import engine as se
from indexer.search.documents import documents
root, ix, step = Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3]
report = se.build_index(ix, documents(load_valid_corpus(root)))
loaded = "jieba" in sys.modules
with se.open_index(ix) as s:
    hit = s.search("强迫劳动")["results"][0]["id"]
    new = s.search("鹦鹉螺")["total"]
print(step, report.mode, loaded, hit, new, file=open(sys.argv[4], "a"))
"""


def test_jieba_writes_only_into_the_index_and_prints_nothing(tmp_path):
    root = fixture_corpus(tmp_path / "c")
    ix = tmp_path / "ix"
    home, tmp, log = tmp_path / "home", tmp_path / "tmp", tmp_path / "log"
    home.mkdir()
    tmp.mkdir()
    env = {**os.environ, "HOME": str(home), "TMPDIR": str(tmp), "XDG_CACHE_HOME": str(home)}

    def run(step: str) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-c", JIEBA_RUN, str(root), str(ix), step,
                               str(log)], capture_output=True, text=True, env=env,
                              cwd=ROOT, check=True)

    first = run("full")
    # an update that adds no Chinese text does not load jieba's dictionary
    path = root / "entries" / "fund-test.md"
    path.write_text(path.read_text(encoding="utf-8").replace("grants", "small grants"),
                    encoding="utf-8")
    second = run("english")
    # one that does, loads it and the new words are searchable
    write_entry(root, "network-test", title="Network Study",
                extra="title_zh_project: 鹦鹉螺研究所")
    third = run("chinese")
    for done in (first, second, third):
        assert (done.stdout, done.stderr) == ("", "")
    assert log.read_text(encoding="utf-8").split("\n")[:3] == [
        "full full True labour-test 0",
        "english incremental False labour-test 0",
        "chinese incremental True labour-test 1",
    ]
    assert list(home.iterdir()) == [] and list(tmp.iterdir()) == []
    assert (ix / "jieba-cache" / "jieba.cache").is_file()
