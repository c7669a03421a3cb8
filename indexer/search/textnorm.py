"""Text normalisation for search, independent of any search engine.

- English words: case and accent folding, British spellings folded to American ones
  (labour -> labor, organised -> organized), stop words; stemming is left to the engine.
- Identifiers kept whole: document symbols (A/RES/55/25, E/2002/68/Add.1, plus their short
  forms 55/25 and E/2002/68), ILO conventions (C029, C.29 and C29 all become c29).
- Chinese: runs of CJK characters are segmented with jieba at index time (dictionary loaded
  once, lazily, with its cache file kept in the build folder). Queries are segmented with the
  same algorithm (jieba's word graph and maximum-probability route) over the vocabulary that
  the index actually holds, saved beside the index, so that a search never pays jieba's import
  and dictionary load (about 1.2 s) and a query word is cut the way the documents were.
"""

from __future__ import annotations

import logging
import os
import re
import sqlite3
import tempfile
import unicodedata
from functools import lru_cache
from math import log
from pathlib import Path

CJK_CHARS = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_CJK_RE = re.compile(f"[{CJK_CHARS}]")

# A token: a CJK run; an identifier with slashes (must contain a digit to count as one,
# else it is split into words: "and/or"); or a word with inner apostrophes, dots or hyphens
# between letters/digits (Add.1, C.29, e-mail).
_W = rf"[^\W{CJK_CHARS}]"  # a word character that is not CJK
TOKEN_RE = re.compile(
    rf"(?P<cjk>[{CJK_CHARS}]+)"
    rf"|(?P<sym>[A-Za-z0-9](?:{_W}|\.)*(?:/(?:{_W}|[.()])*{_W}\)?)+)"
    rf"|(?P<word>{_W}+(?:['’.]{_W}+)*)"
)
_DIGIT = re.compile(r"\d")
_ILO = re.compile(r"^c\.?0*(\d{1,3})$")

STOP_WORDS = frozenset(str.split(
    """a an and are as at be but by for from has have if in into is it its of on or such that
    the their then there these they this to was were will with""")
)

# British -> American spellings. Whole words, and word stems applied as prefixes.
UK_US_WORDS = {
    "programme": "program", "programmes": "programs", "judgement": "judgment",
    "judgements": "judgments", "acknowledgement": "acknowledgment", "ageing": "aging",
    "grey": "gray", "cheque": "check", "tyre": "tire", "catalogue": "catalog",
    "fulfil": "fulfill", "fulfils": "fulfills", "fulfilment": "fulfillment",
    "enrol": "enroll", "enrolment": "enrollment", "instalment": "installment",
    "skilful": "skillful", "wilful": "willful", "sceptical": "skeptical", "mould": "mold",
    "plough": "plow", "manoeuvre": "maneuver", "foetus": "fetus", "gaol": "jail",
    "paediatric": "pediatric", "aluminium": "aluminum", "draught": "draft",
}
UK_US_PREFIXES = {
    # -our -> -or
    **{uk: uk.replace("our", "or") for uk in (
        "labour", "colour", "favour", "behaviour", "honour", "neighbour", "harbour", "humour",
        "rumour", "vigour", "endeavour", "savour", "flavour", "odour", "armour", "parlour",
        "valour", "clamour", "tumour", "saviour", "splendour", "candour", "rancour", "ardour",
        "fervour")},
    # -re -> -er
    "centre": "center", "theatre": "theater", "metre": "meter", "litre": "liter",
    "fibre": "fiber", "calibre": "caliber", "sombre": "somber", "spectre": "specter",
    "meagre": "meager", "lustre": "luster",
    # -ence -> -ense
    "defence": "defense", "offence": "offense", "licence": "license", "pretence": "pretense",
    # -yse -> -yze
    "analys": "analyz", "paralys": "paralyz", "catalys": "catalyz",
    # doubled l
    "travell": "travel", "counsell": "counsel", "modell": "model", "labell": "label",
    "cancell": "cancel", "fuell": "fuel", "signall": "signal", "channell": "channel",
    "levell": "level", "jewell": "jewel", "marshall": "marshal",
    "paed": "ped", "oestr": "estr", "haem": "hem", "anaem": "anem", "diarrhoea": "diarrhea",
}
_PREFIX_RE = re.compile("^(" + "|".join(sorted(UK_US_PREFIXES, key=len, reverse=True)) + ")")
# -ise/-isation -> -ize/-ization, except words where -ise is not that suffix.
_ISE_RE = re.compile(r"^(?P<base>\w{3,}?)is(?P<end>e|ed|es|ing|er|ers|ation|ations|ational)$")
_ISE_EXCEPTIONS = frozenset(str.split(
    """advise advertise arise chastise comprise compromise demise despise devise disguise enterprise
    excise exercise expertise franchise improvise incise merchandise noise otherwise paradise poise
    praise precise premise promise raise revise rise supervise surmise surprise televise treatise
    wise likewise clockwise cruise bruise guise reprise porpoise tortoise turquoise anise concise
    circumcise sunrise uprise prise apprise valise mortise remise""")
)


