"""The search engine: the only module that imports Whoosh.

Everything Whoosh-specific is here: the analyser, the schema, building (atomic and
incremental), querying, snippets, facets, typo tolerance and more-like-this. The rest of the
project hands in plain documents (indexer.search.documents) and gets plain dicts back, so another
engine could replace this module without touching the rest.

On disk, an index folder holds generations and a pointer to the current one::

    INDEX/CURRENT            name of the current generation (replaced atomically)
    INDEX/gen-<stamp>/       a complete Whoosh index + manifest.json, zh_vocab.txt, spell.json
    INDEX/.tmp-<...>/        a build in progress (removed by the next build if it was killed)
    INDEX/.lock              held by the one build that may run at a time

A build writes a new generation beside the current one (an incremental build starts from hard
links to the current generation's files, which Whoosh never changes in place), then swaps the
pointer. Readers open whatever generation the pointer names; the previous generation is kept
until the next build so that a reader that has just read the pointer can still open it.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import heapq
import html
import json
import os
import re
import shutil
import tempfile
import time
from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from whoosh import fields, formats, index, qparser, query, scoring
from whoosh.analysis import Token, Tokenizer
from whoosh.codec.whoosh3 import W3Codec, W3FieldWriter
from whoosh.lang.porter import stem as porter_stem
from whoosh.system import pack_uint

from indexer.search import textnorm
from indexer.search.documents import FACET_FIELDS, document_hash

ENGINE_VERSION = "tipkb-whoosh-3"  # bump when the analysis or the schema changes
CURRENT = "CURRENT"
MANIFEST = "manifest.json"
ZH_VOCAB = "zh_vocab.txt"
SPELL = "spell.json"
FIELD_DOCS = "field_docs.json"

# Two indexed text fields. ``t_text`` holds every text of a document, each word weighted by
# the part it comes from, so that one posting per word and document carries a BM25F-style
# weighted term frequency: names weigh most, then identifiers, then the summary (or a
# paragraph's text), then the body. ``t_name`` holds the names again, with word positions,
# for exact phrases and an extra weight at query time. Few fields keep both the build and the
# queries fast: every field is one more posting list to write and to read per word.
TEXT_WEIGHTS = {
    "title": 3.0, "short_title": 3.0, "aliases": 3.0, "title_zh": 3.0, "ident": 3.0,
    "summary": 2.0, "text_en": 2.0, "text_zh": 2.0, "body": 1.0, "notes": 0.5,
}
NAME_PARTS = ("title", "short_title", "aliases", "title_zh")
FIELD_GROUPS = {"t_name": NAME_PARTS, "t_text": tuple(TEXT_WEIGHTS)}
FIELD_BOOSTS = {"t_name": 3.0, "t_text": 1.0}
SEARCH_FIELDS = tuple(FIELD_BOOSTS)
SHORT_FIELDS = ("t_name",)
# Fields with word positions, where a "phrase" must match exactly. The full text has none:
# positions would double the cost of building and of phrase queries; there a phrase matches
# the documents that hold all of its words.
PHRASE_FIELDS = ("t_name",)
_WEIGHT_MARK = "\x1e"  # starts a part of a weighted text: MARK weight UNIT text
_WEIGHT_UNIT = "\x1f"
STORED_TEXT = ("title", "short_title", "aliases", "title_zh", "summary", "body", "text_en",
               "text_zh")
NAME_BOOST = 1000.0  # pins first the documents whose title, short title or alias is the query
WRITER_MB = 1024  # memory of each writer process's posting pool
MAX_QUERY_CHARS = 500
MAX_QUERY_TERMS = 32
FEW_RESULTS = 3
SNIPPET_CHARS = 220


class IndexNotFound(Exception):
    pass


class IndexDamaged(IndexNotFound):
    """A generation whose files do not match its manifest (truncated, garbled, missing)."""


def _file_sums(folder: Path) -> dict[str, list]:
    """name -> [size, blake2b] of every file of a generation but its manifest."""
    out = {}
    for path in sorted(folder.iterdir()):
        if path.is_file() and path.name != MANIFEST:
            digest = hashlib.blake2b(path.read_bytes(), digest_size=16).hexdigest()
            out[path.name] = [path.stat().st_size, digest]
    return out


def verify_generation(folder: Path, thorough: bool = True) -> str | None:
    """Why the generation at ``folder`` cannot be trusted, or None. Sizes only unless
    ``thorough`` (then every file's checksum too)."""
    try:
        manifest = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        return f"its manifest cannot be read ({type(exc).__name__})"
    files = manifest.get("files") if isinstance(manifest, dict) else None
    if manifest.get("engine") != ENGINE_VERSION or not isinstance(files, dict):
        return "it was built by another version of tipkb"
    for name, (size, digest) in files.items():
        path = folder / name
        try:
            if path.stat().st_size != size:
                return f"{name} has the wrong size"
            if thorough and hashlib.blake2b(path.read_bytes(),
                                            digest_size=16).hexdigest() != digest:
                return f"{name} does not match its checksum"
        except OSError:
            return f"{name} is missing"
    return None


# --- Analysis -----------------------------------------------------------------------------

@lru_cache(maxsize=200_000)
def word_term(word: str) -> str | None:
    """The indexed form of a Latin word: normalised (textnorm) and stemmed; None if stopped."""
    w = textnorm.normalize_word(word)
    if w is None:
        return None
    if any(c.isdigit() for c in w) or not w.isascii():
        return w
    return porter_stem(w)


class TipAnalyzer(Tokenizer):
    """Tokenise, fold, normalise identifiers, segment Chinese and stem, in one pass.

    In "index" mode, runs of Chinese characters are segmented with jieba (search mode). In
    "query" mode they are taken as they come: the engine has already cut the query with the
    index's vocabulary (see ``_prepare``), so parsing a query never loads jieba.
    """

    def __eq__(self, other):
        return type(other) is type(self)

    def __hash__(self):
        return hash(type(self).__name__)

    def __call__(self, value, positions=False, chars=False, keeporiginal=False,
                 removestops=True, start_pos=0, start_char=0, tokenize=True, mode="",
                 **kwargs):
        t = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        if not tokenize:
            t.original = t.text = value
            t.boost = 1.0
            if positions:
                t.pos = start_pos
            if chars:
                t.startchar, t.endchar = start_char, start_char + len(value)
            yield t
            return
        if _WEIGHT_MARK in value:
            yield from self._weighted(value, t, positions, chars, start_pos, start_char, mode)
            return
        yield from self._tokens(value, t, positions, chars, keeporiginal, start_pos,
                                start_char, mode == "index", 1.0)

    def _weighted(self, value, t, positions, chars, pos, char, mode):
        """A text made of parts, each with the weight of its tokens (see weighted_text)."""
        for part in value.split(_WEIGHT_MARK):
            weight, sep, text = part.partition(_WEIGHT_UNIT)
            boost = float(weight) if sep else 1.0
            text = text if sep else part
            for tok in self._tokens(text, t, positions, chars, False, pos, char,
                                    mode == "index", boost):
                pos = tok.pos + 1 if positions else pos
                yield tok
            char += len(part) + 1

    def _tokens(self, value, t, positions, chars, keeporiginal, start_pos, start_char,
                index_mode, boost):
        pos = start_pos
        for kind, raw, s, e in textnorm.tokens(value):
            if kind == "word":
                term = word_term(raw)
                if term is None:
                    continue
                pieces = [(term, s, e)]
            elif kind == "sym":
                pieces = [(v, s, e) for v in textnorm.symbol_variants(raw)]
            elif index_mode:
                pieces = [(w, s + off, s + off + len(w))
                          for w, off in textnorm.segment_for_index(raw)]
            else:
                pieces = [(raw, s, e)]
            for text, ps, pe in pieces:
                t.text = text
                t.boost = boost
                t.stopped = False
                if keeporiginal:
                    t.original = value[ps:pe]
                if positions:
                    t.pos = pos
                if chars:
                    t.startchar, t.endchar = start_char + ps, start_char + pe
                yield t
            pos += 1


@lru_cache(maxsize=300_000)
def index_terms(raw: str) -> tuple[str, ...]:
    """The terms of one raw non-CJK token (as textnorm.tokens matched it), cached."""
    out: list[str] = []
    for kind, tok, _, _ in textnorm.tokens(raw):
        if kind == "word":
            if term := word_term(tok):
                out.append(term)
        elif kind == "sym":
            out.extend(textnorm.symbol_variants(tok))
    return tuple(out)


def _cjk_terms(run: str) -> list[str]:
    return [w for w, _ in textnorm.segment_for_index(run)]


class WeightedFrequency(formats.Frequency):
    """Frequencies and weights of ``t_text``, computed in one tight loop.

    Gives the same terms as TipAnalyzer (both go through word_term and symbol_variants), but
    skips the token objects and generators, which are most of the cost of indexing.
    """

    def word_values(self, value, analyzer, **kwargs):
        freqs: dict[str, int] = defaultdict(int)
        weights: dict[str, float] = defaultdict(float)
        findall = textnorm.TOKEN_RE.findall
        for part in value.split(_WEIGHT_MARK):
            weight, sep, text = part.partition(_WEIGHT_UNIT)
            boost = float(weight) if sep else 1.0
            if not sep:
                text = part
            for cjk, sym, word in findall(text):
                for term in (_cjk_terms(cjk) if cjk else index_terms(sym or word)):
                    freqs[term] += 1
                    weights[term] += boost
        fb = self.field_boost
        return ((w, f, weights[w] * fb, pack_uint(f)) for w, f in freqs.items())


class _WholeLengths:
    """A segment's field lengths read whole, for the statistics kept with each posting block.

    Whoosh looks the length up once per posting through several layers of calls; reading the
    one-byte-per-document column at once makes that a list index.
    """

    def __init__(self, lengths):
        self.lengths = lengths
        self.cache: dict[str, list[int]] = {}

    def doc_field_length(self, docnum, fieldname, default=0):
        col = self.cache.get(fieldname)
        if col is None:
            col = self.cache[fieldname] = _read_lengths(self.lengths, fieldname)
        if docnum < len(col):
            return col[docnum]
        return self.lengths.doc_field_length(docnum, fieldname, default)


_LENGTH_TABLE: list[int] = []


def _read_lengths(perdoc, fieldname: str) -> list[int]:
    """Every document's length in ``fieldname`` (Whoosh 3 codec), or [] if unreadable."""
    from whoosh.codec.whoosh3 import LENGTHS_COLUMN, _lenfield
    from whoosh.util.numeric import byte_to_length

    if not _LENGTH_TABLE:
        _LENGTH_TABLE.extend(byte_to_length(i) for i in range(256))
    try:
        n = perdoc.doc_count_all()
        col = perdoc._cached_reader(_lenfield(fieldname), LENGTHS_COLUMN)
        if col is None:
            return [0] * n
        if col._fixedlen != 1:
            return []
        count = min(col._count, n)
        raw = col._dbfile.get(col._basepos, count) if count else b""
    except Exception:
        return []
    return [_LENGTH_TABLE[b] for b in raw] + [0] * (n - count)


class _FieldWriter(W3FieldWriter):
    def add_postings(self, schema, lengths, items):
        super().add_postings(schema, _WholeLengths(lengths) if lengths else lengths, items)


class FastCodec(W3Codec):
    """Whoosh's default codec, with whole-column length lookups when writing postings."""

    def field_writer(self, storage, segment):
        return _FieldWriter(self, storage, segment)


def make_schema() -> fields.Schema:
    ana = TipAnalyzer()

    def text(name):
        field = fields.TEXT(analyzer=ana, phrase=name in PHRASE_FIELDS, multitoken_query="and")
        if name == "t_text":
            field.format = WeightedFrequency()
        return field

    return fields.Schema(
        docid=fields.ID(unique=True, stored=True),
        id=fields.ID(stored=True),
        kind=fields.ID(stored=True),
        type=fields.ID(stored=True),
        region=fields.ID(stored=True),
        pillar=fields.KEYWORD(stored=True, commas=True),
        paras=fields.KEYWORD(stored=True, commas=True),
        entries=fields.KEYWORD(stored=True, commas=True),
        **{name: text(name) for name in FIELD_GROUPS},
        **{name: fields.STORED() for name in STORED_TEXT},
        names=fields.KEYWORD(commas=True),  # whole names (see name_key), for exact matches
        url=fields.STORED(),
        label=fields.STORED(),
    )


_LIST_FIELDS = ("pillar", "paras", "entries", "aliases")
_ANALYZER = TipAnalyzer()


def name_key(text: str) -> str:
    """A whole name as one term: its analysed words joined ('UNTOC' -> 'untoc')."""
    return "_".join(t.text for t in _ANALYZER(text, mode="query")).replace(",", "_")


def _names(doc: dict) -> list[str]:
    names = [doc.get("title", ""), doc.get("short_title", ""), doc.get("title_zh", ""),
             doc.get("label", ""), doc.get("id", ""), *(doc.get("aliases") or [])]
    return list(dict.fromkeys(k for n in names if n and (k := name_key(n))))


def _group_text(doc: dict, group: str) -> str:
    """The text of an indexed field: its parts, weighted in ``t_text``."""
    weighted = group == "t_text"
    parts = []
    for key in FIELD_GROUPS[group]:
        value = doc.get(key)
        if not value:
            continue
        text = "\n".join(value) if isinstance(value, list) else value
        parts.append(f"{_WEIGHT_MARK}{TEXT_WEIGHTS[key]}{_WEIGHT_UNIT}{text}" if weighted
                     else text)
    return ("" if weighted else "\n").join(parts)


def _whoosh_fields(doc: dict) -> dict:
    out = {}
    for key, value in doc.items():
        if key in ("pillar", "paras", "entries"):
            out[key] = ",".join(value)
        elif key == "aliases":
            out[key] = "\n".join(value)
        elif key in ("ident", "notes"):
            continue
        elif value or key in ("url", "label"):
            out[key] = value
    for group in FIELD_GROUPS:
        if text := _group_text(doc, group):
            out[group] = text
    out["names"] = ",".join(_names(doc))
    return out


def _plain_fields(stored: dict) -> dict:
    """Stored fields of a hit back to the document's shape."""
    out = dict(stored)
    for key in _LIST_FIELDS:
        sep = "\n" if key == "aliases" else ","
        out[key] = [x for x in (out.get(key) or "").split(sep) if x]
    return out


# --- Building -----------------------------------------------------------------------------

@dataclass
class BuildReport:
    path: Path
    generation: str
    mode: str  # "full", "incremental" or "unchanged"
    documents: int
    added: int = 0
    updated: int = 0
    removed: int = 0
    seconds: float = 0.0
    repaired: str = ""  # why the previous generation could not be trusted


def current_generation(root: Path) -> Path | None:
    try:
        name = (Path(root) / CURRENT).read_text(encoding="utf-8").strip()
    except FileNotFoundError:
        return None
    path = Path(root) / name
    return path if name and path.is_dir() else None


@contextlib.contextmanager
def _build_lock(root: Path):
    root.mkdir(parents=True, exist_ok=True)
    with open(root / ".lock", "w") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


def _read_json(path: Path, default):
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (FileNotFoundError, ValueError):
        return default


def _write_text(path: Path, text: str) -> None:
    tmp = path.with_name(f".{path.name}.tmp")
    with open(tmp, "w", encoding="utf-8") as fh:
        fh.write(text)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, path)


