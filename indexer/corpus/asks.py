"""The Plan as a checklist of asks (corpus/plan/asks.yaml): who is asked to do what, paragraph by
paragraph, with the Chinese words that carry each ask (checked against the paragraph), and the
topics of the schema's vocabulary that the ask's own words name (what links an ask to the
provisions on the same topic)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from indexer.corpus.plan import Plan
from indexer.problems import Problem, relative

ASKS_NAME = "plan/asks.yaml"
ADDRESSEES = ("states", "un-system", "unodc", "secretary-general", "general-assembly",
              "international-organizations", "civil-society", "private-sector", "all")
FIELDS = ("id", "addressee", "who", "verb", "verb_zh", "what", "zh")
_ID = re.compile(r"^(?P<para>[a-z]+[0-9]+[a-f]?)\.(?P<n>[1-9][0-9]?)$")


@dataclass(frozen=True)
class Ask:
    id: str  # gpa30.1
    para: str  # gpa30
    addressee: str
    who: str
    verb: str
    verb_zh: str
    what: str
    zh: str
    topics: tuple[str, ...] = ()  # topics its own words name (the schema's topic vocabulary)

    @property
    def to_states(self) -> bool:
        return self.addressee == "states"

    def what_after_verb(self) -> str:
        """``what`` without the words it repeats from the end of ``verb`` ("decides to
        launch" + "launch the Plan ..." -> "the Plan ..."), to write the ask as one sentence."""
        verb, what = self.verb.split(), self.what.split()
        overlap = max((k for k in range(1, min(len(verb), len(what)) + 1)
                       if what[:k] == verb[-k:]), default=0)
        return " ".join(what[overlap:])

    def zh_after_verb(self) -> str | None:
        """The Chinese words after the verb when they begin with it (most do: "确保" +
        "确保贩运人口受害者..."), else None (the verb stands apart from them)."""
        if self.verb_zh and self.zh.startswith(self.verb_zh):
            return self.zh[len(self.verb_zh):]
        return None


@dataclass
class Asks:
    by_para: dict[str, list[Ask]]  # paragraph key -> its asks, in order
    notes: dict[str, str]  # paragraph key -> why it asks nothing
    # paragraph key -> the topics a paragraph that asks nothing speaks of (e.g. gpa2, which
    # recognises the definition of trafficking without asking anything)
    topics: dict[str, tuple[str, ...]] = field(default_factory=dict)

    def __getitem__(self, ask_id: str) -> Ask:
        para = ask_id.rsplit(".", 1)[0]
        for ask in self.by_para.get(para, []):
            if ask.id == ask_id:
                return ask
        raise KeyError(ask_id)

    def __contains__(self, ask_id: object) -> bool:
        try:
            self[str(ask_id)]
        except KeyError:
            return False
        return True

    def all(self) -> list[Ask]:
        return [a for asks in self.by_para.values() for a in asks]


def _flat(text: str) -> str:
    return "".join(text.split())


def _topics(value: object, where: str, bad) -> tuple[str, ...]:
    """A list of topics of the vocabulary; anything else is reported and left out."""
    if value is None:
        return ()
    from indexer.schema import vocabulary  # here: a warm run keeps the asks it read

    known = vocabulary().topics
    if not isinstance(value, list) or not all(isinstance(t, str) for t in value):
        bad(f"{where}: topics must be a list of topics, e.g. [non-punishment]")
        return ()
    for topic in value:
        if topic not in known:
            bad(f"{where}: '{topic}' is not a topic of the schema's vocabulary "
                "(docs/contributing/schema.md#topic)")
    return tuple(dict.fromkeys(t for t in value if t in known))


def read_asks(corpus_root: Path, plan: Plan) -> tuple[Asks, list[Problem]]:
    """The asks, and every problem with the file (rule TIP084). Never raises."""
    from indexer.corpus.frontmatter import FrontMatterError, load_data_file

    path = Path(corpus_root) / ASKS_NAME
    shown = relative(path)
    empty = Asks({}, {})
    if not path.is_file():
        return empty, [Problem(shown, 1, "TIP084", "the asks file is missing")]
    try:
        data, lines = load_data_file(path)
    except FrontMatterError as exc:
        return empty, [Problem(shown, exc.line, exc.code, exc.message, col=exc.col)]
    if not isinstance(data, dict):
        return empty, [Problem(shown, 1, "TIP084", "asks.yaml must map paragraph keys to items")]
    asks = Asks({}, {})
    problems: list[Problem] = []

    def bad(where: tuple, message: str) -> None:
        problems.append(Problem(shown, lines.get(where, 1), "TIP084", message))

    wanted = [k for k, p in plan.paragraphs.items() if p.part in ("operative", "annex")]
    for key in wanted:
        if key not in data:
            bad((), f"{key}: missing (give its asks, or asks: [] with a note saying why)")
    for key, item in data.items():
        if key not in plan.paragraphs or key not in wanted:
            bad((key,), f"{key}: not an operative or annex paragraph of the resolution")
            continue
        if not isinstance(item, dict) or not isinstance(item.get("asks"), list):
            bad((key,), f"{key}: needs an asks list")
            continue
        if not item["asks"]:
            if not isinstance(item.get("note"), str) or not item["note"].strip():
                bad((key,), f"{key}: asks nothing, so say why in a note")
            asks.notes[key] = str(item.get("note", ""))
            if topics := _topics(item.get("topics"), key,
                                 lambda m, w=(key, "topics"): bad(w, m)):
                asks.topics[key] = topics
            continue
        if "topics" in item:
            bad((key, "topics"), f"{key}: give topics on each ask, not on the paragraph")
        text = _flat(plan.paragraphs[key].text_zh)
        found: list[Ask] = []
        for i, raw in enumerate(item["asks"]):
            where = (key, "asks", i)
            if not isinstance(raw, dict) or any(not isinstance(raw.get(f), str) or not raw[f]
                                                for f in FIELDS):
                bad(where, f"{key}: ask {i + 1} needs {', '.join(FIELDS)} (all text)")
                continue
            m = _ID.match(raw["id"])
            if not m or m.group("para") != key or int(m.group("n")) != i + 1:
                bad(where, f"{key}: ask {i + 1} must have the id {key}.{i + 1}")
                continue
            if raw["addressee"] not in ADDRESSEES:
                bad(where, f"{raw['id']}: addressee must be one of {', '.join(ADDRESSEES)}")
            for f in ("zh", "verb_zh"):
                if _flat(raw[f]) not in text:
                    bad(where, f"{raw['id']}: {f} '{raw[f]}' is not in the paragraph's Chinese text")
            topics = _topics(raw.get("topics"), raw["id"],
                             lambda m, w=(*where, "topics"): bad(w, m))
            found.append(Ask(raw["id"], key, raw["addressee"], raw["who"], raw["verb"],
                             raw["verb_zh"], raw["what"], raw["zh"], topics))
        asks.by_para[key] = found
    return asks, problems
