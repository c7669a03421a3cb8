"""The site's interface in each language: one table of strings, ``t(key, lang)`` to read it.

The site has two editions built from the same pages (see site/plugin.py): English at the root
and Chinese under ``zh/``. Every word of the interface a page module writes comes from
``STRINGS`` (tests/test_i18n.py checks that each key has both languages and that the page
modules keep no English sentence of their own). What the corpus says (titles, notes, bodies) is
not here: the pages choose the Chinese field where the entry has one.

A value is a string, formatted with the keyword arguments of ``t`` (``{n}``, ``{date}``...), or
for counted words a pair (one, many) chosen by ``n``. Chinese has no plural: its value is a
plain string.
"""

from __future__ import annotations

import re
from functools import lru_cache

from indexer.publish.export import TRANSLATION_NOTE

EN, ZH = "en", "zh"
LANGS = (EN, ZH)
DEFAULT_LANG = EN
# How each edition names itself in the other's language switch.
LANG_NAMES = {EN: "English", ZH: "中文"}
# The HTML lang of each edition's text.
HTML_LANG = {EN: "en", ZH: "zh"}

Text = str | tuple[str, str]

STRINGS: dict[str, dict[str, Text]] = {
    # ------------------------------------------------------------------ shared
    "home": {EN: "Home", ZH: "首页"},
    "browse": {EN: "Browse", ZH: "浏览"},
    "the_plan": {EN: "The Plan", ZH: "行动计划"},
    "breadcrumb": {EN: "Breadcrumb", ZH: "路径"},
    "cite_this": {EN: "Cite this", ZH: "引用"},
    "colon": {EN: ": ", ZH: "："},
    "list_sep": {EN: ", ", ZH: "、"},
    "stop": {EN: ".", ZH: "。"},
    "sentence_sep": {EN: ". ", ZH: "。"},
    "paren": {EN: " ({text})", ZH: "（{text}）"},
    "permalink": {EN: "Permanent link", ZH: "本节链接"},
    "paragraph_n": {EN: ("{n} paragraph", "{n} paragraphs"), ZH: "{n}段"},
    "entry_n": {EN: ("{n} entry", "{n} entries"), ZH: "{n}个条目"},
    "entries": {EN: "Entries", ZH: "条目"},
    "entry": {EN: "Entry", ZH: "条目"},
    "type": {EN: "Type", ZH: "类型"},
    "region": {EN: "Region", ZH: "区域"},
    "adopted": {EN: "Adopted", ZH: "通过年份"},
    "paragraphs": {EN: "Paragraphs", ZH: "段落数"},
    "paragraph": {EN: "Paragraph", ZH: "段落"},
    "text": {EN: "Text", ZH: "案文"},
    "number": {EN: "Number", ZH: "数量"},
    "language_switch": {EN: "Read this page in Chinese", ZH: "阅读本页英文版"},
    "release": {EN: "Knowledge base {edition}.", ZH: "知识库{edition}。"},
    "edition": {EN: "version {version}, {date}", ZH: "版本{version}，{date}"},
    "404.h1": {EN: "Page not found", ZH: "找不到页面"},
    "404.text": {
        EN: "There is no page at this address. Entry pages live at <code>entries/&lt;id&gt;/</code>, "
            "paragraphs of the Plan at <code>plan/&lt;number&gt;/</code> and those of the "
            "resolution at <code>resolution/preamble/&lt;number&gt;/</code> or "
            "<code>resolution/operative/&lt;number&gt;/</code>.",
        ZH: "此地址没有页面。条目页面位于 <code>entries/&lt;id&gt;/</code>，《行动计划》的段落位于 "
            "<code>plan/&lt;段号&gt;/</code>，决议序言部分和执行部分的段落位于 "
            "<code>resolution/preamble/&lt;段号&gt;/</code> 或 "
            "<code>resolution/operative/&lt;段号&gt;/</code>。"},
    "404.home": {EN: "Home", ZH: "首页"},
    "404.plan": {EN: "The Plan, paragraph by paragraph", ZH: "《行动计划》逐段"},
    "404.a_z": {EN: "All names, A-Z", ZH: "全部名称（拼音索引）"},
    "404.search": {EN: "Or use the search box at the top of the page, in English or Chinese.",
                   ZH: "也可以使用页面顶部的搜索框，用中文或英文搜索。"},
    "fallback_note": {EN: "This page has no Chinese version yet; the English text follows.",
                      ZH: "本页暂无中文版，以下为英文原文。"},
    # ------------------------------------------------------------------ groups of paragraphs
    "group.preamble": {EN: "Preamble of the resolution", ZH: "决议序言部分"},
    "group.operative": {EN: "Operative part of the resolution", ZH: "决议执行部分"},
    "group.general": {EN: "Annex: General", ZH: "附件：总则"},
    "part.preamble": {EN: "Preamble", ZH: "序言部分"},
    "part.operative": {EN: "Operative part", ZH: "执行部分"},
    "part.annex": {EN: "Annex (the Plan)", ZH: "附件（《行动计划》）"},
    # ------------------------------------------------------------------ home page
    "home.title": {EN: "Global Plan of Action against Trafficking in Persons",
                   ZH: "联合国打击贩运人口的全球行动计划"},
    "home.h1": {EN: "The Global Plan of Action against Trafficking in Persons",
                ZH: "联合国打击贩运人口的全球行动计划"},
    "home.description": {
        EN: "A sourced reference to every instrument, body and practice cited by the UN Global "
            "Plan of Action to Combat Trafficking in Persons ({symbol}).",
        ZH: "《联合国打击贩运人口的全球行动计划》（{symbol}）所引用的每一项文书、机构和做法的"
            "参考资料，均注明出处。"},
    "home.intro": {
        EN: "On 30 July 2010 the General Assembly adopted resolution {symbol}, the **United "
            "Nations Global Plan of Action to Combat Trafficking in Persons**. The Plan asks "
            "States, the United Nations system, other organizations and civil society to act "
            "together against trafficking, and relies throughout on earlier conventions, "
            "resolutions, mandates, bodies and regional mechanisms.\n\n"
            "This knowledge base has a page for each of those items, with its facts and sources, "
            "and a page for each paragraph of the resolution. Every entry links to the paragraphs "
            "that cite it, and every paragraph links back.\n\n",
        ZH: "2010年7月30日，大会通过第64/293号决议（{symbol}），即**《联合国打击贩运人口的全球"
            "行动计划》**。《行动计划》呼吁各国、联合国系统、其他组织和民间社会共同打击贩运人口，"
            "并在各处援引此前的公约、决议、任务授权、机构和区域机制。\n\n"
            "本知识库为其中每一项设有一页，列出有关事实及其出处；决议的每一段也各有一页。"
            "每个条目都链接到引用它的段落，每个段落也链接回这些条目。\n\n"
            "中文版的界面、条目中文摘要和非官方译名由本项目撰写；决议的中文文本照录原文。"
            "条目正文、编者注释和出处仍为英文，并标明语言。\n\n"},
    "home.pillars": {EN: "The four pillars", ZH: "四大支柱"},
    "home.pillar_paragraphs": {EN: (" ({n} paragraph of the Plan)", " ({n} paragraphs of the Plan)"),
                               ZH: "（《行动计划》{n}段）"},
    "home.find": {EN: "How to find things", ZH: "如何查找"},
    "home.find.search": {
        EN: "<strong>Search</strong> (the box at the top, or press <kbd>/</kbd>) in English or "
            "Chinese: titles, acronyms such as <em>UNTOC</em>, Chinese names such as "
            '<span lang="zh">议定书</span>, document symbols.',
        ZH: "<strong>搜索</strong>（页面顶部的搜索框，或按 <kbd>/</kbd> 键）：可用中文或英文，"
            "查找标题、中文名称（如“议定书”）、缩写（如 <em lang=\"en\">UNTOC</em>）和文件编号。"
            "中文版的搜索只查找中文版的页面。"},
    "home.find.plan": {
        EN: "<strong>{link}</strong>: every paragraph of the resolution, in Chinese and in "
            "English, with the entries each one cites.",
        ZH: "<strong>{link}</strong>：决议的每一段，中文原文和英文译文，以及每段引用的条目。"},
    "home.find.browse": {
        EN: "<strong>{browse}</strong>: entries by {pillar}, {type} and {region}, {a_z}, a "
            "{timeline} and a {matrix} of which paragraph cites what.",
        ZH: "<strong>{browse}</strong>：按{pillar}、{type}和{region}浏览条目，{a_z}，"
            "{timeline}，以及显示各段引用哪些条目的{matrix}。"},
    "home.find.pillar": {EN: "pillar", ZH: "支柱"},
    "home.find.type": {EN: "type", ZH: "类型"},
    "home.find.region": {EN: "region", ZH: "区域"},
    "home.find.a_z": {EN: "A-Z with other names", ZH: "按拼音排序的名称索引"},
    "home.find.timeline": {EN: "timeline", ZH: "时间线"},
    "home.find.matrix": {EN: "matrix", ZH: "矩阵"},
    "home.find.contributing": {
        EN: "<strong>{link}</strong>: how entries are written, checked and reviewed.",
        ZH: "<strong>{link}</strong>：条目如何撰写、检查和审核。"},
    "contributing": {EN: "Contributing", ZH: "参与贡献"},
    "home.numbers": {EN: "The corpus in numbers", ZH: "知识库数据"},
    "home.n.entries": {EN: "Entries", ZH: "条目"},
    "home.n.paragraphs": {EN: "Paragraphs of the resolution", ZH: "决议段落"},
    "home.n.cited": {EN: "Paragraphs citing at least one entry", ZH: "至少引用一个条目的段落"},
    "home.n.citations": {EN: "Citations (entry × paragraph)", ZH: "引用（条目 × 段落）"},
    "home.n.links": {EN: "Typed links between entries", ZH: "条目之间的分类链接"},
    "home.n.footnotes": {EN: "Footnotes of the resolution", ZH: "决议脚注"},
    "home.reviewed": {EN: "Most recent review: {date}.", ZH: "最近一次审核：{date}。"},
    # ------------------------------------------------------------------ the Plan's index
    "plan.h1": {EN: "The Plan: resolution {symbol}", ZH: "行动计划：第64/293号决议"},
    "plan.intro": {
        EN: "The resolution has a preamble, an operative part and an annex, the Global Plan "
            "itself. The annex opens with general provisions, then has one section per pillar. "
            "Each paragraph has its own page with the Chinese text, an English rendering, its "
            "footnotes and the entries it cites.\n\n",
        ZH: "决议由序言部分、执行部分和附件组成，附件即《全球行动计划》本身。附件先是总则，"
            "然后每个支柱各有一节。每一段都有自己的页面，载有中文原文、英文译文、脚注和该段引用的"
            "条目。\n\n"},
    "plan.title": {EN: "The Plan: every paragraph of resolution {symbol}",
                   ZH: "行动计划：第64/293号决议的每一段"},
    "plan.description": {
        EN: "Every paragraph of the resolution and its annex, the Global Plan, with the entries "
            "each one cites.",
        ZH: "决议及其附件《全球行动计划》的每一段，以及每段引用的条目。"},
    # ------------------------------------------------------------------ paragraph pages
    "para.en": {EN: "English rendering", ZH: "英文译文"},
    "para.zh": {EN: "Chinese text", ZH: "中文原文"},
    "para.no_en": {EN: "No English rendering has been written for this paragraph yet.",
                   ZH: "本段尚无英文译文。"},
    "para.translation_note": {
        EN: TRANSLATION_NOTE,  # the one the exports give too
        ZH: "英文译文由本项目根据中文文本翻译，非正式译文；正式文本以{symbol}号文件为准。"},
    "para.zh_source": {EN: "From the Chinese text of document {link}.",
                       ZH: "摘自{link}号文件的中文文本，照录原文。"},
    "para.footnotes": {EN: "Footnotes", ZH: "脚注"},
    "para.empty.named": {EN: "The paragraph names no instrument, body or text of the corpus.",
                         ZH: "本段没有提及本知识库中的任何文书、机构或文本。"},
    "para.note.named": {
        EN: "The paragraph or its footnote names these; the list is checked against the text.",
        ZH: "本段或其脚注提及以下各项；本清单已与案文核对。"},
    "para.note.relevant": {
        EN: "Not named in the paragraph: the curators judge these relevant to it, for the "
            "reason given with each.",
        ZH: "本段没有提及以下各项：编者认为它们与本段相关，理由见各项之后（英文）。"},
    "para.note.develops": {EN: "Later texts that reaffirm or develop what the paragraph asks.",
                           ZH: "重申或发展本段要求的后续文本。"},
    "para.previous": {EN: "← Previous: {link}", ZH: "← 上一段：{link}"},
    "para.next": {EN: "Next: {link} →", ZH: "下一段：{link} →"},
    "para.all": {EN: "All paragraphs", ZH: "全部段落"},
    "para.pager": {EN: "Paragraphs", ZH: "段落"},
    "para.title": {EN: "{label}: resolution {symbol}", ZH: "{label}：第64/293号决议"},
    # ------------------------------------------------------------------ entry pages
    "entry.english_title": {EN: "English title", ZH: "英文名称"},
    "entry.unofficial_title": {EN: "Unofficial rendering", ZH: "非官方译名"},
    "entry.unofficial_title_note": {
        EN: "The project's rendering: no official Chinese name could be verified.",
        ZH: "本项目的译名：尚无可查证的正式中文名称。"},
    "entry.resolution_words_note": {EN: "The words of the Chinese text of resolution 64/293.",
                                    ZH: "第64/293号决议中文文本中的称谓。"},
    "entry.summary_zh": {EN: "Chinese summary", ZH: "中文摘要"},
    "entry.summary_zh_note": {
        EN: "Written in Chinese by the project, not an official text; the English sections "
            "below are the entry's own.",
        ZH: "本摘要由本项目用中文撰写，非官方文本；以下英文部分为条目原文。"},
    "entry.no_summary_zh": {EN: "This entry has no Chinese summary yet.",
                            ZH: "本条目尚无中文摘要。"},
    "fact.short_title": {EN: "Short title", ZH: "简称"},
    "fact.title_zh": {EN: "Official Chinese title", ZH: "正式中文名称"},
    "fact.title_zh_project": {EN: "Chinese title (the project's rendering)",
                              ZH: "中文名称（本项目译名，非官方）"},
    "fact.cited_as_zh": {EN: "Words of resolution 64/293", ZH: "第64/293号决议的措辞"},
    "fact.title": {EN: "English title", ZH: "英文名称"},
    "fact.aliases": {EN: "Also known as", ZH: "又称"},
    "fact.type": {EN: "Type", ZH: "类型"},
    "fact.region": {EN: "Region", ZH: "区域"},
    "fact.adopted": {EN: "Adopted", ZH: "通过日期"},
    "fact.opened_for_signature": {EN: "Opened for signature", ZH: "开放签署日期"},
    "fact.in_force": {EN: "Entered into force", ZH: "生效日期"},
    "fact.adopted_by": {EN: "Adopted by", ZH: "通过机构"},
    "fact.place": {EN: "Place", ZH: "地点"},
    "fact.status": {EN: "Status", ZH: "状态"},
    "fact.status_since": {EN: "{status} since {date}", ZH: "{status}（自{date}起）"},
    "fact.symbol": {EN: "Document symbol", ZH: "文件编号"},
    "fact.unts": {EN: "Treaty Series", ZH: "《联合国条约汇编》"},
    "fact.unts.value": {EN: "United Nations, <i>Treaty Series</i>, vol. {volume}{number}{page}",
                        ZH: "联合国，《条约汇编》，第{volume}卷{number}{page}"},
    "fact.unts.number": {EN: ", No. {no}", ZH: "，第{no}号"},
    "fact.unts.page": {EN: ", p. {no}", ZH: "，第{no}页"},
    "fact.cets": {EN: "Council of Europe Treaty Series", ZH: "《欧洲委员会条约汇编》"},
    "fact.cets.value": {EN: "CETS No. {no}", ZH: "第{no}号（<span lang=\"en\">CETS No. {no}</span>）"},
    "fact.ilo": {EN: "ILO convention", ZH: "国际劳工组织公约"},
    "fact.ilo.value": {EN: "No. {no}", ZH: "第{no}号"},
    "fact.oj": {EN: "Official Journal of the EU", ZH: "《欧洲联盟公报》"},
    "fact.url": {EN: "Official link", ZH: "官方链接"},
    "status.active": {EN: "Active", ZH: "有效"},
    "status.concluded": {EN: "Concluded", ZH: "已结束"},
    "status.succeeded": {EN: "Succeeded", ZH: "已被取代"},
    "entry.in_the_plan": {EN: "In the Global Plan", ZH: "在《全球行动计划》中"},
    "entry.plan.named": {EN: ("named in {n} paragraph of resolution {symbol}",
                              "named in {n} paragraphs of resolution {symbol}"),
                         ZH: "第64/293号决议有{n}段提及"},
    "entry.plan.relevant": {EN: ("judged relevant by the curators to {n} other",
                                 "judged relevant by the curators to {n} others"),
                            ZH: "编者认为与另外{n}段相关"},
    "entry.plan.develops": {EN: ("develops {n} paragraph", "develops {n} paragraphs"),
                            ZH: "发展{n}段"},
    "entry.plan.none": {EN: "linked to no paragraph", ZH: "没有与任何段落关联"},
    "entry.plan.sep": {EN: "; ", ZH: "；"},
    "entry.plan.note": {
        EN: "The English renderings are the project's own and unofficial; the Chinese text is "
            "the resolution's.",
        ZH: "中文为决议原文；英文译文由本项目翻译，非正式译文；编者的说明为英文。"},
    "entry.related": {EN: "Related entries", ZH: "相关条目"},
    "entry.see_also": {EN: "See also", ZH: "另见"},
    "entry.sources": {EN: "Sources", ZH: "出处"},
    "entry.accessed": {EN: " (accessed {date})", ZH: "（访问日期：{date}）"},
    "entry.supports": {EN: ". Supports: {facts}", ZH: "。支持的事实：{facts}"},
    "entry.not_verified": {EN: "Not verified:", ZH: "尚未核实（英文说明）："},
    "entry.reviewed": {EN: "Last reviewed {date}.", ZH: "最近审核：{date}。"},
    # The entry's own sections (the schema's x-types sections): headings shown in Chinese.
    "section.Summary": {EN: "Summary", ZH: "摘要（英文）"},
    "section.Holding": {EN: "Holding", ZH: "判决要旨（英文）"},
    "section.What good practice involves": {EN: "What good practice involves",
                                            ZH: "良好做法的内容（英文）"},
    "section.Common pitfalls": {EN: "Common pitfalls", ZH: "常见问题（英文）"},
    "section.Standards": {EN: "Standards", ZH: "所依据的标准（英文）"},
    "section.Further reading": {EN: "Further reading", ZH: "延伸阅读（英文）"},
    # What a source supports, in "Supports: ..." (the schema's fact fields).
    "supports.title": {EN: "title", ZH: "标题"},
    "supports.title_zh": {EN: "Chinese name", ZH: "中文名称"},
    "supports.short_title": {EN: "short title", ZH: "简称"},
    "supports.aliases": {EN: "other names", ZH: "其他名称"},
    "supports.adopted": {EN: "adoption date", ZH: "通过日期"},
    "supports.opened_for_signature": {EN: "opening for signature", ZH: "开放签署"},
    "supports.in_force": {EN: "entry into force", ZH: "生效"},
    "supports.adopted_by": {EN: "adopting body", ZH: "通过机构"},
    "supports.place": {EN: "place", ZH: "地点"},
    "supports.status": {EN: "status", ZH: "状态"},
    "supports.citation.symbol": {EN: "document symbol", ZH: "文件编号"},
    "supports.citation.unts": {EN: "Treaty Series citation", ZH: "《条约汇编》出处"},
    "supports.citation.cets": {EN: "CETS number", ZH: "CETS编号"},
    "supports.citation.ilo": {EN: "ILO number", ZH: "劳工组织公约编号"},
    "supports.url": {EN: "official link", ZH: "官方链接"},
    "supports.plan_refs": {EN: "paragraphs of the Plan", ZH: "《行动计划》段落"},
    "supports.related": {EN: "related entries", ZH: "相关条目"},
    "supports.body": {EN: "summary", ZH: "摘要"},
    "supports.provisions": {EN: "key provisions", ZH: "主要条款"},
    "supports.citation.number": {EN: "number", ZH: "编号"},
    "supports.citation.oj": {EN: "Official Journal reference", ZH: "《欧洲联盟公报》出处"},
    "supports.citation.celex": {EN: "CELEX number", ZH: "CELEX编号"},
    "supports.case.court": {EN: "court", ZH: "法院"},
    "supports.case.decided": {EN: "date of judgment", ZH: "判决日期"},
    "supports.case.number": {EN: "case number", ZH: "案号"},
    "supports.case.parties": {EN: "parties", ZH: "当事方"},
    "supports.case.ecli": {EN: "ECLI", ZH: "欧洲判例法识别码（ECLI）"},
    # ------------------------------------------------------------------ Cite this
    "cite.missing": {EN: "<strong>{style}</strong>: not available: the entry does not give "
                         "{missing}.",
                     ZH: "<strong>{style}</strong>：无法提供：本条目尚未提供{missing}。"},
    "cite.missing_sep": {EN: " or ", ZH: "、"},
    "cite.download": {EN: "Download: {links}", ZH: "下载：{links}"},
    "cite.style.un": {EN: "United Nations style", ZH: "联合国格式（英文）"},
    "cite.style.un.zh": {EN: "United Nations style (Chinese)", ZH: "联合国格式（中文）"},
    "cite.style.oscola": {EN: "OSCOLA", ZH: "OSCOLA（英文）"},
    "cite.download_list": {EN: "Download this list: {links}", ZH: "下载本清单：{links}"},
    # ------------------------------------------------------------------ browse pages
    "browse.description": {EN: "Ways into the knowledge base: {pages}.",
                           ZH: "进入本知识库的途径：{pages}。"},
    "browse.no_entries_type": {EN: "No entry of this type yet.", ZH: "尚无此类型的条目。"},
    "browse.no_entries_region": {EN: "No entry for this region yet.", ZH: "尚无此区域的条目。"},
    "all.h1": {EN: "All entries", ZH: "全部条目"},
    "all.intro": {
        EN: "{count}, by title. “Paragraphs” counts the paragraphs of resolution {symbol} that "
            "cite each.\n\n",
        ZH: "共{count}，按中文名称的拼音排序。“段落数”是第64/293号决议中引用该条目的段落数。\n\n"},
    "all.description": {EN: "Every entry of the knowledge base, by title.",
                        ZH: "本知识库的全部条目，按名称排序。"},
    "pillars.h1": {EN: "By pillar and section", ZH: "按支柱和章节"},
    "pillars.intro": {
        EN: "The Plan is organised around four pillars: prevention, protection of victims, "
            "prosecution and partnership. For each part of the resolution and each section of "
            "the Plan: its paragraphs, then the entries they cite, most cited first.\n\n",
        ZH: "《行动计划》围绕四大支柱展开：预防、保护受害者、起诉和伙伴关系。以下按决议各部分和"
            "《行动计划》各节列出其段落，然后列出这些段落引用的条目，被引用最多的在前。\n\n"},
    "pillars.paragraphs": {EN: "Paragraphs: {list}.", ZH: "段落：{list}。"},
    "pillars.none": {EN: "No entry is cited here yet.", ZH: "这里尚未引用任何条目。"},
    "pillars.description": {
        EN: "The parts and pillars of the Global Plan and the entries each one cites.",
        ZH: "《全球行动计划》的各部分和支柱，以及各自引用的条目。"},
    "types.h1": {EN: "By type", ZH: "按类型"},
    "types.description": {
        EN: "Entries by type: conventions, resolutions, declarations, mandates, bodies, "
            "practices and more.",
        ZH: "按类型浏览条目：公约、决议、宣言、任务授权、机构、做法等。"},
    "regions.h1": {EN: "By region", ZH: "按区域"},
    "regions.description": {
        EN: "Entries by region and subregion: global instruments, then regional and "
            "subregional ones.",
        ZH: "按区域和次区域浏览条目：先是全球性文书，然后是区域和次区域文书。"},
    "a_z.h1": {EN: "A-Z", ZH: "按拼音排序"},
    "a_z.intro": {
        EN: "Every title, short title and other name (acronyms, popular names), then the "
            "Chinese names as resolution 64/293 gives them.\n\n",
        ZH: "每个条目的中文名称（正式名称、本项目译名、决议中的称谓和常用中文名称），"
            "按汉语拼音排序；其后是英文名称和缩写。\n\n"},
    "a_z.see": {EN: "{name}: see {entry}", ZH: "{name}：见{entry}"},
    # The other language's names, after the letters: Chinese names in English, and back.
    "a_z.other_lang": {EN: "Chinese names", ZH: "英文名称和缩写"},
    "a_z.other_lang_jump": {EN: "中文", ZH: "英文"},
    "a_z.other_lang_none": {EN: "No Chinese names yet.", ZH: "尚无英文名称。"},
    "a_z.description": {
        EN: "Every title, short title, acronym and Chinese name in the knowledge base, in "
            "alphabetical order.",
        ZH: "本知识库中的每个中文名称，按汉语拼音排序，以及英文名称和缩写。"},
    "timeline.h1": {EN: "Timeline", ZH: "时间线"},
    "timeline.intro": {
        EN: "{count} with an adoption or launch date, oldest first; {undated} without one are "
            "left out. The Global Plan itself was adopted on 30 July 2010.\n\n",
        ZH: "{count}有通过或启动日期，按时间先后排列；另有{undated}个没有日期，未列入。"
            "《全球行动计划》本身于2010年7月30日通过。\n\n"},
    "timeline.decade": {EN: "{decade}s", ZH: "{decade}年代"},
    "timeline.in_force": {EN: "; in force {date}", ZH: "；{date}生效"},
    "timeline.description": {
        EN: "Adoption dates of the instruments, bodies and initiatives the Global Plan relies "
            "on, oldest first.",
        ZH: "《全球行动计划》所依托的文书、机构和倡议的通过日期，按时间先后排列。"},
    "matrix.h1": {EN: "Matrix: paragraphs × entries", ZH: "矩阵：段落 × 条目"},
    "matrix.intro": {
        EN: "Which paragraph of the resolution cites which entry: a grid of entries and "
            "paragraphs, then the same links as lists, [by entry](#by-entry) and "
            "[by paragraph](#by-paragraph). On a narrow screen the lists take the place of the "
            "grid.\n\n",
        ZH: "决议的哪一段引用了哪个条目：先是条目和段落的网格，然后以列表列出同样的链接，"
            "[按条目](#by-entry)和[按段落](#by-paragraph)。在窄屏幕上，列表代替网格。\n\n"},
    "matrix.description": {
        EN: "Which paragraph of resolution 64/293 cites which entry, at a glance.",
        ZH: "一目了然：第64/293号决议的哪一段引用了哪个条目。"},
    "matrix.by_entry": {EN: "By entry", ZH: "按条目"},
    "matrix.by_paragraph": {EN: "By paragraph", ZH: "按段落"},
    "matrix.aria": {EN: "Matrix of {paras} paragraphs and {entries} entries",
                    ZH: "{paras}个段落和{entries}个条目的矩阵"},
    "matrix.group.preamble": {EN: "PP", ZH: "序"},
    "matrix.group.operative": {EN: "OP", ZH: "执"},
    "matrix.group.general": {EN: "Plan", ZH: "总则"},
    "matrix.group.prevention": {EN: "I", ZH: "一"},
    "matrix.group.protection": {EN: "II", ZH: "二"},
    "matrix.group.prosecution": {EN: "III", ZH: "三"},
    "matrix.group.partnership": {EN: "IV", ZH: "四"},
    "timeline.aria": {EN: "Entries adopted per year", ZH: "每年通过的条目数"},
    # The Browse page's list and the navigation (indexer/site/pages/browse.py REGISTRY).
    "nav.entries/index.md": {EN: "All entries", ZH: "全部条目"},
    "nav.browse/pillars.md": {EN: "By pillar", ZH: "按支柱"},
    "nav.browse/types.md": {EN: "By type", ZH: "按类型"},
    "nav.browse/regions.md": {EN: "By region", ZH: "按区域"},
    "nav.browse/a-z.md": {EN: "A-Z", ZH: "拼音索引"},
    "nav.browse/timeline.md": {EN: "Timeline", ZH: "时间线"},
    "nav.browse/matrix.md": {EN: "Matrix", ZH: "矩阵（英文）"},
    "blurb.entries/index.md": {EN: "every entry by title, with its type, region and year",
                               ZH: "全部条目及其类型、区域和年份"},
    "blurb.browse/pillars.md": {
        EN: "the preamble, the operative part, and each section of the Plan with what it cites",
        ZH: "序言部分、执行部分和《行动计划》各节及其引用的条目"},
    "blurb.browse/types.md": {EN: "conventions, resolutions, mandates, bodies, practices…",
                              ZH: "公约、决议、任务授权、机构、做法……"},
    "blurb.browse/regions.md": {EN: "global, regional and subregional instruments and mechanisms",
                                ZH: "全球、区域和次区域文书和机制"},
    "blurb.browse/a-z.md": {EN: "every title, short title, acronym and Chinese name",
                            ZH: "按汉语拼音排列的全部中文名称，以及英文名称和缩写"},
    "blurb.browse/timeline.md": {EN: "adoption dates, from the oldest to the newest",
                                 ZH: "通过日期，从最早到最近"},
    "blurb.browse/matrix.md": {EN: "which paragraph of the resolution cites which entry",
                               ZH: "决议的哪一段引用了哪个条目"},
    # ------------------------------------------------------------------ comparison pages
    # site/pages/compare.py: one page per compared topic, and their index.
    "nav.browse/compare/index.md": {EN: "Compare", ZH: "比较"},
    "blurb.browse/compare/index.md": {
        EN: "what each instrument provides on one topic, binding or not, with the Plan's asks",
        ZH: "各文书在同一主题上的规定、是否具有约束力，以及《行动计划》的相关要求"},
    "provision_n": {EN: ("{n} provision", "{n} provisions"), ZH: "{n}项条款"},
    "text_n": {EN: ("{n} text", "{n} texts"), ZH: "{n}份文书"},
    "ask_n": {EN: ("{n} ask", "{n} asks"), ZH: "{n}项要求"},
    "practice_n": {EN: ("{n} practice", "{n} practices"), ZH: "{n}项最佳做法"},
    "practices": {EN: "Practices", ZH: "最佳做法"},  # the type's Chinese label in the schema
    "compare.h1": {EN: "Compare instruments by topic", ZH: "按主题比较文书"},
    "compare.intro": {
        EN: "Each page compares what the instruments in this knowledge base provide on one "
            "topic: the article, what it provides, whether it binds and where it applies; then "
            "the asks of the Plan whose own words name the topic, and the practices that serve "
            "them. Everything comes from the entries' provisions data; each table can be "
            "downloaded as CSV.",
        ZH: "每一页就一个主题比较本知识库中各文书的规定：条款、规定内容、是否具有约束力以及适用"
            "范围；然后列出《行动计划》中原文提及该主题的各项要求，以及服务于这些要求的最佳做法。"
            "所有内容均取自条目的条款数据，条款概述为英文；每个表格均可下载为CSV文件。"},
    "compare.description": {EN: "What each instrument provides on a topic, side by side.",
                            ZH: "并列比较各文书在同一主题上的规定。"},
    "compare.counts": {EN: "{provisions} in {texts}; {asks} of the Plan; {practices}",
                       ZH: "{texts}中的{provisions}；《行动计划》的{asks}；{practices}"},
    "compare.title": {EN: "Compare: {topic}", ZH: "比较：{topic}"},
    "compare.page_description": {
        EN: "What each instrument provides on {topic}, binding or not, and what the Global "
            "Plan asks.",
        ZH: "各文书关于“{topic}”的规定、是否具有约束力，以及《全球行动计划》的相关要求。"},
    "compare.page_intro": {
        EN: "{provisions} in {texts} are on this topic, binding first, then global before "
            "regional, oldest first. Binding follows the entry's type (conventions bind, other "
            "texts do not) unless the provision says otherwise, as a treaty's “shall consider” "
            "clause does. The summaries are the project's own words; the article links lead to "
            "each text's key provisions and sources.",
        ZH: "本主题下有{texts}中的{provisions}，有约束力的在先，全球性文书先于区域性文书，"
            "较早的在先。是否具有约束力取决于条目的类型（公约具有约束力，其他文本没有），"
            "除非条款本身另有规定，例如条约中“应考虑”一类的条款。条款概述由本项目以英文撰写；"
            "条款链接指向各文本的主要条款及其出处。"},
    "compare.download": {EN: "Download this table: ", ZH: "下载本表格："},
    "compare.csv": {EN: "CSV", ZH: "CSV文件"},
    "compare.provisions": {EN: "What each instrument provides", ZH: "各文书的规定"},
    "compare.none": {EN: "No provision in the knowledge base is on this topic yet.",
                     ZH: "本知识库中尚无关于本主题的条款。"},
    "compare.plan_intro": {
        EN: "The asks of the Plan whose own words name this topic. Under each: how the "
            "paragraph is linked to the texts compared here (named in it, judged relevant by "
            "the curators, or a later text that develops it), and the articles the knowledge "
            "base links to the ask itself.",
        ZH: "以下是《行动计划》中原文提及本主题的各项要求。每项要求之下列出：该段与此处所比较"
            "文本的关联（段落本身提及、编者认为相关，或是发展该段的后续文本），以及本知识库与该项"
            "要求本身关联的条款。"},
    "compare.no_asks": {EN: "No ask of the Plan names this topic in its own words.",
                        ZH: "《行动计划》中没有任何一项要求在原文中提及本主题。"},
    "compare.speaks": {EN: "{para} speaks of this topic but asks nothing: {note}",
                       ZH: "{para}谈及本主题，但没有提出要求：{note}"},
    "compare.in_checklist": {EN: "in the checklist", ZH: "见核对清单"},
    "compare.named": {EN: "Names: ", ZH: "本段提及："},
    "compare.relevant": {EN: "Judged relevant by the curators: ", ZH: "编者认为相关："},
    "compare.develops": {EN: "Later texts that develop it: ", ZH: "发展本段的后续文本："},
    "compare.linked": {EN: "Articles linked to this ask: ", ZH: "与该项要求关联的条款："},
    "compare.nothing_linked": {EN: "None of the texts compared here is linked to this paragraph.",
                               ZH: "此处比较的文本均未与本段关联。"},
    "compare.practices_intro": {EN: "Practice entries that serve an ask on this topic.",
                                ZH: "服务于本主题某项要求的最佳做法条目。"},
    "compare.no_practices": {EN: "No practice entry serves an ask on this topic yet.",
                             ZH: "尚无服务于本主题任何要求的最佳做法条目。"},
    "compare.serves": {EN: "serves {links}", ZH: "服务于{links}"},
    "compare.links_paras": {EN: "links {paras}", ZH: "关联{paras}"},
    "compare.back": {EN: "All comparisons", ZH: "全部比较"},
    # The comparison table's columns (also the labels of a card's cells on a phone).
    "compare.col.instrument": {EN: "Instrument", ZH: "文书"},
    "compare.col.provision": {EN: "Provision", ZH: "条款"},
    "compare.col.provides": {EN: "What it provides", ZH: "规定内容"},
    "compare.col.binding": {EN: "Binding", ZH: "约束力"},
    "compare.col.region": {EN: "Region", ZH: "区域"},
    # ------------------------------------------------------------------ checklist pages
    # site/pages/checklist.py: one page per part of the Plan, and their index.
    "nav.browse/checklist/index.md": {EN: "Checklist", ZH: "核对清单"},
    "blurb.browse/checklist/index.md": {
        EN: "the Plan's asks, pillar by pillar, with the instruments, articles and practices "
            "linked to each, as tables to fill in",
        ZH: "《行动计划》按支柱列出的各项要求及其关联的文书、条款和最佳做法，可作为表格填写"},
    "checklist.h1": {EN: "The Plan as a checklist", ZH: "《行动计划》核对清单"},
    # HTML: the command is code.
    "checklist.intro": {
        EN: "Each operative paragraph and each paragraph of the annex is broken into the asks "
            "it makes: who is asked, the verb as the resolution uses it, and what. One page per "
            "pillar shows each ask with what the knowledge base links to it; the same table "
            "downloads as CSV with empty columns for a country's status and notes "
            "(<code>tipkb checklist</code> gives it in Markdown or in Chinese too).",
        ZH: "决议执行部分和附件的每一段都拆分为其提出的各项要求：向谁提出、决议所用的动词，以及"
            "要求做什么。每个支柱一页，列出每项要求以及本知识库与之关联的内容；同一表格可下载为"
            "CSV文件，其中留有填写本国现状和备注的空栏（命令 <code>tipkb checklist</code> 还可"
            "生成 <span lang=\"en\">Markdown</span> 格式或中文的表格）。"},
    "checklist.description": {
        EN: "The Global Plan's asks, pillar by pillar, as checklists to fill in.",
        ZH: "《全球行动计划》按支柱列出的各项要求，作为可填写的核对清单。"},
    "checklist.index_item": {EN: "{asks} in {paras}", ZH: "{paras}，{asks}"},
    "checklist.title": {EN: "Checklist: {part}", ZH: "核对清单：{part}"},
    "checklist.page_description": {
        EN: "Every ask of {scope}, with the instruments, articles and practices linked to it.",
        ZH: "{scope}的每一项要求，以及与之关联的文书、条款和最佳做法。"},
    "checklist.page_intro": {
        EN: "{asks} of {scope}, in the Plan's order. Under each ask, kept apart: the entries "
            "the paragraph names; the entries and articles the knowledge base links to the ask "
            "itself; the articles whose topic the ask's own words name (a match of topics, not "
            "a judgement that the article answers the ask); and the practices that serve it. "
            "The English renderings are the project's own; the Chinese words are the "
            "resolution's.",
        ZH: "{scope}共有{asks}，按《行动计划》的顺序排列。每项要求之下分别列出：段落本身提及的"
            "条目；本知识库与该项要求本身关联的条目和条款；要求原文提及的主题下的条款（仅为主题"
            "相同，并非认定该条款回应了该项要求）；以及服务于该项要求的最佳做法。中文为决议原文；"
            "英文表述由本项目撰写。"},
    "checklist.download": {EN: "Download the table to fill in (status and notes): ",
                           ZH: "下载待填写的表格（本国现状和备注）："},
    "checklist.csv_en": {EN: "CSV", ZH: "CSV（英文）"},
    "checklist.csv_zh": {EN: "CSV in Chinese", ZH: "CSV（中文）"},
    "checklist.asks_nothing": {EN: "Asks nothing: ", ZH: "本段没有提出要求："},
    "checklist.ask_head": {EN: "Ask {number} of {para}", ZH: "{para}第{number}项要求"},
    "checklist.named": {EN: "Named in the paragraph", ZH: "本段提及"},
    "checklist.linked_entries": {EN: "Linked to this ask", ZH: "与该项要求关联的条目"},
    "checklist.linked_provisions": {EN: "Articles linked to this ask", ZH: "与该项要求关联的条款"},
    "checklist.same_topic": {EN: "Articles on the same topic", ZH: "同一主题的条款"},
    "checklist.nothing": {
        EN: "Nothing in the knowledge base is linked to this ask yet, and its words name no "
            "topic of the vocabulary.",
        ZH: "本知识库中尚无与该项要求关联的内容，其原文也没有提及词汇表中的任何主题。"},
    "checklist.back": {EN: "All checklists", ZH: "全部核对清单"},
    # Who an ask is addressed to (corpus/plan/asks.yaml, ADDRESSEES in indexer/corpus/asks.py);
    # the words of the resolution's Chinese text.
    "addressee.states": {EN: "States", ZH: "各国"},
    "addressee.un-system": {EN: "United Nations system", ZH: "联合国系统"},
    "addressee.unodc": {EN: "UNODC", ZH: "联合国毒品和犯罪问题办公室"},
    "addressee.secretary-general": {EN: "Secretary-General", ZH: "秘书长"},
    "addressee.general-assembly": {EN: "General Assembly", ZH: "大会"},
    "addressee.international-organizations": {EN: "International organizations",
                                              ZH: "国际组织"},
    "addressee.civil-society": {EN: "Civil society", ZH: "民间社会"},
    "addressee.private-sector": {EN: "Private sector", ZH: "私营部门"},
    "addressee.all": {EN: "All", ZH: "所有各方"},
    # ------------------------------------------------------------------ key provisions (entry pages)
    "prov.key_provisions": {EN: "Key provisions", ZH: "主要条款"},
    "prov.key_intro": {
        EN: "What the text provides, article by article, in the project's own words; the "
            "source of each is listed under Sources.",
        ZH: "逐条概述该文书的规定，概述由本项目以英文撰写；各条的出处列于“出处”一节。"},
    "prov.binding": {EN: "Binding", ZH: "有约束力"},
    "prov.not_binding": {EN: "Not binding", ZH: "无约束力"},
    "prov.treaty_clause": {EN: "Not binding: a clause the treaty does not make an obligation",
                           ZH: "无约束力：条约未将该条款规定为义务"},
    "prov.topics": {EN: "Topics: ", ZH: "主题："},
    "prov.serves": {EN: "Linked to the Plan's asks: ", ZH: "关联的《行动计划》要求："},
    "prov.source": {EN: "Source: ", ZH: "出处："},
    "prov.compared_on": {EN: "Compared on: ", ZH: "比较主题："},
    "prov.compared_tail": {EN: " (what each instrument provides on the topic, side by side).",
                           ZH: "（并列比较各文书在该主题上的规定）。"},
    "prov.ask": {EN: "{para}, ask {number}", ZH: "{para}第{number}项要求"},
    # An article with its text's name, in a list of articles of several texts.
    "prov.entry_article": {EN: "{entry}, {article}", ZH: "{entry}{article}"},
    "since_2010": {EN: "Since 2010", ZH: "2010年以后"},
    "timeline.caption": {
        EN: "Entries by year of adoption, {first} to {last}: {total} in all, most in the "
            "{decade} ({count}).",
        ZH: "按通过年份统计的条目，{first}年至{last}年：共{total}个，{decade}最多（{count}个）。"},
    "timeline.decades": {EN: "Decades", ZH: "年代"},
    "home.in_corpus": {EN: "In the corpus", ZH: "知识库"},
    "entry.recognised_mark": {
        EN: ' <span class="tipkb-recognised">(publisher\u2019s source only: '
            '<a href="#sources">see Sources</a>)</span>',
        ZH: ' <span class="tipkb-recognised">（仅有出版方来源：<a href="#sources">见“出处”</a>）</span>'},
    "entry.recognised_note": {
        EN: "No official copy was found for: {facts}. These rest only on the recognised "
            "publishers listed above; check them against the official text before quoting them.",
        ZH: "以下事实未找到官方文本：{facts}。这些事实仅依据上列公认出版方的资料，引用前请与官方文本核对。"},
    # ------------------------------------------------------------------ the search box
    # overrides/partials/search.html and docs/assets/javascripts/tipkb-search.js
    "search.dialog": {EN: "Search the knowledge base", ZH: "搜索知识库"},
    "search.region": {EN: "Entries and the resolution", ZH: "条目和决议"},
    "search.input": {EN: "Search entries and the resolution", ZH: "搜索条目和决议"},
    "search.placeholder": {EN: "Search", ZH: "搜索"},
    "search.close": {EN: "Close search", ZH: "关闭搜索"},
    "search.options": {EN: "Search options", ZH: "搜索选项"},
    "search.clear": {EN: "Clear the search", ZH: "清除搜索"},
    "search.filters": {EN: "Filter the results", ZH: "筛选结果"},
    "search.type": {EN: "Type", ZH: "类型"},
    "search.region_facet": {EN: "Region", ZH: "区域"},
    "search.pillar": {EN: "Pillar", ZH: "支柱"},
    "search.scope": {EN: "Scope", ZH: "范围"},
    "search.any": {EN: "any", ZH: "全部"},
    "search.results": {EN: "Search results", ZH: "搜索结果"},
    "search.more": {EN: "More results", ZH: "更多结果"},
    "search.kind.entry": {EN: "Entry", ZH: "条目"},
    "search.kind.paragraph": {EN: "Resolution text", ZH: "决议案文"},
    "search.kind.page": {EN: "Page", ZH: "页面"},
    "search.kind.contributing": {EN: "For contributors", ZH: "供贡献者参考"},
    "search.idle": {EN: "Type to search entries and the resolution", ZH: "输入词语，搜索条目和决议"},
    "search.unavailable": {EN: "Search is not available: ", ZH: "无法搜索："},
    "search.none": {EN: "No result for “{q}”", ZH: "没有找到“{q}”的结果"},
    "search.count": {EN: ("{n} result", "{n} results"), ZH: "{n}个结果"},
    "search.corrected": {EN: " for “{q}”", ZH: "（“{q}”）"},
    "search.some_full": {EN: " (some with every word)", ZH: "（部分结果包含全部词语）"},
    "search.none_full": {EN: " (none with every word)", ZH: "（没有结果包含全部词语）"},
}


