"""The Plan as a checklist: `tipkb checklist` and the checklist pages cover every ask of a part,
say only what the data links, keep topic matches apart, and write CSV and Markdown that hold
up against hostile text."""

from __future__ import annotations

import csv
import html
import io
import re
from pathlib import Path

import pytest
import yaml

from indexer.cli import main
from indexer.corpus.loader import load_corpus
from indexer.publish.checklist import PARTS, checklist, columns, to_csv_text, to_markdown

from .conftest import CORPUS, make_corpus
from .sitebuild import real_site

ASK_COLUMN = dict(columns("en"))["ask"]


@pytest.fixture(scope="module")
def corpus():
    loaded, _ = load_corpus(CORPUS)
    return loaded


def asks_in_file(corpus, part: str) -> list[str]:
    """The ask ids of ``part``, read straight from corpus/plan/asks.yaml and the plan's
    sections (not through the module under test)."""
    data = yaml.safe_load((CORPUS / "plan" / "asks.yaml").read_text(encoding="utf-8"))
    out = []
    for key, item in data.items():
        para = corpus.plan[key]
        mine = para.section == part if part != "general" else para.section in (None, "general")
        if mine:
            out += [a["id"] for a in item["asks"]]
    return out


def copy_corpus(tmp_path: Path) -> Path:
    """A copy of the real corpus, to change one thing in."""
    return make_corpus(tmp_path, CORPUS / "entries")


def test_protection_checklist_covers_every_protection_ask(corpus, capsys):
    wanted = asks_in_file(corpus, "protection")
    assert len(wanted) > 10
    assert main(["checklist", "--pillar", "protection", "--format", "csv",
                 "--corpus", str(CORPUS)]) == 0
    table = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert [r[ASK_COLUMN] for r in table] == wanted
    # the two columns to fill in are there, and empty
    assert all(r["Status in the country"] == "" and r["Notes"] == "" for r in table)


def test_the_parts_together_hold_every_ask_once(corpus):
    seen = [row.ask.id for part in PARTS for row in checklist(corpus, part)]
    assert sorted(seen) == sorted(a.id for a in corpus.asks().all())
    for part in PARTS:
        assert [row.ask.id for row in checklist(corpus, part)] == asks_in_file(corpus, part)


def test_markdown_table_has_one_row_per_ask_and_whole_rows(corpus, capsys):
    assert main(["checklist", "--pillar", "prosecution", "--corpus", str(CORPUS)]) == 0
    text = capsys.readouterr().out
    lines = [line for line in text.splitlines() if line.startswith("| ")]
    head, body = lines[0], lines[1:]
    cells = len(re.split(r"(?<!\\)\|", head))
    assert [line.split(" | ")[0].lstrip("| ") for line in body] == asks_in_file(corpus,
                                                                               "prosecution")
    assert all(len(re.split(r"(?<!\\)\|", line)) == cells for line in body)


def test_chinese_table_gives_the_resolution_s_words(corpus, capsys):
    assert main(["checklist", "--pillar", "protection", "--format", "csv", "--lang", "zh",
                 "--corpus", str(CORPUS)]) == 0
    table = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    asks = {a.id: a for a in corpus.asks().all()}
    assert list(table[0])[:2] == ["要求编号", "段落"] and "本国现状" in table[0]
    for row in table:
        ask = asks[row["要求编号"]]
        assert row["决议原文"] == ask.zh and row["动词"] == ask.verb_zh
        assert row["段落"].startswith("《行动计划》第")
    assert "Who is asked" not in table[0]  # the English-only columns are left out


def test_a_bad_pillar_or_format_is_refused(capsys):
    with pytest.raises(SystemExit) as exc:
        main(["checklist", "--pillar", "protecton", "--corpus", str(CORPUS)])
    assert exc.value.code == 2
    with pytest.raises(SystemExit):
        main(["checklist", "--pillar", "protection", "--format", "xlsx", "--corpus", str(CORPUS)])


def test_output_file_is_written(tmp_path, capsys):
    out = tmp_path / "nap" / "protection.csv"
    assert main(["checklist", "--pillar", "protection", "--format", "csv", "-o", str(out),
                 "--corpus", str(CORPUS)]) == 0
    assert out.read_text(encoding="utf-8").startswith("Ask,Paragraph,")


def _row(corpus, ask_id: str):
    part = next(p for p in PARTS if any(r.ask.id == ask_id for r in checklist(corpus, p)))
    return next(r for r in checklist(corpus, part) if r.ask.id == ask_id)