_SPELL_WORD = re.compile(r"[a-z]{3,}")


def _spell_text(doc: dict) -> str:
    parts = [doc.get("title", ""), doc.get("short_title", ""), doc.get("summary", ""),
             doc.get("body", ""), doc.get("text_en", ""), *(doc.get("aliases") or [])]
    return "\n".join(parts)


def _spell_words(docs) -> Counter:
    """Words offered as corrections: those of every stored English field, with counts."""
    text = "\n".join(_spell_text(d) for d in docs).lower()
    return Counter(_SPELL_WORD.findall(text))


def _cjk_runs(doc: dict) -> set[str]:
    runs: set[str] = set()
    for value in doc.values():
        values = value if isinstance(value, list) else [value]
        for v in values:
            if isinstance(v, str) and textnorm.has_cjk(v):
                runs.update(raw for kind, raw, _, _ in textnorm.tokens(v) if kind == "cjk")
    return runs


def _zh_words(docs) -> set[str]:
    words: set[str] = set()
    for doc in docs:
        for run in _cjk_runs(doc):
            words.update(w for w, _ in textnorm.segment_for_index(run))
    return words


def _link_or_copy_tree(src: Path, dst: Path) -> None:
    for item in src.iterdir():
        if item.is_file():
            try:
                os.link(item, dst / item.name)
            except OSError:
                shutil.copy2(item, dst / item.name)


