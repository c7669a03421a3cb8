"""Chinese word segmentation for search, by jieba itself (no engine here).

Documents are cut with jieba's full dictionary in search mode without HMM: each word of the
cut, plus the two- and three-character dictionary words inside the longer ones, each with its
offset in the run of Chinese characters (``jieba.Tokenizer.tokenize(mode="search")``). Without
HMM the cut depends only on the dictionary, so queries can be cut the same way.

Queries are cut by a jieba Tokenizer over the index's own vocabulary (``zh_vocab.txt`` beside
the index): every Chinese word the index holds with its frequency in jieba's dictionary, and one
padding entry that brings the total frequency to the full dictionary's. Every word of the
indexed cut of a run is in that vocabulary with the same frequency, so jieba finds the same
best route through the run; the small dictionary loads in milliseconds instead of a second.

jieba never writes outside the index: the full dictionary's cache goes where the index build
says (``set_jieba_cache_dir``, by default the index folder), the vocabulary's prepared form is
written by the build into the generation itself (``write_vocab``) and only read by searches.
jieba's log messages are silenced.
"""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

from indexer.files import write_atomic

VOCAB_PAD = "<tipkb:padding>"  # not Chinese: never part of a cut
VOCAB_CACHE = "zh_vocab.cache"  # jieba's prepared form of the vocabulary, beside it

_lock = threading.Lock()
_cache_dir: Path | None = None
_full = None  # jieba.Tokenizer over the full dictionary, loaded once per process


def _jieba():
    """Import jieba, quiet: it logs every dictionary load to stderr."""
    import jieba

    jieba.setLogLevel(logging.CRITICAL + 1)
    return jieba


def set_jieba_cache_dir(path: Path | None) -> None:
    """Keep jieba's cache of its full dictionary in ``path`` (None: beside the index)."""
    global _cache_dir
    _cache_dir = Path(path) if path is not None else None


def full_tokenizer(default_dir: Path):
    """jieba's Tokenizer over its full dictionary (about a second to load, once per process).

    Its cache goes to the folder set by ``set_jieba_cache_dir``, else to ``default_dir`` (the
    index folder): never to the user's home or to /tmp.
    """
    global _full
    with _lock:
        if _full is None:
            folder = _cache_dir or Path(default_dir)
            folder.mkdir(parents=True, exist_ok=True)
            tk = _jieba().Tokenizer()
            tk.tmp_dir = str(folder)
            tk.initialize()
            _full = tk
        return _full


def full_dictionary_loaded() -> bool:
    return _full is not None


def tokenize_for_index(tk, run: str) -> list[tuple[str, int]]:
    """(word, offset in run) of a run of Chinese characters, as it is indexed."""
    return [(w, start) for w, start, _ in tk.tokenize(run, mode="search", HMM=False)]


def segment_runs(runs: Iterable[str], known: dict[str, list[tuple[str, int]]],
                 default_dir: Path) -> dict[str, list[tuple[str, int]]]:
    """``known`` completed with the index segmentation of every run it lacks.

    jieba's full dictionary is loaded only when a run is new: an update that does not add
    Chinese text never loads it.
    """
    missing = [r for r in dict.fromkeys(runs) if r not in known]
    if missing:
        tk = full_tokenizer(default_dir)
        for run in missing:
            known[run] = tokenize_for_index(tk, run)
    return known


def frequencies(words: Iterable[str], default_dir: Path) -> tuple[dict[str, int], int]:
    """jieba's dictionary frequency of each word (1 when it has none), and the dictionary's
    total (0 when there are no words: jieba is not loaded for nothing)."""
    words = list(words)
    if not words:
        return {}, 0
    tk = full_tokenizer(default_dir)
    return {w: tk.FREQ.get(w) or 1 for w in words}, tk.total


# --- The vocabulary file: jieba's dictionary format ----------------------------------------

def read_vocab(path: Path) -> tuple[dict[str, int], int]:
    """The vocabulary beside an index: ({word: frequency}, total frequency with padding)."""
    freq: dict[str, int] = {}
    total = 0
    try:
        text = Path(path).read_text(encoding="utf-8")
    except FileNotFoundError:
        return {}, 0
    for line in text.splitlines():
        word, _, n = line.partition(" ")
        if not word:
            continue
        total += int(n)
        if word != VOCAB_PAD:
            freq[word] = int(n)
    return freq, total


def write_vocab(folder: Path, freq: dict[str, int], total: int) -> Path:
    """Write ``zh_vocab.txt`` (jieba's format, padded to ``total``) and jieba's prepared
    form of it into ``folder``; returns the vocabulary's path."""
    path = Path(folder) / "zh_vocab.txt"
    lines = [f"{w} {f}" for w, f in sorted(freq.items())]
    pad = total - sum(freq.values())
    if pad > 0:
        lines.append(f"{VOCAB_PAD} {pad}")
    write_atomic(path, "".join(line + "\n" for line in lines))
    # jieba reuses its prepared form only when it is newer than the vocabulary, and file
    # times are coarse: date the vocabulary back so that searches never rebuild (and write)
    back = path.stat().st_mtime_ns - 10**9
    os.utime(path, ns=(back, back))
    (Path(folder) / VOCAB_CACHE).unlink(missing_ok=True)
    if lines:
        _vocab_tokenizer(str(path), path.stat().st_mtime_ns)  # writes VOCAB_CACHE
    return path


@lru_cache(maxsize=8)
def _vocab_tokenizer(path: str, mtime_ns: int):
    tk = _jieba().Tokenizer(dictionary=path)
    tk.tmp_dir = os.path.dirname(path)
    tk.cache_file = VOCAB_CACHE
    tk.initialize()
    return tk


class QueryCutter:
    """Cuts the Chinese runs of queries with the vocabulary of one index generation."""

    def __init__(self, vocab_path: Path):
        self.path = Path(vocab_path)
        self._tk = None
        self._empty = not self.path.exists() or self.path.stat().st_size == 0

    def _tokenizer(self):
        if self._tk is None:
            self._tk = _vocab_tokenizer(str(self.path), self.path.stat().st_mtime_ns)
        return self._tk

    def cut(self, run: str) -> list[str]:
        """jieba's cut of ``run`` (what the index made of the same characters)."""
        if self._empty:
            return list(run)
        return list(self._tokenizer().cut(run, HMM=False))

    def units(self, run: str) -> list[tuple[str, int]]:
        """The words a query run must match, each with its offset in the run.

        Each word of the cut; a word longer than two characters is replaced by its
        two-character sub-words when they cover it (documents that hold the long word hold
        those too, and documents where jieba cut the same characters differently still match).
        """
        if self._empty:
            return [(ch, i) for i, ch in enumerate(run)]
        tk = self._tokenizer()
        out: list[tuple[str, int]] = []
        start = 0
        for w in tk.cut(run, HMM=False):
            n = len(w)
            subs = [(w[i:i + 2], start + i) for i in range(n - 1)
                    if n > 2 and tk.FREQ.get(w[i:i + 2])]
            covered = {s + d for _, s in subs for d in (0, 1)}
            out.extend(subs if subs and len(covered) == n else [(w, start)])
            start += n
        return list(dict.fromkeys(out))