def fold_accents(text: str) -> str:
    """'Côte d’Ivoire' -> 'Cote d’Ivoire': drop combining marks (Latin text only)."""
    if text.isascii():
        return text
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def us_spelling(word: str) -> str:
    """Fold a lower-case British spelling to the American one; other words unchanged."""
    if word in UK_US_WORDS:
        return UK_US_WORDS[word]
    m = _PREFIX_RE.match(word)
    if m:
        return UK_US_PREFIXES[m.group(1)] + word[m.end():]
    m = _ISE_RE.match(word)
    if m and not word.endswith(("wise", "cise", "uise", "oise")):
        base = m.group("base")
        if base + "ise" not in _ISE_EXCEPTIONS:
            return f"{base}iz{m.group('end')}"
    return word


def symbol_variants(symbol: str) -> list[str]:
    """Searchable forms of a document symbol, the whole symbol first.

    'A/RES/55/25' -> ['a/res/55/25', 'a/res/55', '55/25']; 'E/2002/68/Add.1' ->
    ['e/2002/68/add.1', 'e/2002/68', 'e/2002', '2002/68'].
    """
    parts = [p for p in symbol.lower().rstrip(".").split("/") if p]
    out = ["/".join(parts)]
    for i in range(len(parts) - 1, 1, -1):  # prefixes that end with a number
        if _DIGIT.search(parts[i - 1]):
            out.append("/".join(parts[:i]))
    pairs = [f"{a}/{b}" for a, b in zip(parts, parts[1:], strict=False)
             if a.isdigit() and b.isdigit()]
    if pairs:
        out.append(pairs[-1])
    seen: dict[str, None] = {}
    for v in out:
        seen.setdefault(v)
    return list(seen)


@lru_cache(maxsize=200_000)
def normalize_word(word: str) -> str | None:
    """The search form of one Latin word before stemming, or None for a stop word."""
    w = fold_accents(word).lower().replace("’", "'")
    if w.endswith("'s"):
        w = w[:-2]
    w = w.replace("'", "")
    if not w or w in STOP_WORDS:
        return None
    if m := _ILO.match(w):
        return f"c{int(m.group(1))}"
    return us_spelling(w)


def has_cjk(text: str) -> bool:
    return _CJK_RE.search(text) is not None


def tokens(text: str):
    """Yield (kind, text, start, end) for each raw token: kind is 'word', 'sym' or 'cjk'."""
    for m in TOKEN_RE.finditer(text):
        kind = m.lastgroup
        tok = m.group()
        start, end = m.start(), m.end()
        if kind == "sym" and not _DIGIT.search(tok):
            for sub in re.finditer(rf"{_W}+(?:['’]{_W}+)*", tok):
                yield "word", sub.group(), start + sub.start(), start + sub.end()
            continue
        if kind == "word" and "." in tok and not _DIGIT.search(tok):
            # "U.S." stays whole, "end.Next" (a missing space) splits.
            if not re.fullmatch(r"(?:[A-Za-z]\.)+[A-Za-z]?", tok):
                for sub in re.finditer(rf"{_W}+", tok):
                    yield "word", sub.group(), start + sub.start(), start + sub.end()
                continue
            yield kind, tok.replace(".", ""), start, end
            continue
        if kind == "sym":
            tok = tok.rstrip(".")
            if tok.endswith(")") and "(" not in tok:
                tok = tok[:-1]
        yield kind, tok, start, start + len(tok)


