"""What the entries say about the resolution is true to its text: paragraph keys, named versus
relevant (TIP020-TIP025), asks (TIP083, TIP084), and the Plan's data files (TIP085, TIP086)."""

from __future__ import annotations

from indexer.corpus.facts import CorpusFacts, EntryFacts
from indexer.problems import Problem
from indexer.rules.registry import check, declare, problem

declare("TIP020", "error", "Every `plan_refs` key names a paragraph of the resolution.")
declare("TIP021", "error", "A paragraph is listed at most once in `plan_refs`.")
declare("TIP022", "error", "`basis: named` is used exactly where corpus/plan/mentions.yaml says "
                           "the paragraph or its footnote names the item.")
declare("TIP023", "error", "Every paragraph that names the item is in its `plan_refs`.")
declare("TIP024", "error", "`cited_as_zh` is copied verbatim from the resolution's Chinese text.")
declare("TIP025", "warning", "A plan_refs note is specific to its entry (the same note on more "
                             "than two entries is boilerplate).")
declare("TIP083", "error", "A provision names a source of the entry, and the asks an entry points "
                           "to exist (a plan_refs item's asks belong to its paragraph).")
declare("TIP084", "error", "corpus/plan/asks.yaml covers every operative and annex paragraph, "
                           "and each ask's Chinese words are found in its paragraph.")
declare("TIP085", "error", "corpus/plan/en.yaml renders every paragraph and footnote, and only "
                           "those.")
declare("TIP086", "error", "corpus/plan/mentions.yaml is well formed and its patterns run in "
                           "linear time (no repeated groups, no back-references).")

BOILERPLATE_LIMIT = 2


def _keys_hint(corpus: CorpusFacts) -> str:
    return "keys are pp1-pp16, pp16a-f, op1-op7, gpa0-gpa61, gpa43a-c"


@check("corpus")
def check_plan_refs(corpus: CorpusFacts) -> list[Problem]:
    out = []
    paragraphs = corpus.plan.paragraphs
    for entry in corpus:
        seen: set[str] = set()
        for ref in entry.plan_refs:
            line = ref.para_line
            if ref.para not in paragraphs:
                out.append(problem(entry, line, "TIP020",
                                   f"plan_refs: no paragraph '{ref.para}' in the resolution",
                                   _keys_hint(corpus)))
            elif ref.para in seen:
                out.append(problem(entry, line, "TIP021", f"plan_refs: '{ref.para}' is listed twice",
                                   "merge the two notes into one"))
            seen.add(ref.para)
    return out


@check("corpus")
def check_basis(corpus: CorpusFacts) -> list[Problem]:
    """basis: named where, and only where, the resolution names the item (mentions.yaml)."""
    named = corpus.named_paragraphs()
    order = list(corpus.plan.paragraphs)
    out = []
    nothing: frozenset[str] = frozenset()
    for entry in corpus:
        mine = named.get(entry.id, nothing)
        if not mine and all(ref.basis != "named" for ref in entry.plan_refs):
            continue  # named nowhere and claims no naming: nothing to say
        listed = set()
        for ref in entry.plan_refs:
            listed.add(ref.para)
            line = ref.basis_line
            if ref.basis == "named" and ref.para not in mine:
                out.append(problem(entry, line, "TIP022",
                                   f"plan_refs: {ref.para} does not name this item "
                                   "(corpus/plan/mentions.yaml)",
                                   "use basis: relevant with a note specific to this item, or add "
                                   "the resolution's wording to corpus/plan/mentions.yaml"))
            elif ref.para in mine and ref.basis != "named":
                out.append(problem(entry, line, "TIP022",
                                   f"plan_refs: {ref.para} names this item, so its basis is named",
                                   "set basis: named"))
        for para in sorted(mine - listed, key=order.index):
            out.append(problem(entry, entry.plan_refs_line, "TIP023",
                               f"plan_refs: {para} names this item but is not listed",
                               f"add {{para: {para}, basis: named, note: ...}}"))
    return out


@check("corpus")
def check_cited_as(corpus: CorpusFacts) -> list[Problem]:
    texts = [p.text_zh for p in corpus.plan.paragraphs.values()]
    texts += [f.text_zh for f in corpus.plan.footnotes.values()]
    flat = "\n".join(t.replace(" ", "") for t in texts)
    return [problem(entry, entry.cited_as_line, "TIP024",
                    f"cited_as_zh: '{entry.cited_as_zh}' is not in the resolution's Chinese text",
                    "copy the words from corpus/source/A-RES-64-293.zh.md; put an official title "
                    "in title_zh with its source")
            for entry in corpus
            if entry.cited_as_zh and entry.cited_as_zh.replace(" ", "") not in flat]


def _notes(entry: EntryFacts) -> list[str]:
    return ["note:" + ref.note_key for ref in entry.plan_refs]


@check("corpus", keys=_notes)
def check_boilerplate(corpus: CorpusFacts) -> list[Problem]:
    seen: dict[str, list[tuple[EntryFacts, int]]] = {}
    for entry in corpus:
        for i, ref in enumerate(entry.plan_refs):
            seen.setdefault(ref.note_key, []).append((entry, i))
    out = []
    for users in seen.values():
        if len(users) <= BOILERPLATE_LIMIT:
            continue
        ids = {e.id for e, _ in users}
        if len(ids) > BOILERPLATE_LIMIT:
            out += [problem(entry, entry.plan_refs[i].note_line, "TIP025",
                            f"plan_refs[{i}].note is shared by {len(ids)} entries",
                            "say how this paragraph concerns this item in particular")
                    for entry, i in users]
    return out


@check("corpus")
def check_asks(corpus: CorpusFacts) -> list[Problem]:
    asks, found = corpus.read_asks()
    out = list(found)
    if not asks.by_para:
        return out  # the file is missing or unreadable: said once above
    for entry in corpus:
        for i, ref in enumerate(entry.plan_refs):
            for ask_id in ref.asks:
                if ask_id not in asks:
                    out.append(problem(entry, ref.asks_line, "TIP083",
                                       f"plan_refs[{i}]: no ask '{ask_id}' in corpus/plan/asks.yaml"))
                elif asks[ask_id].para != ref.para:
                    out.append(problem(entry, ref.asks_line, "TIP083",
                                       f"plan_refs[{i}]: ask '{ask_id}' belongs to "
                                       f"{asks[ask_id].para}, not {ref.para}"))
        for i, prov in enumerate(entry.provisions):
            if prov.source not in entry.source_ids:
                out.append(problem(entry, prov.source_line, "TIP083",
                                   f"provisions[{i}].source: no source with id '{prov.source}'",
                                   "give the source an `id` and name it here"))
            for ask_id in prov.asks:
                if ask_id not in asks:
                    out.append(problem(entry, prov.asks_line, "TIP083",
                                       f"provisions[{i}]: no ask '{ask_id}' in "
                                       "corpus/plan/asks.yaml"))
    return out


@check("corpus")
def check_mentions(corpus: CorpusFacts) -> list[Problem]:
    return corpus.mentions_problems()


@check("corpus")
def check_plan_english(corpus: CorpusFacts) -> list[Problem]:
    return corpus.english_problems()