class MissingString(KeyError):
    """A key that is not in STRINGS, or has no text in the language asked for."""


def t(key: str, lang: str = EN, n: int | None = None, **fmt: object) -> str:
    """The string ``key`` in ``lang``, formatted with ``fmt`` (and ``n`` for counted words)."""
    try:
        value = STRINGS[key][lang]
    except KeyError:
        raise MissingString(f"no {lang!r} text for interface string {key!r}") from None
    if isinstance(value, tuple):
        value = value[0] if n == 1 else value[1]
    if n is not None:
        fmt["n"] = n
    return value.format(**fmt) if fmt else value


def has(key: str, lang: str) -> bool:
    """Whether ``key`` has a non-empty text in ``lang`` (some keys are for one edition only)."""
    return bool(STRINGS.get(key, {}).get(lang))


def lang_of(theme_language: str | None) -> str:
    """The edition of an MkDocs build from its theme.language (zh, zh-Hans... -> zh)."""
    code = (theme_language or DEFAULT_LANG).split("-")[0].lower()
    return code if code in LANGS else DEFAULT_LANG


# ------------------------------------------------------------------ sorting Chinese names

_LEADING = "\"'“‘(«（《〈「『【"


@lru_cache(maxsize=4096)
def pinyin_key(name: str) -> str:
    """A sort key that orders Chinese names by their pinyin (with tones, then the characters,
    so homophones stay apart and the order is total); Latin text sorts as itself."""
    from pypinyin import Style, lazy_pinyin

    text = name.lstrip(_LEADING)
    syllables = lazy_pinyin(text, style=Style.TONE3, errors="default")
    return " ".join(s.casefold() for s in syllables if s.strip()) + "\x00" + text