def build_index(root: Path, docs: list[dict], full: bool = False,
                procs: int | None = None) -> BuildReport:
    """Bring the index at ``root`` up to date with ``docs``; atomic; incremental when it can.

    ``docs`` are indexer.search.documents documents. A document is rewritten only when its hash
    changed; ``full`` rebuilds from scratch. Returns what was done.
    """
    started = time.perf_counter()
    root = Path(root)
    with _build_lock(root):
        for stale in root.glob(".tmp-*"):
            shutil.rmtree(stale, ignore_errors=True)
        current = current_generation(root)
        hashes = {d["docid"]: document_hash(d) for d in docs}
        old = _read_json(current / MANIFEST, {}) if current else {}
        damaged = verify_generation(current) if current is not None and not full else None
        incremental = (not full and current is not None and damaged is None
                       and old.get("engine") == ENGINE_VERSION and "docs" in old)
        if incremental:
            old_hashes = old["docs"]
            changed = [d for d in docs if old_hashes.get(d["docid"]) != hashes[d["docid"]]]
            removed = sorted(set(old_hashes) - set(hashes))
            if not changed and not removed:
                return BuildReport(root, current.name, "unchanged", len(docs),
                                   seconds=time.perf_counter() - started)
            # rewriting documents one by one costs far more per document than a fresh build
            incremental = len(changed) + len(removed) <= max(50, len(docs) // 10)
        tmp = Path(tempfile.mkdtemp(prefix=".tmp-", dir=root))
        try:
            if incremental:
                report = _update(current, tmp, docs, changed, removed, old_hashes)
            else:
                report = _full(tmp, docs, procs)
            _write_text(tmp / FIELD_DOCS, json.dumps(
                {g: sum(1 for d in docs if any(d.get(k) for k in keys))
                 for g, keys in FIELD_GROUPS.items()},
                sort_keys=True))
            # last: the checksums of everything above, so that damage is noticed
            _write_text(tmp / MANIFEST, json.dumps(
                {"engine": ENGINE_VERSION, "docs": hashes, "files": _file_sums(tmp)},
                sort_keys=True))
            name = time.strftime("gen-%Y%m%dT%H%M%S-") + f"{os.getpid()}-{time.time_ns() % 10**9}"
            final = root / name
            os.rename(tmp, final)
        except BaseException:
            shutil.rmtree(tmp, ignore_errors=True)
            raise
        _write_text(root / CURRENT, name + "\n")
        keep = {name, current.name if current else ""}
        for gen in root.glob("gen-*"):
            if gen.name not in keep:
                shutil.rmtree(gen, ignore_errors=True)
    if damaged and report.mode == "full":
        report.mode = "repaired"
        report.repaired = damaged
    report.path, report.generation = root, name
    report.documents = len(docs)
    report.seconds = time.perf_counter() - started
    return report


def _full(tmp: Path, docs: list[dict], procs: int | None) -> BuildReport:
    ix = index.create_in(str(tmp), make_schema())
    if any(textnorm.has_cjk(_group_text(d, g)) for d in docs for g in FIELD_GROUPS):
        textnorm.load_jieba()  # once, before any worker process forks
    if procs is None:
        procs = min(os.cpu_count() or 1, 4) if len(docs) >= 500 else 1
    multi = {"procs": procs, "multisegment": True} if procs > 1 else {}
    # a large pool: spilling postings to disk and merging the runs back grows faster than
    # the corpus (2,500 entries: 27 s with 128 MB, 19 s with 1 GB)
    writer = ix.writer(limitmb=WRITER_MB, codec=FastCodec(compression=1), **multi)
    for doc in docs:
        writer.add_document(**_whoosh_fields(doc))
    writer.commit()
    with ix.reader() as reader:
        zh = {t for g in FIELD_GROUPS for t in reader.field_terms(g)
              if isinstance(t, str) and textnorm.has_cjk(t[0])}
    _write_aux(tmp, *textnorm.jieba_frequencies(zh), _spell_words(docs))
    return BuildReport(tmp, "", "full", len(docs), added=len(docs))


def _update(current: Path, tmp: Path, docs, changed, removed, old_hashes) -> BuildReport:
    _link_or_copy_tree(current, tmp)
    for name in (MANIFEST, ZH_VOCAB, SPELL, FIELD_DOCS):
        (tmp / name).unlink(missing_ok=True)
    ix = index.open_dir(str(tmp))
    spell = Counter(_read_json(current / SPELL, {}))
    writer = ix.writer()
    s = writer.searcher()  # the writer keeps this one open and deletes through it too
    for docid in [*removed, *(d["docid"] for d in changed if d["docid"] in old_hashes)]:
        stored = s.document(docid=docid)
        if stored:
            spell.subtract(_spell_words([_plain_fields(stored)]))
    for docid in removed:
        writer.delete_by_term("docid", docid)
    for doc in changed:
        writer.update_document(**_whoosh_fields(doc))
    spell.update(_spell_words(changed))
    writer.commit()
    old_freq, total = _read_vocab(current / ZH_VOCAB)
    new_words = _zh_words(changed) - set(old_freq)
    freq, new_total = textnorm.jieba_frequencies(new_words)
    old_freq.update(freq)
    _write_aux(tmp, old_freq, new_total if new_words else total, +spell)
    added = sum(d["docid"] not in old_hashes for d in changed)
    return BuildReport(tmp, "", "incremental", len(docs), added=added,
                       updated=len(changed) - added, removed=len(removed))


def _read_vocab(path: Path) -> tuple[dict[str, int], int]:
    """The query vocabulary written beside an index: {word: frequency}, total."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        return {}, 1
    total = int(lines[0].split()[1]) if lines else 1
    freq = {}
    for line in lines[1:]:
        word, _, n = line.partition(" ")
        if word:
            freq[word] = int(n or 1)
    return freq, total


def _write_aux(folder: Path, zh_freq: dict[str, int], total: int, spell: Counter) -> None:
    textnorm.write_vocab(folder / ZH_VOCAB, zh_freq, total)
    (folder / SPELL).write_text(json.dumps(dict(sorted(spell.items())), ensure_ascii=False),
                                encoding="utf-8")


# --- Searching ----------------------------------------------------------------------------

_OPERATORS = {"AND", "OR", "NOT", "ANDNOT", "ANDMAYBE"}


def _looks_parsable(q: str) -> bool:
    """True if Whoosh's syntax in ``q`` is well formed: else it is searched as plain terms."""
    if q.count('"') % 2:
        return False
    depth = 0
    for ch in q:
        depth += {"(": 1, ")": -1}.get(ch, 0)
        if depth < 0:
            return False
    if depth or any(c in q for c in "[]{}"):
        return False
    words = q.split()
    if not words or words[0] in _OPERATORS or words[-1] in _OPERATORS:
        return False
    for a, b in zip(words, words[1:], strict=False):
        if a in _OPERATORS and b in _OPERATORS:
            return False
    if re.search(r"(^|\s)[*?~^:]|:(\s|$)|\^(?![\d.])", q):
        return False
    fieldnames = re.findall(r"(\w+):", q)
    return all(f in SEARCH_FIELDS or f in ("type", "region", "pillar", "paras", "kind", "id")
               for f in fieldnames)


def _plain_terms(q: str) -> str:
    """The words of ``q`` with every bit of query syntax removed."""
    words = []
    for kind, raw, _, _ in textnorm.tokens(q):
        if kind == "word" and raw in _OPERATORS:
            raw = raw.lower()
        words.append(raw)
    return " ".join(words)


class _BM25F(scoring.BM25F):
    """BM25F whose average field length counts only the documents that have the field.

    Whoosh divides by all documents; since entries have no paragraph text and paragraphs no
    summary, that would shrink the averages and punish every document that has the field.
    """

    def __init__(self, field_docs: dict[str, int], **kwargs):
        super().__init__(**kwargs)
        self.field_docs = field_docs

    def scorer(self, searcher, fieldname, text, qf=1):
        sc = super().scorer(searcher, fieldname, text, qf=qf)
        n = self.field_docs.get(fieldname)
        if n and hasattr(sc, "avgfl"):
            parent = searcher.get_parent()
            sc.avgfl = (parent.field_length(fieldname) / n) or 1
        return sc


class _Evaluator:
    """Finds and scores the documents of a query in one pass over whole posting lists.

    Whoosh's matchers step through postings one call at a time, which dominates search time
    on large indexes; most queries here are words combined with AND and OR, whose posting
    lists can instead be read a block at a time and combined as Python sets and dicts. Term
    scores are the same BM25F as Whoosh's (same idf, quantised lengths and parameters). Any
    other node (phrases, fuzzy terms, wildcards) is handed to Whoosh.
    """

    CACHE_TERMS = 512

    def __init__(self, searcher, weighting: _BM25F):
        self.searcher = searcher
        self.reader = searcher.reader()
        self.leaves = self.reader.leaf_readers()
        self.weighting = weighting
        self.n_all = self.reader.doc_count_all()
        self._lengths: dict[str, list[int]] = {}
        self._terms: dict[tuple[str, str], dict[int, float]] = {}
        self._live: set[int] | None = None
        self.deletions = self.reader.has_deletions()

    # -- postings

    def _postings(self, fieldname: str, text: str) -> tuple[list[int], list[float]]:
        ids: list[int] = []
        weights: list[float] = []
        for leaf, base in self.leaves:
            try:
                m = leaf.postings(fieldname, text)
            except Exception:  # TermNotFound: not in this segment
                continue
            lids: list[int] = []
            lweights: list[float] = []
            while not hasattr(m, "_read_ids") and hasattr(m, "child"):
                m = m.child  # the deletion filter: deletions are dropped below
            if hasattr(m, "_read_ids") and hasattr(m, "_lastblock"):  # Whoosh 3 codec blocks
                while True:
                    m._read_ids()
                    m._read_weights()
                    lids.extend(m._ids)
                    lweights.extend(m._weights)
                    if m._lastblock:
                        break
                    m._next_block()
            else:
                while m.is_active():
                    lids.append(m.id())
                    lweights.append(m.weight())
                    m.next()
            if leaf.has_deletions():
                deleted = leaf.deleted_docs_set
                pairs = [(i, w) for i, w in zip(lids, lweights, strict=True)
                         if i not in deleted]
                lids = [i for i, _ in pairs]
                lweights = [w for _, w in pairs]
            ids.extend([i + base for i in lids] if base else lids)
            weights.extend(lweights)
        return ids, weights

    def _field_lengths(self, fieldname: str) -> list[int]:
        if fieldname not in self._lengths:
            out: list[int] = []
            for leaf, _ in self.leaves:
                n = leaf.doc_count_all()
                try:  # the length column, read whole (Whoosh 3 codec)
                    from whoosh.codec.whoosh3 import LENGTHS_COLUMN, _lenfield
                    from whoosh.util.numeric import byte_to_length

                    col = leaf._perdoc._cached_reader(_lenfield(fieldname), LENGTHS_COLUMN)
                    if col is None:
                        values = [0] * n
                    else:  # one byte per document: read them all at once
                        count = min(col._count, n) if col._fixedlen == 1 else 0
                        raw = col._dbfile.get(col._basepos, count) if count else b""
                        table = [byte_to_length(i) for i in range(256)]
                        values = [table[b] for b in raw]
                        values += [byte_to_length(col[d]) for d in range(len(values), n)]
                except Exception:
                    values = [leaf.doc_field_length(d, fieldname) for d in range(n)]
                out.extend(values[:n] + [0] * (n - len(values)))
            self._lengths[fieldname] = out
        return self._lengths[fieldname]

    def term_scores(self, fieldname: str, text) -> dict[int, float]:
        """docnum -> BM25F score (unboosted) of one term; cached per searcher."""
        key = (fieldname, text)
        cached = self._terms.get(key)
        if cached is not None:
            return cached
        ids, weights = self._postings(fieldname, text)
        schema = self.searcher.schema
        field = schema[fieldname] if fieldname in schema.names() else None
        if not ids:
            scores: dict[int, float] = {}
        elif field is None or not field.scorable:
            scores = dict(zip(ids, weights, strict=True))
        else:
            scorer = self.weighting.scorer(self.searcher, fieldname, text)
            idf, avgfl = scorer.idf, scorer.avgfl
            b, k1 = scorer.B, scorer.K1
            lengths = self._field_lengths(fieldname)
            norm = k1 * (1 - b)
            per = k1 * b / avgfl
            scores = {d: idf * (w * (k1 + 1)) / (w + norm + per * lengths[d])
                      for d, w in zip(ids, weights, strict=True)}
        if self._terms and len(self._terms) >= self.CACHE_TERMS:
            self._terms.pop(next(iter(self._terms)))
        self._terms[key] = scores
        return scores

    def live(self) -> set[int]:
        if self._live is None:
            reader = self.reader
            self._live = {d for d in range(self.n_all)
                          if not (self.deletions and reader.is_deleted(d))}
        return self._live

    # -- query tree

    def scores(self, q: query.Query) -> dict[int, float]:
        """docnum -> score of every document that ``q`` matches."""
        boost = getattr(q, "boost", 1.0) or 1.0
        if q is query.NullQuery or isinstance(q, type(query.NullQuery)):
            return {}
        if isinstance(q, query.Term):
            base = self.term_scores(q.fieldname, q.text)
            return base if boost == 1.0 else {d: v * boost for d, v in base.items()}
        if isinstance(q, query.Every):
            return dict.fromkeys(self.live(), boost)
        if isinstance(q, (query.And, query.Or)) and type(q) in (query.And, query.Or):
            parts = [self.scores(sub) for sub in q.subqueries]
            if isinstance(q, query.And):
                if not parts or not all(parts):
                    return {}
                parts.sort(key=len)
                first, rest = parts[0], parts[1:]
                out = {}
                for d, v in first.items():
                    for p in rest:
                        w = p.get(d)
                        if w is None:
                            break
                        v += w
                    else:
                        out[d] = v
            else:
                parts = [p for p in parts if p]
                if not parts:
                    return {}
                parts.sort(key=len, reverse=True)
                out = dict(parts[0])
                get = out.get
                for p in parts[1:]:
                    for d, v in p.items():
                        out[d] = get(d, 0.0) + v
                scale = getattr(q, "scale", None)
                if scale and len(parts) > 1:  # coordination bonus, as Whoosh's OrGroup
                    counts: Counter = Counter()
                    for p in parts:
                        counts.update(p.keys())
                    n = len(q.subqueries)
                    out = {d: v * (1 - scale + scale * counts[d] / n) for d, v in out.items()}
            return out if boost == 1.0 else {d: v * boost for d, v in out.items()}
        if isinstance(q, query.AndMaybe):
            a, b = self.scores(q.a), self.scores(q.b)
            out = a
            if any(d in a for d in b):
                out = dict(a)
                for d, v in b.items():
                    if d in out:
                        out[d] += v
            return out if boost == 1.0 else {d: v * boost for d, v in out.items()}
        if isinstance(q, query.AndNot):
            a, b = self.scores(q.a), self.scores(q.b)
            return {d: v * boost for d, v in a.items() if d not in b}
        # anything else: Whoosh finds and scores it
        hits = self.searcher.search(q, limit=None, terms=False)
        return {h.docnum: h.score for h in hits}

    def docs(self, q: query.Query) -> set[int]:
        return set(self.scores(q))


class Searcher:
    """A search over one generation of the index. Open with ``open_index``; reuse it."""

    def __init__(self, path: Path):
        self.path = Path(path)
        self.ix = index.open_dir(str(self.path))
        self.weighting = _BM25F(_read_json(self.path / FIELD_DOCS, {}),
                                B=0.75, K1=1.2, **{f"{f}_B": 0.3 for f in SHORT_FIELDS})
        self.searcher = self.ix.searcher(weighting=self.weighting)
        self.evaluator = _Evaluator(self.searcher, self.weighting)
        self.schema = self.ix.schema
        self._parsers: dict[bool, qparser.QueryParser] = {}
        self._segmenter = None
        self._spell = None
        self._columns: dict[str, dict[str, set[int]]] | None = None

    def close(self) -> None:
        self.searcher.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    # -- query preparation

    def _parser(self, any_term: bool, match_only: bool) -> qparser.QueryParser:
        key = (any_term, match_only)
        if key not in self._parsers:
            group = qparser.OrGroup.factory(0.9) if any_term else qparser.AndGroup
            p = qparser.QueryParser(None, self.schema, group=group)
            # t_text holds the names too: it alone decides what matches; t_name adds score
            names = ["t_text"] if match_only else list(SEARCH_FIELDS)
            p.add_plugin(qparser.MultifieldPlugin(names, FIELD_BOOSTS))
            p.remove_plugin_class(qparser.EveryPlugin)
            self._parsers[key] = p
        return self._parsers[key]

    def _zh(self) -> textnorm.VocabSegmenter:
        if self._segmenter is None:
            path = self.path / ZH_VOCAB
            mtime = path.stat().st_mtime_ns if path.exists() else 0
            self._segmenter = (textnorm.load_vocab_segmenter(str(path), mtime) if mtime
                               else textnorm.VocabSegmenter({}, 1))
        return self._segmenter

    def _prepare(self, q: str) -> str:
        """Bound the query and cut its Chinese runs into the words the index holds."""
        q = " ".join(q[:MAX_QUERY_CHARS].split()[:MAX_QUERY_TERMS])
        if textnorm.has_cjk(q):
            seg = self._zh()
            q = re.sub(f"[{textnorm.CJK_CHARS}]+",
                       lambda m: " " + " ".join(seg.query_words(m.group())) + " ", q)
            q = " ".join(q.split())
        return q

    def parse(self, q: str, any_term: bool = False, match_only: bool = False) -> query.Query:
        """The query for ``q``: for scoring, or (``match_only``) just to find what matches."""
        q = self._prepare(q)
        if not _looks_parsable(q):
            q = _plain_terms(q)
        parser = self._parser(any_term, match_only)
        try:
            parsed = parser.parse(q)
        except Exception:  # Whoosh rejected it after all: plain terms, never a traceback
            parsed = parser.parse(_plain_terms(q))
        return parsed.accept(_prune_phrases).normalize()

    def _pin_names(self, parsed: query.Query, q: str) -> query.Query:
        """Rank first the documents whose whole name is the query."""
        key = name_key(q[:MAX_QUERY_CHARS])
        if not key or parsed is query.NullQuery:
            return parsed
        return query.AndMaybe(parsed, query.Term("names", key, boost=NAME_BOOST))

    # -- searching

    def _filter(self, filters: dict) -> query.Query | None:
        terms = []
        for key in ("type", "region", "pillar"):
            if filters.get(key):
                terms.append(query.Term(key, filters[key]))
        if filters.get("para"):
            terms.append(query.Term("paras", filters["para"]))
        if filters.get("kind"):
            terms.append(query.Term("kind", filters["kind"]))
        return query.And(terms) if terms else None

    def search(self, q: str, limit: int = 10, **filters) -> dict:
        """Search; returns the JSON-ready result described in indexer.cli.commands.search."""
        original = q
        limit = max(1, min(int(limit), 200))
        filt = self._filter(filters)
        parsed = self.parse(q) if q.strip() else query.NullQuery
        if parsed is query.NullQuery and filt is None:
            return self._empty(original)
        if parsed is query.NullQuery:
            parsed = query.Every()
        ev = self.evaluator
        allowed = ev.docs(filt) if filt is not None else None

        def run(qq: query.Query) -> dict[int, float]:
            found = ev.scores(self._pin_names(qq, q))
            if allowed is None:
                return found
            return {d: v for d, v in found.items() if d in allowed}

        scores = run(parsed)
        suggestion = None
        if len(scores) < FEW_RESULTS and q.strip():
            any_term = self.parse(q, any_term=True)
            fuzzy = self._fuzzy(q, SEARCH_FIELDS)
            suggestion = self.suggest(q)
            corrected = self.parse(suggestion) if suggestion else None
            # exact matches first: the original query counts most, then any term, then the
            # corrected query, then fuzzy matches
            boosted = [parsed.with_boost(4.0), any_term.with_boost(2.0)]
            boosted += [x for x in (corrected, fuzzy) if x is not None]
            parsed = query.Or(boosted)
            scores = run(parsed)
        docs = set(scores)
        top = heapq.nlargest(limit, scores.items(), key=lambda kv: (kv[1], -kv[0]))
        terms = _query_terms(parsed)
        results = []
        for docnum, score in top:
            stored = _plain_fields(self.searcher.stored_fields(docnum))
            results.append({
                "id": stored["id"],
                "kind": stored["kind"],
                "title": stored.get("title") or stored.get("label") or stored["id"],
                "score": round(float(score), 4),
                "url": stored.get("url", ""),
                "snippet": make_snippet(stored, terms),
                "type": stored.get("type") or None,
                "region": stored.get("region") or None,
                "pillar": stored.get("pillar") or [],
            })
        return {"query": original, "total": len(docs), "results": results,
                "facets": self.facets(docs), "suggestion": suggestion}

    def _empty(self, q: str) -> dict:
        return {"query": q, "total": 0, "results": [],
                "facets": {f: {} for f in FACET_FIELDS}, "suggestion": None}

    def _facet_sets(self) -> dict[str, dict[str, set[int]]]:
        """For each facet, value -> the documents that have it (from the postings, once)."""
        if self._columns is None:
            reader = self.searcher.reader()
            self._columns = {
                name: {value: set(self.evaluator._postings(name, value)[0])
                       for value in reader.field_terms(name)}
                for name in FACET_FIELDS
            }
        return self._columns

    def facets(self, docs: set[int]) -> dict[str, dict[str, int]]:
        out: dict[str, dict[str, int]] = {}
        for name, values in self._facet_sets().items():
            counts = {v: n for v, members in values.items() if (n := len(docs & members))}
            out[name] = dict(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))
        return out

    # -- typo tolerance

    def _fuzzy(self, q: str, names: tuple[str, ...]) -> query.Query | None:
        parts = []
        for kind, raw, _, _ in textnorm.tokens(_plain_terms(self._prepare(q))):
            if kind != "word":
                continue
            term = word_term(raw)
            if term is None or len(term) < 4 or not term.isalpha():
                continue
            dist = 1 if len(term) < 7 else 2
            parts.append(query.Or([
                query.FuzzyTerm(f, term, boost=FIELD_BOOSTS[f] / 2, maxdist=dist,
                                prefixlength=1)
                for f in names
            ]))
        return query.Or(parts) if parts else None

    def _spell_vocab(self) -> dict[str, dict[str, int]]:
        if self._spell is None:
            counts = _read_json(self.path / SPELL, {})
            by_letter: dict[str, dict[str, int]] = {}
            for w, n in counts.items():
                by_letter.setdefault(w[0], {})[w] = n
            self._spell = by_letter
        return self._spell

    def suggest(self, q: str) -> str | None:
        """A corrected query ("did you mean"), or None when every word is known."""
        vocab = self._spell_vocab()
        reader = self.searcher.reader()
        out, changed = [], False
        for word in q.split():
            core = word.strip("\"'()[]{}.,;:!?")
            low = core.lower()
            term = word_term(core) if core.isalpha() else None
            known = (len(low) < 4 or not core.isalpha() or low in vocab.get(low[0], {})
                     or (term and any(reader.doc_frequency(f, term) for f in SEARCH_FIELDS)))
            if known:
                out.append(word)
                continue
            best = _closest(low, vocab.get(low[0], {}))
            if best and core.isupper():
                best = best.upper()
            elif best and core[0].isupper():
                best = best[0].upper() + best[1:]
            if best:
                out.append(word.replace(core, best))
                changed = True
            else:
                out.append(word)
        return " ".join(out) if changed else None


