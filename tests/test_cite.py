"""Citations: every style for every kind of entry and issuer, against hand-checked strings.

Each expected string was written by hand from the UN Editorial Manual's forms (treaties by
Treaty Series volume and number, resolutions by organ, number and date) and from OSCOLA 4th
edition (treaties by UNTS volume and page or by series; 'UN Doc' only before UN document
symbols; ECtHR judgments by application number, court and date).
"""

from __future__ import annotations

import csv
import io
import json
import re

import bibtexparser
import pytest
import rispy
import yaml
from pybtex.database import parse_string

from indexer.cli import main
from indexer.corpus.loader import load_valid_corpus
from indexer.publish.cite import CitationMissing
from indexer.publish.formats import FORMATS

from .conftest import make_corpus

BODY = "\n## Summary\n\nA test entry.\n"
SUPPORTS = ["adopted", "in_force", "adopted_by", "place", "citation.symbol", "citation.number",
            "citation.unts", "citation.cets", "citation.oj", "url", "case.court", "case.decided",
            "case.number", "case.parties", "provisions"]
PROVISION = [{"unit": "article", "number": "1", "title": "A provision",
              "summary": "What the first article provides, in a few words.",
              "topics": ["cooperation"], "source": "s"}]
KB = "Global Plan of Action against Trafficking in Persons: Reference Knowledge Base"

