"""The resolution as data: keys, rejoined paragraphs, footnotes, no debris."""

from __future__ import annotations

import re

import pytest

from indexer.corpus.plan import load_plan, parse_source

from .conftest import CORPUS

EXPECTED_KEYS = (
    [f"pp{i}" for i in range(1, 17)]
    + [f"pp16{c}" for c in "abcdef"]
    + [f"op{i}" for i in range(1, 8)]
    + ["gpa0"]
    + [f"gpa{i}" for i in range(1, 44)]
    + ["gpa43a", "gpa43b", "gpa43c"]
    + [f"gpa{i}" for i in range(44, 62)]
)


@pytest.fixture(scope="module")
def plan():
    return load_plan(CORPUS)


def test_every_paragraph_key_in_document_order(plan):
    assert plan.keys() == EXPECTED_KEYS


def test_parts_sections_and_pillars(plan):
    assert {plan[k].part for k in EXPECTED_KEYS[:22]} == {"preamble"}
    assert {plan[f"op{i}"].part for i in range(1, 8)} == {"operative"}
    assert plan["gpa11"].section == "general" and plan["gpa11"].pillar is None
    assert plan["gpa12"].pillar == "prevention" and plan["gpa24"].pillar == "prevention"
    assert plan["gpa25"].pillar == "protection" and plan["gpa42"].pillar == "protection"
    assert plan["gpa43b"].pillar == "prosecution" and plan["gpa49"].pillar == "prosecution"
    assert plan["gpa50"].pillar == "partnership" and plan["gpa61"].pillar == "partnership"


def test_labels_and_urls(plan):
    assert plan["pp6"].label == "PP 6"
    assert plan["op4"].label == "OP 4"
    assert plan["gpa38"].label == "Plan ¶ 38"
    assert plan["gpa43b"].label == "Plan ¶ 43(b)"
    assert plan["gpa38"].url == "plan/38/"
    assert plan["gpa43b"].url == "plan/43b/"
    assert plan["pp16a"].url == "resolution/preamble/16a/"


@pytest.mark.parametrize(
    "key, start, joined, end",
    [
        # PP 6 is cut by the page break inside the Protocol's title (议定 | 书).
        ("pp6", "重申大会通过", "补充议定书》的 2000 年 11 月 15 日第 55/25 号决议", "歧视公约》，"),
        # PP 10 is cut inside 决 | 议 by footnotes 4-12.
        ("pp10", "回顾 机构间", "第 2006/27 号决议的要求", "协调与合作，"),
        # PP 15 is cut inside the Ouagadougou Action Plan's title by footnote 13.
        ("pp15", "回顾有关次区域", "瓦加杜古行动计划》；《欧洲安全与合作组织", "及其《行动计划》，"),
        # Plan ¶ 4 is cut between a year and 年: the join restores the space.
        ("gpa4", "采取紧急行动", "国际劳工组织 1930 年《强迫劳动公约》", "并为此加强合作;"),
        # Plan ¶ 12 is cut before footnote 14.
        ("gpa12", "正视使人们", "武装冲突和自然灾害、性暴力、性别歧视", "行为的文化；"),
    ],
)
def test_paragraphs_cut_by_page_breaks_are_rejoined(plan, key, start, joined, end):
    text = plan[key].text_zh
    assert text.startswith(start)
    assert joined in text
    assert text.endswith(end)


def test_no_markup_or_page_debris_in_any_paragraph(plan):
    debris = re.compile(r"<sup>|</?\w+>|\*\*|^#|---|\n|Distr|大会决议|\[|\]\(|同上，第")
    for para in plan.paragraphs.values():
        assert para.text_zh, para.key
        assert not debris.search(para.text_zh), (para.key, debris.search(para.text_zh))
        assert para.text_zh == para.text_zh.strip()


def test_eighteen_footnotes_with_their_calls(plan):
    assert list(plan.footnotes) == list(range(1, 19))
    assert plan.footnotes[3].text_zh == "联合国，《条约汇编》，第 2225 卷，第 39574 号。"
    assert plan.footnotes[3].called_by == ["pp6", "op3", "gpa4"]
    assert plan.footnotes[14].called_by == ["gpa9"]
    assert plan.footnotes[16].text_zh.endswith("0610-Unicef_Victims_Guidelines_en.pdf。")
    assert plan.footnotes[18].called_by == ["gpa47"]
    assert plan["pp6"].footnotes == [3, 4, 5, 6, 7, 8, 9]
    assert plan["gpa26"].footnotes == [15, 16]


def test_footnote_calls_point_just_after_the_word_they_annotate(plan):
    pp4 = plan["pp4"]
    (call,) = pp4.calls
    assert call.number == 1
    assert pp4.text_zh[: call.offset].endswith("《联合国千年宣言》")


def test_every_paragraph_and_footnote_has_an_english_rendering(plan):
    missing = [k for k, p in plan.paragraphs.items() if len(p.text_en) < 20]
    assert not missing
    assert all(f.text_en for f in plan.footnotes.values())
    assert "2225" in plan.footnotes[3].text_en


def test_conversion_is_rerunnable_and_rejects_a_damaged_source():
    text = (CORPUS / "source" / "A-RES-64-293.zh.md").read_text(encoding="utf-8")
    assert parse_source(text).keys() == EXPECTED_KEYS
    from indexer.corpus.plan import PlanSourceError

    with pytest.raises(PlanSourceError, match="footnote 13 appears twice"):
        parse_source(text + "\n<sup>13</sup> 重复。\n")
    with pytest.raises(PlanSourceError, match="大会，"):
        parse_source(text.replace("大会，", "大会"))


def test_validator_reports_a_missing_or_unknown_english_rendering(tmp_path):
    from indexer.corpus.loader import load_corpus

    from .conftest import make_corpus

    root = make_corpus(tmp_path)
    path = root / "plan" / "en.yaml"
    text = path.read_text(encoding="utf-8")
    start = text.index("  gpa38:")
    end = text.index("  gpa39:")
    path.write_text(text[:start] + "  gpa99: An invented paragraph.\n" + text[end:], encoding="utf-8")
    _, problems = load_corpus(root)
    found = {(p.code, p.message) for p in problems}
    assert ("TIP085", "paragraphs: 'gpa38' has no English rendering") in found
    assert ("TIP085", "paragraphs: 'gpa99' is not in the resolution") in found
    line = next(p.line for p in problems if "gpa99" in p.message)
    assert path.read_text().split("\n")[line - 1].startswith("  gpa99:")
