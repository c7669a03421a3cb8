"""After an edit, run the corpus-wide rules on the entries the edit can change the verdict on.

The corpus cache (indexer.corpus.cache) keeps, per entry file, the corpus-wide rules' verdict
on it (its problems) and its keys: the strings by which those rules tie it to other entries
(``rules.CORPUS_KEYS``: its names, its notes). The contract of a corpus rule
(indexer.rules.registry) is that its verdict on an entry depends on the entry's facts, the
Plan, the ids and types of all entries and the unreadable files, and on the entries sharing
one of its keys. So when some files changed, and no id, type or file came or went:

- the entries to judge again are the changed ones and those sharing a key that a changed file
  gained or lost (a name taken, a note now shared by three);
- the rules run over those, with the entries sharing any of their keys beside them so that the
  verdicts are complete, and every entry can still be looked up (``FactsTable``);
- every other entry keeps its verdict, and what the rules say about the Plan's own files is
  said again by this run.

Anything else (a file added, removed or renamed, an id or type changed, a duplicate id, a rule
that failed, a verdict not kept) runs the rules over every entry, as a cold run does, and
keeps the verdicts of that run. tests/test_scope.py compares both ways on edits of every kind.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from indexer.corpus.facts import BadRow, CorpusFacts, EntryFacts, FactsTable
from indexer.problems import Problem, relative

if TYPE_CHECKING:
    from indexer.corpus.cache import CorpusCache
    from indexer.corpus.plan import Plan

ENTRY_SUFFIX = ".md"


class FileFacts:
    """One entry file as this run found it: ``facts`` if it was read, else its kept ``row``
    (``EntryFacts.to_kept``; None for both: not an entry), its cache record as loaded (None:
    none), and its id."""

    __slots__ = ("name", "facts", "row", "record", "read", "id")

    def __init__(self, name: str, facts: EntryFacts | None, row: list | None,
                 record: list | None, read: bool):
        self.name, self.facts, self.row, self.record, self.read = name, facts, row, record, read
        self.id: str | None = facts.id if facts is not None else \
            row[0] if row is not None else None


def keys_of(facts: EntryFacts) -> list[str] | None:
    """The keys the corpus-wide rules tie an entry to others by; None if one cannot say."""
    from indexer import rules

    found: set[str] = set()
    try:
        for keys in rules.CORPUS_KEYS:
            found.update(keys(facts))
    except Exception:  # a bug in a rule's keys: judge every entry, every time
        return None
    return sorted(found)


def shown_paths(folder: Path) -> Callable[[str], str]:
    """name -> ``relative(folder / name)``, without asking the file system per name."""
    base = relative(folder / "x")[:-1]
    return lambda name: base + name


def check_all(root: Path, plan: Plan, files: list[FileFacts], views: dict,
              store: CorpusCache | None) -> tuple[CorpusFacts, list[Problem]]:
    """The corpus-wide rules over every entry (loader.check_facts); keeps their verdicts."""
    from indexer.corpus.loader import check_facts

    folder = root / "entries"
    made: dict[str, EntryFacts | None] = {}

    def facts(f: FileFacts) -> EntryFacts | None:
        if f.facts is not None or f.row is None:
            return f.facts
        if f.name not in made:
            try:
                made[f.name] = EntryFacts.from_kept(f.row, folder, f.name)
            except (TypeError, ValueError) as exc:
                raise BadRow(f"{f.name}: {exc}") from None
        return made[f.name]

    corpus, found = check_facts(root, plan, ((f.name, facts(f)) for f in files), views)
    if store is not None:
        failed = any(p.code == "TIP000" for p in found)
        shown = shown_paths(folder)
        by_path: dict[str, list[Problem]] = {}
        for p in found:
            by_path.setdefault(p.path, []).append(p)
        for f in files:
            mine = facts(f)
            store.keep_corpus(f.name, None if failed else by_path.get(shown(f.name), []),
                              [] if mine is None else keys_of(mine))
    return corpus, found


def check_changed(root: Path, plan: Plan, files: list[FileFacts], views: dict,
                  store: CorpusCache) -> tuple[CorpusFacts, list[Problem]] | None:
    """The corpus-wide verdict from the kept verdicts and a run over the entries the changed
    files can affect (see the module); None where only ``check_all`` can say."""
    from indexer import rules
    from indexer.corpus.cache import CORPUS, FACTS, KEYS
    from indexer.corpus.loader import guarded

    folder = root / "entries"
    if len(store.records) != len(files):
        return None  # a file came or went
    keys: dict[str, list[str]] = {}
    touched: set[str] = set()
    for f in files:
        if not f.read:
            continue
        rec = f.record
        if rec is None or not isinstance(rec[KEYS], list):
            return None
        old = rec[FACTS]
        if (old is None) != (f.facts is None) or (
                f.facts is not None and (old[0], old[1]) != (f.facts.id, f.facts.type)):
            return None  # an id, a type, an unreadable file changed
        new = [] if f.facts is None else keys_of(f.facts)
        if new is None:
            return None
        keys[f.name] = new
        touched.update(set(new).symmetric_difference(rec[KEYS]))
    rows: dict[str, tuple[list | None, str]] = {}
    unreadable: set[str] = set()
    tied: list[tuple[str, list[str]]] = []  # (name, keys) of the files that have keys
    for f in files:
        rec = f.record
        if rec is None or rec[CORPUS] is None:
            return None
        mine = keys[f.name] if f.read else rec[KEYS]
        if type(mine) is not list:
            return None
        if mine:
            tied.append((f.name, mine))
        eid = f.id
        if eid is None:
            unreadable.add(f.name[: -len(ENTRY_SUFFIX)])
        elif eid in rows:
            return None  # a duplicate id: the loader decides which file has it
        else:
            rows[eid] = (f.row, f.name)
    table = FactsTable(folder, rows)
    for f in files:
        if f.read and f.facts is not None:
            table[f.facts.id] = f.facts
    judged = {f.name for f in files if f.read} | _sharing(tied, touched)
    beside = _sharing(tied, {k for name, mine in tied if name in judged for k in mine})
    context = [table[f.id] for f in files if f.id is not None and (f.name in judged
                                                                   or f.name in beside)]
    corpus = CorpusFacts(root, plan, table, unreadable, dict(views), judged=context)
    found: list[Problem] = []
    for rule in rules.CORPUS_CHECKS:
        found.extend(guarded(rule, corpus, relative(root)))
    corpus.judged, corpus.rejudged = None, len(judged)
    if any(p.code == "TIP000" for p in found):
        return None
    shown = shown_paths(folder)
    judged_paths = {shown(name): name for name in judged}
    beside_paths = {shown(name) for name in beside}
    fresh: dict[str, list[Problem]] = {name: [] for name in judged}
    problems: list[Problem] = []
    for p in found:
        if p.path in judged_paths:
            fresh[judged_paths[p.path]].append(p)
        elif p.path not in beside_paths:
            problems.append(p)  # on the Plan's files: the same as the last run said
    for f in files:
        if f.name in fresh:
            problems.extend(fresh[f.name])
            store.keep_corpus(f.name, fresh[f.name],
                              keys[f.name] if f.read else f.record[KEYS] if f.record else None)
        elif f.record is not None and f.record[CORPUS]:
            try:
                problems.extend(store.corpus_problems(f.record, shown(f.name)))
            except ValueError:
                return None
    return corpus, problems


def _sharing(tied: Iterable[tuple[str, list[str]]], wanted: set[str]) -> set[str]:
    """Names of the files with one of the keys ``wanted`` (``tied``: (name, keys))."""
    if not wanted:
        return set()
    return {name for name, mine in tied if not wanted.isdisjoint(mine)}