ENTRIES = {
    "protocol": {"type": "convention", "issuer": "un-ga", "adopted_by": "General Assembly",
                 "title": "Protocol to Prevent, Suppress and Punish Trafficking in Persons, "
                          "Especially Women and Children",
                 "adopted": "2000-11-15", "in_force": "2003-12-25",
                 "citation": {"unts": {"volume": 2237, "number": 39574, "page": 319}}},
    "nopage": {"type": "convention", "title": "Convention on the Rights of the Child",
               "adopted": "1989-11-20", "in_force": "1990-09-02",
               "citation": {"unts": {"volume": 1577, "number": 27531}}},
    "charter": {"type": "convention", "title": "Charter of the United Nations",
                "adopted": "1945-06-26", "in_force": "1945-10-24",
                "citation": {"unts": {"volume": 1, "page": "XVI"}}},
    "coe": {"type": "convention",
            "title": "Council of Europe Convention on Action against Trafficking in Human Beings",
            "issuer": "coe-cm", "adopted_by": "Committee of Ministers of the Council of Europe",
            "adopted": "2005-05-03", "in_force": "2008-02-01", "citation": {"cets": 197}},
    "directive": {"type": "convention", "issuer": "eu-parliament-council",
                  "adopted_by": "European Parliament and Council of the European Union",
                  "title": "Directive 2011/36/EU of the European Parliament and of the Council of "
                           "5 April 2011 on preventing and combating trafficking in human beings "
                           "and protecting its victims",
                  "adopted": "2011-04-05", "citation": {"oj": "OJ L 101, 15.4.2011, p. 1"}},
    "regional-treaty": {"type": "convention", "title": "A Regional Agreement", "place": "Minsk",
                        "adopted": "2005-11-25"},
    "gares": {"type": "resolution", "title": "Resolution adopted by the General Assembly",
              "issuer": "un-ga", "adopted_by": "General Assembly", "adopted": "2003-12-22",
              "citation": {"number": "58/137", "symbol": "A/RES/58/137"}},
    "ecosoc": {"type": "resolution", "title": "Strengthening international cooperation",
               "issuer": "un-ecosoc", "adopted_by": "Economic and Social Council",
               "adopted": "2006-07-27", "citation": {"number": "2006/27", "symbol": "E/RES/2006/27"}},
    "chrdec": {"type": "resolution", "title": "Commission on Human Rights decision 2004/110",
               "issuer": "un-chr", "adopted_by": "Commission on Human Rights",
               "adopted": "2004-04-19", "citation": {"number": "2004/110", "symbol": "E/2004/23"}},
    "copdec": {"type": "resolution", "title": "Conference of the Parties decision 1/5",
               "issuer": "untoc-cop",
               "adopted_by": "Conference of the Parties to the United Nations Convention against "
                             "Transnational Organized Crime",
               "adopted": "2004-07-07", "citation": {"number": "1/5", "symbol": "CTOC/COP/2004/6"}},
    "nonumber": {"type": "resolution", "title": "A resolution without its number",
                 "issuer": "un-ga", "adopted_by": "General Assembly", "adopted": "2006-12-20"},
    "oas": {"type": "action-plan", "issuer": "oas-ga",
            "adopted_by": "General Assembly of the Organization of American States",
            "title": "Work Plan to Combat Trafficking in Persons in the Western Hemisphere",
            "adopted": "2010-06-08", "citation": {"symbol": "AG/RES. 2551 (XL-O/10)"}},
    "osce-plan": {"type": "action-plan", "issuer": "osce-pc", "adopted_by": "OSCE Permanent Council",
             "title": "OSCE Action Plan to Combat Trafficking in Human Beings",
             "adopted": "2003-07-24", "citation": {"symbol": "PC.DEC/557"}},
    "eu-plan": {"type": "action-plan", "issuer": "eu-commission",
                "adopted_by": "European Commission",
                "title": "Delivering an area of freedom, security and justice for Europe's "
                         "citizens: Action Plan Implementing the Stockholm Programme",
                "adopted": "2010-04-20", "citation": {"symbol": "COM(2010) 171 final"}},
    "asean": {"type": "declaration", "issuer": "asean-summit", "adopted_by": "10th ASEAN Summit",
              "title": "ASEAN Declaration against Trafficking in Persons Particularly Women and "
                       "Children", "adopted": "2004-11-29", "place": "Vientiane"},
    "principles": {"type": "guidance", "issuer": "ohchr",
                   "title": "Recommended Principles and Guidelines on Human Rights and Human "
                            "Trafficking",
                   "adopted_by": "Office of the United Nations High Commissioner for Human Rights",
                   "adopted": "2002-05-20", "citation": {"symbol": "E/2002/68/Add.1"}},
    "plan": {"type": "action-plan", "title": "A Regional Action Plan",
             "adopted_by": "A Regional Organisation", "adopted": "2004-05-05",
             "url": "https://www.oas.org/plan"},
    "declaration": {"type": "declaration", "title": "United Nations Millennium Declaration",
                    "issuer": "un-ga", "adopted_by": "General Assembly", "adopted": "2000-09-08",
                    "citation": {"number": "55/2", "symbol": "A/RES/55/2"}},
    "rantsev": {"type": "case", "region": "europe", "title": "Rantsev v. Cyprus and Russia",
                "case": {"court": "European Court of Human Rights", "decided": "2010-01-07",
                         "number": "Application no. 25965/04",
                         "parties": "Rantsev v. Cyprus and Russia"}},
    "hadijatou": {"type": "case", "region": "africa",
                  "title": "Hadijatou Mani Koraou v. Republic of Niger",
                  "case": {"court": "ECOWAS Community Court of Justice", "decided": "2008-10-27",
                           "number": "ECW/CCJ/JUD/06/08",
                           "parties": "Hadijatou Mani Koraou v. Republic of Niger"}},
    "mandate": {"type": "mandate", "title": "Special Rapporteur on a test subject"},
    "series": {"type": "report", "issuer": "unodc",
               "adopted_by": "United Nations Office on Drugs and Crime",
               "title": "Global Report on Trafficking in Persons"},
}
INSTRUMENTS = {"convention", "resolution", "declaration", "action-plan", "guidance"}
BODIES = {"case": "\n## Summary\n\nA test case.\n\n## Holding\n\nWhat the court held.\n"}

