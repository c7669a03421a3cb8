"""Everything Whoosh: the only module of tipkb that imports ``whoosh`` (whoosh-reloaded, pinned
to the tested version in pyproject.toml).

The rest of the package hands in plain documents (indexer.search.documents) and prepared query
text, and gets back document numbers, scores and plain dicts. Sections:

- Analysis: words to terms (folded, stemmed), identifiers with their variants, Chinese runs cut
  by jieba (indexer.search.chinese); every term with its positions, so that phrases match
  exactly in every text field, and a weight per part of the document (BM25F).
- Schema and writing: full builds in bounded rounds (a writer never holds more than
  WRITER_DOCS documents), incremental updates.
- WhooshInternals: every read of Whoosh's private attributes, checked when an index opens.
- Evaluator: scores whole posting lists at once (the same BM25F as Whoosh's searcher, which the
  oracle tests compare it with) and matches phrases by positions.
- WhooshSearcher: query parsing, phrases, names pinned first, filters, typo fallback, facets.
"""

from __future__ import annotations

import contextlib
import copy
import sys
from array import array
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import whoosh
from whoosh import fields, formats, index, qparser, query, scoring
from whoosh.analysis import Token, Tokenizer
from whoosh.codec import whoosh3
from whoosh.filedb.filestore import FileStorage
from whoosh.matching.wrappers import WrappingMatcher
from whoosh.qparser.common import QueryParserError
from whoosh.reading import TermNotFound
from whoosh.util.numeric import byte_to_length

from indexer.search import chinese, textnorm
from indexer.search.documents import FACET_FIELDS, query_provision_refs
from indexer.search.generations import IndexNotFound
from indexer.search.querytext import has_phrase, looks_parsable, plain_terms
from indexer.search.textnorm import word_term

TESTED_WHOOSH = "2.7.5"  # the version pinned in pyproject.toml, which the oracle tests ran on
ENGINE_VERSION = "tipkb-whoosh-5"  # bump when the analysis, the schema or the postings change

# Two indexed text fields. ``t_text`` holds every text of a document, each word weighted by
# the part it comes from, so that one posting per word and document carries a BM25F-style
# weighted term frequency: names weigh most, then identifiers, then the summary (or a
# paragraph's text), then the body. ``t_name`` holds the names again, for an extra weight at
# query time. Both keep word positions, for exact phrases.
TEXT_WEIGHTS = {
    "title": 3.0, "short_title": 3.0, "aliases": 3.0, "title_zh": 3.0, "ident": 3.0,
    "summary": 2.0, "text_en": 2.0, "text_zh": 2.0, "body": 1.0, "notes": 0.5,
}
NAME_PARTS = ("title", "short_title", "aliases", "title_zh")
FIELD_GROUPS = {"t_name": NAME_PARTS, "t_text": tuple(TEXT_WEIGHTS)}
FIELD_BOOSTS = {"t_name": 3.0, "t_text": 1.0}
SEARCH_FIELDS = tuple(FIELD_BOOSTS)
SHORT_FIELDS = ("t_name",)
QUERY_FIELDS = frozenset({*SEARCH_FIELDS, "type", "region", "pillar", "paras", "kind", "id"})
PART_GAP = 100  # positions skipped between two parts of a field: no phrase spans them
STORED_TEXT = ("title", "short_title", "aliases", "title_zh", "summary", "body", "text_en",
               "text_zh")
LIST_FIELDS = ("pillar", "paras", "entries", "aliases")
NAME_BOOST = 1000.0  # pins first the documents whose title, short title or alias is the query
# A query that names a provision ("Art. 6", "article 14") ranks first the instruments that have
# it among their key provisions (indexer/search/documents.py: provision_refs).
PROVISION_BOOST = 50.0
FEW_RESULTS = 3
_WEIGHT_MARK = "\x1e"  # starts a part of a field's text: MARK weight UNIT text
_WEIGHT_UNIT = "\x1f"

# Full builds: each writer (a process when there are several) writes one segment of at most
# WRITER_DOCS documents and WRITER_CHARS characters, then the next round starts. Whoosh's
# writer keeps every posting in memory until it spills sorted runs to disk and merges them
# back, which costs more per document the more there are: rounds keep memory and the cost per
# document flat. WRITER_MB is the pool size at which a writer spills anyway.
WRITER_DOCS = 4000
WRITER_CHARS = 16_000_000
WRITER_MB = 1024


class IncompatibleWhoosh(IndexNotFound):
    """The installed Whoosh lacks what tipkb's search reads (see WhooshInternals)."""


# --- Analysis -----------------------------------------------------------------------------

@lru_cache(maxsize=300_000)
def _raw_terms(raw: str) -> tuple[tuple[str, ...], ...]:
    """The terms of one raw non-Chinese token (a sym or word of textnorm.token_groups), one
    tuple per position: the variants of an identifier share one; stop words take none."""
    out: list[tuple[str, ...]] = []
    for kind, tok, _, _ in textnorm.tokens(raw):
        if kind == "word":
            if term := word_term(tok):
                out.append((term,))
        elif kind == "sym":
            out.append(tuple(textnorm.symbol_variants(tok)))
    return tuple(out)


class _Writing:
    """What the writers of a build share: the index cut of every Chinese run of the documents
    and the common words of the index. The build prepares both before Whoosh's writer
    processes fork, so that they inherit them (see ``writing``)."""

    table: dict[str, list[tuple[str, int]]] = {}
    folder: Path | None = None
    common: frozenset[str] = frozenset()


@contextlib.contextmanager
def writing(table: dict[str, list[tuple[str, int]]], folder: Path,
            common: frozenset[str] = frozenset()) -> Iterator[None]:
    """Write documents with ``table`` as the cut of their Chinese runs (a run it lacks is cut
    by jieba, whose cache goes to ``folder``, and added to it) and ``common`` as the common
    words whose pairs are indexed (see common_words)."""
    _Writing.table, _Writing.folder, _Writing.common = table, folder, common
    try:
        yield
    finally:
        _Writing.table, _Writing.folder, _Writing.common = {}, None, frozenset()


