"""Provisions as data: topics in the vocabulary, asks that belong to their paragraphs, comparison
tables (pages and CSV) made from the data, the open data, and hostile text kept as text."""

from __future__ import annotations

import csv
import html
import io
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

from indexer.cli import main
from indexer.corpus.loader import load_corpus
from indexer.publish.compare import comparison_csv
from indexer.publish.provisions import (
    compared_topics,
    on_topic,
    provision_anchors,
)
from indexer.schema import vocabulary
from indexer.site.pages import render_site
from indexer.site.pages.common import Site
from indexer.site.pages.compare import topic_page

from .conftest import CORPUS, make_corpus
from .hostile import PAYLOADS, entry_text
from .sitebuild import real_site

COMPARED = vocabulary().compared_topics


@pytest.fixture(scope="module")
def corpus():
    loaded, problems = load_corpus(CORPUS)
    assert not [p for p in problems if p.level == "error"]
    return loaded


def copy_corpus(tmp_path: Path) -> Path:
    """A copy of the real corpus, to change one thing in."""
    return make_corpus(tmp_path, CORPUS / "entries")


def rows(text: str) -> list[dict]:
    return list(csv.DictReader(io.StringIO(text)))


def test_the_issue_s_eight_topics_are_compared():
    wanted = {"definition", "non-punishment", "reflection-period", "residence", "compensation",
              "child-victims", "legal-persons", "confiscation"}
    assert wanted <= set(COMPARED)
    assert set(COMPARED) <= set(vocabulary().topics.values)


def test_every_provision_and_ask_topic_is_in_the_vocabulary(corpus):
    topics = set(corpus.vocab.topics.values)
    used = {(e.id, t) for e in corpus for p in e.provisions for t in p.topics}
    assert used and {t for _, t in used} <= topics
    asks = corpus.asks()
    assert {t for a in asks.all() for t in a.topics} <= topics
    assert {t for ts in asks.topics.values() for t in ts} <= topics
    # every compared topic has something to compare
    for topic in COMPARED:
        assert on_topic(corpus, topic), topic


def test_a_topic_outside_the_vocabulary_is_refused(tmp_path):
    root = copy_corpus(tmp_path)
    path = root / "entries" / "trafficking-protocol.md"
    path.write_text(path.read_text().replace("    topics: [residence]\n",
                                             "    topics: [residence, refugee-status]\n", 1))
    asks_file = root / "plan" / "asks.yaml"
    asks_file.write_text(asks_file.read_text().replace(
        "      topics: [reflection-period]\n", "      topics: [reflection]\n", 1))
    _, problems = load_corpus(root)
    errors = [p for p in problems if p.level == "error"]
    assert any(p.path.endswith("trafficking-protocol.md") and "refugee-status" in p.message
               for p in errors), errors
    assert any(p.code == "TIP084" and p.path.endswith("asks.yaml") and "'reflection'" in p.message
               and p.line > 1 for p in errors), errors


def test_every_ask_belongs_to_a_paragraph(corpus):
    asks = corpus.asks()
    plan = corpus.plan
    assert asks.all()
    for para, found in asks.by_para.items():
        assert plan[para].part in ("operative", "annex")
        for i, ask in enumerate(found, 1):
            assert ask.para == para and ask.id == f"{para}.{i}"
    # what entries point to exists and belongs to the paragraph they point from
    for entry in corpus:
        for ref in entry.plan_refs:
            for ask_id in ref.asks:
                assert ask_id in asks and asks[ask_id].para == ref.para, (entry.id, ask_id)
        for prov in entry.provisions:
            assert all(a in asks for a in prov.asks), (entry.id, prov.number)
    # every operative and annex paragraph is in the file, asking something or saying why not
    wanted = {k for k, p in plan.paragraphs.items() if p.part in ("operative", "annex")}
    assert set(asks.by_para) | set(asks.notes) == wanted


