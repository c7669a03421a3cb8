"""Provisions, topics and asks as the pages show them: where the comparison and checklist pages
live, links to one provision on its entry's page, and the "Key provisions" section of an entry
page, generated from the entry's ``provisions`` data (with the comparisons that cover it).

Every value from an entry is escaped where it is written; ids come from
:func:`indexer.publish.provisions.provision_anchors` (ASCII letters, digits and hyphens).
"""

from __future__ import annotations

from indexer.corpus.asks import Ask
from indexer.corpus.model import Entry
from indexer.corpus.names import para_label
from indexer.publish.checklist import checklist_page, part_of
from indexer.publish.provisions import (
    PRACTICE,
    ProvisionRef,
    compare_page,
    compared_topics,
    of_entry,
)
from indexer.site.i18n import ZH
from indexer.site.pages.common import Writer, english, h, heading
from indexer.site.urls import entry_src, para_src, src_of_url

COMPARE = "browse/compare/index.md"
CHECKLIST = "browse/checklist/index.md"

# Interface words: site/i18n.py, keys "prov.*".


def topic_src(topic: str) -> str:
    """The comparison page of one topic (a value of the schema's vocabulary)."""
    return src_of_url(compare_page(topic))


def checklist_src(part: str) -> str:
    """The checklist page of one part of the Plan (a pillar, or ``general``)."""
    return src_of_url(checklist_page(part))


def ask_anchor(ask_id: str) -> str:
    """The id of an ask on its checklist page: ``gpa30-1``."""
    return ask_id.replace(".", "-")


def binding_text(w: Writer, ref: ProvisionRef) -> str:
    if ref.binding:
        return w.t("prov.binding")
    info = w.site.vocab.types.get(ref.entry.type)
    return w.t("prov.treaty_clause") if info and info.binding else w.t("prov.not_binding")


def provision_link(w: Writer, ref: ProvisionRef, with_entry: bool = False) -> str:
    """A link to the provision on its entry's page: 'Art. 6', or 'Protocol, Art. 6'."""
    text = ref.label(w.site.vocab, w.lang)
    if with_entry:
        text = w.t("prov.entry_article", entry=w.site.name(ref.entry), article=text)
    return w.link(entry_src(ref.entry), text, ref.anchor)


def topic_link(w: Writer, topic: str) -> str:
    """The topic's label, linked to its comparison page where it has one."""
    label = w.site.vocab.topics.label(topic, w.lang)
    if topic in w.site.vocab.compared_topics:
        return w.link(topic_src(topic), label)
    return h(label)


def ask_label(w: Writer, ask_id: str) -> str:
    """'Plan ¶ 30, ask 1', or the id itself when the Plan has no such paragraph."""
    para_key, _, n = ask_id.rpartition(".")
    para = w.site.plan.paragraphs.get(para_key)
    return w.t("prov.ask", para=para_label(para, w.lang), number=n) if para else ask_id


def ask_link(w: Writer, ask_id: str) -> str:
    """A link to the ask in its checklist, or to its paragraph where it is not in asks.yaml."""
    asks = w.site.corpus.asks()
    para_key = ask_id.rpartition(".")[0]
    if ask_id in asks and para_key in w.site.plan.paragraphs:
        part = part_of(w.site.plan[para_key])
        return w.link(checklist_src(part), ask_label(w, ask_id), ask_anchor(ask_id))
    if para_key in w.site.plan.paragraphs:
        return w.link(para_src(w.site.plan[para_key]), ask_label(w, ask_id))
    return h(ask_id)


def ask_words(w: Writer, ask: Ask) -> str:
    """The ask: who, the verb as the resolution uses it, what (the project's English, marked
    as such in another edition); and the Chinese words, first in the Chinese edition."""
    what = ('<p class="tipkb-ask__what">'
            + english(w, f"{h(ask.who)}: <em>{h(ask.verb)}</em> {h(ask.what_after_verb())}")
            + "</p>")
    rest = ask.zh_after_verb()
    zh = (f"<strong>{h(ask.verb_zh)}</strong>{h(rest)}" if rest is not None
          else f"<strong>{h(ask.verb_zh)}</strong>……{h(ask.zh)}")
    words = f'<p class="tipkb-zh" lang="zh">{zh}</p>'
    return f"{words}\n{what}" if w.lang == ZH else f"{what}\n{words}"


def key_provisions(w: Writer, entry: Entry) -> None:
    """The entry's "Key provisions" section (from its provisions data) and the comparison
    pages that cover it; a practice without provisions gets the comparisons line alone."""
    refs = of_entry(w.site.corpus, entry)
    topics = compared_topics(w.site.corpus, entry)
    compared = ""
    if topics:
        compared = (f'<p class="tipkb-compared">{h(w.t("prov.compared_on"))}'
                    + w.t("list_sep").join(w.link(topic_src(t),
                                                  w.site.vocab.topics.label(t, w.lang))
                                           for t in topics)
                    + f"{h(w.t('prov.compared_tail'))}</p>")
    if refs:
        w.md(heading(2, w.t("prov.key_provisions"), "key-provisions"))
        items = "\n".join(_provision(w, ref) for ref in refs)
        w.html(f'<p class="tipkb-note">{h(w.t("prov.key_intro"))}</p>\n'
               f'<div class="tipkb-provisions">\n{items}\n</div>' + ("\n" + compared if compared
                                                                     else ""))
    elif compared and entry.type == PRACTICE:
        w.html(compared, index=False)


def _provision(w: Writer, ref: ProvisionRef) -> str:
    p = ref.provision
    sep = w.t("list_sep")
    meta = [h(w.t("prov.topics")) + sep.join(topic_link(w, t) for t in p.topics)]
    if not ref.binding:
        meta.append(h(binding_text(w, ref)))
    if p.asks:
        meta.append(h(w.t("prov.serves")) + sep.join(ask_link(w, a) for a in p.asks))
    source = ref.entry.source(p.source)
    if source:
        meta.append(h(w.t("prov.source")) + english(w, f"<i>{h(source.title)}</i>"))
    return (f'<div class="tipkb-provision" id="{h(ref.anchor)}">\n'
            f'<p class="tipkb-provision__head"><strong>{h(ref.label(w.site.vocab, w.lang))}'
            f"</strong> {english(w, h(p.title))}</p>\n"
            f"<p>{english(w, h(' '.join(p.summary.split())))}</p>\n"
            f'<p class="tipkb-provision__meta">' + " · ".join(meta) + "</p>\n</div>")