def test_links_come_from_the_data_and_topic_matches_stay_apart(tmp_path):
    root = copy_corpus(tmp_path)
    corpus, _ = load_corpus(root)
    row = _row(corpus, "gpa42.1")  # time to recover and reflect: topic reflection-period
    assert row.ask.topics == ("reflection-period",)
    same = {(r.entry.id, r.provision.number) for r in row.same_topic}
    linked = {(r.entry.id, r.provision.number) for r in row.provisions}
    assert same and not (same & linked)
    for ref in row.same_topic:
        assert "reflection-period" in ref.provision.topics
    # no provision whose topics miss the ask's is listed (the Protocol's Art. 5, criminalisation)
    assert ("trafficking-protocol", "5") not in same | linked
    # link one of the same-topic provisions to the ask: it moves to the linked column
    entry_id, number = sorted(same)[0]
    path = root / "entries" / f"{entry_id}.md"
    text = path.read_text()
    data = yaml.safe_load(text.split("---\n", 2)[1])
    i = next(i for i, p in enumerate(data["provisions"]) if str(p["number"]) == number)
    # add `asks: [gpa42.1]` after that provision's `source:` line
    lines = text.split("\n")
    starts = [n for n, line in enumerate(lines) if line.startswith("  - unit:")]
    source = next(n for n in range(starts[i], len(lines)) if lines[n].startswith("    source:"))
    lines.insert(source + 1, "    asks: [gpa42.1]")
    path.write_text("\n".join(lines))
    corpus, problems = load_corpus(root)
    assert not [p for p in problems if p.level == "error" and entry_id in p.path]
    row = _row(corpus, "gpa42.1")
    assert (entry_id, number) in {(r.entry.id, r.provision.number) for r in row.provisions}
    assert (entry_id, number) not in {(r.entry.id, r.provision.number) for r in row.same_topic}
    csv_row = next(r for r in csv.DictReader(io.StringIO(to_csv_text(corpus, "protection")))
                   if r[ASK_COLUMN] == "gpa42.1")
    assert corpus.entries[entry_id].display_title in csv_row["Articles linked to the ask"]


def test_an_ask_without_links_or_topics_is_shown_empty_not_filled(corpus):
    row = _row(corpus, "gpa27.1")  # "treat victims as victims of crime": no topic named
    assert row.ask.topics == () and row.same_topic == [] and row.provisions == []


def test_hostile_ask_text_is_neutralised_in_csv_and_escaped_in_markdown(tmp_path, capsys):
    root = make_corpus(tmp_path)
    path = root / "plan" / "asks.yaml"
    text = path.read_text(encoding="utf-8")
    hostile = "=HYPERLINK(\"https://evil.example/\",\"x\") | <script>alert(1)</script> [a](b)"
    old = ("      what: ensure that identified victims are not punished for having been "
           "trafficked\n")
    assert old in text
    path.write_text(text.replace(old, "      what: '" + hostile.replace("'", "''") + "'\n"))
    corpus, problems = load_corpus(root)
    assert not [p for p in problems if p.level == "error"]
    table = list(csv.DictReader(io.StringIO(to_csv_text(corpus, "protection"))))
    what = next(r["What is asked"] for r in table if r[ASK_COLUMN] == "gpa30.1")
    assert what == "'" + hostile
    md = to_markdown(corpus, "protection")
    line = next(line for line in md.splitlines() if line.startswith("| gpa30.1 "))
    assert "<script>" not in line and "\\<script\\>" in line and "\\|" in line
    head = next(line for line in md.splitlines() if line.startswith("| Ask "))
    assert len(re.split(r"(?<!\\)\|", line)) == len(re.split(r"(?<!\\)\|", head))


def test_checklist_pages_are_built_for_every_part(corpus):
    build = real_site()
    assert build.returncode == 0, build.output[-3000:]
    site = build.site
    for part in PARTS:
        page = (site / "browse" / "checklist" / part / "index.html").read_text(encoding="utf-8")
        for ask_id in asks_in_file(corpus, part):
            assert f'id="{ask_id.replace(".", "-")}"' in page, (part, ask_id)
        published = list(csv.DictReader(io.StringIO(
            (site / "data" / "checklist" / f"{part}.csv").read_text(encoding="utf-8"))))
        assert [r[ASK_COLUMN] for r in published] == asks_in_file(corpus, part)
        assert (site / "data" / "checklist" / f"{part}.zh.csv").is_file()
        assert f"../../../data/checklist/{part}.csv" in page


def test_each_ask_reads_as_one_sentence_in_both_languages(corpus):
    """The verb is written once: "decides to launch" + "launch the Plan..." reads "decides to
    launch the Plan...", and "确保" + "确保贩运人口受害者..." reads "确保贩运人口受害者..."."""
    build = real_site()
    assert build.returncode == 0, build.output[-3000:]
    pages = {lang: "\n".join(
        (build.site / prefix / "browse" / "checklist" / part / "index.html").read_text(
            encoding="utf-8") for part in PARTS)
        for lang, prefix in (("en", ""), ("zh", "zh"))}
    from indexer.corpus.asks import read_asks

    asks = [a for part in read_asks(CORPUS, corpus.plan)[0].by_para.values() for a in part]
    assert sum(a.zh_after_verb() is not None for a in asks) > 40  # most asks begin with it
    for ask in asks:
        if ask.addressee != "states":
            continue
        english = f"<em>{html.escape(ask.verb)}</em> {html.escape(ask.what_after_verb())}"
        assert english in pages["en"], ask.id
        assert f"{ask.verb_zh}……{ask.verb_zh}" not in pages["zh"]
        rest = ask.zh_after_verb()
        if rest is not None:
            assert f"<strong>{html.escape(ask.verb_zh)}</strong>{html.escape(rest)}" \
                in pages["zh"], ask.id
    # and the seam never doubles a word of the verb
    for ask in asks:
        verb, what = ask.verb.split(), ask.what_after_verb().split()
        assert not what or what[0] != verb[-1], ask.id