EXPECTED = {
    ("protocol", "un"): "Protocol to Prevent, Suppress and Punish Trafficking in Persons, Especially "
                        "Women and Children, United Nations, Treaty Series, vol. 2237, No. 39574.",
    ("protocol", "oscola"): "Protocol to Prevent, Suppress and Punish Trafficking in Persons, "
                            "Especially Women and Children (adopted 15 November 2000, entered into "
                            "force 25 December 2003) 2237 UNTS 319",
    ("nopage", "un"): "Convention on the Rights of the Child, United Nations, Treaty Series, "
                      "vol. 1577, No. 27531.",
    ("charter", "un"): "Charter of the United Nations, United Nations, Treaty Series, vol. 1, "
                       "p. XVI.",
    ("charter", "oscola"): "Charter of the United Nations (adopted 26 June 1945, entered into force "
                           "24 October 1945) 1 UNTS XVI",
    ("coe", "un"): "Council of Europe Convention on Action against Trafficking in Human Beings, "
                   "Council of Europe, Treaty Series, No. 197.",
    ("coe", "oscola"): "Council of Europe Convention on Action against Trafficking in Human Beings "
                       "(adopted 3 May 2005, entered into force 1 February 2008) CETS No 197",
    ("directive", "un"): "Directive 2011/36/EU of the European Parliament and of the Council of "
                         "5 April 2011 on preventing and combating trafficking in human beings and "
                         "protecting its victims, Official Journal of the European Union, L 101, "
                         "15.4.2011, p. 1.",
    ("directive", "oscola"): "Directive 2011/36/EU of the European Parliament and of the Council "
                             "of 5 April 2011 on preventing and combating trafficking in human "
                             "beings and protecting its victims [2011] OJ L101/1",
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
    ("oas", "un"): "Work Plan to Combat Trafficking in Persons in the Western Hemisphere "
                   "(AG/RES. 2551 (XL-O/10)).",
    ("oas", "oscola"): "OAS General Assembly, 'Work Plan to Combat Trafficking in Persons in the "
                       "Western Hemisphere' (2010) AG/RES. 2551 (XL-O/10)",
    ("osce-plan", "oscola"): "OSCE Permanent Council, 'OSCE Action Plan to Combat Trafficking in Human "
                        "Beings' (2003) PC.DEC/557",
    ("eu-plan", "oscola"): "European Commission, 'Delivering an area of freedom, security and "
                           "justice for Europe's citizens: Action Plan Implementing the Stockholm "
                           "Programme' (2010) COM(2010) 171 final",
    ("asean", "un"): "ASEAN Declaration against Trafficking in Persons Particularly Women and "
                     "Children, ASEAN Summit, 29 November 2004.",
    ("asean", "oscola"): "ASEAN, ASEAN Declaration against Trafficking in Persons Particularly "
                         "Women and Children (2004)",
    ("principles", "un"): "Recommended Principles and Guidelines on Human Rights and Human "
                          "Trafficking (E/2002/68/Add.1).",
    ("principles", "oscola"): "OHCHR, 'Recommended Principles and Guidelines on Human Rights and "
                              "Human Trafficking' (2002) UN Doc E/2002/68/Add.1",
    ("plan", "un"): "A Regional Action Plan, A Regional Organisation, 5 May 2004.",
    ("plan", "oscola"): "A Regional Organisation, A Regional Action Plan (2004) "
                        "<https://www.oas.org/plan>",
    ("declaration", "un"): "United Nations Millennium Declaration, General Assembly resolution 55/2 "
                           "of 8 September 2000.",
    ("declaration", "oscola"): "United Nations Millennium Declaration, UNGA Res 55/2 (8 September "
                               "2000) UN Doc A/RES/55/2",
    ("rantsev", "un"): "European Court of Human Rights, Rantsev v. Cyprus and Russia, Application "
                       "no. 25965/04, judgment of 7 January 2010.",
    ("rantsev", "oscola"): "Rantsev v Cyprus and Russia App no 25965/04 (ECtHR, 7 January 2010)",
    ("hadijatou", "oscola"): "Hadijatou Mani Koraou v Republic of Niger ECW/CCJ/JUD/06/08 (ECOWAS "
                             "Community Court of Justice, 27 October 2008)",
    ("mandate", "un"): f'{KB}, "Special Rapporteur on a test subject", version 1.0.0, 1 December '
                       "2026. Available at http://127.0.0.1:8000/entries/mandate/.",
    ("mandate", "oscola"): f"{KB}, 'Special Rapporteur on a test subject' (version 1.0.0, 1 December "
                           "2026) <http://127.0.0.1:8000/entries/mandate/>",
    ("series", "oscola"): f"{KB}, 'Global Report on Trafficking in Persons' (version 1.0.0, "
                          "1 December 2026) <http://127.0.0.1:8000/entries/series/>",
    ("gpa38", "un"): "General Assembly resolution 64/293, annex, para. 38.",
    ("gpa43b", "un"): "General Assembly resolution 64/293, annex, para. 43 (b).",
    ("pp6", "un"): "General Assembly resolution 64/293, sixth preambular paragraph.",
    ("pp16a", "un"): "General Assembly resolution 64/293, sixteenth preambular paragraph, "
                     "subparagraph (a).",
    ("op4", "un"): "General Assembly resolution 64/293, para. 4.",
    ("gpa38", "oscola"): "UNGA Res 64/293 (30 July 2010) UN Doc A/RES/64/293, annex para 38",
    ("op4", "oscola"): "UNGA Res 64/293 (30 July 2010) UN Doc A/RES/64/293, para 4",
}