def test_an_ask_of_another_paragraph_is_refused(tmp_path):
    root = copy_corpus(tmp_path)
    path = root / "entries" / "practice-reflection-period.md"
    text = path.read_text()
    assert "asks: [gpa42.1]" in text
    path.write_text(text.replace("asks: [gpa42.1]", "asks: [gpa30.1]", 1))
    _, problems = load_corpus(root)
    assert any(p.code == "TIP083" and "belongs to gpa30" in p.message for p in problems)


# ---------------------------------------------------------------- tables made from the data


def _topic_block(corpus, topic: str) -> str:
    page = topic_page(Site(corpus), topic)
    return "\n".join(page.blocks)


def test_comparison_table_and_csv_follow_the_data(tmp_path):
    root = copy_corpus(tmp_path)
    path = root / "entries" / "trafficking-protocol.md"
    original = path.read_text()
    marked = original.replace("In addition to the article 6 measures, each State party",
                              "MARKER-SEVEN In addition to the article 6 measures, each State "
                              "party", 1)
    assert marked != original
    path.write_text(marked)
    corpus, _ = load_corpus(root)
    block = _topic_block(corpus, "residence")
    assert "MARKER-SEVEN" in block
    table = rows(comparison_csv(corpus, "residence"))
    seven = [r for r in table if r["instrument_id"] == "trafficking-protocol"]
    assert len(seven) == 1 and seven[0]["summary"].startswith("MARKER-SEVEN")
    assert seven[0]["binding"] == "no"  # Art. 7 says binding: false
    assert seven[0]["page_url"].endswith("entries/trafficking-protocol/#provision-article-7")

    # take the topic away: the Protocol leaves the residence table, and its entry page no
    # longer says it is compared there
    path.write_text(marked.replace("    topics: [residence]\n", "    topics: [return]\n", 1))
    corpus, _ = load_corpus(root)
    assert "MARKER-SEVEN" not in _topic_block(corpus, "residence")
    assert all(r["instrument_id"] != "trafficking-protocol"
               for r in rows(comparison_csv(corpus, "residence")))
    assert "residence" not in compared_topics(corpus, corpus.entries["trafficking-protocol"])


def test_comparison_csv_parses_and_binding_follows_type_unless_the_provision_says(corpus):
    v = corpus.vocab
    for topic in COMPARED:
        table = rows(comparison_csv(corpus, topic))
        refs = on_topic(corpus, topic)
        assert len(table) == len(refs) > 0
        for row, ref in zip(table, refs, strict=True):
            entry = corpus.entries[row["instrument_id"]]
            prov = ref.provision
            expected = prov.binding if prov.binding is not None else v.types[entry.type].binding
            assert row["binding"] == ("yes" if expected else "no"), (topic, entry.id)
            assert row["topic"] == topic and topic in prov.topics
        # binding rows come first
        flags = [r["binding"] for r in table]
        assert flags == sorted(flags, key=lambda f: f != "yes")


def test_comparison_csv_neutralises_a_formula(tmp_path):
    root = copy_corpus(tmp_path)
    path = root / "entries" / "trafficking-protocol.md"
    text = path.read_text()
    start = text.index("title: Status of victims in receiving States")
    path.write_text(text[:start] + "title: '=HYPERLINK(\"https://evil.example/\",\"x\")'"
                    + text[start + len("title: Status of victims in receiving States"):])
    corpus, _ = load_corpus(root)
    table = rows(comparison_csv(corpus, "residence"))
    titles = [r["title"] for r in table if r["instrument_id"] == "trafficking-protocol"]
    assert titles == ["'=HYPERLINK(\"https://evil.example/\",\"x\")"]


def test_provision_anchors_are_unique_and_plain(corpus):
    for entry in corpus:
        anchors = provision_anchors(entry)
        assert len(anchors) == len(set(anchors)) == len(entry.provisions)
        assert all(re.fullmatch(r"provision-[a-z0-9-]+", a) for a in anchors), entry.id

    class Fake:
        provisions = [type("P", (), {"unit": "article", "number": n})()
                      for n in ("38", "38", '"><script>', "")]

    anchors = provision_anchors(Fake())  # type: ignore[arg-type]
    assert anchors[:2] == ["provision-article-38", "provision-article-38-2"]
    assert all(re.fullmatch(r"provision-[a-z0-9-]+", a) for a in anchors)
    assert len(set(anchors)) == 4


