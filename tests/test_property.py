"""Property tests: whatever a contributor's file holds, the loader and validator answer with
problems (file, line, known code), never an exception, and a sound entry beside it is kept."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from indexer.corpus.loader import load_corpus, load_entry
from indexer.rules import RULES

from .conftest import CORPUS, FIXTURES, make_corpus

SEEDS = [
    (CORPUS / "entries" / name).read_text(encoding="utf-8")
    for name in ("untoc.md", "practice-non-punishment.md", "icat.md", "coe-convention.md")
    if (CORPUS / "entries" / name).exists()
] + [(FIXTURES / "invalid" / "entries" / "base-entry.md").read_text(encoding="utf-8")]

# Characters that mean something to YAML, Markdown or HTML, and some that mean trouble.
SPECIAL = list(":{}[]&*!|>-#'\"%@`,?~\n\t ") + ["<script>", "<!--", "-->", "\x00", "\x1b[2J",
                                                 "\u202e", "\ufeff", "---", "&x", "*x", "!!str",
                                                 "<<: ", "\\", "é", "贩运", "\U0001f600"]
snippets = st.lists(st.sampled_from(SPECIAL) | st.characters(), max_size=12).map("".join)
edits = st.one_of(
    st.tuples(st.just("insert"), st.integers(0, 10**6), snippets),
    st.tuples(st.just("delete"), st.integers(0, 10**6), st.integers(1, 200)),
    st.tuples(st.just("dup-line"), st.integers(0, 10**6), st.just("")),
    st.tuples(st.just("drop-line"), st.integers(0, 10**6), st.just("")),
)


def mutate(text: str, ops) -> str:
    for op, at, arg in ops:
        if op == "insert":
            i = at % (len(text) + 1)
            text = text[:i] + arg + text[i:]
        elif op == "delete":
            i = at % (len(text) + 1)
            text = text[:i] + text[i + arg:]
        else:
            lines = text.split("\n")
            i = at % len(lines)
            lines[i:i + 1] = [lines[i]] * (2 if op == "dup-line" else 0)
            text = "\n".join(lines)
    return text


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.sampled_from(range(len(SEEDS))), ops=st.lists(edits, min_size=1, max_size=6))
def test_a_mutated_entry_never_raises(tmp_path_factory, seed, ops):
    path = tmp_path_factory.mktemp("p") / "mutant.md"
    path.write_text(mutate(SEEDS[seed], ops), encoding="utf-8", errors="surrogatepass")
    entry, problems = load_entry(path)
    for p in problems:
        assert p.code in RULES and p.line >= 1 and p.col >= 1
        assert p.code != "TIP000", p.as_text()  # no rule crashed on it
    if entry is not None:
        assert isinstance(entry.data, dict)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.sampled_from(range(len(SEEDS))), ops=st.lists(edits, min_size=1, max_size=6))
def test_a_mutated_entry_never_hides_a_sound_one(tmp_path_factory, seed, ops):
    root = make_corpus(tmp_path_factory.mktemp("c"))
    sound = (FIXTURES / "invalid" / "entries" / "base-entry.md").read_text()
    (root / "entries" / "base-entry.md").write_text(sound)
    (root / "entries" / "mutant.md").write_text(mutate(SEEDS[seed], ops), encoding="utf-8",
                                                 errors="surrogatepass")
    corpus, problems = load_corpus(root)
    assert "base-entry" in corpus.entries
    assert not [p for p in problems if Path(p.path).name == "base-entry.md"
                and p.level == "error" and p.code not in ("TIP012", "TIP013")]
    assert not [p for p in problems if p.code == "TIP000"], [p.as_text() for p in problems]