MISSING = {
    ("nopage", "oscola"): ["the first page of the treaty in the Treaty Series volume"],
    ("nonumber", "un"): ["its number"],
    ("nonumber", "oscola"): ["its number"],
    ("regional-treaty", "oscola"): ["its Treaty Series reference"],
}


@pytest.fixture(scope="module", autouse=True)
def fixed_site_url():
    mp = pytest.MonkeyPatch()
    mp.delenv("TIPKB_SITE_URL", raising=False)
    yield
    mp.undo()


@pytest.fixture(scope="module")
def corpus(tmp_path_factory, fixed_site_url):
    root = make_corpus(tmp_path_factory.mktemp("cite"))
    for eid, facts in ENTRIES.items():
        data = {"id": eid, "region": "global", **facts,
                "plan_refs": [{"para": "gpa9", "basis": "relevant",
                               "note": f"A note long enough for the schema, about {eid}."}],
                "sources": [{"id": "s", "title": "Test source", "url": "https://www.un.org/en/s",
                             "supports": SUPPORTS}],
                "last_reviewed": "2026-01-01"}
        if facts["type"] in INSTRUMENTS:
            data["provisions"] = PROVISION
        text = ("---\n" + yaml.safe_dump(data, sort_keys=False, allow_unicode=True) + "---\n"
                + BODIES.get(facts["type"], BODY))
        (root / "entries" / f"{eid}.md").write_text(text)
    return load_valid_corpus(root)


def cite(corpus, subject: str, style: str) -> str:
    thing = corpus.plan.paragraphs.get(subject) or corpus.entries[subject]
    return FORMATS[style].cite(corpus, thing)


@pytest.mark.parametrize("subject, style", sorted(EXPECTED))
def test_style_for_each_kind_and_issuer(corpus, subject, style):
    assert cite(corpus, subject, style) == EXPECTED[(subject, style)]


@pytest.mark.parametrize("subject, style", sorted(MISSING))
def test_a_missing_fact_is_named_in_words_not_guessed(corpus, subject, style):
    with pytest.raises(CitationMissing) as err:
        cite(corpus, subject, style)
    assert err.value.missing == MISSING[(subject, style)]
    assert "." not in " ".join(err.value.missing)  # never a field path such as citation.unts.page


def test_un_doc_only_before_un_symbols(corpus):
    for subject in ENTRIES:
        for style in ("un", "oscola"):
            try:
                text = cite(corpus, subject, style)
            except CitationMissing:
                continue
            if "UN Doc" in text:
                symbol = text.split("UN Doc ", 1)[1]
                assert symbol.startswith(("A/", "E/", "CTOC/")), (subject, text)