def _segment(run: str) -> list[tuple[str, int]]:
    cut = _Writing.table.get(run)
    if cut is None:
        if _Writing.folder is None:
            raise RuntimeError("documents are written outside indexer.search.whoosh_backend"
                               ".writing()")
        cut = chinese.segment_runs([run], _Writing.table, _Writing.folder)[run]
    return cut


def field_positions(value: str, common: frozenset[str] = frozenset()
                    ) -> dict[str, tuple[list[int], float]]:
    """term -> (positions, weighted frequency) for one field's text (see ``field_text``).

    Positions count words; a Chinese run counts one per character and each of its words sits
    at its character's offset, so that a phrase can match a long word through its sub-words.
    Parts are PART_GAP positions apart. Two ``common`` words in a row also give the pair
    "a b" at the first one's position (see pair_term), with no weight.
    """
    poses: dict[str, list[int]] = defaultdict(list)
    weights: dict[str, float] = defaultdict(float)
    pos = 0
    for part in value.split(_WEIGHT_MARK):
        weight, sep, text = part.partition(_WEIGHT_UNIT)
        if not sep:
            weight, text = "1", part
        if not text:
            continue
        boost = float(weight)
        previous = None  # the common word just before, alone at its position
        for cjk, sym, word in textnorm.token_groups(text):
            if cjk:
                for w, off in _segment(cjk):
                    poses[w].append(pos + off)
                    weights[w] += boost
                pos += len(cjk)
                previous = None
                continue
            for group in _raw_terms(sym or word):
                for term in group:
                    poses[term].append(pos)
                    weights[term] += boost
                if len(group) == 1 and group[0] in common:
                    if previous is not None:
                        poses[pair_term(previous, group[0])].append(pos - 1)
                    previous = group[0]
                else:
                    previous = None
                pos += 1
        pos += PART_GAP
    return {t: (p, weights.get(t, 0.0)) for t, p in poses.items()}


def pair_term(a: str, b: str) -> str:
    """The term of two common words in a row: no word holds a space."""
    return f"{a} {b}"


