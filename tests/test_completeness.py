"""The corpus covers everything the resolution names, and cites every paragraph naming it."""

from __future__ import annotations

import pytest

from indexer.corpus.loader import load_corpus
from indexer.corpus.mentions import load_mentions

from .conftest import CORPUS

REGIONAL_PP15 = {
    "arab-initiative", "doha-foundation-forum", "asem-action-plan", "asean-declaration-2004",
    "bali-process", "bsec-action-plan", "cbss-task-force", "cis-agreement-2005",
    "central-american-coalition", "commit", "coe-convention", "ecowas-declaration-2001",
    "ecowas-eccas-joint-plan", "manama-conference-2009", "mercosur-action-plan", "oas-work-plan",
    "ouagadougou-action-plan", "osce-action-plan", "rcm-action-plan", "saarc-convention",
    "stability-pact-task-force", "stockholm-programme", "stockholm-action-plan",
}
GUIDANCE = {"unodc-international-framework", "ohchr-recommended-principles",
            "unicef-child-victims-guidelines", "victim-identification-procedures"}
PRACTICES = {
    "practice-research-data", "practice-victim-identification", "practice-awareness-campaigns",
    "practice-human-rights-education", "practice-birth-registration", "practice-demand-reduction",
    "practice-labour-exploitation-measures", "practice-training-officials",
    "practice-non-punishment", "practice-victim-witness-protection",
    "practice-recovery-assistance", "practice-residence-permits", "practice-safe-return",
    "practice-labour-law-protection", "practice-health-services", "practice-child-victims",
    "practice-compensation", "practice-civil-society-role", "practice-information-on-rights",
    "practice-reflection-period", "practice-criminalisation", "practice-legal-person-liability",
    "practice-asset-confiscation", "practice-anti-corruption", "practice-information-exchange",
    "practice-mutual-legal-assistance", "practice-private-sector-partnerships",
}
INSTRUMENT_TYPES = {"convention", "resolution", "declaration", "action-plan", "guidance"}


@pytest.fixture(scope="module")
def corpus():
    corpus, _ = load_corpus(CORPUS)
    return corpus


MENTIONS = load_mentions(CORPUS)


def test_the_checklist_covers_the_regional_paragraph_and_the_guidance():
    ids = {m.id for m in MENTIONS}
    assert ids >= REGIONAL_PP15 and ids >= GUIDANCE


@pytest.mark.parametrize("mention", MENTIONS, ids=lambda m: m.id)
def test_every_item_the_resolution_names_has_an_entry_citing_each_paragraph(corpus, mention):
    plan_paras = mention.paragraphs(corpus.plan)
    assert plan_paras, f"{mention.id}: the checklist's wording matches no paragraph"
    assert mention.id in corpus.entries, f"no entry corpus/entries/{mention.id}.md"
    cited = {ref.para for ref in corpus.entries[mention.id].plan_refs}
    missing = [k for k in plan_paras if k not in cited]
    assert not missing, f"{mention.id} is named in {missing} but does not cite them"


@pytest.mark.parametrize("eid", sorted(REGIONAL_PP15))
def test_every_regional_mechanism_cites_pp15(corpus, eid):
    assert eid in corpus.entries
    entry = corpus.entries[eid]
    cited = {r.para for r in entry.plan_refs}
    assert "pp15" in cited
    # and no annex paragraph is claimed as naming it: those links are a curator's judgement
    assert all(r.basis != "named" for r in entry.plan_refs if r.para != "pp15")
    assert entry.region != "global"


@pytest.mark.parametrize("eid", sorted(PRACTICES))
def test_every_practice_links_a_paragraph_and_an_instrument(corpus, eid):
    assert eid in corpus.entries, f"no entry corpus/entries/{eid}.md"
    entry = corpus.entries[eid]
    assert entry.type == "practice"
    assert any(r.para.startswith("gpa") for r in entry.plan_refs)
    targets = [corpus.entries[r.id] for r in entry.related if r.id in corpus.entries]
    assert any(t.type in INSTRUMENT_TYPES for t in targets), "links no instrument or guidance"
    assert any(r.relation == "codified-in" and r.note for r in entry.related), (
        "name the codifying article in the note of a codified-in link")