def pinyin_letter(name: str) -> str:
    """The A-Z letter a name files under by its pinyin: 'L' for 联合国..., '0-9' for digits,
    '#' for anything else."""
    first = pinyin_key(name)[:1].upper()
    if first.isdigit():
        return "0-9"
    return first if re.match("[A-Z]", first) else "#"


# ------------------------------------------------------------------ the search box's script

SEARCH_KINDS = ("entry", "paragraph", "page", "contributing")


def search_words(lang: str, values: dict[str, dict[str, str]]) -> dict:
    """What docs/assets/javascripts/tipkb-search.js says, in ``lang`` (it reads them from the
    box's data-words attribute): status lines with their {q} and {n} left for the script,
    result kinds, and ``values``, the labels of facet values (facet -> value -> label)."""
    count = STRINGS["search.count"][lang]
    return {
        "idle": t("search.idle", lang),
        "unavailable": t("search.unavailable", lang),
        "none": STRINGS["search.none"][lang],
        "count": list(count) if isinstance(count, tuple) else count,
        "corrected": STRINGS["search.corrected"][lang],
        "someFull": t("search.some_full", lang),
        "noneFull": t("search.none_full", lang),
        # The line under a result's title: the Chinese name in English, the English in Chinese.
        "subtitleLang": HTML_LANG[EN] if lang == ZH else HTML_LANG[ZH],
        "kind": {k: t(f"search.kind.{k}", lang) for k in SEARCH_KINDS},
        "scope": dict(values.get("scope", {})),
        "values": values,
    }


# ------------------------------------------------------------------ pages without Chinese text yet

# Generated pages that have no Chinese text yet (the matrix, with its own words in
# site/matrix.py): the Chinese edition has them at the same paths, rendered in English, marked
# lang="en" under a note that says so.
ENGLISH_ONLY = ("browse/matrix.md",)


def english_only(src: str) -> bool:
    """Whether the generated page at ``src`` is in English in every edition."""
    return src.startswith(ENGLISH_ONLY)