def common_words(docs: list[dict], share: float, sample: int = 400) -> frozenset[str]:
    """The words of the full text that at least ``share`` of the documents hold, estimated
    on an even sample of them. Phrases made of such words would read their long posting
    lists whole; pairs of them are indexed instead (pair_term)."""
    if not docs:
        return frozenset()
    step = max(1, len(docs) // sample)
    picked = docs[::step]
    df: Counter = Counter()
    for doc in picked:
        terms: set[str] = set()
        for cjk, sym, word in textnorm.token_groups(field_text(doc, "t_text")):
            if not cjk:
                terms.update(g[0] for g in _raw_terms(sym or word) if len(g) == 1)
        df.update(terms)
    least = share * len(picked)
    return frozenset(t for t, n in df.items() if n >= least)


def phrase_units(text: str, cutter: chinese.QueryCutter | None) -> list[tuple[str, int]]:
    """(term, offset) of each word of a quoted phrase, counted as ``field_positions`` counts:
    a document holds the phrase where every term sits at one start plus its offset."""
    units: list[tuple[str, int]] = []
    pos = 0
    for cjk, sym, word in textnorm.token_groups(text):
        if cjk:
            cut = cutter.units(cjk) if cutter is not None else [(cjk, 0)]
            units.extend((w, pos + off) for w, off in cut)
            pos += len(cjk)
            continue
        for group in _raw_terms(sym or word):
            units.extend((term, pos) for term in group)
            pos += 1
    return units


_BIG_ENDIAN = sys.byteorder == "big"


def encode_positions(positions: list[int]) -> bytes:
    """Positions as a typecode and a little-endian array: decoded at C speed."""
    positions = sorted(positions)
    arr = array("H" if positions[-1] < 65536 else "I", positions)
    if _BIG_ENDIAN:
        arr.byteswap()
    return arr.typecode.encode() + arr.tobytes()


def decode_positions(value: bytes) -> array:
    arr = array(chr(value[0]), value[1:])
    if _BIG_ENDIAN:
        arr.byteswap()
    return arr


class WeightedPositions(formats.Positions):
    """Postings of the text fields: the weight is the term's frequency weighted by the parts
    it comes from (BM25F), the value its positions (phrases). Whoosh's phrase queries read
    the positions through ``decode_positions``."""

    pairs = False  # index the pairs of common words (pair_term)

    def word_values(self, value, analyzer, **kwargs):
        fb = self.field_boost
        common = _Writing.common if self.pairs else frozenset()
        for term, (positions, weight) in field_positions(value, common).items():
            if weight:
                yield term, len(positions), weight * fb, encode_positions(positions)
            else:  # a pair: found by phrases, never scored, no part of the field's length
                yield term, 0, 1.0, encode_positions(positions)

    def encode(self, poslist):
        return encode_positions(list(poslist))

    def decode_positions(self, valuestring):
        return list(decode_positions(valuestring))

    def decode_frequency(self, valuestring):
        return len(decode_positions(valuestring))


class TextPositions(WeightedPositions):
    """The full text's postings: WeightedPositions, and the pairs of common words."""

    pairs = True


class QueryAnalyzer(Tokenizer):
    """Query text to terms, as ``field_positions`` makes them: words folded and stemmed,
    identifiers with their variants, Chinese runs as they come (the engine has cut them with
    the index's vocabulary before parsing)."""

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
        pos = start_pos
        for kind, raw, s, e in textnorm.tokens(value):
            if kind == "word":
                term = word_term(raw)
                if term is None:
                    continue
                texts = [term]
            elif kind == "sym":
                texts = textnorm.symbol_variants(raw)
            else:
                texts = [raw]
            for text in texts:
                t.text = text
                t.boost = 1.0
                t.stopped = False
                if keeporiginal:
                    t.original = raw
                if positions:
                    t.pos = pos
                if chars:
                    t.startchar, t.endchar = start_char + s, start_char + e
                yield t
            pos += 1


_ANALYZER = QueryAnalyzer()


def name_key(text: str) -> str:
    """A whole name as one term: its analysed words joined ('UNTOC' -> 'untoc')."""
    return "_".join(t.text for t in _ANALYZER(text, mode="query")).replace(",", "_")


# --- Schema and documents -----------------------------------------------------------------

def make_schema() -> fields.Schema:
    ana = QueryAnalyzer()

    def text(name: str) -> fields.TEXT:
        field = fields.TEXT(analyzer=ana, phrase=True, multitoken_query="and")
        field.format = TextPositions() if name == "t_text" else WeightedPositions()
        return field

    return fields.Schema(
        docid=fields.ID(unique=True, stored=True),
        id=fields.ID(stored=True),
        kind=fields.ID(stored=True),
        type=fields.ID(stored=True),
        region=fields.ID(stored=True),
        pillar=fields.KEYWORD(stored=True, commas=True),
        scope=fields.ID(stored=True),  # an entry's: cited, later or context
        topics=fields.KEYWORD(stored=True, commas=True),  # its provisions' topics
        provision_refs=fields.KEYWORD(commas=True),  # article:14(7), article:14 for Art. 14(7)
        provisions=fields.STORED(),  # 'Art. 6 Assistance to ...', shown with a result
        paras=fields.KEYWORD(stored=True, commas=True),
        entries=fields.KEYWORD(stored=True, commas=True),
        **{name: text(name) for name in FIELD_GROUPS},
        **{name: fields.STORED() for name in STORED_TEXT},
        names=fields.KEYWORD(commas=True),  # whole names (see name_key), for exact matches
        url=fields.STORED(),
        label=fields.STORED(),
    )


def _names(doc: dict) -> list[str]:
    names = [doc.get("title", ""), doc.get("short_title", ""), doc.get("title_zh", ""),
             doc.get("label", ""), doc.get("id", ""), *(doc.get("aliases") or [])]
    return list(dict.fromkeys(k for n in names if n and (k := name_key(n))))


def field_text(doc: dict, group: str) -> str:
    """The text of an indexed field: its parts, each with its weight (1 in ``t_name``). Each
    name (alias, Chinese name) is a part of its own."""
    weighted = group == "t_text"
    parts: list[str] = []
    for key in FIELD_GROUPS[group]:
        value = doc.get(key)
        if not value:
            continue
        items = value if isinstance(value, list) else (
            value.splitlines() if key in NAME_PARTS else [value])
        weight = TEXT_WEIGHTS[key] if weighted else 1.0
        parts.extend(f"{_WEIGHT_MARK}{weight}{_WEIGHT_UNIT}{item}" for item in items if item)
    return "".join(parts)


def _whoosh_fields(doc: dict) -> dict:
    out = {}
    for key, value in doc.items():
        if key in ("pillar", "paras", "entries", "topics", "provision_refs"):
            out[key] = ",".join(value)
        elif key == "aliases":
            out[key] = "\n".join(value)
        elif key in ("ident", "notes"):
            continue
        elif value or key in ("url", "label"):
            out[key] = value
    for group in FIELD_GROUPS:
        if text := field_text(doc, group):
            out[group] = text
    out["names"] = ",".join(_names(doc))
    return out


def plain_fields(stored: dict) -> dict:
    """Stored fields of a hit back to the document's shape."""
    out = dict(stored)
    for key in LIST_FIELDS:
        sep = "\n" if key == "aliases" else ","
        out[key] = [x for x in (out.get(key) or "").split(sep) if x]
    return out


def _text_chars(doc: dict) -> int:
    return sum(len(v) if isinstance(v, str) else sum(map(len, v)) for v in doc.values())


def _rounds(docs: list[dict], procs: int) -> Iterator[list[dict]]:
    batch: list[dict] = []
    chars = 0
    for doc in docs:
        n = _text_chars(doc)
        if batch and (len(batch) >= WRITER_DOCS * procs or chars + n > WRITER_CHARS * procs):
            yield batch
            batch, chars = [], 0
        batch.append(doc)
        chars += n
    if batch:
        yield batch


def write_full(folder: Path, docs: list[dict], procs: int) -> None:
    """A new index of ``docs`` in ``folder``, in rounds of at most ``procs`` writers (call
    inside ``writing``)."""
    ix = index.create_in(str(folder), make_schema())
    for batch in _rounds(docs, procs):
        n = max(1, min(procs, -(-len(batch) // 500)))  # a process per 500 documents at most
        multi = {"procs": n, "multisegment": True} if n > 1 else {}
        writer = ix.writer(limitmb=WRITER_MB, codec=FastCodec(compression=1), **multi)
        for doc in batch:
            writer.add_document(**_whoosh_fields(doc))
        writer.commit(merge=False)


MERGE_FACTOR = 10  # segments of one size tier are merged into one once there are this many
MERGE_DOCS_MAX = 200  # an update merges at most this many live documents (about 1.5 s)


def size_tier(live: int) -> int:
    """The size tier of a segment of ``live`` documents: tier k holds MERGE_FACTOR**k to
    MERGE_FACTOR**(k+1) - 1 of them (tier 0 also the segments of no document)."""
    tier = 0
    while live >= MERGE_FACTOR:
        live //= MERGE_FACTOR
        tier += 1
    return tier


def update_merges(segments) -> list:
    """The segments an update merges: in each size tier (by live documents) that holds
    MERGE_FACTOR segments or more, its smallest ones, as many as fit in MERGE_DOCS_MAX
    documents, if that is still MERGE_FACTOR of them.

    Every update writes a segment of its own, and every update opens every segment, so
    segments must not pile up; but Whoosh merges postings at about 10 ms a document, so each
    document should be merged few times. Tiers give both: ten updates of one document make a
    segment of ten, ten of those one of a hundred, so a document written by an update is merged
    twice, and at most MERGE_FACTOR - 1 segments wait in each of those tiers. Larger segments
    (a full build's, and one per hundred entries that updates wrote) are never rewritten by an
    update: they leave when all their documents have been replaced, or move down a tier as
    their documents are."""
    tiers: dict[int, list] = defaultdict(list)
    for seg in segments:
        tiers[size_tier(seg.doc_count())].append(seg)
    merged = []
    for group in tiers.values():
        if len(group) < MERGE_FACTOR:
            continue
        take, docs = [], 0
        for seg in sorted(group, key=lambda seg: seg.doc_count()):
            if docs + seg.doc_count() > MERGE_DOCS_MAX:
                break
            take.append(seg)
            docs += seg.doc_count()
        if len(take) >= MERGE_FACTOR:
            merged += take
    return merged


def merge_update_segments(writer, segments):
    """Whoosh merge policy for updates: a segment whose documents have all been replaced or
    deleted is dropped as it is; the segments ``update_merges`` picks are merged into the
    update's own segment, read through memory maps (a third faster for a merge, where the
    update itself reads too little to gain from them); the others stay as they are."""
    from whoosh.reading import SegmentReader

    live = [seg for seg in segments if seg.doc_count() > 0]
    merged = update_merges(live)
    if merged:
        mapped = FileStorage(writer.storage.folder, supports_mmap=True)
        for seg in merged:
            reader = SegmentReader(mapped, writer.schema, seg)
            writer.add_reader(reader)
            reader.close()
    return [seg for seg in live if seg not in merged]


def write_update(folder: Path, changed: list[dict], removed: list[str],
                 before: Callable[[dict], None]) -> None:
    """Rewrite ``changed`` and delete ``removed`` in the index at ``folder`` (a copy of the
    current generation); ``before`` sees the stored fields of each document replaced or
    removed (call inside ``writing``). The index is opened without memory maps: Whoosh copies
    every part of a segment it opens out of a map, which costs more than the few reads an
    update makes."""
    ix = FileStorage(str(folder), supports_mmap=False).open_index()
    writer = ix.writer()
    s = writer.searcher()  # the writer keeps this one open and deletes through it too
    for docid in [*removed, *(d["docid"] for d in changed)]:
        stored = s.document(docid=docid)
        if stored:
            before(plain_fields(stored))
    for docid in removed:
        writer.delete_by_term("docid", docid)
    for doc in changed:
        writer.update_document(**_whoosh_fields(doc))
    writer.commit(mergetype=merge_update_segments)


# --- Whoosh's private attributes ----------------------------------------------------------

class WhooshInternals:
    """Every use of Whoosh's private attributes, in one place.

    Whoosh 2.7.5's codec ("whoosh3") keeps postings in blocks of document numbers, weights
    and values, and each field's lengths as one byte per document. Reading a block or the
    whole length column at once instead of one posting or one length per call makes queries
    about three times faster at 10,000 entries (benchmarks/bench_search.py; the oracle tests
    check that the scores do not change). ``check`` runs when an index opens and refuses a
    Whoosh that does not have them, in one line: nothing falls back silently.
    """

    CODEC_NAMES = ("_lenfield", "LENGTHS_COLUMN", "W3LeafMatcher", "W3PerDocReader",
                   "W3FieldWriter", "W3Codec")
    MATCHER_METHODS = ("_read_ids", "_read_weights", "_read_values", "_next_block")
    MATCHER_STATE = ("_ids", "_weights", "_values", "_lastblock")
    COLUMN_STATE = ("_fixedlen", "_count", "_dbfile", "_basepos")
    _TABLE = [byte_to_length(i) for i in range(256)]

    @classmethod
    def missing(cls, reader=None) -> list[str]:
        """What this Whoosh lacks of what the fast paths read (on ``reader``'s first
        segment too, if given)."""
        out = [f"whoosh.codec.whoosh3.{n}" for n in cls.CODEC_NAMES if not hasattr(whoosh3, n)]
        if out:
            return out
        out += [f"W3LeafMatcher.{n}" for n in cls.MATCHER_METHODS
                if not callable(getattr(whoosh3.W3LeafMatcher, n, None))]
        if not callable(getattr(whoosh3.W3PerDocReader, "_cached_reader", None)):
            out.append("W3PerDocReader._cached_reader")
        if out or reader is None:
            return out
        for leaf, _ in reader.leaf_readers():
            if leaf.doc_count_all():
                out += cls._missing_in(leaf)
                break
        return out

    @classmethod
    def _missing_in(cls, leaf) -> list[str]:
        perdoc = getattr(leaf, "_perdoc", None)
        if not isinstance(perdoc, whoosh3.W3PerDocReader):
            return ["SegmentReader._perdoc (a W3PerDocReader)"]
        out = []
        col = perdoc._cached_reader(whoosh3._lenfield("t_text"), whoosh3.LENGTHS_COLUMN)
        if col is not None:
            out += [f"the length column's {n}" for n in cls.COLUMN_STATE if not hasattr(col, n)]
            if not out and col._fixedlen != 1:
                out.append("one-byte length columns")
        term = next(iter(leaf.lexicon("docid")), None)
        if term is not None:
            m = cls.leaf_matcher(leaf.postings("docid", term))
            if not isinstance(m, whoosh3.W3LeafMatcher):
                return [*out, f"W3LeafMatcher postings (found {type(m).__name__})"]
            try:
                m._read_ids()
                m._read_weights()
                m._read_values()
            except (AttributeError, TypeError) as exc:
                return [*out, f"reading a posting block ({type(exc).__name__}: {exc})"]
            out += [f"W3LeafMatcher.{n}" for n in cls.MATCHER_STATE if not hasattr(m, n)]
        return out

    @classmethod
    def check(cls, reader) -> None:
        """Raise IncompatibleWhoosh, with a one-line reason, if something is missing."""
        missing = cls.missing(reader)
        if missing:
            raise IncompatibleWhoosh(
                f"tipkb's search was tested with whoosh-reloaded {TESTED_WHOOSH}, and the "
                f"installed {whoosh.versionstring()} lacks {', '.join(missing[:3])}; install "
                f"whoosh-reloaded=={TESTED_WHOOSH} (pip install -e . or the pinned wheel)")

    @staticmethod
    def leaf_matcher(m):
        """The codec's matcher under Whoosh's deletion filter (a public WrappingMatcher)."""
        while isinstance(m, WrappingMatcher):
            m = m.child
        return m

    @staticmethod
    def read_blocks(m, values: bool) -> tuple[list[int], list[float], list]:
        """Every posting of a W3LeafMatcher, a block at a time."""
        ids: list[int] = []
        weights: list[float] = []
        vals: list = []
        while True:
            m._read_ids()
            m._read_weights()
            ids.extend(m._ids)
            weights.extend(m._weights)
            if values:
                m._read_values()
                vals.extend(m._values)
            if m._lastblock:
                return ids, weights, vals
            m._next_block()

    @classmethod
    def lengths(cls, perdoc, fieldname: str, count: int) -> list[int]:
        """Every document's length in ``fieldname`` from a W3PerDocReader, read whole."""
        col = perdoc._cached_reader(whoosh3._lenfield(fieldname), whoosh3.LENGTHS_COLUMN)
        if col is None:
            return [0] * count
        n = min(col._count, count)
        raw = col._dbfile.get(col._basepos, n) if n else b""
        table = cls._TABLE
        return [table[b] for b in raw] + [0] * (count - n)

    @classmethod
    def segment_lengths(cls, leaf, fieldname: str) -> list[int]:
        return cls.lengths(leaf._perdoc, fieldname, leaf.doc_count_all())


class _WholeLengths:
    """A new segment's field lengths, read whole for the statistics Whoosh keeps with each
    posting block (it looks each one up through several calls otherwise)."""

    def __init__(self, perdoc):
        self.perdoc = perdoc
        self.cache: dict[str, list[int]] = {}

    def doc_field_length(self, docnum, fieldname, default=0):
        col = self.cache.get(fieldname)
        if col is None:
            col = self.cache[fieldname] = WhooshInternals.lengths(
                self.perdoc, fieldname, self.perdoc.doc_count_all())
        return col[docnum] if docnum < len(col) else default


class _FieldWriter(whoosh3.W3FieldWriter):
    def add_postings(self, schema, lengths, items):
        super().add_postings(schema, _WholeLengths(lengths) if lengths else lengths, items)


class FastCodec(whoosh3.W3Codec):
    """Whoosh's default codec, with whole-column length lookups when writing postings."""

    def field_writer(self, storage, segment):
        return _FieldWriter(self, storage, segment)


# --- Scoring ------------------------------------------------------------------------------

class BM25F(scoring.BM25F):
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
        if n and isinstance(sc, scoring.BM25FScorer):
            parent = searcher.get_parent()
            sc.avgfl = (parent.field_length(fieldname) / n) or 1
        return sc


def weighting(field_docs: dict[str, int]) -> BM25F:
    return BM25F(field_docs, B=0.75, K1=1.2, **{f"{f}_B": 0.3 for f in SHORT_FIELDS})


class OffsetPhrase(query.Phrase):
    """A phrase whose words must sit at given offsets from one start (see phrase_units).
    For words that follow each other (English) it is Whoosh's Phrase, which the oracle tests
    compare it with; Chinese words are offset by their length in characters."""

    def __init__(self, fieldname: str, units: list[tuple[str, int]], boost: float = 1.0):
        super().__init__(fieldname, [t for t, _ in units], boost=boost)
        self.units = units

    def normalize(self):
        if not self.units:
            return query.NullQuery
        if len(self.units) == 1:
            return query.Term(self.fieldname, self.units[0][0], boost=self.boost)
        return self

    def __eq__(self, other):
        return super().__eq__(other) and self.units == other.units

    def __hash__(self):
        return super().__hash__()


class Evaluator:
    """Finds and scores the documents of a query in one pass over whole posting lists.

    Whoosh's matchers step through postings one call at a time, which dominates search time
    on large indexes; most queries here are words combined with AND and OR, whose posting
    lists are read a block at a time and combined as Python sets and dicts. Term scores are
    the same BM25F as Whoosh's (same idf, quantised lengths and parameters). Phrases are
    matched on positions here; any other node (fuzzy terms, wildcards) is handed to Whoosh.
    """

    CACHE_TERMS = 512
    CACHE_POSITIONS = 64

    def __init__(self, searcher, weights: BM25F, common: frozenset[str] = frozenset()):
        self.searcher = searcher
        self.common = common  # the common words whose pairs the full text indexes
        self.reader = searcher.reader()
        self.leaves = self.reader.leaf_readers()
        self.weighting = weights
        self.n_all = self.reader.doc_count_all()
        self._lengths: dict[str, list[int]] = {}
        self._terms: dict[tuple[str, str], dict[int, float]] = {}
        self._positions: dict[tuple[str, str], dict[int, tuple[float, bytes]]] = {}
        self._live: set[int] | None = None

    # -- postings

    def postings(self, fieldname: str, text: str, values: bool = False
                 ) -> tuple[list[int], list[float], list]:
        """Document numbers, weights (and values) of every live posting of a term."""
        ids: list[int] = []
        weights: list[float] = []
        vals: list = []
        for leaf, base in self.leaves:
            try:
                m = WhooshInternals.leaf_matcher(leaf.postings(fieldname, text))
            except TermNotFound:
                continue
            if isinstance(m, whoosh3.W3LeafMatcher):
                lids, lweights, lvals = WhooshInternals.read_blocks(m, values)
            else:  # a posting list inlined in the term's entry: Whoosh's ListMatcher
                lids, lweights, lvals = [], [], []
                while m.is_active():
                    lids.append(m.id())
                    lweights.append(m.weight())
                    if values:
                        lvals.append(m.value())
                    m.next()
            deleted = leaf.deleted_docs_set if leaf.has_deletions() else None
            if deleted:
                keep = [i for i, d in enumerate(lids) if d not in deleted]
                lids = [lids[i] for i in keep]
                lweights = [lweights[i] for i in keep]
                lvals = [lvals[i] for i in keep] if values else lvals
            ids.extend([i + base for i in lids] if base else lids)
            weights.extend(lweights)
            vals.extend(lvals)
        return ids, weights, vals

    def field_lengths(self, fieldname: str) -> list[int]:
        if fieldname not in self._lengths:
            out: list[int] = []
            for leaf, _ in self.leaves:
                out.extend(WhooshInternals.segment_lengths(leaf, fieldname))
            self._lengths[fieldname] = out
        return self._lengths[fieldname]

    def _bm25(self, fieldname: str, text: str) -> Callable[[int, float], float]:
        """The BM25F score of a term in a document, from its weight there."""
        scorer = self.weighting.scorer(self.searcher, fieldname, text)
        idf, k1, b = scorer.idf, scorer.K1, scorer.B
        lengths = self.field_lengths(fieldname)
        norm, per = k1 * (1 - b), k1 * b / scorer.avgfl
        return lambda d, w: idf * (w * (k1 + 1)) / (w + norm + per * lengths[d])

    def term_scores(self, fieldname: str, text) -> dict[int, float]:
        """docnum -> BM25F score (unboosted) of one term; cached per searcher."""
        key = (fieldname, text)
        cached = self._terms.get(key)
        if cached is not None:
            return cached
        ids, weights, _ = self.postings(fieldname, text)
        schema = self.searcher.schema
        if not ids:
            scores: dict[int, float] = {}
        elif fieldname not in schema or not schema[fieldname].scorable:
            scores = dict(zip(ids, weights, strict=True))
        else:
            bm25 = self._bm25(fieldname, text)
            scores = {d: bm25(d, w) for d, w in zip(ids, weights, strict=True)}
        _remember(self._terms, key, scores, self.CACHE_TERMS)
        return scores

    def term_positions(self, fieldname: str, text: str) -> dict[int, tuple[float, bytes]]:
        """docnum -> (weight, encoded positions) of one term; cached per searcher."""
        key = (fieldname, text)
        cached = self._positions.get(key)
        if cached is None:
            ids, weights, vals = self.postings(fieldname, text, values=True)
            cached = dict(zip(ids, zip(weights, vals, strict=True), strict=True))
            _remember(self._positions, key, cached, self.CACHE_POSITIONS)
        return cached

    def positions_in(self, fieldname: str, text: str, docs: list[int]
                     ) -> dict[int, tuple[float, bytes]]:
        """Like term_positions, for the given documents only (sorted): the posting list is
        skipped through, reading only the blocks that hold them (Whoosh's public matcher)."""
        out: dict[int, tuple[float, bytes]] = {}
        i = 0
        for leaf, base in self.leaves:
            end = base + leaf.doc_count_all()
            mine = []
            while i < len(docs) and docs[i] < end:
                mine.append(docs[i] - base)
                i += 1
            if not mine:
                continue
            try:
                m = leaf.postings(fieldname, text)
            except TermNotFound:
                continue
            for d in mine:
                if not m.is_active():
                    break
                m.skip_to(d)
                if m.is_active() and m.id() == d:
                    out[d + base] = (m.weight(), m.value())
        return out

    def live(self) -> set[int]:
        if self._live is None:
            self._live = set(self.reader.all_doc_ids())
        return self._live

    # -- phrases

    SKIP_RATIO = 8  # skip through a posting list when it is this many times the candidates

    def phrase_scores(self, q: OffsetPhrase) -> dict[int, float]:
        """docnum -> score (the sum of its words' scores, as Whoosh's Phrase) of every
        document where each unit of the phrase sits at its offset from one start.

        Words are read rarest first; a common word is read only where the rarer ones are
        (skipping through its postings), and only the documents found are scored.
        """
        field = q.fieldname
        schema = self.searcher.schema
        if field not in schema or not isinstance(schema[field].format, WeightedPositions):
            return {}
        units = self._with_pairs(q.units) if isinstance(schema[field].format, TextPositions) \
            else q.units
        by_term: dict[str, list[int]] = defaultdict(list)
        for term, off in units:
            by_term[term].append(off)
        freq = {t: self.reader.doc_frequency(field, t) for t in by_term}
        if not all(freq.values()):
            return {}
        order = sorted(by_term, key=freq.__getitem__)
        data: dict[str, dict[int, tuple[float, bytes]]] = {}
        docs: set[int] | None = None
        for t in order:
            if docs is None or len(docs) * self.SKIP_RATIO >= freq[t]:
                data[t] = self.term_positions(field, t)
            else:
                data[t] = self.positions_in(field, t, sorted(docs))
            docs = set(data[t]) if docs is None else docs.intersection(data[t])
            if not docs:
                return {}
        # the rarest unit gives the possible starts, every other one keeps those it allows
        checks = [(data[t], off) for t in order for off in by_term[t]]
        (first, first_off), rest = checks[0], checks[1:]
        last = len(rest) - 1
        found = []
        for d in docs or ():
            arr = decode_positions(first[d][1])
            starts = set(arr) if not first_off else set(map(first_off.__rsub__, arr))
            for i, (postings, off) in enumerate(rest):
                arr = decode_positions(postings[d][1])
                if i == last:
                    if starts.isdisjoint(map(off.__rsub__, arr) if off else arr):
                        starts = set()
                    break
                starts.intersection_update(map(off.__rsub__, arr) if off else arr)
                if not starts:
                    break
            if starts:
                found.append(d)
        return self._word_scores(q, found, data)

    def _with_pairs(self, units: list[tuple[str, int]]) -> list[tuple[str, int]]:
        """The units of a phrase with each two common words in a row read as their pair
        (the same documents: the pair is indexed exactly where the two words follow)."""
        common = self.common
        if not common:
            return units
        at: dict[int, list[str]] = defaultdict(list)
        for term, off in units:
            at[off].append(term)
        single = {off: terms[0] for off, terms in at.items()
                  if len(terms) == 1 and terms[0] in common}
        pairs = [(pair_term(single[o], single[o + 1]), o) for o in sorted(single)
                 if o + 1 in single]
        if not pairs:
            return units
        covered = {o + d for _, o in pairs for d in (0, 1)}
        return pairs + [(t, o) for t, o in units if o not in covered]

    def _word_scores(self, q: OffsetPhrase, found: list[int],
                     data: dict[str, dict[int, tuple[float, bytes]]]) -> dict[int, float]:
        """The score of each document found: the sum of the phrase's words' scores."""
        field = q.fieldname
        out = dict.fromkeys(found, 0.0)
        docs = sorted(found)
        for w in q.words:
            cached = self._terms.get((field, w))
            if cached is not None:
                for d in docs:
                    out[d] += cached[d]
                continue
            postings = data.get(w)
            if postings is None:  # read through its pair: its weights where it was found
                postings = self.positions_in(field, w, docs)
            bm25 = self._bm25(field, w)
            for d in docs:
                out[d] += bm25(d, postings[d][0])
        boost = q.boost
        return out if boost == 1.0 else {d: v * boost for d, v in out.items()}

    # -- query tree

    def scores(self, q: query.Query) -> dict[int, float]:
        """docnum -> score of every document that ``q`` matches."""
        boost = getattr(q, "boost", 1.0) or 1.0
        if q is query.NullQuery or isinstance(q, type(query.NullQuery)):
            return {}
        if isinstance(q, query.Term):
            base = self.term_scores(q.fieldname, q.text)
            return base if boost == 1.0 else {d: v * boost for d, v in base.items()}
        if isinstance(q, OffsetPhrase):
            return self.phrase_scores(q)
        if isinstance(q, query.Every):
            return dict.fromkeys(self.live(), boost)
        if type(q) in (query.And, query.Or):
            out = self._combine(q)
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
        if isinstance(q, query.MultiTerm):  # fuzzy terms, prefixes, wildcards
            return self.scores(self.expand(q))
        # anything else (ranges, spans): Whoosh finds and scores it
        return whoosh_scores(self.searcher, q)

    def expand(self, q: query.Query) -> query.Query:
        """``q`` with each fuzzy term, prefix or wildcard replaced by an OR of the words it
        stands for in the whole index. (Whoosh's own searcher expands them and scores them
        segment by segment, a single word, two words and three or more in different ways, so
        that the ranking would depend on how a build cut the index into segments.)"""
        def expand(node: query.Query) -> query.Query:
            if not isinstance(node, query.MultiTerm):
                return node
            # segment by segment: the whole index's reader would measure edit distances
            # another way (Damerau-Levenshtein) than a segment's automaton (Levenshtein)
            found = {t.decode("utf-8") if isinstance(t, bytes) else t
                     for leaf, _ in self.leaves for _, t in node.expanded_terms(leaf)}
            words = sorted(t for t in found if " " not in t)  # not the pairs of common words
            if not words:
                return query.NullQuery
            if len(words) == 1:  # (Whoosh drops the boost of an OR of one clause)
                return query.Term(node.fieldname, words[0], boost=node.boost)
            return query.Or([query.Term(node.fieldname, w) for w in words], boost=node.boost)

        return q.accept(expand)

    def _combine(self, q: query.Query) -> dict[int, float]:
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
            return out
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
        return out


def _remember(cache: dict, key, value, limit: int) -> None:
    if len(cache) >= limit:
        cache.pop(next(iter(cache)))
    cache[key] = value


def whoosh_scores(searcher, q: query.Query) -> dict[int, float]:
    """docnum -> score of every match of ``q`` by Whoosh's own searcher: the reference the
    oracle tests compare the Evaluator with. Every OR is Whoosh's standard union: for three
    clauses or more on a small index Whoosh 2.7.5 may pick an array union instead, which
    scores differently when it sits inside another union."""
    def standard(node: query.Query) -> query.Query:
        if isinstance(node, query.Or):
            node = copy.copy(node)
            node.matcher_type = query.Or.DEFAULT_MATCHER
        return node

    q = q.accept(standard)
    return {h.docnum: h.score for h in searcher.search(q, limit=None, terms=False)}


# --- Searching ----------------------------------------------------------------------------

@dataclass
class Match:
    scores: dict[int, float]  # docnum -> score
    terms: set[str]  # the terms searched, for snippets
    suggestion: str | None


class WhooshSearcher:
    """Queries over one index folder. ``check`` (WhooshInternals) runs on open."""

    def __init__(self, folder: Path, field_docs: dict[str, int],
                 common: frozenset[str] = frozenset()):
        try:
            self.ix = index.open_dir(str(folder))
        except index.EmptyIndexError as exc:  # removed while we opened it
            raise FileNotFoundError(f"no index in {folder}") from exc
        self.weighting = weighting(field_docs)
        self.searcher = self.ix.searcher(weighting=self.weighting)
        try:
            WhooshInternals.check(self.searcher.reader())
        except BaseException:
            self.searcher.close()
            raise
        self.evaluator = Evaluator(self.searcher, self.weighting, common)
        self.schema = self.ix.schema
        self._parsers: dict[bool, qparser.QueryParser] = {}
        self._facets: dict[str, dict[str, set[int]]] | None = None

    def close(self) -> None:
        self.searcher.close()

    # -- parsing

    def _parser(self, any_term: bool) -> qparser.QueryParser:
        if any_term not in self._parsers:
            group = qparser.OrGroup.factory(0.9) if any_term else qparser.AndGroup
            p = qparser.QueryParser(None, self.schema, group=group)
            p.add_plugin(qparser.MultifieldPlugin(list(SEARCH_FIELDS), FIELD_BOOSTS))
            p.remove_plugin_class(qparser.EveryPlugin)
            self._parsers[any_term] = p
        return self._parsers[any_term]

    def parse(self, prepared: str, cutter: chinese.QueryCutter | None = None,
              any_term: bool = False) -> query.Query:
        """The query for prepared text (bounded, Chinese cut outside quotes): Whoosh's syntax
        when it is well formed, else plain terms; quoted text becomes exact phrases."""
        text = prepared if looks_parsable(prepared, QUERY_FIELDS) else plain_terms(prepared)
        parser = self._parser(any_term)
        try:
            parsed = parser.parse(text, normalize=False)
        except QueryParserError:
            text = plain_terms(text)
            parsed = parser.parse(text, normalize=False)

        def phrases(q: query.Query) -> query.Query:
            if not isinstance(q, query.Phrase) or isinstance(q, OffsetPhrase):
                return q
            if q.fieldname not in SEARCH_FIELDS:
                return query.NullQuery  # identifiers gain nothing from a phrase
            if not q.words or not q.char_ranges:
                return query.NullQuery
            span = text[q.char_ranges[0][0]:q.char_ranges[-1][1]]
            units = phrase_units(span, cutter)
            if not units:
                return query.NullQuery
            return OffsetPhrase(q.fieldname, units, boost=q.boost)

        return parsed.accept(phrases).normalize()

    @staticmethod
    def pin_provisions(parsed: query.Query, raw: str) -> query.Query:
        """Rank first the instruments whose key provisions include the one the query names."""
        refs = sorted(query_provision_refs(raw))
        if not refs or parsed is query.NullQuery:
            return parsed
        return query.AndMaybe(parsed, query.Or([
            query.Term("provision_refs", ref, boost=PROVISION_BOOST) for ref in refs]))

    def pin_names(self, parsed: query.Query, raw: str) -> query.Query:
        """Rank first the documents whose whole name is the query."""
        key = name_key(raw)
        if not key or parsed is query.NullQuery:
            return parsed
        return query.AndMaybe(parsed, query.Term("names", key, boost=NAME_BOOST))

    @staticmethod
    def filter(filters: dict) -> query.Query | None:
        terms = []
        for key in ("type", "region", "pillar", "kind", "scope"):
            if filters.get(key):
                terms.append(query.Term(key, filters[key]))
        if filters.get("topic"):
            terms.append(query.Term("topics", filters["topic"]))
        if filters.get("para"):
            terms.append(query.Term("paras", filters["para"]))
        return query.And(terms) if terms else None

    def fuzzy(self, prepared: str) -> query.Query | None:
        parts = []
        for kind, raw, _, _ in textnorm.tokens(plain_terms(prepared)):
            if kind != "word":
                continue
            term = word_term(raw)
            if term is None or len(term) < 4 or not term.isalpha():
                continue
            dist = 1 if len(term) < 7 else 2
            parts.append(query.Or([
                query.FuzzyTerm(f, term, boost=FIELD_BOOSTS[f] / 2, maxdist=dist,
                                prefixlength=1)
                for f in SEARCH_FIELDS
            ]))
        return query.Or(parts) if parts else None

    def indexed(self, word: str) -> bool:
        """True if the index holds ``word`` (as a term of a text field)."""
        term = word_term(word) if word.isalpha() else None
        reader = self.searcher.reader()
        return bool(term) and any(reader.doc_frequency(f, term) for f in SEARCH_FIELDS)

    # -- matching

    def match(self, prepared: str, raw: str, filters: dict,
              cutter: chinese.QueryCutter | None,
              suggest: Callable[[], str | None],
              prepare: Callable[[str], str]) -> Match:
        """Scores of the documents matching a query (prepared text and the raw query), with
        the fallbacks of a query that finds too little: for words, any of the words, the
        spelling correction and fuzzy matches; for phrases, only the corrected phrase."""
        filt = self.filter(filters)
        parsed = self.parse(prepared, cutter) if prepared else query.NullQuery
        if parsed is query.NullQuery and filt is None:
            return Match({}, set(), None)
        if parsed is query.NullQuery:
            parsed = query.Every()
        ev = self.evaluator
        allowed = ev.scores(filt).keys() if filt is not None else None

        def run(qq: query.Query) -> dict[int, float]:
            found = ev.scores(self.pin_provisions(self.pin_names(qq, raw), raw))
            return found if allowed is None else {d: v for d, v in found.items() if d in allowed}

        scores = run(parsed)
        suggestion = None
        # a typo is looked for when little was found, and also when much was: a typo can fall
        # on a rare stem ("trafficing" finds the few texts that say "traffic")
        loosen = bool(prepared) and not self._is_a_name(raw, scores)
        if loosen:
            suggestion = suggest()
        if loosen and (suggestion or len(scores) < FEW_RESULTS):
            corrected = self.parse(prepare(suggestion), cutter) if suggestion else None
            if has_phrase(prepared):  # an exact phrase stays exact
                if not scores and corrected is not None:
                    parsed = corrected
                    scores = run(parsed)
            else:
                # exact matches first: the original query counts most, then any term, then
                # the corrected query, then fuzzy matches
                any_term = self.parse(prepared, cutter, any_term=True)
                boosted = [parsed.with_boost(4.0), any_term.with_boost(2.0)]
                boosted += [x for x in (corrected, self.fuzzy(prepared)) if x is not None]
                parsed = query.Or(boosted)
                scores = run(parsed)
        terms = {t.decode("utf-8") if isinstance(t, bytes) else t
                 for _, t in parsed.iter_all_terms()}
        return Match(scores, terms, suggestion)

    def _is_a_name(self, raw: str, scores: dict[int, float]) -> bool:
        """True if a document found is one whose whole name is the query: then nothing is
        loosened (loosening a name of several common words costs most of a second)."""
        key = name_key(raw)
        return bool(key) and any(d in scores for d in self.evaluator.scores(
            query.Term("names", key)))

    def stored(self, docnum: int) -> dict:
        return plain_fields(self.searcher.stored_fields(docnum))

    def all_stored(self) -> dict[str, dict]:
        """docid -> stored fields of every document."""
        return {f["docid"]: f for _, f in self.searcher.reader().iter_docs()}

    def facets(self, docs: set[int]) -> dict[str, dict[str, int]]:
        if self._facets is None:
            reader = self.searcher.reader()
            self._facets = {
                name: {value: set(self.evaluator.postings(name, value)[0])
                       for value in reader.field_terms(name)}
                for name in FACET_FIELDS
            }
        out: dict[str, dict[str, int]] = {}
        for name, values in self._facets.items():
            counts = {v: n for v, members in values.items() if (n := len(docs & members))}
            out[name] = dict(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))
        return out