# --- Chinese ------------------------------------------------------------------------------

class _Jieba:
    """jieba's dictionary: loaded whole once per process, or looked up lazily.

    A full build loads jieba (about 1 s, from its cache file) and keeps a copy of its prefix
    dictionary in an SQLite file beside that cache. A small update then segments its few
    documents with the same algorithm (see VocabSegmenter) over that copy, reading only the
    entries for the characters it meets: same words, without importing jieba.
    """

    cache_dir: Path | None = None
    _tk = None
    _lazy: VocabSegmenter | None = None

    @classmethod
    def folder(cls) -> Path:
        return cls.cache_dir or Path(tempfile.gettempdir()) / "tipkb-cache"

    @classmethod
    def store(cls) -> Path:
        return cls.folder() / "jieba-prefix-dict.sqlite"

    @classmethod
    def tokenizer(cls):
        if cls._tk is None:
            import jieba

            jieba.setLogLevel(logging.WARNING)
            tk = jieba.Tokenizer()
            cls.folder().mkdir(parents=True, exist_ok=True)
            tk.tmp_dir = str(cls.folder())
            tk.initialize()
            cls._tk = tk
            if not cls.store().exists():
                _export_prefix_dict(tk.FREQ, tk.total, cls.store())
        return cls._tk

    @classmethod
    def segmenter(cls):
        """(cut function, prefix dictionary) of the loaded jieba, else of the lazy copy."""
        if cls._tk is None and cls.store().exists():
            if cls._lazy is None:
                freq = _LazyFreq(cls.store())
                cls._lazy = VocabSegmenter.over_prefix_dict(freq, freq.total)
            return cls._lazy.cut, cls._lazy.freq
        tk = cls.tokenizer()
        return (lambda run: tk.cut(run, HMM=False)), tk.FREQ


class _LazyFreq:
    """A read-only prefix dictionary in SQLite, loaded one first character at a time."""

    def __init__(self, path: Path):
        self.db = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
        self.total = int(self.db.execute("SELECT total FROM meta").fetchone()[0])
        self.shards: dict[str, dict[str, int]] = {}

    def _shard(self, ch: str) -> dict[str, int]:
        shard = self.shards.get(ch)
        if shard is None:
            rows = self.db.execute("SELECT word, freq FROM f WHERE first = ?", (ch,))
            shard = self.shards[ch] = dict(rows)
        return shard

    def __contains__(self, word: str) -> bool:
        return bool(word) and word in self._shard(word[0])

    def __getitem__(self, word: str) -> int:
        return self._shard(word[0])[word]

    def get(self, word: str, default=None):
        return self._shard(word[0]).get(word, default) if word else default


def _export_prefix_dict(freq: dict[str, int], total: int, path: Path) -> None:
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.unlink(missing_ok=True)
    db = sqlite3.connect(tmp)
    db.execute("CREATE TABLE f (first TEXT, word TEXT, freq INTEGER)")
    db.execute("CREATE TABLE meta (total INTEGER)")
    db.executemany("INSERT INTO f VALUES (?, ?, ?)", ((w[0], w, n) for w, n in freq.items() if w))
    db.execute("INSERT INTO meta VALUES (?)", (total,))
    db.execute("CREATE INDEX f_first ON f (first)")
    db.commit()
    db.close()
    os.replace(tmp, path)


def set_jieba_cache_dir(path: Path) -> None:
    """Keep jieba's dictionary cache (and our SQLite copy of it) in ``path``."""
    _Jieba.cache_dir = Path(path)


def load_jieba() -> None:
    """Load jieba's whole dictionary now (a full build; before worker processes fork)."""
    _Jieba.tokenizer()


