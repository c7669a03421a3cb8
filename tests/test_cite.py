"""Citations: each style for each kind of entry, against hand-checked strings."""

from __future__ import annotations

import json

import bibtexparser
import pytest
import rispy
import yaml

from indexer.cli import main
from indexer.corpus.loader import load_valid_corpus
from indexer.publish.cite import CitationMissing, cite_text

from .conftest import make_corpus

BODY = "\n## Summary\n\nA test entry.\n\n## Key provisions\n\n- **Art. 1**: test.\n"
SOURCE = [{"title": "Test source", "url": "https://www.un.org/en/s",
           "supports": ["adopted", "in_force", "adopted_by", "place", "citation.symbol",
                        "citation.number", "citation.unts", "citation.cets", "url"]}]

ENTRIES = {
    "protocol": {"type": "convention",
                 "title": "Protocol to Prevent, Suppress and Punish Trafficking in Persons, "
                          "Especially Women and Children",
                 "adopted": "2000-11-15", "in_force": "2003-12-25",
                 "citation": {"unts": {"volume": 2237, "number": 39574, "page": 319}}},
    "nopage": {"type": "convention", "title": "Convention on the Rights of the Child",
               "adopted": "1989-11-20", "in_force": "1990-09-02",
               "citation": {"unts": {"volume": 1577, "number": 27531}}},
    "coe": {"type": "convention",
            "title": "Council of Europe Convention on Action against Trafficking in Human Beings",
            "adopted": "2005-05-16", "in_force": "2008-02-01", "citation": {"cets": 197}},
    "regional-treaty": {"type": "convention", "title": "A Regional Agreement", "place": "Minsk",
                        "adopted": "2005-11-25"},
    "gares": {"type": "resolution", "title": "Resolution adopted by the General Assembly",
              "adopted_by": "General Assembly", "adopted": "2003-12-22",
              "citation": {"number": "58/137", "symbol": "A/RES/58/137"}},
    "ecosoc": {"type": "resolution", "title": "Strengthening international cooperation",
               "adopted_by": "Economic and Social Council", "adopted": "2006-07-27",
               "citation": {"number": "2006/27", "symbol": "E/RES/2006/27"}},
    "chrdec": {"type": "resolution", "title": "Commission on Human Rights decision 2004/110",
               "adopted_by": "Commission on Human Rights", "adopted": "2004-04-19",
               "citation": {"number": "2004/110", "symbol": "E/2004/23"}},
    "copdec": {"type": "resolution", "title": "Conference of the Parties decision 1/5",
               "adopted_by": "Conference of the Parties to the United Nations Convention against "
                             "Transnational Organized Crime",
               "adopted": "2004-07-07", "citation": {"number": "1/5", "symbol": "CTOC/COP/2004/6"}},
    "nonumber": {"type": "resolution", "title": "A resolution without its number",
                 "adopted_by": "General Assembly", "adopted": "2006-12-20"},
    "principles": {"type": "guidance",
                   "title": "Recommended Principles and Guidelines on Human Rights and Human Trafficking",
                   "adopted_by": "Office of the United Nations High Commissioner for Human Rights",
                   "adopted": "2002-05-20", "citation": {"symbol": "E/2002/68/Add.1"}},
    "plan": {"type": "action-plan", "title": "A Regional Action Plan",
             "adopted_by": "A Regional Organisation", "adopted": "2004-05-05",
             "url": "https://www.oas.org/plan"},
    "mandate": {"type": "mandate", "title": "Special Rapporteur on a test subject"},
    "declaration": {"type": "declaration", "title": "United Nations Millennium Declaration",
                    "adopted_by": "General Assembly", "adopted": "2000-09-08",
                    "citation": {"number": "55/2", "symbol": "A/RES/55/2"}},
}