def test_open_data_holds_provisions_asks_and_topics(corpus, capsys):
    assert main(["export", "--format", "json", "--corpus", str(CORPUS)]) == 0
    data = json.loads(capsys.readouterr().out)
    total = sum(len(e.provisions) for e in corpus)
    assert len(data["provisions"]) == total
    assert len(data["asks"]) == len(corpus.asks().all())
    topics = {t["value"]: t for t in data["vocabulary"]["topics"]}
    assert set(topics) == set(corpus.vocab.topics.values)
    assert {t for t, rec in topics.items() if rec["compared"]} == set(COMPARED)
    for rec in data["provisions"]:
        entry = corpus.entries[rec["entry"]]
        assert set(rec["topics"]) <= set(topics)
        assert rec["page"] == f"{entry.url_path}#{rec['anchor']}"
        assert rec["anchor"] in provision_anchors(entry)
    served = {a["id"]: {s["id"] for s in a["served_by"]} for a in data["asks"]}
    for entry in corpus:
        for ref in entry.plan_refs:
            for ask_id in ref.asks:
                assert entry.id in served[ask_id]


# ---------------------------------------------------------------- hostile text


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: set[str] = set()
        self.bad: list[str] = []

    def handle_starttag(self, tag, attrs) -> None:
        self.tags.add(tag)
        for name, value in attrs:
            if name.startswith("on") or (name in ("href", "src") and value
                                         and re.match(r"\s*(javascript|data):", value, re.I)):
                self.bad.append(f"{tag} {name}={value}")


SAFE_TAGS = {"a", "br", "code", "dd", "div", "dl", "dt", "em", "i", "li", "nav", "ol", "p", "pre",
             "span", "strong", "table", "tbody", "td", "th", "thead", "tr", "ul"}


@pytest.fixture(scope="module")
def hostile_corpus(tmp_path_factory):
    """Every payload in the title and summary of a provision on a compared topic, linked to an
    ask, in an entry that loads (validation need not pass: the pages must be safe anyway)."""
    root = make_corpus(tmp_path_factory.mktemp("hostile-provisions"))
    ids = []
    for name, payload in PAYLOADS.items():
        if name == "terminal-escape":
            continue  # refused by the reader: no entry to show
        eid = f"h-{name}"
        text = entry_text(eid, {"provision_summary": payload,
                                "provision_title": " ".join(payload.split())})
        _, front, body = text.split("---\n", 2)
        data = yaml.safe_load(front)
        data["provisions"][0]["topics"] = ["non-punishment"]
        data["provisions"][0]["asks"] = ["gpa30.1"]
        data["related"] = []
        (root / "entries" / f"{eid}.md").write_text(
            "---\n" + yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1000)
            + "---\n" + body, encoding="utf-8")
        ids.append(eid)
    corpus, _ = load_corpus(root)
    assert set(ids) <= set(corpus.entries), "the hostile entries did not load"
    return corpus, ids


def test_hostile_provisions_are_text_on_every_page_that_shows_them(hostile_corpus):
    corpus, ids = hostile_corpus
    pages = {p.src: p for p in render_site(corpus)}
    shown = ["browse/compare/non-punishment.md", "browse/checklist/protection.md"]
    shown += [f"entries/{eid}.md" for eid in ids]
    for src in shown:
        block = "\n".join(pages[src].blocks)
        parser = _Tags()
        parser.feed(block)
        assert parser.bad == [], (src, parser.bad)
        assert parser.tags <= SAFE_TAGS, (src, parser.tags - SAFE_TAGS)
    compare = "\n".join(pages["browse/compare/non-punishment.md"].blocks)
    for name, payload in PAYLOADS.items():
        if name == "terminal-escape":
            continue
        flat = " ".join(payload.split())
        assert html.escape(flat, quote=True) in compare, name  # shown, as text
    # and as CSV: one row per hostile entry, formula neutralised
    table = rows(comparison_csv(corpus, "non-punishment"))
    assert len(table) == len(ids)
    formula = [r for r in table if r["instrument_id"] == "h-csv-formula"][0]
    assert formula["summary"].startswith("A hostile") and formula["title"].startswith("Hostile")
    assert all(not r[k].startswith(("=", "+", "-", "@")) for r in table for k in r)


