"""Text normalisation for search, independent of any search engine.

- English words: case and accent folding, British spellings folded to American ones
  (labour -> labor, organised -> organized), stop words, then Porter's stemmer
  (``word_term``, the one definition of a word's term for the CLI's index and the site's).
- Identifiers kept whole: document symbols (A/RES/55/25, E/2002/68/Add.1, plus their short
  forms 55/25 and E/2002/68), ILO conventions (C029, C.29 and C29 all become c29).
- Chinese: runs of CJK characters are found here and cut into words by jieba
  (indexer.search.chinese).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from functools import lru_cache
from math import log
from pathlib import Path

from indexer.search.porter import stem

CJK_CHARS = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
# Runs of CJK characters. The one compiled class of CJK_CHARS for search: Python compiles a
# class of BMP ranges one character at a time (about 2 ms each, at every start of a command),
# so the tokens are found in two steps rather than by one pattern that repeated the class
# six times (15 ms of every `tipkb index`).
CJK_RUN_RE = re.compile(f"[{CJK_CHARS}]+")

# A token between CJK runs: an identifier with slashes (must contain a digit to count as one,
# else it is split into words: "and/or"); or a word with inner apostrophes, dots or hyphens
# between letters/digits (Add.1, C.29, e-mail). Between CJK runs every word character is a
# non-CJK one, so \w says what "[^\W" + CJK_CHARS + "]" would. The first group never matches:
# it keeps findall's triples (cjk, sym, word), the CJK runs being added by ``token_groups``.
_NON_CJK_TOKEN_RE = re.compile(
    r"(?P<cjk>(?!x)x)"
    r"|(?P<sym>[A-Za-z0-9](?:\w|\.)*(?:/(?:\w|[.()])*\w\)?)+)"
    r"|(?P<word>\w+(?:['’.]\w+)*)"
)
_SUB_WORDS = re.compile(r"\w+(?:['’]\w+)*")  # of a sym token (never holds CJK)
_PLAIN_WORDS = re.compile(r"\w+")  # of a dotted word token (never holds CJK)
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


@lru_cache(maxsize=300_000)
def word_term(word: str) -> str | None:
    """The indexed form of a Latin word: normalised and stemmed; None if stopped. Words with
    digits or letters outside ASCII are kept whole."""
    w = normalize_word(word)
    if w is None:
        return None
    if any(c.isdigit() for c in w) or not w.isascii():
        return w
    return stem(w)


def has_cjk(text: str) -> bool:
    return CJK_RUN_RE.search(text) is not None


def _pieces(text: str) -> Iterator[tuple[int, int, re.Match | None]]:
    """``text`` cut at its CJK runs: (start, end, the run's match or None for the text
    between two runs), in order."""
    pos = 0
    for m in CJK_RUN_RE.finditer(text):
        if m.start() > pos:
            yield pos, m.start(), None
        yield m.start(), m.end(), m
        pos = m.end()
    yield pos, len(text), None


def token_groups(text: str) -> list[tuple[str, str, str]]:
    """(cjk, sym, word) for each raw token of ``text`` in order, one of the three non-empty:
    a run of CJK characters, an identifier, or a word (see _NON_CJK_TOKEN_RE)."""
    find = _NON_CJK_TOKEN_RE.findall
    out: list[tuple[str, str, str]] = []
    for start, end, run in _pieces(text):
        if run is not None:
            out.append((run.group(), "", ""))
        else:
            out += find(text, start, end)
    return out


def _raw_tokens(text: str) -> Iterator[tuple[str, str, int, int]]:
    """(kind, text, start, end) of each raw token, in the order of ``token_groups``."""
    for start, end, run in _pieces(text):
        if run is not None:
            yield "cjk", run.group(), start, end
        else:
            for t in _NON_CJK_TOKEN_RE.finditer(text, start, end):
                yield t.lastgroup or "", t.group(), t.start(), t.end()


def tokens(text: str):
    """Yield (kind, text, start, end) for each raw token: kind is 'word', 'sym' or 'cjk'."""
    for kind, tok, start, end in _raw_tokens(text):
        if kind == "sym" and not _DIGIT.search(tok):
            for sub in _SUB_WORDS.finditer(tok):
                yield "word", sub.group(), start + sub.start(), start + sub.end()
            continue
        if kind == "word" and "." in tok and not _DIGIT.search(tok):
            # "U.S." stays whole, "end.Next" (a missing space) splits.
            if not re.fullmatch(r"(?:[A-Za-z]\.)+[A-Za-z]?", tok):
                for sub in _PLAIN_WORDS.finditer(tok):
                    yield "word", sub.group(), start + sub.start(), start + sub.end()
                continue
            yield kind, tok.replace(".", ""), start, end
            continue
        if kind == "sym":
            tok = tok.rstrip(".")
            if tok.endswith(")") and "(" not in tok:
                tok = tok[:-1]
        yield kind, tok, start, start + len(tok)


def set_jieba_cache_dir(path: Path) -> None:
    """Keep jieba's dictionary cache in ``path`` (see indexer.search.chinese)."""
    from indexer.search import chinese

    chinese.set_jieba_cache_dir(path)


# --- For the site's search (indexer/site/search), which ports this analysis to the browser --

def _jieba_cache_dir() -> Path:
    """Where jieba keeps its dictionary's cache when nothing set it: the build folder, as
    `tipkb index` sets it (never the user's home or /tmp)."""
    import os

    return Path(os.environ.get("TIPKB_BUILD", Path.cwd() / "build")) / "cache"


def segment_for_index(run: str) -> list[tuple[str, int]]:
    """(word, offset in run) of a run of Chinese characters, as the index cuts it: jieba's
    search mode over its full dictionary, no HMM (indexer.search.chinese)."""
    from indexer.search import chinese

    return chinese.tokenize_for_index(chinese.full_tokenizer(_jieba_cache_dir()), run)


def jieba_frequencies(words) -> tuple[dict[str, int], int]:
    """jieba's dictionary frequency of each word (1 when it has none) and the dictionary's
    total (1 when there are no words: jieba is not loaded for nothing)."""
    from indexer.search import chinese

    freq, total = chinese.frequencies(words, _jieba_cache_dir())
    return freq, total or 1


class VocabSegmenter:
    """jieba's exact-mode cut without HMM over a given vocabulary {word: frequency}, in plain
    Python: the reference that the browser's port of the query analysis follows
    (indexer/site/search). The CLI cuts with jieba itself (chinese.QueryCutter); the tests
    check that both cut alike."""

    def __init__(self, freq: dict[str, int], total: int):
        pf: dict[str, int] = {}
        for word, f in freq.items():
            pf[word] = f
            for i in range(1, len(word)):
                pf.setdefault(word[:i], 0)
        self.freq = pf
        self.logtotal = log(max(total, 1))

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
        """Words to require for a Chinese query run: each word of the cut, or its indexed
        two-character sub-words when they cover it (as chinese.QueryCutter.units)."""
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