def segment_for_index(run: str) -> list[tuple[str, int]]:
    """Segment a CJK run with jieba: whole words and their dictionary sub-words.

    Returns (word, offset in run) pairs, like jieba's search mode (HMM off, so the result
    depends only on the dictionary and queries can be cut the same way).
    """
    cut, freq = _Jieba.segmenter()
    out: list[tuple[str, int]] = []
    pos = 0
    for w in cut(run):
        n = len(w)
        if n > 2:
            for i in range(n - 1):
                if freq.get(w[i:i + 2]):
                    out.append((w[i:i + 2], pos + i))
        if n > 3:
            for i in range(n - 2):
                if freq.get(w[i:i + 3]):
                    out.append((w[i:i + 3], pos + i))
        out.append((w, pos))
        pos += n
    return out


def jieba_frequencies(words) -> tuple[dict[str, int], int]:
    """jieba's dictionary frequency of each word (1 when unknown) and the dictionary total."""
    words = list(words)
    if not words:
        return {}, 1
    _, freq = _Jieba.segmenter()
    total = _Jieba._tk.total if _Jieba._tk is not None else freq.total
    return {w: freq.get(w) or 1 for w in words}, total


class VocabSegmenter:
    """jieba's exact-mode cut (no HMM), over a given vocabulary {word: frequency}."""

    def __init__(self, freq: dict[str, int], total: int):
        pf: dict[str, int] = {}
        for word, f in freq.items():
            pf[word] = f
            for i in range(1, len(word)):
                pf.setdefault(word[:i], 0)
        self.freq = pf
        self.logtotal = log(max(total, 1))

    @classmethod
    def over_prefix_dict(cls, prefix_dict, total: int) -> VocabSegmenter:
        """A segmenter over a ready prefix dictionary (every prefix of a word present, 0)."""
        seg = cls.__new__(cls)
        seg.freq = prefix_dict
        seg.logtotal = log(max(total, 1))
        return seg

    def cut(self, run: str) -> list[str]:
        n = len(run)
        freq = self.freq
        dag: dict[int, list[int]] = {}
        for k in range(n):
            ends, i, frag = [], k, run[k]
            while i < n and frag in freq:
                if freq[frag]:
                    ends.append(i)
                i += 1
                frag = run[k:i + 1]
            dag[k] = ends or [k]
        route: dict[int, tuple[float, int]] = {n: (0.0, 0)}
        for idx in range(n - 1, -1, -1):
            route[idx] = max(
                (log(freq.get(run[idx:x + 1]) or 1) - self.logtotal + route[x + 1][0], x)
                for x in dag[idx]
            )
        out, x = [], 0
        while x < n:
            y = route[x][1] + 1
            out.append(run[x:y])
            x = y
        return out

    def query_words(self, run: str) -> list[str]:
        """Words to require for a CJK query run: each word, or its indexed sub-words.

        A long word is replaced by its two- and three-character sub-words when the index has
        them: documents that hold the long word hold those too (search-mode indexing), and
        documents where jieba cut the same characters differently still match.
        """
        out: list[str] = []
        for w in self.cut(run):
            subs = []
            if len(w) > 2:
                subs = [w[i:i + 2] for i in range(len(w) - 1) if self.freq.get(w[i:i + 2])]
                covered: set[int] = set()
                for s in subs:
                    i = w.find(s)
                    covered.update(range(i, i + 2))
                if len(covered) < len(w):
                    subs = []
            out.extend(subs or [w])
        return list(dict.fromkeys(out))


@lru_cache(maxsize=8)
def load_vocab_segmenter(path: str, mtime_ns: int) -> VocabSegmenter:
    """The segmenter for a vocabulary file written by ``write_vocab`` (cached per file)."""
    freq: dict[str, int] = {}
    total = 1
    with open(path, encoding="utf-8") as fh:
        for i, line in enumerate(fh):
            if i == 0:
                total = int(line.split()[1])
                continue
            word, _, f = line.rstrip("\n").partition(" ")
            freq[word] = int(f or 1)
    return VocabSegmenter(freq, total)


def write_vocab(path: Path, freq: dict[str, int], total: int) -> None:
    lines = [f"#total {total}"] + [f"{w} {f}" for w, f in sorted(freq.items())]
    Path(path).write_text("\n".join(lines) + "\n", encoding="utf-8")