# ---------------------------------------------------------------- the built site

HREF = re.compile(r'\shref="([^"]*)"')


@pytest.fixture(scope="module")
def site() -> Path:
    build = real_site()
    assert build.returncode == 0, build.output[-3000:]
    return build.site


def _links(site: Path, page: Path) -> set[str]:
    from urllib.parse import urljoin, urlsplit

    base = "http://site/" + page.parent.relative_to(site).as_posix() + "/"
    out = set()
    for target in HREF.findall(page.read_text(encoding="utf-8")):
        url = urlsplit(urljoin(base, html.unescape(target)))
        if url.netloc == "site":
            out.add(url.path.lstrip("/") + (f"#{url.fragment}" if url.fragment else ""))
    return out


def test_comparison_pages_are_built_with_their_csv_and_linked_from_what_they_cover(site,
                                                                                  corpus):
    assert (site / "browse" / "compare" / "index.html").is_file()
    for topic in COMPARED:
        page = site / "browse" / "compare" / topic / "index.html"
        assert page.is_file(), topic
        links = _links(site, page)
        assert f"data/compare/{topic}.csv" in links
        table = rows((site / "data" / "compare" / f"{topic}.csv").read_text(encoding="utf-8"))
        assert len(table) == len(on_topic(corpus, topic))
        for ref in on_topic(corpus, topic):  # each provision links to its place on its page
            assert f"{ref.entry.url_path}#{ref.anchor}" in links
    for entry in corpus:
        topics = compared_topics(corpus, entry)
        links = _links(site, site / entry.url_path / "index.html")
        for topic in COMPARED:
            assert (f"browse/compare/{topic}/" in links) == (topic in topics), (entry.id, topic)
    covered = {e.type for e in corpus if compared_topics(corpus, e)}
    assert "practice" in covered and "convention" in covered


def test_entry_pages_show_key_provisions_from_the_data(site, corpus):
    for entry in corpus:
        text = (site / entry.url_path / "index.html").read_text(encoding="utf-8")
        if not entry.provisions:
            assert 'id="key-provisions"' not in text
            continue
        assert 'id="key-provisions"' in text, entry.id
        for anchor, prov in zip(provision_anchors(entry), entry.provisions, strict=True):
            assert f'id="{anchor}"' in text
            assert html.escape(prov.title, quote=True) in text


def test_an_instrument_without_provisions_is_warned_once_in_plain_words():
    """TIP082 falls on every instrument type that lists provisions and has none, names the
    type, and reads as English ("an entry of type action-plan", never "a action-plan")."""
    _, problems = load_corpus(CORPUS)
    warned = [p for p in problems if p.code == "TIP082"]
    assert warned and all(p.level == "warning" for p in warned)
    assert len({p.path for p in warned}) == len(warned)
    types = vocabulary().types
    for p in warned:
        etype = re.search(r"an entry of type ([\w-]+)", p.message).group(1)
        assert types[etype].provisions, p
        assert not re.search(r"\ba [aeiou]", p.message), p.message


def test_why_a_paragraph_asks_nothing_does_not_say_it_twice(corpus):
    """The pages put "Asks nothing:" (本段没有提出要求：) before the note, so the note says what
    the paragraph does instead; the checklist once read "Asks nothing: ...; asks nothing."."""
    notes = corpus.asks().notes
    assert len(notes) >= 9
    for key, note in notes.items():
        assert "asks nothing" not in note.casefold(), (key, note)
