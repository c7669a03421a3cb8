"""After an edit the corpus-wide rules judge again only the entries the edit can affect
(indexer.corpus.scope), and say exactly what a run over the whole corpus says."""

from __future__ import annotations

import random
import re
import shutil
from dataclasses import astuple
from pathlib import Path

import pytest

from indexer import rules
from indexer.corpus.loader import check_corpus
from indexer.corpus.scope import keys_of

from .conftest import CORPUS, make_corpus


def problems(checked) -> list[tuple]:
    return [astuple(p) for p in checked.problems]


def both(root: Path, folder: Path):
    """The cached run and a run without cache; their problems must agree."""
    warm = check_corpus(root, cache=folder, documents=True)
    cold = check_corpus(root, cache=False, documents=True)
    assert problems(warm) == problems(cold)
    assert [dict(d) for d in warm.documents] == [dict(d) for d in cold.documents]
    return warm


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    return make_corpus(tmp_path, CORPUS / "entries")


def edit(root: Path, name: str, old: str, new: str, count: int = 1) -> None:
    path = root / "entries" / name
    text = path.read_text(encoding="utf-8")
    assert old in text, (name, old)
    path.write_text(text.replace(old, new, count), encoding="utf-8")


def first_note(root: Path, name: str) -> str:
    text = (root / "entries" / name).read_text(encoding="utf-8")
    return re.search(r"^ +note: (.+)$", text, re.M).group(1)


def names_with_notes(root: Path) -> list[str]:
    return sorted(p.name for p in (root / "entries").glob("*.md")
                  if re.search(r"^ +note: ", p.read_text(encoding="utf-8"), re.M))


def test_edits_that_tie_entries_together_are_judged_on_every_entry_they_touch(corpus, tmp_path):
    folder = tmp_path / "cache"
    first = both(corpus, folder)
    assert first.facts.rejudged is None  # the first run judges every entry
    assert not any(p.code in ("TIP013", "TIP025") for p in first.problems)

    # a body-only edit: one entry judged again, nothing else
    edit(corpus, "untoc.md", "## Summary\n", "## Summary\n\nEdited.\n")
    after = both(corpus, folder)
    assert after.facts.rejudged == 1
    assert after.read == 1

    # three entries given the same note: each becomes boilerplate (TIP025), the two that
    # were not edited included
    a, b, c = names_with_notes(corpus)[:3]
    shared = "a note shared by three entries."
    for name in (a, b, c):
        edit(corpus, name, f"note: {first_note(corpus, name)}", f"note: {shared}")
        checked = both(corpus, folder)
        assert checked.facts.rejudged is not None
    flagged = {Path(p.path).name for p in checked.problems if p.code == "TIP025"}
    assert flagged == {a, b, c}
    # and undone in one of them: the other two are cleared although they did not change
    edit(corpus, c, f"note: {shared}", "note: a note of its own for this entry.")
    checked = both(corpus, folder)
    assert not any(p.code == "TIP025" for p in checked.problems)
    assert checked.facts.rejudged == 3

    # another entry's name taken as an alias (TIP013): reported on the entry whose id sorts
    # later, here the one that was not edited
    edit(corpus, "trafficking-protocol.md", "  - Palermo Protocol\n",
         "  - Palermo Protocol\n  - Palermo Convention\n")
    checked = both(corpus, folder)
    assert [Path(p.path).name for p in checked.problems if p.code == "TIP013"] == ["untoc.md"]
    assert checked.facts.rejudged == 2
    edit(corpus, "trafficking-protocol.md", "  - Palermo Convention\n", "")
    checked = both(corpus, folder)
    assert not any(p.code == "TIP013" for p in checked.problems)


def test_edits_of_ids_files_and_links_give_what_a_full_run_gives(corpus, tmp_path):
    folder = tmp_path / "cache"
    both(corpus, folder)
    entries = corpus / "entries"
    # a link to a missing entry, then back
    text = (entries / "untoc.md").read_text(encoding="utf-8")
    rel = re.search(r"^  - id: ([a-z0-9-]+)$", text, re.M).group(1)
    edit(corpus, "untoc.md", f"  - id: {rel}\n", "  - id: no-such-entry\n")
    checked = both(corpus, folder)
    assert any(p.code == "TIP030" for p in checked.problems)
    assert checked.facts.rejudged == 1
    edit(corpus, "untoc.md", "  - id: no-such-entry\n", f"  - id: {rel}\n")
    assert not any(p.code == "TIP030" for p in both(corpus, folder).problems)
    # a file removed: the links to it break in files that did not change (a full run)
    gone = (entries / rel).with_suffix(".md")
    kept = gone.read_text(encoding="utf-8")
    gone.unlink()
    checked = both(corpus, folder)
    assert checked.facts.rejudged is None
    assert any(p.code == "TIP030" and rel in p.message for p in checked.problems)
    gone.write_text(kept, encoding="utf-8")
    assert not any(p.code == "TIP030" for p in both(corpus, folder).problems)
    # an entry that cannot be read, then mended
    edit(corpus, "untoc.md", "---\n", "---\nid: [\n")
    checked = both(corpus, folder)
    assert checked.facts.rejudged is None
    edit(corpus, "untoc.md", "---\nid: [\n", "---\n")
    both(corpus, folder)
    # an id changed to another file's id (TIP012), and back
    text = (entries / "untoc.md").read_text(encoding="utf-8")
    edit(corpus, "untoc.md", "id: untoc\n", f"id: {rel}\n")
    assert any(p.code == "TIP012" for p in both(corpus, folder).problems)
    (entries / "untoc.md").write_text(text, encoding="utf-8")
    assert not any(p.code == "TIP012" for p in both(corpus, folder).problems)