def test_cli_one_line_for_a_missing_fact_and_an_unknown_id(corpus, capsys):
    root = str(corpus.root)
    assert main(["cite", "nopage", "--style", "oscola", "--corpus", root]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "first page of the treaty" in err[0] and "citation." not in err[0]
    assert "United Nations style" in err[0]  # another style is offered
    assert main(["cite", "nothing", "--corpus", root]) == 2
    assert main(["cite", "gpa38", "--corpus", root]) == 0
    assert capsys.readouterr().out.strip() == EXPECTED[("gpa38", "un")]


@pytest.mark.parametrize("subject", sorted(ENTRIES))
def test_every_record_format_succeeds_for_every_entry(corpus, subject):
    for style in ("bibtex", "ris", "csl-json"):
        assert cite(corpus, subject, style)


BIB_TYPES = {"protocol": "legal", "gares": "legislation", "chrdec": "legislation",
             "principles": "report", "series": "online", "rantsev": "jurisdiction",
             "mandate": "online", "oas": "misc"}


@pytest.mark.parametrize("subject", sorted(ENTRIES) + ["gpa38"])
def test_bibtex_parses_with_pybtex_and_bibtexparser(corpus, subject):
    text = cite(corpus, subject, "bibtex")
    lib = bibtexparser.parse_string(text)
    assert not lib.failed_blocks
    (entry,) = lib.entries
    assert entry.key == (subject if subject in ENTRIES else "a-res-64-293-gpa38")
    assert entry.fields_dict["year"].value  # every record has a year
    assert len(parse_string(text, "bibtex").entries) == 1
    if subject in BIB_TYPES:
        assert entry.entry_type == BIB_TYPES[subject]


def test_bibtex_fields_for_a_treaty(corpus):
    (entry,) = bibtexparser.parse_string(cite(corpus, "protocol", "bibtex")).entries
    f = {k: v.value for k, v in entry.fields_dict.items()}
    assert f["year"] == "2000" and f["entrysubtype"] == "treaty"
    assert f["note"] == "United Nations, Treaty Series, vol. 2237, No. 39574, p. 319"


@pytest.mark.parametrize("subject", sorted(ENTRIES))
def test_ris_parses_with_rispy(corpus, subject):
    (rec,) = rispy.loads(cite(corpus, subject, "ris"))
    assert rec["title"] == ENTRIES[subject]["title"]


def test_ris_types_and_issuers(corpus):
    (gares,) = rispy.loads(cite(corpus, "gares", "ris"))
    assert gares["type_of_reference"] == "GOVDOC" and gares["authors"] == ["General Assembly"]
    assert gares["notes"] == ["UN Doc A/RES/58/137"]
    (treaty,) = rispy.loads(cite(corpus, "protocol", "ris"))
    assert treaty["type_of_reference"] == "TREATY"
    (case,) = rispy.loads(cite(corpus, "rantsev", "ris"))
    assert case["type_of_reference"] == "CASE"
    (oas,) = rispy.loads(cite(corpus, "oas", "ris"))
    assert oas["authors"] == ["General Assembly of the Organization of American States"]
    assert "UN Doc" not in json.dumps(oas)


def test_csl_json_is_read_by_citeproc_and_names_the_right_assembly(corpus):
    from citeproc.source.json import CiteProcJSON

    items = [json.loads(cite(corpus, s, "csl-json"))[0] for s in sorted(ENTRIES)]
    assert set(CiteProcJSON(items)) == set(ENTRIES)
    by_id = {i["id"]: i for i in items}
    assert by_id["protocol"]["type"] == "treaty" and by_id["protocol"]["volume"] == "2237"
    assert by_id["oas"]["publisher"] == "General Assembly of the Organization of American States"
    assert by_id["rantsev"]["type"] == "legal_case"
    assert by_id["mandate"]["type"] == "webpage" and by_id["mandate"]["version"] == "1.0.0"
    assert all("issued" in i for i in items)


@pytest.mark.parametrize("fmt", ["bibtex", "ris", "csl-json", "csv", "json"])
def test_whole_corpus_exports(corpus, capsys, fmt):
    assert main(["export", "--format", fmt, "--corpus", str(corpus.root)]) == 0
    out = capsys.readouterr().out
    if fmt == "bibtex":
        assert len(parse_string(out, "bibtex").entries) == len(ENTRIES)
    elif fmt == "ris":
        assert len(rispy.loads(out)) == len(ENTRIES)
    elif fmt == "csl-json":
        assert {i["id"] for i in json.loads(out)} == set(ENTRIES)
    elif fmt == "json":
        data = json.loads(out)
        assert data["release"]["version"] == "1.0.0"
        protocol = next(e for e in data["entries"] if e["id"] == "protocol")
        assert protocol["page"] == "entries/protocol/" and "url" not in protocol
        plan = next(e for e in data["entries"] if e["id"] == "plan")
        assert plan["url"] == "https://www.oas.org/plan"  # the official address is kept
    else:
        rows = list(csv.DictReader(io.StringIO(out)))
        assert len(rows) == len(ENTRIES)
        protocol = next(r for r in rows if r["id"] == "protocol")
        got = (protocol["unts_volume"], protocol["unts_page"], protocol["relevant_to"])
        assert got == ("2237", "319", "gpa9")


def test_a_filtered_bibliography_holds_exactly_the_selection(corpus, capsys):
    root = str(corpus.root)
    assert main(["export", "--format", "bibtex", "--type", "convention", "--corpus", root]) == 0
    keys = set(parse_string(capsys.readouterr().out, "bibtex").entries)
    assert keys == {k for k, v in ENTRIES.items() if v["type"] == "convention"}
    assert main(["export", "--format", "bibtex", "--region", "europe", "--paragraphs",
                 "--para", "gpa9", "--corpus", root]) == 0
    keys = set(parse_string(capsys.readouterr().out, "bibtex").entries)
    assert keys == {"rantsev", "a-res-64-293-gpa9"}
    assert main(["export", "--ids", "protocol,coe", "--format", "ris", "--corpus", root]) == 0
    assert {r["id"] for r in rispy.loads(capsys.readouterr().out)} == {"protocol", "coe"}
    assert main(["export", "--type", "treaty", "--corpus", root]) == 2
    assert "no type 'treaty'" in capsys.readouterr().err


def _schema_field_names() -> set[str]:
    """Every property name of the entry schema that is not an English word (in_force,
    title_zh, plan_refs...), and every dotted path to a nested one (citation.unts)."""
    from indexer.schema import load_schema

    names: set[str] = set()

    def walk(node, path: tuple[str, ...]) -> None:
        if isinstance(node, dict):
            for key, sub in (node.get("properties") or {}).items():
                full = (*path, key)
                if "_" in key or len(full) > 1:
                    names.add(".".join(full))
                if "_" in key:
                    names.add(key)
                walk(sub, full)
            for key in ("items", "$defs"):
                if isinstance(node.get(key), dict):
                    walk(node[key], path if key == "items" else ())
            for sub in (node.get("$defs") or {}).values():
                walk(sub, ())
    walk(load_schema(), ())
    return names


def test_cite_every_real_entry_in_every_style_or_say_what_is_missing(capsys, monkeypatch):
    """`tipkb cite ID --style S` for the whole corpus: a citation, or one line that names the
    missing fact in words (never a field name, never a traceback)."""
    from indexer.cli.commands import cite as cite_command
    from indexer.publish.cite import MISSING_WORDS
    from indexer.publish.formats import styles

    from .conftest import CORPUS

    real = load_valid_corpus(CORPUS)
    monkeypatch.setattr(cite_command, "load_valid_corpus", lambda root: real)
    fields = _schema_field_names()
    assert {"in_force", "title_zh", "citation.unts"} <= fields
    outcomes = {0: 0, 1: 0}
    for entry in real:
        for style in styles():
            code = main(["cite", entry.id, "--style", style])
            out, err = capsys.readouterr()
            assert code in (0, 1), (entry.id, style, err)
            outcomes[code] += 1
            if code == 0:
                assert out.strip() and not err, (entry.id, style)
                continue
            lines = err.strip().splitlines()
            assert len(lines) == 1 and not out, (entry.id, style, err)
            line = lines[0]
            assert line.startswith(f"tipkb cite: cannot cite '{entry.id}' in ")
            assert "Traceback" not in line and "internal error" not in line
            said = line.split("does not give ", 1)[1]
            assert any(words in said for words in MISSING_WORDS.values()), line
            tokens = set(re.findall(r"[a-z_]+(?:\.[a-z_]+)*", said.replace(entry.id, "")))
            assert not tokens & fields, (line, tokens & fields)
    assert outcomes[0] > outcomes[1]
