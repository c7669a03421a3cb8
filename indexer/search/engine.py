"""The search engine's front: ``build_index`` and ``open_index`` over plain documents.

The rest of the project hands in the documents of indexer.search.documents and gets plain
dicts back. Behind this module:

- generations: the index folder (generations, the CURRENT pointer, the build lock, manifests);
- whoosh_backend: the only module that imports Whoosh (analysis, schema, writing, scoring);
- chinese: jieba's cut of Chinese text, for documents and queries;
- querytext, spelling, snippets: query preparation, "did you mean", highlighted passages.

A generation holds a Whoosh index and, beside it: manifest.json (engine version, document
hashes, checksums of every file), field_docs.json (documents per text field, for BM25F),
spell.json (English words and counts), zh_vocab.txt and zh_vocab.cache (the Chinese words of
the index with their jieba frequencies, and jieba's prepared form of them, to cut queries) and
zh_runs.json (the cut of every Chinese run indexed, so that an update which adds no new Chinese
text does not load jieba's dictionary) and common_words.json (the words whose pairs the full
text indexes, so that phrases of common words stay fast: see whoosh_backend.common_words).

A build writes a new generation beside the current one (an incremental build starts from hard
links to the current generation's files, which Whoosh never changes in place), then swaps the
pointer (see generations).
"""

from __future__ import annotations

import heapq
import json
import os
import shutil
import time
from dataclasses import dataclass
from pathlib import Path

from indexer import jsonio
from indexer.files import write_atomic
from indexer.search import chinese, generations, textnorm, whoosh_backend
from indexer.search.documents import StoredDocument, document_hash, query_provision_refs
from indexer.search.generations import (
    CURRENT,
    MANIFEST,
    IndexDamaged,
    IndexNotFound,
    IndexOutdated,
    current_generation,
    read_json,
)
from indexer.search.querytext import MAX_QUERY_CHARS, bound, cut_chinese
from indexer.search.snippets import make_snippet
from indexer.search.spelling import Speller, read_spell, spell_words, write_spell
from indexer.search.whoosh_backend import (
    ENGINE_VERSION,
    FIELD_GROUPS,
    IncompatibleWhoosh,
    WhooshSearcher,
    word_term,
)

__all__ = ["ENGINE_VERSION", "BuildReport", "IncompatibleWhoosh", "IndexDamaged",
           "IndexNotFound", "IndexOutdated", "Searcher", "build_index", "current_generation",
           "open_index", "stored_documents", "word_term"]

ZH_VOCAB = "zh_vocab.txt"
ZH_RUNS = "zh_runs.json"
COMMON = "common_words.json"
# Pairs of common words are indexed in corpora of at least PAIRS_FROM documents, for the words
# that at least COMMON_SHARE of them hold: there, a phrase of such words would read posting
# lists of nearly every document (see whoosh_backend.common_words).
PAIRS_FROM = 2000
COMMON_SHARE = 0.2
SPELL = "spell.json"
FIELD_DOCS = "field_docs.json"
_INDEXED_KEYS = FIELD_GROUPS["t_text"]  # every key of an indexed text field


# --- Building -----------------------------------------------------------------------------

@dataclass
class BuildReport:
    path: Path
    generation: str
    mode: str  # "full", "incremental", "unchanged" or "repaired"
    documents: int
    added: int = 0
    updated: int = 0
    removed: int = 0
    seconds: float = 0.0
    repaired: str = ""  # why the previous generation could not be used