EXPECTED = {
    ("protocol", "un"): "Protocol to Prevent, Suppress and Punish Trafficking in Persons, Especially "
                        "Women and Children, United Nations, Treaty Series, vol. 2237, No. 39574.",
    ("protocol", "oscola"): "Protocol to Prevent, Suppress and Punish Trafficking in Persons, Especially "
                            "Women and Children (adopted 15 November 2000, entered into force "
                            "25 December 2003) 2237 UNTS 319",
    ("nopage", "un"): "Convention on the Rights of the Child, United Nations, Treaty Series, "
                      "vol. 1577, No. 27531.",
    ("coe", "un"): "Council of Europe Convention on Action against Trafficking in Human Beings, "
                   "Council of Europe, Treaty Series, No. 197.",
    ("coe", "oscola"): "Council of Europe Convention on Action against Trafficking in Human Beings "
                       "(adopted 16 May 2005, entered into force 1 February 2008) CETS No 197",
    ("regional-treaty", "un"): "A Regional Agreement, adopted at Minsk on 25 November 2005.",
    ("gares", "un"): "General Assembly resolution 58/137 of 22 December 2003.",
    ("gares", "oscola"): "UNGA Res 58/137 (22 December 2003) UN Doc A/RES/58/137",
    ("ecosoc", "un"): "Economic and Social Council resolution 2006/27 of 27 July 2006.",
    ("ecosoc", "oscola"): "ECOSOC Res 2006/27 (27 July 2006) UN Doc E/RES/2006/27",
    ("chrdec", "un"): "Commission on Human Rights decision 2004/110 of 19 April 2004 (see E/2004/23).",
    ("chrdec", "oscola"): "UNCHR Dec 2004/110 (19 April 2004) UN Doc E/2004/23",
    ("copdec", "un"): "Conference of the Parties to the United Nations Convention against "
                      "Transnational Organized Crime decision 1/5 of 7 July 2004 (see CTOC/COP/2004/6).",
    ("copdec", "oscola"): "Conference of the Parties to the UNTOC, Dec 1/5 (7 July 2004) "
                          "UN Doc CTOC/COP/2004/6",
    ("principles", "un"): "Recommended Principles and Guidelines on Human Rights and Human "
                          "Trafficking (E/2002/68/Add.1).",
    ("principles", "oscola"): "Office of the United Nations High Commissioner for Human Rights, "
                              "'Recommended Principles and Guidelines on Human Rights and Human "
                              "Trafficking' (2002) UN Doc E/2002/68/Add.1",
    ("plan", "un"): "A Regional Action Plan, A Regional Organisation, 5 May 2004.",
    ("plan", "oscola"): "A Regional Organisation, A Regional Action Plan (2004) <https://www.oas.org/plan>",
    ("mandate", "oscola"): "Global Plan of Action against Trafficking in Persons: Reference Knowledge "
                           "Base, 'Special Rapporteur on a test subject' (last reviewed 1 January 2026) "
                           "<entries/mandate/>",
    ("declaration", "un"): "United Nations Millennium Declaration, General Assembly resolution 55/2 "
                           "of 8 September 2000.",
    ("declaration", "oscola"): "United Nations Millennium Declaration, UNGA Res 55/2 (8 September 2000) "
                               "UN Doc A/RES/55/2",
    ("gpa38", "un"): "General Assembly resolution 64/293, annex, para. 38.",
    ("gpa43b", "un"): "General Assembly resolution 64/293, annex, para. 43 (b).",
    ("pp6", "un"): "General Assembly resolution 64/293, sixth preambular paragraph.",
    ("pp16a", "un"): "General Assembly resolution 64/293, sixteenth preambular paragraph, subparagraph (a).",
    ("op4", "un"): "General Assembly resolution 64/293, para. 4.",
    ("gpa38", "oscola"): "UNGA Res 64/293 (30 July 2010) UN Doc A/RES/64/293, annex para 38",
    ("op4", "oscola"): "UNGA Res 64/293 (30 July 2010) UN Doc A/RES/64/293, para 4",
}

MISSING = {
    ("nopage", "oscola"): ["citation.unts.page"],
    ("nonumber", "un"): ["citation.number"],
    ("nonumber", "oscola"): ["citation.number", "citation.symbol"],
    ("regional-treaty", "oscola"): ["citation.unts"],
}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    root = make_corpus(tmp_path_factory.mktemp("cite"))
    for eid, facts in ENTRIES.items():
        data = {"id": eid, **facts, "region": "global",
                "plan_refs": [{"para": "gpa9", "basis": "relevant",
                               "note": "A note long enough for the schema."}],
                "sources": SOURCE, "last_reviewed": "2026-01-01"}
        text = "---\n" + yaml.safe_dump(data, sort_keys=False, allow_unicode=True) + "---\n" + BODY
        (root / "entries" / f"{eid}.md").write_text(text)
    return load_valid_corpus(root)


@pytest.mark.parametrize("subject, style", sorted(EXPECTED))
def test_style_for_each_kind(corpus, subject, style):
    assert cite_text(corpus, subject, style) == EXPECTED[(subject, style)]


@pytest.mark.parametrize("subject, style", sorted(MISSING))
def test_a_missing_fact_is_named_not_guessed(corpus, subject, style):
    with pytest.raises(CitationMissing) as err:
        cite_text(corpus, subject, style)
    assert err.value.missing == MISSING[(subject, style)]


