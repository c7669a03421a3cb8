"""Did you mean: the English words of the index with their counts, and the closest known word
for an unknown one (no search engine here)."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable
from pathlib import Path

from indexer import jsonio
from indexer.files import write_atomic

_SPELL_WORD = re.compile(r"[a-z]{3,}")
_SPELL_FIELDS = ("title", "short_title", "summary", "body", "text_en")


def spell_words(docs: Iterable[dict]) -> Counter:
    """Words offered as corrections: those of every stored English field, with counts.
    Counted one document at a time: a list of every word of a corpus would cost a full build
    at 10,000 entries 400 MB more at its peak than the rest of the build."""
    counts: Counter = Counter()
    for d in docs:
        parts = [d.get(k) or "" for k in _SPELL_FIELDS]
        parts.extend(d.get("aliases") or [])
        counts.update(_SPELL_WORD.findall("\n".join(parts).lower()))
    return counts


def write_spell(path: Path, counts: Counter) -> None:
    write_atomic(path, jsonio.dumps(dict(sorted((+counts).items()))))


def read_spell(path: Path) -> Counter:
    try:
        data = jsonio.loads(Path(path).read_bytes())
    except (FileNotFoundError, ValueError):
        return Counter()
    return Counter({w: n for w, n in data.items() if isinstance(n, int)}) \
        if isinstance(data, dict) else Counter()


def distance(a: str, b: str, limit: int) -> int:
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


def closest(word: str, candidates: dict[str, int]) -> str | None:
    """The nearest candidate (1 edit for short words, 2 for long ones), most frequent first."""
    limit = 1 if len(word) < 6 else 2
    best, best_key = None, None
    for cand, count in candidates.items():
        d = distance(word, cand, limit)
        if d <= limit:
            key = (d, -count, cand)
            if best_key is None or key < best_key:
                best, best_key = cand, key
    return best


class Speller:
    """Corrections from the words of one index generation."""

    def __init__(self, path: Path):
        self.by_letter: dict[str, dict[str, int]] = {}
        for w, n in read_spell(path).items():
            self.by_letter.setdefault(w[0], {})[w] = n

    def suggest(self, q: str, indexed: Callable[[str], bool],
                term_of: Callable[[str], str | None] | None = None) -> str | None:
        """A corrected query, or None when every word is known.

        A word is known if the spelling list has this very form. A form it lacks whose term
        the index holds (``indexed``) may still be a typo that happens to fall on a rare stem
        ("trafficing" -> traffic): it is corrected when the nearest listed word is more common
        than all the listed forms of its own term together (``term_of``: a word's indexed
        term), as the site's search does."""
        out, changed = [], False
        for word in q.split():
            core = word.strip("\"'()[]{}.,;:!?")
            low = core.lower()
            bucket = self.by_letter.get(low[0], {}) if low else {}
            known = len(low) < 4 or not core.isalpha() or low in bucket
            best = None if known else closest(low, bucket)
            if best and indexed(core) and not self._more_common(best, low, bucket, term_of):
                best = None
            if not best:
                out.append(word)
                continue
            if core.isupper():
                best = best.upper()
            elif core[0].isupper():
                best = best[0].upper() + best[1:]
            out.append(word.replace(core, best))
            changed = True
        return " ".join(out) if changed else None

    @staticmethod
    def _more_common(best: str, low: str, bucket: dict[str, int],
                     term_of: Callable[[str], str | None] | None) -> bool:
        """Whether ``best`` is more common than the listed forms of ``low``'s term."""
        if term_of is None:
            return False  # an indexed word, and no way to weigh it: keep it
        own = term_of(low)
        own_count = sum(n for w, n in bucket.items() if term_of(w) == own)
        return bucket[best] > own_count