def build_index(root: Path, docs: list[dict], full: bool = False,
                procs: int | None = None) -> BuildReport:
    """Bring the index at ``root`` up to date with ``docs``; atomic; incremental when it can.

    ``docs`` are indexer.search.documents documents. A document is rewritten only when its hash
    changed; ``full`` rebuilds from scratch, and so does an index that is damaged or was built
    by another version of the engine. ``procs``: writer processes of a full build (default: by
    corpus size). Returns what was done.
    """
    started = time.perf_counter()
    root = Path(root)
    with generations.build_lock(root):
        current = current_generation(root)
        docids, hashes = _fingerprints(docs)
        old = generations.read_manifest(current) if current else {}
        verified = generations.Verified()
        problem = (generations.check_generation(current, ENGINE_VERSION, verified=verified,
                                                manifest=old)
                   if current is not None and not full else None)
        incremental = not full and current is not None and problem is None and "docs" in old
        changed: list[dict] = []
        removed: list[str] = []
        if incremental and current is not None:
            old_hashes = old["docs"]
            changed = [d for d, docid in zip(docs, docids, strict=True)
                       if old_hashes.get(docid) != hashes[docid]]
            removed = sorted(set(old_hashes) - set(hashes))
            if not changed and not removed:
                if verified.restamped:  # copied or restored: keep the stamps the files have
                    # now, or every later run would hash every file again to trust them
                    generations.write_manifest(current, ENGINE_VERSION, hashes, verified)
                return BuildReport(root, current.name, "unchanged", len(docs),
                                   seconds=time.perf_counter() - started)
            # rewriting documents one by one costs far more per document than a fresh build
            incremental = len(changed) + len(removed) <= max(50, len(docs) // 10)
        generations.remove_older(root, current)
        tmp = generations.new_build_folder(root)
        try:
            if incremental and current is not None:
                report = _update(current, tmp, changed, removed, old["docs"], root)
            else:
                report = _full(tmp, docs, procs, root)
            write_atomic(tmp / FIELD_DOCS, json.dumps(_field_docs(docs), sort_keys=True))
            generations.write_manifest(tmp, ENGINE_VERSION, hashes, verified)
            name = generations.publish(root, tmp, current)
        except BaseException:
            shutil.rmtree(tmp, ignore_errors=True)
            raise
    if problem is not None and report.mode == "full":
        report.mode = "repaired"
        report.repaired = str(problem)
    report.path, report.generation = root, name
    report.documents = len(docs)
    report.seconds = time.perf_counter() - started
    return report


def _fingerprints(docs: list[dict]) -> tuple[list[str], dict[str, str]]:
    """The docid of each document, and docid -> hash (document_hash), in one pass: a stored
    document knows both without being read."""
    docids: list[str] = []
    hashes: dict[str, str] = {}
    for doc in docs:
        if type(doc) is StoredDocument:
            docid, digest = doc.docid, doc.hash
        else:
            docid, digest = doc["docid"], document_hash(doc)
        docids.append(docid)
        hashes[docid] = digest
    return docids, hashes


def _field_docs(docs: list[dict]) -> dict[str, int]:
    """How many documents have a value in each field group (for the scores' averages). A
    stored document with a title has one in every group that starts with the title, and is
    not read for that."""
    groups = list(FIELD_GROUPS.items())
    counts = dict.fromkeys(FIELD_GROUPS, 0)
    for doc in docs:
        stored_title = type(doc) is StoredDocument and bool(doc.title)
        for group, keys in groups:
            if (stored_title and keys[0] == "title") or any(doc.get(k) for k in keys):
                counts[group] += 1
    return counts


def _chinese_runs(docs: list[dict]) -> set[str]:
    """Every run of Chinese characters in the indexed text of ``docs``."""
    runs: set[str] = set()
    for doc in docs:
        for key in _INDEXED_KEYS:
            value = doc.get(key)
            if value:
                for text in (value if isinstance(value, list) else [value]):
                    if textnorm.has_cjk(text):
                        runs.update(textnorm.CJK_RUN_RE.findall(text))
    return runs


def _jieba_dir(root: Path) -> Path:
    """Where jieba keeps the cache of its dictionary, unless the caller said (index folder)."""
    return root / "jieba-cache"


def _full(tmp: Path, docs: list[dict], procs: int | None, root: Path) -> BuildReport:
    runs = chinese.segment_runs(_chinese_runs(docs), {}, _jieba_dir(root))
    if procs is None:
        procs = min(os.cpu_count() or 1, 4) if len(docs) >= 500 else 1
    common = (whoosh_backend.common_words(docs, COMMON_SHARE) if len(docs) >= PAIRS_FROM
              else frozenset())
    with whoosh_backend.writing(runs, _jieba_dir(root), common):  # before writers fork
        whoosh_backend.write_full(tmp, docs, procs)
    write_atomic(tmp / COMMON, json.dumps(sorted(common)))
    words = {w for cut in runs.values() for w, _ in cut}
    freq, total = chinese.frequencies(words, _jieba_dir(root))
    chinese.write_vocab(tmp, freq, total)
    _write_runs(tmp, runs)
    write_spell(tmp / SPELL, spell_words(docs))
    return BuildReport(tmp, "", "full", len(docs), added=len(docs))


def _update(current: Path, tmp: Path, changed: list[dict], removed: list[str],
            old_hashes: dict[str, str], root: Path) -> BuildReport:
    generations.link_or_copy_files(current, tmp, skip=(MANIFEST, SPELL, FIELD_DOCS, ZH_RUNS))
    common = _read_common(current)
    runs = _read_runs(current / ZH_RUNS)
    new_runs = _chinese_runs(changed) - runs.keys()
    chinese.segment_runs(new_runs, runs, _jieba_dir(root))
    spell = read_spell(current / SPELL)
    with whoosh_backend.writing(runs, _jieba_dir(root), common):
        whoosh_backend.write_update(tmp, changed, removed,
                                    before=lambda stored: spell.subtract(spell_words([stored])))
    spell.update(spell_words(changed))
    freq, total = chinese.read_vocab(current / ZH_VOCAB)
    new_words = {w for r in new_runs for w, _ in runs[r]} - freq.keys()
    if new_words:  # else the vocabulary and its prepared form stay linked as they were
        added, total = chinese.frequencies(new_words, _jieba_dir(root))
        freq.update(added)
        for name in (ZH_VOCAB, chinese.VOCAB_CACHE):
            (tmp / name).unlink(missing_ok=True)
        chinese.write_vocab(tmp, freq, total)
    _write_runs(tmp, runs)
    write_spell(tmp / SPELL, spell)
    added_docs = sum(d["docid"] not in old_hashes for d in changed)
    return BuildReport(tmp, "", "incremental", 0, added=added_docs,
                       updated=len(changed) - added_docs, removed=len(removed))


def _read_common(folder: Path) -> frozenset[str]:
    words = read_json(folder / COMMON, [])
    return frozenset(w for w in words if isinstance(w, str)) if isinstance(words, list) \
        else frozenset()


def _write_runs(folder: Path, runs: dict) -> None:
    write_atomic(folder / ZH_RUNS, jsonio.dumps(runs, sort_keys=True))


def _read_runs(path: Path) -> dict[str, list[tuple[str, int]]]:
    data = read_json(path, {})
    return {run: [(w, off) for w, off in cut] for run, cut in data.items()} \
        if isinstance(data, dict) else {}


# --- Searching ----------------------------------------------------------------------------

class Searcher:
    """A search over one generation of the index. Open with ``open_index``; reuse it."""

    def __init__(self, path: Path):
        self.path = Path(path)
        self.backend = WhooshSearcher(self.path, read_json(self.path / FIELD_DOCS, {}),
                                      _read_common(self.path))
        self.cutter = chinese.QueryCutter(self.path / ZH_VOCAB)
        self._speller: Speller | None = None

    def close(self) -> None:
        self.backend.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def prepare(self, q: str) -> str:
        """Bound the query and cut its Chinese runs into the words the index holds."""
        text = bound(q)
        return cut_chinese(text, self.cutter) if textnorm.has_cjk(text) else text

    def suggest(self, q: str) -> str | None:
        """A corrected query ("did you mean"), or None when every word is known."""
        if self._speller is None:
            self._speller = Speller(self.path / SPELL)
        return self._speller.suggest(q, self.backend.indexed, whoosh_backend.word_term)

    def search(self, q: str, limit: int = 10, **filters) -> dict:
        """Search; returns the JSON-ready result described in indexer.cli.commands.search."""
        limit = max(1, min(int(limit), 200))
        prepared = self.prepare(q) if q.strip() else ""
        match = self.backend.match(prepared, q[:MAX_QUERY_CHARS], filters, self.cutter,
                                   suggest=lambda: self.suggest(q), prepare=self.prepare)
        top = heapq.nlargest(limit, match.scores.items(), key=lambda kv: (kv[1], -kv[0]))
        results = []
        for docnum, score in top:
            stored = self.backend.stored(docnum)
            results.append({
                "id": stored["id"],
                "kind": stored["kind"],
                "title": stored.get("title") or stored.get("label") or stored["id"],
                "score": round(float(score), 4),
                "url": stored.get("url", ""),
                "snippet": make_snippet(stored, match.terms),
                "type": stored.get("type") or None,
                "region": stored.get("region") or None,
                "pillar": stored.get("pillar") or [],
                "scope": stored.get("scope") or None,
                "provisions": _provisions_shown(stored, filters.get("topic"), q),
            })
        return {"query": q, "total": len(match.scores), "results": results,
                "facets": self.backend.facets(set(match.scores)),
                "suggestion": match.suggestion}


def _provisions_shown(stored: dict, topic: str | None, q: str) -> list[str]:
    """The key provisions a result shows ('Art. 6 Assistance to ...'): those the query names
    by number ("Art. 6"), and with --topic those on that topic."""
    named = query_provision_refs(q)
    return [f"{p['ref']} {p['title']}" for p in stored.get("provisions") or []
            if (named or topic) and (not named or named & set(p["refs"]))
            and (not topic or topic in p["topics"])]


def open_index(root: Path, retries: int = 5) -> Searcher:
    """A searcher on the current generation of the index at ``root``."""
    root = Path(root)
    for attempt in range(retries):
        current = current_generation(root)
        if current is None:
            if not (root / CURRENT).exists():
                raise IndexNotFound(f"no search index at {root}; run `tipkb index`")
        else:
            problem = generations.check_generation(current, ENGINE_VERSION, thorough=False)
            if problem is not None:
                if current_generation(root) == current:  # not a swap in progress
                    if isinstance(problem, IndexOutdated):
                        raise IndexOutdated(f"the search index at {root} was built by another "
                                            f"version of tipkb; run `tipkb index` to rebuild it")
                    raise IndexDamaged(f"the search index at {root} is damaged ({problem}); "
                                       "run `tipkb index` to repair it")
                continue
            try:
                return Searcher(current)
            except FileNotFoundError:
                pass  # swapped and removed while we opened it: read the pointer again
        time.sleep(0.05 * (attempt + 1))
    raise IndexNotFound(f"cannot open the search index at {root}")


def stored_documents(root: Path) -> dict[str, dict]:
    """docid -> stored fields of every document of the current generation (for tests/tools)."""
    with open_index(root) as s:
        return s.backend.all_stored()