def test_cli_reports_missing_facts_and_unknown_ids(corpus, capsys):
    root = str(corpus.root)
    assert main(["cite", "nopage", "--style", "oscola", "--corpus", root]) == 1
    assert "missing citation.unts.page" in capsys.readouterr().err
    assert main(["cite", "nothing", "--corpus", root]) == 2
    assert main(["cite", "gpa38", "--corpus", root]) == 0
    assert capsys.readouterr().out.strip() == EXPECTED[("gpa38", "un")]


@pytest.mark.parametrize("subject", sorted(ENTRIES) + ["gpa38"])
def test_bibtex_parses_with_bibtexparser(corpus, subject):
    lib = bibtexparser.parse_string(cite_text(corpus, subject, "bibtex"))
    assert not lib.failed_blocks
    (entry,) = lib.entries
    assert entry.key == (subject if subject in ENTRIES else "a-res-64-293-gpa38")
    assert entry.fields_dict["title"].value.strip("{}")


def test_bibtex_fields_for_a_treaty(corpus):
    (entry,) = bibtexparser.parse_string(cite_text(corpus, "protocol", "bibtex")).entries
    f = {k: v.value for k, v in entry.fields_dict.items()}
    assert f["year"] == "2000"
    assert f["note"] == "United Nations, Treaty Series, vol. 2237, No. 39574, p. 319"


@pytest.mark.parametrize("subject", sorted(ENTRIES))
def test_ris_parses_with_rispy(corpus, subject):
    (rec,) = rispy.loads(cite_text(corpus, subject, "ris"))
    assert rec["title"] == ENTRIES[subject]["title"]


def test_ris_for_a_resolution(corpus):
    (rec,) = rispy.loads(cite_text(corpus, "gares", "ris"))
    assert rec["type_of_reference"] == "GOVDOC"
    assert rec["authors"] == ["General Assembly"]
    assert rec["notes"] == ["UN Doc A/RES/58/137"]


def test_csl_json_is_read_by_citeproc(corpus):
    from citeproc.source.json import CiteProcJSON

    items = [json.loads(cite_text(corpus, s, "csl-json"))[0] for s in sorted(ENTRIES)]
    source = CiteProcJSON(items)
    assert set(source) == set(ENTRIES)
    assert items[sorted(ENTRIES).index("protocol")]["volume"] == "2237"


@pytest.mark.parametrize("fmt", ["bibtex", "ris", "csl-json", "csv"])
def test_whole_corpus_exports(corpus, capsys, fmt):
    assert main(["export", "--format", fmt, "--corpus", str(corpus.root)]) == 0
    out = capsys.readouterr().out
    if fmt == "bibtex":
        assert len(bibtexparser.parse_string(out).entries) == len(ENTRIES)
    elif fmt == "ris":
        assert len(rispy.loads(out)) == len(ENTRIES)
    elif fmt == "csl-json":
        assert {i["id"] for i in json.loads(out)} == set(ENTRIES)
    else:
        import csv
        import io

        rows = list(csv.DictReader(io.StringIO(out)))
        assert len(rows) == len(ENTRIES)
        protocol = next(r for r in rows if r["id"] == "protocol")
        got = (protocol["unts_volume"], protocol["unts_page"], protocol["plan_refs"])
        assert got == ("2237", "319", "gpa9")


def test_handout_for_paragraphs(corpus, tmp_path, capsys):
    out = tmp_path / "h"
    assert main(["handout", "--paras", "gpa9,gpa38", "--output", str(out), "--corpus", str(corpus.root)]) == 0
    md = (out / "gpa9-gpa38.md").read_text()
    html_text = (out / "gpa9-gpa38.html").read_text()
    assert "### Plan ¶ 9" in md and "### Plan ¶ 38" in md
    assert "*Cite as:* General Assembly resolution 64/293, annex, para. 38." in md
    # every fixture entry cites gpa9, so each appears with its citation or what it lacks
    assert "*Cite as:* General Assembly resolution 58/137 of 22 December 2003." in md
    assert "## Practices" not in md
    assert '<blockquote lang="zh">' in html_text and "@media print" in html_text
    assert "http://" not in html_text and "<script" not in html_text


def test_handout_rejects_unknown_selection(corpus, capsys):
    assert main(["handout", "--paras", "gpa99", "--corpus", str(corpus.root)]) == 2
    assert "no paragraph gpa99" in capsys.readouterr().err
    assert main(["handout", "--pillar", "rescue", "--corpus", str(corpus.root)]) == 2