def test_random_edits_agree_with_a_full_run(corpus, tmp_path):
    """Random edits of notes, names, links, statements and bodies, a few files at a time."""
    folder = tmp_path / "cache"
    both(corpus, folder)
    rng = random.Random(64293)
    entries = sorted((corpus / "entries").glob("*.md"))
    ids = [p.stem for p in entries]
    notes = ["a shared note.", "another shared note.", "yet another note."]
    names = ["Shared Name", "Palermo Protocol", "UNTOC", "Another Name"]
    scoped = 0
    for _ in range(12):
        for path in rng.sample(entries, rng.randint(1, 3)):
            text = path.read_text(encoding="utf-8")
            kind = rng.choice(["note", "alias", "related", "statement", "body"])
            if kind == "note" and "    note: " in text:
                text = re.sub(r"^    note: .+$", f"    note: {rng.choice(notes)}", text,
                              count=1, flags=re.M)
            elif kind == "alias":
                name = rng.choice(names)
                text = text.replace("\naliases:\n", f"\naliases:\n  - {name}\n", 1) \
                    if "\naliases:\n" in text else text if "\naliases:" in text else \
                    text.replace("\nshort_title: ", f"\naliases: [{name}]\nshort_title: ", 1)
            elif kind == "related" and "\n  - id: " in text:
                text = re.sub(r"^  - id: [a-z0-9-]+$", f"  - id: {rng.choice(ids + ['nowhere'])}",
                              text, count=1, flags=re.M)
            elif kind == "statement" and re.search(r"\]\(\.\./[a-z0-9-]+/\)", text):
                text = re.sub(r"\]\(\.\./[a-z0-9-]+/\)", f"](../{rng.choice(ids)}/)", text,
                              count=1)
            else:
                text = text.replace("## Summary\n", "## Summary\n\nEdited again.\n", 1)
            path.write_text(text, encoding="utf-8")
        checked = both(corpus, folder)
        scoped += checked.facts.rejudged is not None
    assert scoped >= 6  # most rounds were judged in part, and each agreed with a full run


def test_every_corpus_rule_with_neighbours_declares_its_keys():
    """The rules that compare entries with each other (names, notes) have keys."""
    declared = {fn.__name__ for fn in rules.CORPUS_KEYS}
    assert declared == {"_names", "_notes"}
    from indexer.corpus.facts import EntryFacts

    facts = EntryFacts("x", "convention", Path("."), "x.md", 1, None, 0, "Short", 1,
                       ("Alias",), (2,), None, 0, 0, (), (), (), (), ())
    assert keys_of(facts) == ["name:alias", "name:short"]


@pytest.mark.parametrize("part, spoilt", [
    (2, "not a list of paragraph keys"),  # the paragraphs kept beside the row
    (3, '["not", "a facts row"]'),  # the row: JSON of another shape
    (3, "[not JSON"),
])
def test_corrupt_kept_facts_are_never_a_traceback(corpus, tmp_path, part, spoilt):
    """Kept facts this code cannot read never end in a traceback or a wrong verdict: the
    paragraphs are read for every entry, so spoilt ones mean every file is read again; a
    row is read only for the entries the rules look at, and the verdict stays the cold one."""
    import json

    folder = tmp_path / "cache"
    both(corpus, folder)
    edit(corpus, "untoc.md", "## Summary\n", "## Summary\n\nEdited.\n")
    from indexer.corpus import cache as cache_module

    real = cache_module.CorpusCache._load

    def spoil(self):
        real(self)
        for rec in self.records.values():
            if rec[cache_module.FACTS] is not None:
                rec[cache_module.FACTS][part] = spoilt
    cache_module.CorpusCache._load = spoil
    try:
        checked = both(corpus, folder)  # asserts the cold verdict
    finally:
        cache_module.CorpusCache._load = real
    if part == 2:
        assert checked.read == len(list((corpus / "entries").glob("*.md")))
    else:  # the spoilt rows are of entries the edit does not touch: never decoded
        assert checked.read == 1
    json.dumps(problems(checked))
    shutil.rmtree(folder)


@pytest.mark.parametrize("part, spoilt", [
    (0, "another-id"), (1, "another type"), (2, ["gpa99"]), (3, "[not JSON"),
    (3, '["not", "a facts row"]'),
])
def test_kept_facts_that_disagree_with_themselves_are_refused(corpus, part, spoilt):
    from indexer.corpus.facts import BadRow, EntryFacts, FactsTable

    cold = check_corpus(corpus, cache=False)
    facts = cold.facts.entries["untoc"]
    kept = facts.to_kept()
    folder = corpus / "entries"
    assert EntryFacts.from_kept(kept, folder, facts.file) == facts
    assert EntryFacts.kept_paragraphs(kept) == [r.para for r in facts.plan_refs]
    kept[part] = spoilt
    table = FactsTable(folder, {"untoc": (kept, facts.file)})
    with pytest.raises(BadRow, match="untoc.md"):
        table["untoc"]