def _prune_phrases(q: query.Query) -> query.Query:
    """Phrases where there are positions; elsewhere, all of the phrase's words."""
    if isinstance(q, query.Phrase) and q.fieldname not in PHRASE_FIELDS:
        if q.fieldname != "t_text":
            return query.NullQuery  # identifiers gain nothing from a phrase
        return query.And([query.Term(q.fieldname, w) for w in q.words], boost=q.boost)
    return q


def _query_terms(q: query.Query) -> set[str]:
    terms = set()
    for _, text in q.iter_all_terms():
        terms.add(text.decode("utf-8") if isinstance(text, bytes) else text)
    return terms


def _distance(a: str, b: str, limit: int) -> int:
    """Levenshtein distance, giving up (limit + 1) once it exceeds ``limit``."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        if min(cur) > limit:
            return limit + 1
        prev = cur
    return prev[-1]


def _closest(word: str, candidates: dict[str, int]) -> str | None:
    limit = 1 if len(word) < 6 else 2
    best, best_key = None, None
    for cand, count in candidates.items():
        d = _distance(word, cand, limit)
        if d <= limit:
            key = (d, -count, cand)
            if best_key is None or key < best_key:
                best, best_key = cand, key
    return best


def make_snippet(stored: dict, terms: set[str], size: int = SNIPPET_CHARS) -> str:
    """An HTML-escaped passage of the hit with the matched words in <mark>."""
    fields_order = ("summary", "text_en", "text_zh", "body", "title")
    zh_terms = [t for t in terms if textnorm.has_cjk(t)]
    if zh_terms:
        fields_order = ("text_zh", "title_zh", "summary", "text_en", "body", "title")
    best = None
    for name in fields_order:
        text = stored.get(name) or ""
        if not text:
            continue
        spans = _match_spans(text, terms, zh_terms)
        if spans:
            best = (text, spans)
            break
        if best is None:
            best = (text, [])
    if best is None:
        return ""
    text, spans = best
    start = 0
    if spans:
        first = spans[0][0]
        start = max(0, first - size // 3)
        if start:
            space = text.find(" ", start)
            start = space + 1 if 0 <= space < first else start
    end = min(len(text), start + size)
    if end < len(text):
        space = text.rfind(" ", start, end)
        end = space if space > max(start, spans[0][1] if spans else start) else end
    out, pos = [], start
    for s, e in spans:
        if s < pos or e > end:
            continue
        out.append(html.escape(text[pos:s]))
        out.append(f"<mark>{html.escape(text[s:e])}</mark>")
        pos = e
    out.append(html.escape(text[pos:end]))
    snippet = "".join(out).replace("\n", " ")
    return ("…" if start else "") + snippet + ("…" if end < len(text) else "")


@lru_cache(maxsize=256)
def _candidates(terms: frozenset[str]) -> re.Pattern | None:
    """A regex for the places in a text where a term may be: words starting like a term,
    or identifiers. Only these are analysed, not the whole text."""
    prefixes = sorted({t[:4] for t in terms if t.isalnum() and t.isascii()})
    alts = [rf"\b(?:{'|'.join(map(re.escape, prefixes))})[^\W_]*" if prefixes else "",
            r"[A-Za-z0-9][\w.]*(?:/[\w.()]+)+" if any(not t.isalpha() for t in terms) else ""]
    alts = [a for a in alts if a]
    return re.compile("|".join(alts), re.I) if alts else None


def _match_spans(text: str, terms: set[str], zh_terms: list[str]) -> list[tuple[int, int]]:
    spans = []
    pattern = _candidates(frozenset(t for t in terms if not textnorm.has_cjk(t)))
    chunks = ([(m.start(), m.group()) for m in pattern.finditer(text)] if pattern else [])
    if zh_terms:
        chunks += [(m.start(), m.group())
                   for m in re.finditer(f"[{textnorm.CJK_CHARS}]+", text)]
    for offset, chunk in chunks:
        spans.extend((offset + s, offset + e) for s, e in _token_spans(chunk, terms, zh_terms))
    spans.sort()
    merged: list[tuple[int, int]] = []
    for s, e in spans:
        if merged and s <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(e, merged[-1][1]))
        else:
            merged.append((s, e))
    return merged


def _token_spans(text: str, terms: set[str], zh_terms: list[str]) -> list[tuple[int, int]]:
    spans = []
    for kind, raw, s, e in textnorm.tokens(text):
        if kind == "word":
            if word_term(raw) in terms:
                spans.append((s, e))
        elif kind == "sym":
            if any(v in terms for v in textnorm.symbol_variants(raw)):
                spans.append((s, e))
        elif zh_terms:
            for t in zh_terms:
                i = raw.find(t)
                while i >= 0:
                    spans.append((s + i, s + i + len(t)))
                    i = raw.find(t, i + len(t))
    return spans


def open_index(root: Path, retries: int = 5) -> Searcher:
    """A searcher on the current generation of the index at ``root``."""
    root = Path(root)
    for attempt in range(retries):
        current = current_generation(root)
        if current is None:
            if not (root / CURRENT).exists():
                raise IndexNotFound(f"no search index at {root}; run `tipkb index`")
        else:
            if (why := verify_generation(current, thorough=False)) is not None:
                if current_generation(root) == current:  # not a swap in progress
                    raise IndexDamaged(f"the search index at {root} is damaged ({why}); run "
                                       "`tipkb index` to repair it")
                continue
            try:
                return Searcher(current)
            except (OSError, index.EmptyIndexError):
                pass  # swapped and removed while we opened it: read the pointer again
        time.sleep(0.05 * (attempt + 1))
    raise IndexNotFound(f"cannot open the search index at {root}")


# --- More like this -----------------------------------------------------------------------

def stored_documents(root: Path) -> dict[str, dict]:
    """docid -> stored fields of every document of the current generation (for tests/tools)."""
    with open_index(root) as s:
        reader = s.searcher.reader()
        return {f["docid"]: f for _, f in reader.iter_docs()}
